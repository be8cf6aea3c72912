#!/usr/bin/env python3
"""Fails when a file under src/ includes a header of a layer above its own.

check-layers.py SRC_DIR [STAMP]   check; write STAMP when all is well
check-layers.py --list SRC_DIR    print the files it reads (the build's inputs)

The layers, lowest first (docs/architecture.md): a file may include headers of
its own layer and of the layers below it, never above; web may not include seed
(seeding a store is a command, not a request) nor the store (a request reaches
the store through the domain: domain/ctx.h). The build runs this on every
change of a source file or header (meson custom_target).
"""
import os
import re
import sys

LAYERS = ["base", "store", "domain", "export", "seed", "web", "cli"]
FORBIDDEN = {("web", "seed"), ("web", "store")}  # (includer, included) pairs refused despite the order
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def layer_of(path, src):
    rel = os.path.relpath(path, src)
    top = rel.split(os.sep)[0]
    return top if top in LAYERS else None


def resolve(includer, name, src):
    """The header's path under src: relative to the includer, else to src (-Isrc)."""
    for base in (os.path.dirname(includer), src):
        p = os.path.normpath(os.path.join(base, name))
        if os.path.exists(p):
            return p
    return None


def sources(src):
    for root, dirs, files in os.walk(src):
        dirs.sort()
        for f in sorted(files):
            path = os.path.join(root, f)
            if f.endswith((".c", ".h")) and layer_of(path, src):
                yield path


def violations(src):
    out = []
    for path in sources(src):
        mine = layer_of(path, src)
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        for m in INCLUDE.finditer(text):
            target = resolve(path, m.group(1), src)
            if target is None or os.path.relpath(target, src).startswith(".."):
                continue  # a generated or outside header: not a layer's
            theirs = layer_of(target, src)
            if theirs is None:
                continue
            up = LAYERS.index(theirs) > LAYERS.index(mine)
            if up or (mine, theirs) in FORBIDDEN:
                line = text.count("\n", 0, m.start()) + 1
                out.append("%s:%d: %s/ may not include %s (%s/ is %s)" % (
                    os.path.relpath(path, os.path.dirname(src)), line, mine, m.group(1),
                    theirs, "above it" if up else "kept apart from it"))
    return out


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--list":
        for path in sources(os.path.abspath(sys.argv[2])):
            print(path)
        return
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    src = os.path.abspath(sys.argv[1])
    bad = violations(src)
    for v in bad:
        print(v, file=sys.stderr)
    if bad:
        print("layers: %d include(s) against the layering (base < store < domain < export < "
              "seed < web < cli; web may not include seed or store)" % len(bad), file=sys.stderr)
        sys.exit(1)
    if len(sys.argv) > 2:
        with open(sys.argv[2], "w") as fh:
            fh.write("layers ok\n")


if __name__ == "__main__":
    main()
