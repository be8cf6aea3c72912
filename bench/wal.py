#!/usr/bin/env python3
"""bench/wal.py - how big SQLite's write-ahead log grows while a province-wide list holds its
read snapshot (ent_scan's read unit: a deferred transaction from the set to the last read), with
writes going on beside it on a second connection.

usage: bench/wal.py [path/to/nct]

Makes a store with nct init and a synthetic register of BENCH_PEOPLE older people in Quảng Ngãi
(51) (bench/entitlements-gen.sql, as bench/entitlements.sh), then, with a writer on a connection
of its own committing BENCH_WAL_RATE small writes a second (each an audit row and a person's
row changed, as a domain write is; SQLite's default auto-checkpoint of 1,000 pages, as nct's own
connections checkpoint after their commits):
  1. the writer alone for as long as one list takes: the WAL's largest size (the floor: the
     checkpoint resets the log every ~1,000 pages);
  2. the writer beside one `nct worklists --place 51` (both work lists by name, one read unit):
     the WAL's largest size, and what is left after the list ended and the next checkpoint ran;
  3. the writer beside lists that overlap (two loops of `nct worklists`, the second started half
     a list later, for BENCH_WAL_SECONDS): some snapshot is always open, so no checkpoint can
     reset the log: its size each tenth of the run.
Prints each with the lists' wall and CPU time and the load average, and writes them to the
`## wal.py` section of bench/RESULTS.md (BENCH_RESULTS). Figures only; no target.

Environment: BENCH_PEOPLE (default 200000), BENCH_WAL_RATE (commits a second, default 50),
BENCH_WAL_SECONDS (default 60), BENCH_RESULTS (default bench/RESULTS.md).
"""
import os
import re
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NCT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build", "nct")
N = int(os.environ.get("BENCH_PEOPLE", "200000"))
RATE = float(os.environ.get("BENCH_WAL_RATE", "50"))
SECONDS = float(os.environ.get("BENCH_WAL_SECONDS", "60"))
RESULTS = os.environ.get("BENCH_RESULTS", os.path.join(ROOT, "bench", "RESULTS.md"))
DATE = "2026-01-15"
MIB = 1 << 20


def load():
    with open("/proc/loadavg") as f:
        return f.read().split()[0]


class Writer(threading.Thread):
    """Commits RATE small writes a second on a connection of its own until stopped, and
    samples the WAL's size after each commit and every 50 ms."""

    def __init__(self, db):
        super().__init__(daemon=True)
        self.db, self.wal = db, db + "-wal"
        self.halt = threading.Event()
        self.commits, self.largest = 0, 0
        self.ids = None

    def size(self):
        try:
            return os.path.getsize(self.wal)
        except OSError:
            return 0

    def run(self):
        con = sqlite3.connect(self.db, isolation_level=None, timeout=30)
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=NORMAL")
        lo, hi = con.execute("SELECT MIN(id), MAX(id) FROM persons").fetchone()
        step, nxt, k = 1.0 / RATE, time.monotonic(), 0
        while not self.halt.is_set():
            k += 1
            pid = lo + (k * 7919) % (hi - lo + 1)
            con.execute("BEGIN IMMEDIATE")
            con.execute("UPDATE persons SET hardship = 1 - hardship WHERE id = ?", (pid,))
            con.execute("INSERT INTO audit (at, user_id, username, addr, action, entity,"
                        " entity_id, old_value, new_value) VALUES (?, 1, 'bench', '127.0.0.1',"
                        " 'update', 'person', ?, ?, ?)",
                        ("2026-01-15T10:00:00+07:00", str(pid), '{"hardship":%d}' % (k % 2),
                         '{"hardship":%d,"note":"%s"}' % (1 - k % 2, "x" * 120)))
            con.execute("COMMIT")
            self.commits += 1
            self.largest = max(self.largest, self.size())
            nxt += step
            while not self.halt.is_set() and time.monotonic() < nxt:
                self.largest = max(self.largest, self.size())
                time.sleep(min(0.05, max(0.0, nxt - time.monotonic())))
        con.close()

    def stop(self):
        self.halt.set()
        self.join()


def timed(cmd):
    """Runs cmd: (wall s, CPU s of the process)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.monotonic()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    wall = time.monotonic() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def lists(db):
    return [NCT, "worklists", "--db", db, "--place", "51", "--date", DATE]


def main():
    tmp = tempfile.mkdtemp(prefix="nct-wal.")
    db = os.path.join(tmp, "bench.db")
    rows, notes = [], []
    try:
        subprocess.run([NCT, "init", "--db", db], check=True, stdout=subprocess.DEVNULL)
        with open(os.path.join(ROOT, "bench", "entitlements-gen.sql")) as f:
            gen = f.read().replace("{{N}}", str(N))
        con = sqlite3.connect(db, isolation_level=None)
        con.executescript(gen)
        people = con.execute("SELECT COUNT(*) FROM persons").fetchone()[0]
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.close()
        print("wal.py: %d persons; writer %.0f commits/s; load %s" % (people, RATE, load()))

        wall, cpu = timed(lists(db))  # warm, and how long one list takes
        wall, cpu = timed(lists(db))
        rows.append(("one `nct worklists --place 51`, alone", "%.2f" % wall, "%.2f" % cpu,
                     "", "", load()))

        w = Writer(db)  # 1. the writer alone, as long as a list
        w.start()
        time.sleep(max(wall, 5.0))
        w.stop()
        rows.append(("writer alone, %.0f s" % max(wall, 5.0), "", "", w.commits,
                     "%.1f" % (w.largest / MIB), load()))

        w = Writer(db)  # 2. beside one list
        w.start()
        time.sleep(1.0)
        lwall, lcpu = timed(lists(db))
        after_list = w.size()
        time.sleep(2.0)  # commits after the list: a checkpoint resets the log
        later = w.size()
        w.stop()
        rows.append(("writer beside one list", "%.2f" % lwall, "%.2f" % lcpu, w.commits,
                     "%.1f" % (w.largest / MIB), load()))
        notes.append("Beside one list the WAL was %.1f MiB when the list ended; the file stays at"
                     " its largest size afterwards (%.1f MiB two seconds later: a checkpoint"
                     " resets the log, it does not shrink the file)."
                     % (after_list / MIB, later / MIB))

        w = Writer(db)  # 3. beside overlapping lists
        w.start()
        halt = threading.Event()
        runs = []

        def loop(delay):
            time.sleep(delay)
            while not halt.is_set():
                runs.append(timed(lists(db)))

        loops = [threading.Thread(target=loop, args=(d,)) for d in (0.0, lwall / 2)]
        for t in loops:
            t.start()
        sizes, t0 = [], time.monotonic()
        for i in range(1, 11):
            time.sleep(SECONDS / 10)
            sizes.append((round(time.monotonic() - t0), w.size()))
        halt.set()  # the lists running go on to their end
        for t in loops:
            t.join()
        tail = time.monotonic() - t0
        w.stop()
        mean_wall = sum(r[0] for r in runs) / len(runs)
        mean_cpu = sum(r[1] for r in runs) / len(runs)
        rows.append(("writer beside overlapping lists begun for %.0f s, ended at %.0f s (%d lists)"
                     % (SECONDS, tail, len(runs)),
                     "%.2f" % mean_wall, "%.2f" % mean_cpu, w.commits,
                     "%.1f" % (w.largest / MIB), load()))
        notes.append("WAL size during the overlapping lists (s: MiB): "
                     + ", ".join("%d: %.1f" % (s, b / MIB) for s, b in sizes) + ".")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    head = ("%s, SQLite, %d persons in Quảng Ngãi (51), writer %.0f commits/s (an audit row and"
            " a person's row each); %d cores shared with other work, load average %s at the end."
            " Wall and CPU are one list's (the nct process's user + system time; the mean over"
            " the overlapping runs)." % (time.strftime("%Y-%m-%d", time.gmtime()), people, RATE,
                                        os.cpu_count(), " ".join(open("/proc/loadavg").read()
                                                                 .split()[:3])))
    table = ["| what | list wall s | list CPU s | commits | largest WAL MiB | load |",
             "|---|---|---|---|---|---|"]
    table += ["| %s |" % " | ".join(str(c) for c in r) for r in rows]
    section = "## wal.py\n\n" + head + "\n\n" + "\n".join(table) + "\n\n" + "\n".join(
        "- " + n for n in notes) + "\n"
    print(section)
    text = open(RESULTS).read() if os.path.exists(RESULTS) else ""
    pat = re.compile(r"^## wal\.py\n.*?(?=^## |\Z)", re.S | re.M)
    if pat.search(text):
        text = pat.sub(lambda m: section + "\n", text)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    with open(RESULTS, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
