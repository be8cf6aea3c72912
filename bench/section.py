#!/usr/bin/env python3
"""bench/section.py - puts a benchmark's section into bench/RESULTS.md.

usage: bench/section.py RESULTS NAME SECTION_FILE

Replaces the `## NAME` section of RESULTS (up to the next `## ` heading) with the text of
SECTION_FILE, which starts with that heading, and keeps the section's `### Notes` block (the
notes kept by hand) after it; appends the section when RESULTS has none.
"""
import re
import sys


def main():
    path, name, section_file = sys.argv[1:4]
    section = open(section_file).read().rstrip("\n") + "\n"
    try:
        text = open(path).read()
    except FileNotFoundError:
        text = "# Benchmark results\n"
    m = re.search(r"^## " + re.escape(name) + r"\n.*?(?=^## |\Z)", text, re.S | re.M)
    if m:
        n = re.search(r"^### Notes\n.*", m.group(0), re.S | re.M)
        notes = "\n" + n.group(0).rstrip("\n") + "\n" if n else ""
        rest = text[m.end():]
        text = text[: m.start()] + section + notes + ("\n" if rest else "") + rest
    else:
        text = text.rstrip("\n") + "\n\n" + section
    open(path, "w").write(text)


if __name__ == "__main__":
    main()
