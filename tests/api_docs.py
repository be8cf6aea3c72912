#!/usr/bin/env python3
"""Checks that docs/api.md documents every /api/v1 route of src/web/routes.c, and no other.

Prints one line per route and ends with "N passed, N failed"."""
import re
import sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
routes = re.findall(r'\{"([A-Z]+)", "(/api/v1/[^"]*)"', (root / "src/web/routes.c").read_text())
docs = (root / "docs/api.md").read_text()
headings = re.findall(r"^#{2,4} `([A-Z]+) (/api/v1/[^`?]*)", docs, re.M)

passed = failed = 0
for method, pattern in routes:
    want = re.compile("^" + re.escape(pattern).replace(r"\{\}", "[A-Z]+") + "$")
    if any(m == method and want.match(p) for m, p in headings):
        passed += 1
    else:
        failed += 1
        print(f"FAIL {method} {pattern}: not documented in docs/api.md")
for method, path in headings:
    known = any(m == method and re.match("^" + re.escape(p).replace(r"\{\}", "[A-Z]+") + "$", path)
                for m, p in routes)
    if not known:
        failed += 1
        print(f"FAIL {method} {path}: documented but not routed")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
