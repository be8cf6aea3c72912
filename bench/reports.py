#!/usr/bin/env python3
"""bench/reports.py - completeness and the compiled report of a province (and, with
BENCH_NATIONAL=1, of the country's 3,321 communes for 2025), against
hand-written SQL for the same figures in the same run (run it through bench/reports.sh).

A SQLite store with the demo (Kon Tum before the reform: 102 communes in force in 2021-2024)
gets a plan of its own whose reporting lines owe reports from the province's 102 communes and
25 bodies (departments, mass organisations, media, the bank, the association) to the
Department of Labour: six-monthly and yearly, 2021S1 to 2024 (4 years, 8 periods). Their
reports are written straight into the store (setup, not measured): about 90 % of each period
submitted or accepted, some late, the bodies with the status and progress of the plan's items
they lead. Then, with nct serve:

  - GET /api/v1/completeness?obligation=ID&period=P for each of the 8 periods (as admin);
  - nct report --plan PLAN --period 2024 -o FILE.docx (the whole command: process start,
    compiling, the DOCX);

against the floor, the same figures by hand-written SQL in the sqlite3 module: the period's
expected reporters, submitted, on time, late, missing; and for the report the items' entries
and the counts per status. The floor's figures are checked against nct's.
"""
import http.client
import json
import os
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

NCT = sys.argv[1]
RESULTS = sys.argv[2]
REPEAT = int(os.environ.get("BENCH_REPEAT", "20"))
PASSWORD = "bench-Passw0rd-" + os.urandom(4).hex()
PLAN = "bench-kh-bao-cao"
PERIODS = ["2021S1", "2021", "2022S1", "2022", "2023S1", "2023", "2024S1", "2024"]


def say(msg):
    print("reports.sh: " + msg, file=sys.stderr)


def run(args, env=None):
    e = dict(os.environ)
    e.update(env or {})
    p = subprocess.run([NCT] + args, capture_output=True, text=True, env=e)
    if p.returncode != 0:
        sys.exit("reports.sh: nct %s failed: %s" % (args[0], p.stderr.strip()))
    return p


def ms(seconds):
    return seconds * 1000.0


def summary(times):
    s = sorted(times)
    return statistics.median(s), s[max(0, int(len(s) * 0.95 + 0.5) - 1)]


def bench_country():
    """The country: every commune in force on 14 December 2025 owes the year 2025's report."""
    tmp = tempfile.mkdtemp(prefix="nct-bench-reports-country-")
    store = os.path.join(tmp, "country.db")
    try:
        say("country: nct init --demo")
        run(["init", "--db", store, "--demo"], {"NCT_PASSWORD": PASSWORD})
        db = sqlite3.connect(store)
        on = "2025-12-14"
        communes = [r[0] for r in db.execute(
            "SELECT code FROM places WHERE level = 3 AND (valid_from IS NULL OR valid_from <= ?)"
            " AND (valid_to IS NULL OR valid_to >= ?) ORDER BY code", (on, on))]
        doc = {"format": "nct-plan/1", "id": PLAN + "-vn", "code": None, "symbol": "KH-BENCH-VN",
               "title": "Kế hoạch đo thử toàn quốc", "title_en": "A national plan to measure",
               "issuer": "QN-UBND", "date": "2025-08-01",
               "effective": {"from": "2025-08-01", "to": "2030-12-31"},
               "legal_bases": [], "references": [], "organisations": [], "targets": [],
               "areas": [{"code": "I.1", "heading": "Thử", "intro": None,
                          "implementers_as_written": None,
                          "items": [{"n": 1, "text": "Một việc", "footnote_refs": [],
                                     "lead": ["QN-SYT"], "lead_as_written": None,
                                     "lead_basis": "named_in_item", "lead_footnote": None,
                                     "cooperating": [], "cooperating_as_written": [],
                                     "deadline": None, "occasions": [], "targets": [],
                                     "reporting": [], "note": None}]}],
               "duties": [], "funding": [], "support_rules": [],
               "reporting": [{"id": "R1", "section": "I", "quote": "báo cáo",
                              "reporters": communes, "reporters_as_written": "các xã",
                              "to": ["QN-SYT"], "to_as_written": "Sở Y tế",
                              "on_behalf_of": None, "what": "kết quả", "period_kind": "yearly",
                              "first_period": "2025", "last_period": "2026",
                              "due_before": "12-15", "due_as_written": "trước ngày 15/12",
                              "window": "decree09", "note": None}]}
        path = os.path.join(tmp, "plan.json")
        with open(path, "w") as f:
            json.dump(doc, f, ensure_ascii=False)
        run(["plan", "import", path, "--db", store])
        ob = db.execute("SELECT b.id FROM obligations b JOIN plans p ON p.id = b.plan_id"
                        " WHERE p.slug = ?", (PLAN + "-vn",)).fetchone()[0]
        office = db.execute("SELECT id FROM orgs WHERE code = 'QN-SYT'").fetchone()[0]
        ids = dict(db.execute(
            "SELECT code, id FROM places WHERE level = 3 AND (valid_from IS NULL OR"
            " valid_from <= ?) AND (valid_to IS NULL OR valid_to >= ?)", (on, on)))
        rnd = random.Random(2)
        n = 0
        for code in communes:
            if rnd.random() < 0.1:
                continue
            at = "2025-12-10T09:00:00+07:00"
            db.execute(
                "INSERT INTO submissions (obligation_id, period, reporter_kind, reporter_id,"
                " stands_for, receiver_id, status, paper, created_at, first_at, submitted_at,"
                " days_late) VALUES (?,?,?,?,?,?,'submitted',0,?,?,?,0)",
                (ob, "2025", "place", ids[code], code, office, at, at, at))
            n += 1
        db.commit()
        say("country: %d communes, %d reports; nct report" % (len(communes), n))
        out = os.path.join(tmp, "report.docx")
        rep_t, floor_t = [], []
        for _ in range(3):
            t0 = time.perf_counter()
            p = subprocess.run([NCT, "report", "--plan", PLAN + "-vn", "--period", "2025", "-o",
                                out, "--db", store], capture_output=True, text=True)
            rep_t.append(time.perf_counter() - t0)
            if p.returncode != 0:
                sys.exit("reports.sh: country: nct report failed: " + p.stderr)
            t0 = time.perf_counter()
            db.execute("SELECT COUNT(*), SUM(days_late = 0) FROM submissions WHERE"
                       " obligation_id = ? AND period = '2025'", (ob,)).fetchone()
            floor_t.append(time.perf_counter() - t0)
        if "%d of %d reports in" % (n, len(communes)) not in p.stdout:
            sys.exit("reports.sh: country: nct report says %r" % p.stdout)
        return (len(communes), n, statistics.median([ms(t) for t in rep_t]),
                statistics.median([ms(t) for t in floor_t]))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


LOAD = os.getloadavg()[0]


def server_cpu(pid):
    """The CPU seconds (user + system) process pid has used, from /proc."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main():
    tmp = tempfile.mkdtemp(prefix="nct-bench-reports-")
    store = os.path.join(tmp, "province.db")
    say("nct init --demo")
    run(["init", "--db", store, "--demo"], {"NCT_PASSWORD": PASSWORD})
    run(["user", "add", "bench.admin", "--name", "Bench", "--role", "admin", "--db", store],
        {"NCT_PASSWORD": PASSWORD})
    db = sqlite3.connect(store)
    on = "2024-12-14"
    communes = [r[0] for r in db.execute(
        "SELECT code FROM places WHERE level = 3 AND path LIKE '/7421/%'"
        " AND (valid_from IS NULL OR valid_from <= ?) AND (valid_to IS NULL OR valid_to >= ?)"
        " ORDER BY code", (on, on))]
    bodies = [r[0] for r in db.execute(
        "SELECT code FROM orgs WHERE code LIKE 'KT-%' AND kind IN ('agency', 'mass', 'media',"
        " 'bank', 'association', 'committee') AND code <> 'KT-SLDTBXH' ORDER BY code")]
    bodies = bodies[:25]
    say("%d communes, %d bodies" % (len(communes), len(bodies)))
    items = []
    for n, lead in enumerate(bodies, 1):
        items.append({"n": n, "text": "Nhiệm vụ %d của kế hoạch thử" % n, "footnote_refs": [],
                      "lead": [lead], "lead_as_written": None, "lead_basis": "named_in_item",
                      "lead_footnote": None, "cooperating": [], "cooperating_as_written": [],
                      "deadline": None, "occasions": [], "targets": [], "reporting": [],
                      "note": None})

    def line(lid, kind, first, last, due):
        return {"id": lid, "section": "III", "quote": "báo cáo", "reporters": bodies + communes,
                "reporters_as_written": "các đơn vị, địa phương", "to": ["KT-SLDTBXH"],
                "to_as_written": "Sở Lao động", "on_behalf_of": None, "what": "kết quả",
                "period_kind": kind, "first_period": first, "last_period": last,
                "due_before": due, "due_as_written": "trước ngày", "window": "decree09",
                "note": None}
    doc = {"format": "nct-plan/1", "id": PLAN, "code": None, "symbol": "KH-BENCH",
           "title": "Kế hoạch đo thử báo cáo", "title_en": "A plan to measure reports",
           "issuer": "KT-UBND", "date": "2021-01-01",
           "effective": {"from": "2021-01-01", "to": "2025-06-30"},
           "legal_bases": [], "references": [], "organisations": [], "targets": [],
           "areas": [{"code": "I.1", "heading": "Thử", "intro": None,
                      "implementers_as_written": None, "items": items}],
           "duties": [], "funding": [], "support_rules": [],
           "reporting": [line("R1", "semiannual", "2021S1", "2024S1", "06-15"),
                         line("R2", "yearly", "2021", "2024", "12-15")]}
    path = os.path.join(tmp, PLAN + ".json")
    with open(path, "w") as f:
        json.dump(doc, f, ensure_ascii=False)
    run(["plan", "import", path, "--db", store])
    plan_id = db.execute("SELECT id FROM plans WHERE slug = ?", (PLAN,)).fetchone()[0]
    obs = dict(db.execute("SELECT line, id FROM obligations WHERE plan_id = ?", (plan_id,)))
    office = db.execute("SELECT id FROM orgs WHERE code = 'KT-SLDTBXH'").fetchone()[0]
    org_ids = dict(db.execute("SELECT code, id FROM orgs"))
    place_ids = dict(db.execute(
        "SELECT code, id FROM places WHERE level = 3 AND path LIKE '/7421/%'"
        " AND (valid_to IS NULL OR valid_to >= ?)", (on,)))
    item_ids = [r[0] for r in db.execute(
        "SELECT i.id FROM plan_items i JOIN plan_sections s ON s.id = i.section_id"
        " WHERE s.plan_id = ? ORDER BY i.n", (plan_id,))]
    say("writing the reports of 8 periods")
    rnd = random.Random(1)
    nsub = 0
    for period in PERIODS:
        ob = obs["R1" if "S" in period else "R2"]
        for code in bodies + communes:
            if rnd.random() < 0.1:
                continue
            kind = "place" if code in place_ids else "org"
            rid = place_ids[code] if kind == "place" else org_ids[code]
            late = rnd.choice([0, 0, 0, 2, 5])
            status = rnd.choice(["submitted", "accepted"])
            at = "%s-06-10T09:00:00+07:00" % period[:4]
            cur = db.execute(
                "INSERT INTO submissions (obligation_id, period, reporter_kind, reporter_id,"
                " stands_for, receiver_id, status, paper, created_at, first_at, submitted_at,"
                " days_late) VALUES (?,?,?,?,?,?,?,0,?,?,?,?)",
                (ob, period, kind, rid, code, office, status, at, at, at, late))
            nsub += 1
            if kind == "org":
                n = bodies.index(code)
                db.execute("INSERT INTO submission_items VALUES (?,?,?,?)",
                           (cur.lastrowid, item_ids[n], rnd.choice(["in_progress", "done"]),
                            "Tiến độ của %s kỳ %s" % (code, period)))
    db.commit()
    say("%d reports written" % nsub)

    port = 20000 + os.getpid() % 20000
    log = open(os.path.join(tmp, "serve.log"), "w")
    srv = subprocess.Popen([NCT, "serve", "--db", store, "--listen", "127.0.0.1:%d" % port,
                            "--access-log", "off"], stdout=log, stderr=log)
    try:
        for _ in range(100):
            try:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                c.request("GET", "/healthz")
                if c.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.1)
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        c.request("POST", "/api/v1/session",
                  json.dumps({"username": "bench.admin", "password": PASSWORD}),
                  {"Content-Type": "application/json"})
        r = c.getresponse()
        cookie = [v for k, v in r.getheaders() if k.lower() == "set-cookie"][0].split(";")[0]
        r.read()

        def completeness(ob, period):
            c.request("GET", "/api/v1/completeness?obligation=%d&period=%s" % (ob, period),
                      headers={"Cookie": cookie})
            r = c.getresponse()
            body = r.read()
            if r.status != 200:
                sys.exit("reports.sh: completeness answered %d: %s" % (r.status, body[:200]))
            return json.loads(body)["figures"]

        def floor_completeness(con, ob, period):
            # expected: the obligation's reporters (all in force in 2021-2024); the rest
            # from its submissions
            exp = con.execute("SELECT COUNT(*) FROM obligation_reporters WHERE obligation_id = ?",
                              (ob,)).fetchone()[0]
            sub, ontime, late, acc = con.execute(
                "SELECT COUNT(*), SUM(days_late = 0), SUM(days_late > 0),"
                " SUM(status = 'accepted') FROM submissions WHERE obligation_id = ?"
                " AND period = ? AND days_late IS NOT NULL", (ob, period)).fetchone()
            return {"expected": exp, "submitted": sub, "on_time": ontime, "late": late,
                    "missing": exp - sub, "accepted": acc}

        def floor_report(con, ob, period):
            f = floor_completeness(con, ob, period)
            rows = con.execute(
                "SELECT si.item_id, o.name, si.status, si.progress FROM submission_items si"
                " JOIN submissions s ON s.id = si.submission_id JOIN orgs o ON o.id ="
                " s.reporter_id AND s.reporter_kind = 'org' WHERE s.obligation_id = ? AND"
                " s.period = ? AND s.status IN ('submitted', 'accepted')"
                " ORDER BY si.item_id, o.name", (ob, period)).fetchall()
            missing = con.execute(
                "SELECT r.code FROM obligation_reporters r WHERE r.obligation_id = ? AND NOT"
                " EXISTS (SELECT 1 FROM submissions s LEFT JOIN orgs o ON s.reporter_kind ="
                " 'org' AND o.id = s.reporter_id LEFT JOIN places p ON s.reporter_kind ="
                " 'place' AND p.id = s.reporter_id WHERE s.obligation_id = r.obligation_id"
                " AND s.period = ? AND COALESCE(o.code, p.code) = r.code)",
                (ob, period)).fetchall()
            return f, len(rows), len(missing)

        con = sqlite3.connect(store)
        # completeness, every period: nct against the floor
        nct_t, floor_t = [], []
        for period in PERIODS:
            ob = obs["R1" if "S" in period else "R2"]
            got = completeness(ob, period)
            want = floor_completeness(con, ob, period)
            for k, v in want.items():
                if got[k] != v:
                    sys.exit("reports.sh: %s %s: nct says %s=%s, the floor %s" %
                             (period, ob, k, got[k], v))
        srv_cpu, floor_cpu = 0.0, 0.0
        for _ in range(REPEAT):
            for period in PERIODS:
                ob = obs["R1" if "S" in period else "R2"]
                c0 = server_cpu(srv.pid)
                t0 = time.perf_counter()
                completeness(ob, period)
                nct_t.append(time.perf_counter() - t0)
                srv_cpu += server_cpu(srv.pid) - c0
                c0 = time.process_time()
                t0 = time.perf_counter()
                floor_completeness(con, ob, period)
                floor_t.append(time.perf_counter() - t0)
                floor_cpu += time.process_time() - c0
        # the compiled report of the year 2024: the whole command
        out = os.path.join(tmp, "report.docx")
        rep_t, rfloor_t = [], []
        rep_cpu, rfloor_cpu = 0.0, 0.0
        for i in range(max(3, REPEAT // 4)):
            u0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            p = subprocess.run([NCT, "report", "--plan", PLAN, "--period", "2024", "-o", out,
                                "--db", store], capture_output=True, text=True)
            rep_t.append(time.perf_counter() - t0)
            u1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            rep_cpu += (u1.ru_utime - u0.ru_utime) + (u1.ru_stime - u0.ru_stime)
            if p.returncode != 0:
                sys.exit("reports.sh: nct report failed: " + p.stderr)
            c0 = time.process_time()
            t0 = time.perf_counter()
            f, entries, missing = floor_report(con, obs["R2"], "2024")
            rfloor_t.append(time.perf_counter() - t0)
            rfloor_cpu += time.process_time() - c0
        summary_line = p.stdout.strip().split(": ", 1)[-1]
        if "%d of %d reports in" % (f["submitted"], f["expected"]) not in summary_line:
            sys.exit("reports.sh: nct report says %r, the floor %r" % (summary_line, f))
        size = os.path.getsize(out)
    finally:
        srv.terminate()
        srv.wait()
        shutil.rmtree(tmp, ignore_errors=True)
    country = bench_country() if os.environ.get("BENCH_NATIONAL") == "1" else None
    cm, cp = summary([ms(t) for t in nct_t])
    fm, fp = summary([ms(t) for t in floor_t])
    rm, rp = summary([ms(t) for t in rep_t])
    qm, qp = summary([ms(t) for t in rfloor_t])
    ccpu = srv_cpu * 1000 / len(nct_t)
    fcpu = floor_cpu * 1000 / len(floor_t)
    rcpu = rep_cpu * 1000 / len(rep_t)
    qcpu = rfloor_cpu * 1000 / len(rfloor_t)
    lines = [
        "## reports.sh",
        "",
        "Completeness and the compiled report of a province: Kon Tum before the reform (%d "
        "communes, %d bodies), 2 reporting lines, 8 periods 2021S1-2024, %d reports; SQLite %s, "
        "floor in Python's sqlite3 module. %s runs of each (median / p95, ms)."
        % (len(communes), len(bodies), nsub, sqlite3.sqlite_version, REPEAT),
        "",
        "| what | nct median | nct p95 | nct CPU (mean) | floor median | floor p95 | floor CPU (mean) | nct / floor (median) | nct / floor (CPU) |",
        "|---|---|---|---|---|---|---|---|---|",
        "| completeness of a period (GET /api/v1/completeness, HTTP; CPU: the server's) | %.1f | %.1f | %.2f | %.2f | %.2f | %.2f | %.0f× | %.0f× |"
        % (cm, cp, ccpu, fm, fp, fcpu, cm / fm if fm else 0, ccpu / fcpu if fcpu else 0),
        "| compiled report, year 2024 (`nct report -o .docx`, whole command) | %.0f | %.0f | %.1f | %.2f | %.2f | %.2f | %.0f× | %.0f× |"
        % (rm, rp, rcpu, qm, qp, qcpu, rm / qm if qm else 0, rcpu / qcpu if qcpu else 0),
        "",
        "The DOCX is %d bytes; nct report said: \"%s\". The floor reads the same figures with one query each "
        "(expected, submitted, on time, late, missing, accepted; the items' entries; who is "
        "missing) and is checked against nct's." % (size, summary_line),
    ]
    lines += ["", "Load average when the run began: %.1f on %d cores (other work on the machine: "
              "figures are upper bounds). Targets: the province's compiled report under 1 s: %s "
              "(%.0f ms median, process start included); within 2× the floor: %s. nct reads a "
              "period's reporters with their bodies and places in one query and works out through "
              "the handovers only those not in force (a body that ended passes its duty on); the "
              "floor counts the rows of a period whose reporters are all in force. The server's "
              "CPU is read from /proc (utime + stime, 10 ms ticks: a mean over %d requests)."
              % (LOAD, os.cpu_count() or 0,
                                                "met" if rm < 1000 else "not met", rm,
                                                "met" if rm <= 2 * qm and cm <= 2 * fm
                                                else "not met", len(nct_t))]
    if country:
        lines += ["", "Country (BENCH_NATIONAL=1): %d communes in force on 14 December 2025 report "
                  "the year 2025 to one body, %d reports in: `nct report` (the whole command: "
                  "completeness, roll-up, the DOCX) %.0f ms median of 3, the floor (the period's "
                  "counts in one query) %.2f ms." % country]
    text = "\n".join(lines) + "\n"
    print(text)
    old = open(RESULTS).read() if os.path.exists(RESULTS) else ""
    start = old.find("## reports.sh")
    if start >= 0:  # in its place
        end = old.find("\n## ", start + 1)
        new = old[:start] + text + ("\n" + old[end + 1:] if end >= 0 else "")
    else:
        new = old.rstrip("\n") + "\n\n" + text
    with open(RESULTS, "w") as f:
        f.write(new)


main()
