#!/usr/bin/env python3
"""bench/reports.py - completeness and the compiled report of a province and of the country,
against hand-written SQL for the same figures in the same run, on SQLite and PostgreSQL (run it
through bench/reports.sh).

The store (made by build/reports_bench setup: places, the demo's bodies and users, no clubs and
no register) gets two plans of its own:
  - province: Kon Tum before the reform, its 102 communes and 25 bodies report to the Department
    of Labour, six-monthly and yearly, 2021S1 to 2024 (4 years, 8 periods), the bodies with the
    status and progress of the plan's items they lead;
  - country: every commune in force on 14 December 2025 (3,321 in 34 provinces) reports the year
    2025 to one body.
About 90 % of each period's reports are in (province: some late, half accepted).

reports_bench run then times, in one process on one connection, the domain's completeness_of
and report_compile (the command line's context, the store warm) against the floor: one SQL query
that works out the period's expected reporters (the obligation's codes, bodies that ended handing
over along org_links, places that ended to the places formed from them) with each one's report,
counted as the rows come; for the report also the plan's areas and items with their lead units,
the entries and the receiver. Both must give the same reporters, reports and figures.

Then over HTTP (nct serve, as an administrator): GET /api/v1/completeness and GET
/plans/PLAN/report (the DOCX), for the "under 1 s" target.
"""
import http.client
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

NCT = sys.argv[1]
BENCH = sys.argv[2]
RESULTS = sys.argv[3]
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPEAT = int(os.environ.get("BENCH_REPEAT", "20"))
ENGINES = os.environ.get("BENCH_ENGINES", "sqlite postgresql").split()
PASSWORD = "bench-Passw0rd-" + os.urandom(4).hex()
PLAN = "bench-kh-bao-cao"
PERIODS = ["2021S1", "2021", "2022S1", "2022", "2023S1", "2023", "2024S1", "2024"]
LOAD = os.getloadavg()


def say(msg):
    print("reports.sh: " + msg, file=sys.stderr)


def run(args, env=None):
    e = dict(os.environ)
    e.update(env or {})
    p = subprocess.run(args, capture_output=True, text=True, env=e)
    if p.returncode != 0:
        sys.exit("reports.sh: %s failed: %s" % (" ".join(args[:2]), p.stderr.strip()))
    return p


def item(n, lead):
    return {"n": n, "text": "Nhiệm vụ %d của kế hoạch thử" % n, "footnote_refs": [],
            "lead": [lead], "lead_as_written": None, "lead_basis": "named_in_item",
            "lead_footnote": None, "cooperating": [], "cooperating_as_written": [],
            "deadline": None, "occasions": [], "targets": [], "reporting": [], "note": None}


def line(lid, reporters, to, kind, first, last, due):
    return {"id": lid, "section": "III", "quote": "báo cáo", "reporters": reporters,
            "reporters_as_written": "các đơn vị, địa phương", "to": [to],
            "to_as_written": "cơ quan thường trực", "on_behalf_of": None, "what": "kết quả",
            "period_kind": kind, "first_period": first, "last_period": last,
            "due_before": due, "due_as_written": "trước ngày", "window": "decree09",
            "note": None}


def plan(slug, symbol, title, issuer, date, until, items, lines):
    return {"format": "nct-plan/1", "id": slug, "code": None, "symbol": symbol,
            "title": title, "title_en": "A plan to measure reports", "issuer": issuer,
            "date": date, "effective": {"from": date, "to": until},
            "legal_bases": [], "references": [], "organisations": [], "targets": [],
            "areas": [{"code": "I.1", "heading": "Thử", "intro": None,
                       "implementers_as_written": None, "items": items}],
            "duties": [], "funding": [], "support_rules": [], "reporting": lines}


def main():
    tmp = tempfile.mkdtemp(prefix="nct-bench-reports-")
    pg_dir = os.path.join(tmp, "pg")
    try:
        first = os.path.join(tmp, "bench.db")
        say("sqlite: setup")
        run([BENCH, "setup", first, PASSWORD])
        import sqlite3
        db = sqlite3.connect(first)
        communes = [r[0] for r in db.execute(
            "SELECT code FROM places WHERE level = 3 AND path LIKE '/7421/%'"
            " AND (valid_from IS NULL OR valid_from <= '2024-12-14')"
            " AND (valid_to IS NULL OR valid_to >= '2024-12-14') ORDER BY code")]
        country = [r[0] for r in db.execute(
            "SELECT code FROM places WHERE level = 3"
            " AND (valid_from IS NULL OR valid_from <= '2025-12-14')"
            " AND (valid_to IS NULL OR valid_to >= '2025-12-14') ORDER BY code")]
        provinces = db.execute(
            "SELECT COUNT(*) FROM places WHERE level = 1"
            " AND (valid_from IS NULL OR valid_from <= '2025-12-14')"
            " AND (valid_to IS NULL OR valid_to >= '2025-12-14')").fetchone()[0]
        bodies = [r[0] for r in db.execute(
            "SELECT code FROM orgs WHERE code LIKE 'KT-%' AND kind IN ('agency', 'mass', 'media',"
            " 'bank', 'association', 'committee') AND code <> 'KT-SLDTBXH' ORDER BY code")][:25]
        db.close()
        prov = plan(PLAN, "KH-BENCH", "Kế hoạch đo thử báo cáo", "KT-UBND", "2021-01-01",
                    "2025-06-30", [item(n, b) for n, b in enumerate(bodies, 1)],
                    [line("R1", bodies + communes, "KT-SLDTBXH", "semiannual", "2021S1",
                          "2024S1", "06-15"),
                     line("R2", bodies + communes, "KT-SLDTBXH", "yearly", "2021", "2024",
                          "12-15")])
        vn = plan(PLAN + "-vn", "KH-BENCH-VN", "Kế hoạch đo thử toàn quốc", "QN-UBND",
                  "2025-08-01", "2030-12-31", [item(1, "QN-SYT")],
                  [line("R1", country, "QN-SYT", "yearly", "2025", "2026", "12-15")])
        files = []
        for doc in (prov, vn):
            path = os.path.join(tmp, doc["id"] + ".json")
            with open(path, "w") as f:
                json.dump(doc, f, ensure_ascii=False)
            files.append(path)
        say("province: %d communes, %d bodies; country: %d communes in %d provinces"
            % (len(communes), len(bodies), len(country), provinces))
        rows = {}
        for engine in ENGINES:
            if engine == "sqlite":
                store = first
            else:
                uri = subprocess.run([os.path.join(ROOT, "scripts", "pg-cluster"), "start",
                                      pg_dir], capture_output=True, text=True, check=True)
                admin = uri.stdout.strip()
                subprocess.run(["psql", admin, "-qc", "CREATE DATABASE bench"], check=True,
                               capture_output=True)
                store = admin.rsplit("/", 1)[0] + "/bench"
                say("%s: setup" % engine)
                run([BENCH, "setup", store, PASSWORD])
            t0 = time.perf_counter()
            setup = json.loads(run([BENCH, "plans", store] + files).stdout)
            say("%s: setup %.0f s, %s" % (engine, time.perf_counter() - t0, setup))
            say("%s: the domain against the floor, %d runs" % (engine, REPEAT))
            out = run([BENCH, "run", store, str(REPEAT)]).stdout
            res = [json.loads(l) for l in out.splitlines() if l.strip()]
            say("%s: over HTTP" % engine)
            http_res = over_http(store, tmp)
            rows[engine] = (setup, res, http_res)
            if engine != "sqlite":
                subprocess.run([os.path.join(ROOT, "scripts", "pg-cluster"), "stop", pg_dir],
                               capture_output=True)
        write_results(rows, len(communes), len(bodies), len(country), provinces)
    finally:
        if os.path.exists(os.path.join(pg_dir, "postmaster.pid")):
            subprocess.run([os.path.join(ROOT, "scripts", "pg-cluster"), "stop", pg_dir],
                           capture_output=True)
        if os.environ.get("BENCH_KEEP"):
            say("kept " + tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def server_cpu(pid):
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def over_http(store, tmp):
    """Median wall ms and the server's mean CPU ms: completeness of the 8 periods, the
    province's DOCX of 2024, the country's DOCX of 2025 (the server's CPU: nct's only)."""
    import socket
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    log = open(os.path.join(tmp, "serve.log"), "a")
    srv = subprocess.Popen([NCT, "serve", "--db", store, "--listen", "127.0.0.1:%d" % port,
                            "--access-log", "off"], stdout=log, stderr=log)
    try:
        for _ in range(200):
            try:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                c.request("GET", "/healthz")
                if c.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.1)
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        c.request("POST", "/api/v1/session", json.dumps({"username": "admin",
                                                         "password": PASSWORD}),
                  {"Content-Type": "application/json"})
        r = c.getresponse()
        cookie = [v for k, v in r.getheaders() if k.lower() == "set-cookie"]
        r.read()
        if r.status not in (200, 201) or not cookie:
            sys.exit("reports.sh: sign-in answered %d" % r.status)
        cookie = cookie[0].split(";")[0]
        c.request("GET", "/api/v1/plans/" + PLAN, headers={"Cookie": cookie})
        r = c.getresponse()
        body = json.loads(r.read())
        obs = {o["line"]: o["id"] for o in body.get("obligations", [])}

        def get(path):
            c0 = server_cpu(srv.pid)
            t0 = time.perf_counter()
            c.request("GET", path, headers={"Cookie": cookie})
            r = c.getresponse()
            data = r.read()
            t = time.perf_counter() - t0
            if r.status != 200:
                sys.exit("reports.sh: %s answered %d: %s" % (path, r.status, data[:300]))
            return t, server_cpu(srv.pid) - c0

        out = {}
        for name, paths, n in (
                ("completeness", ["/api/v1/completeness?obligation=%d&period=%s"
                                  % (obs["R1" if "S" in p else "R2"], p) for p in PERIODS],
                 REPEAT),
                ("province report", ["/plans/%s/report?period=2024" % PLAN], max(3, REPEAT // 4)),
                ("country report", ["/plans/%s-vn/report?period=2025" % PLAN], 3)):
            get(paths[0])  # warm
            ts, cpu = [], 0.0
            for _ in range(n):
                for p in paths:
                    t, cp = get(p)
                    ts.append(t * 1000)
                    cpu += cp
            out[name] = (statistics.median(ts), cpu * 1000 / len(ts), len(ts))
        return out
    finally:
        srv.terminate()
        srv.wait()


def write_results(rows, ncommunes, nbodies, ncountry, nprovinces):
    lines = ["## reports.sh", "",
             "Completeness and the compiled report (issue 10), the domain's call against a "
             "hand-written SQL floor for the same figures, both in one process on one connection "
             "(`build/reports_bench`, the store warm). Province: Kon Tum before the reform, %d "
             "communes and %d bodies, 2 reporting lines, 8 periods 2021S1-2024; country: %d "
             "communes in force on 14 December 2025 (%d provinces), the year 2025. The register's "
             "figures of the province (`register_figures_of`, docs/reports.md) on the 2024 "
             "window's last day, over a register of %s older people written for the run (440 a "
             "commune; every 7th moved to another commune before the day, every 11th after it, "
             "every 13th out of the province, every 17th by a move later retracted), each counted "
             "where the residence in force on the day puts them, against one hand-written "
             "statement over the province's path range applying the same dated rule. "
             "Median wall ms and mean CPU ms a call (PostgreSQL: nct's process and the server "
             "backend's)."
             % (ncommunes, nbodies, ncountry, nprovinces,
                "{:,}".format(next(iter(rows.values()))[0].get("register", 0))), "",
             "| engine | what | nct wall | nct CPU | floor wall | floor CPU | nct / floor wall "
             "| nct / floor CPU |", "|---|---|---|---|---|---|---|---|"]
    verdict = []
    for engine, (setup, res, http_res) in rows.items():
        for r in res:
            n, f = r["nct"], r["floor"]
            what = "%s %s" % (r["scenario"], r["what"])
            if r["what"] == "report":
                what += " %s (%d of %d in, %d entries)" % (r["period"], r["submitted"],
                                                          r["expected"], r["entries"])
            if r["what"] == "register figures":
                what += " on %s (%d older, %d paid, %d with a card, %d celebrated)" % (
                    r["day"], r["older"], r["allowance"], r["card"], r["celebrated"])
            ratio = n["median_ms"] / f["median_ms"] if f["median_ms"] else 0
            cratio = n["cpu_ms"] / f["cpu_ms"] if f["cpu_ms"] else 0
            lines.append("| %s | %s | %.2f | %.2f | %.2f | %.2f | %.2f× | %.2f× |"
                         % (engine, what, n["median_ms"], n["cpu_ms"], f["median_ms"],
                            f["cpu_ms"], ratio, cratio))
            if r["scenario"] == "province":
                verdict.append((engine, r["what"], ratio, cratio))
    lines += ["", "Over HTTP (`nct serve`, as an administrator; the server's CPU):", "",
              "| engine | request | median wall ms | server CPU ms | requests |",
              "|---|---|---|---|---|"]
    under = []
    for engine, (setup, res, http_res) in rows.items():
        for name, (wall, cpu, n) in http_res.items():
            req = {"completeness": "GET /api/v1/completeness (8 periods)",
                   "province report": "GET /plans/PLAN/report?period=2024 (DOCX)",
                   "country report": "GET /plans/PLAN/report?period=2025 (DOCX)"}[name]
            lines.append("| %s | %s | %.1f | %.1f | %d |" % (engine, req, wall, cpu, n))
            if name == "province report":
                under.append((engine, wall))
    lines += ["", "Load average when the run began: %.1f / %.1f / %.1f on %d cores (other work "
              "on the machine: wall figures are upper bounds)." % (LOAD + (os.cpu_count() or 0,))]
    lines.append("")
    lines.append("Targets: the province's report under 1 s over HTTP: %s; within 2× the floor "
                 "(province, wall and CPU): %s." % (
                     ", ".join("%s %s (%.0f ms)" % (e, "met" if w < 1000 else "not met", w)
                               for e, w in under),
                     ", ".join("%s %s %s (%.2f× wall, %.2f× CPU)"
                               % (e, w, "met" if r <= 2 and c <= 2 else "not met", r, c)
                               for e, w, r, c in verdict)))
    lines.append("")
    lines.append("What stands between on PostgreSQL: round trips. The floor asks one statement "
                 "for completeness and four for the report; the domain asks three for "
                 "completeness (the obligation with its receiver and the window of the period, "
                 "the reporters with their bodies and places, the period's reports; a unit that "
                 "ended and hands over costs more reads) and nine for the report (the plan with "
                 "its issuer, its lines, the window of the line owing the period, the reporters, "
                 "the reports, the areas, the items, their units, the entries). Reading the "
                 "reports with the reporters (one statement fewer) made PostgreSQL's generic plan "
                 "of the country's read scan the reports for every commune (2 s): left apart. "
                 "Each is a prepared statement answered over the "
                 "socket, a few milliseconds each on a loaded machine; SQLite, in process, pays "
                 "none of it. The server backend's CPU is read from /proc in 10 ms ticks: a "
                 "mean over the runs.")
    text = "\n".join(lines) + "\n"
    print(text)
    old = open(RESULTS).read() if os.path.exists(RESULTS) else ""
    start = old.find("## reports.sh")
    if start >= 0:
        end = old.find("\n## ", start + 1)
        new = old[:start] + text + ("\n" + old[end + 1:] if end >= 0 else "")
    else:
        new = old.rstrip("\n") + "\n\n" + text
    with open(RESULTS, "w") as f:
        f.write(new)


main()
