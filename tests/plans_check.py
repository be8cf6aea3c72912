#!/usr/bin/env python3
"""Checks the encoded plans (data/plans/*.json) against docs/plans.md and their source texts.

Each plan file must have exactly the fields docs/plans.md lists, in that order, of those types;
and agree with the text it encodes: as many items per area as the text has bullets, each item's
text the bullet's, every footnote's lead unit on the bullet it names, every organisation code
defined (the plan's own list, or the demo: src/seed/demo.c and the districts of 2024 in
data/admin-units-2025-03-01.csv), every quoted phrase, amount and date found in the text.

The texts are read by their structure (headings "II.", "1.", "a)", bullets "- ", footnotes),
never from counts written here. Prints one line per failed check and ends with
"N passed, N failed"; -v prints the passed checks too."""
import hashlib
import json
import re
import sys
import unicodedata
from pathlib import Path

root = Path(__file__).resolve().parent.parent
plans_dir = root / "data/plans"
verbose = "-v" in sys.argv[1:]

# ---------------------------------------------------------------- text helpers

SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹"
SUP_RE = re.compile("[" + SUPERSCRIPT + "]+")
HEAD_ROMAN = re.compile(r"^([IVX]+)\. (.*)$", re.S)
HEAD_NUM = re.compile(r"^(\d+)\. ?(.*)$", re.S)
HEAD_LETTER = re.compile(r"^([a-zđ])\) (.*)$", re.S)


def sup_int(s):
    return int("".join(str(SUPERSCRIPT.index(c)) for c in s))


def collapse(s):
    return re.sub(r"\s+", " ", s).strip()


def fold(s):
    """Lower case, no diacritics, punctuation as spaces: "Sở Văn hoá - Thể thao" and
    "Sở Văn hóa, Thể thao" fold alike."""
    s = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return collapse(re.sub(r"[^a-z0-9]+", " ", s))


class Node:
    """A heading (roman, num, letter) with what follows it: bullets and paragraphs."""

    def __init__(self, kind, label, text, refs=(), raw=None):
        self.kind, self.label, self.text, self.refs = kind, label, text, list(refs)
        self.raw = raw if raw is not None else text  # with footnote marks, for "name¹⁵"
        self.children = []

    def bullets(self):
        return [c for c in self.children if c.kind == "bullet"]

    def paras(self):
        return [c for c in self.children if c.kind == "para"]

    def sub(self, kind, label):
        for c in self.children:
            if c.kind == kind and c.label == label:
                return c
        return None


def build_tree(paras):
    """paras: (text, refs, raw) in order. Returns the root; roman headings under it, numbered ones
    under the roman, letters under the number, bullets and paragraphs under the innermost."""
    top = Node("root", "", "")
    stack = [top]
    depth = {"roman": 1, "num": 2, "letter": 3}
    for text, refs, raw in paras:
        for kind, rx in (("roman", HEAD_ROMAN), ("num", HEAD_NUM), ("letter", HEAD_LETTER)):
            m = rx.match(text)
            if m and (kind != "num" or len(stack) > 1):
                while len(stack) > depth[kind]:
                    stack.pop()
                node = Node(kind, m.group(1), m.group(2), refs, rx.match(raw).group(2))
                stack[-1].children.append(node)
                stack.append(node)
                break
        else:
            cut = 2 if text.startswith("- ") else 0
            stack[-1].children.append(Node("bullet" if cut else "para", "", text[cut:], refs, raw[cut:]))
    return top


class Source:
    """A source text read into: header lines, the body tree (from "I." to "Nơi nhận:"), the
    closing paragraph, recipients, signature lines and footnotes; `flat` is the whole text
    cleaned the same way, for "occurs in the text" checks."""

    def __init__(self, path):
        self.path = path
        self.raw = path.read_text(encoding="utf-8")
        self.footnotes = {}
        if re.search(r"\n\s*\n", self.raw):  # paragraphs apart (the 2024 plan), or one wrapped line each
            self._read_2024()
        else:
            self._read_327()
        self.tree = build_tree(self.body)
        parts = [t for t, _, _ in self.header + self.body] + [self.closing] + self.recipients
        parts += self.signature + list(self.footnotes.values())
        self.flat = "\n".join(parts)

    # The 2024 plan: blank-line paragraphs, superscript footnote marks, footnote paragraphs at
    # page ends; a paragraph starting in lower case continues the last one across the page.
    def _read_2024(self):
        paras = []
        for raw in re.split(r"\n\s*\n", self.raw):
            raw = raw.strip()
            if not raw:
                continue
            m = SUP_RE.match(raw)
            if m:
                self.footnotes[sup_int(m.group())] = collapse(raw[m.end():].replace("*", ""))
            elif raw[0].islower() and not HEAD_LETTER.match(raw) and paras:
                paras[-1] = paras[-1] + " " + raw
            else:
                paras.append(raw)
        cleaned = [self._clean_2024(p) + (collapse(p.replace("*", "")),) for p in paras]
        start = next(i for i, c in enumerate(cleaned) if c[0].startswith("I. "))
        stop = next(i for i, c in enumerate(cleaned) if c[0] == "Nơi nhận:")
        self.header = cleaned[:start]
        title = next(i for i, c in enumerate(self.header) if c[0].startswith("KẾ HOẠCH"))
        self.preamble = [c[0] for c in self.header[title + 1:] if not c[0].startswith("Số:")]
        self.body = cleaned[start:stop - 1]
        self.closing = cleaned[stop - 1][0]
        self.recipients = [self._clean_2024(l[2:])[0] for l in paras[stop + 1].split("\n")]
        self.signature = [self._clean_2024(p)[0] for p in paras[stop + 2:]]

    @staticmethod
    def _clean_2024(s):
        refs = [sup_int(m.group()) for m in SUP_RE.finditer(s)]
        return collapse(SUP_RE.sub("", s).replace("*", "")), refs

    # Plan 327: one line per wrapped line, no blank lines. A paragraph starts at a bullet or a
    # heading, or after a line ending a sentence; `|` lines are table cell borders. The
    # footnote mark is a digit glued to a word ("mới1").
    def _read_327(self):
        lines = self.raw.split("\n")
        start = next(i for i, l in enumerate(lines) if l.startswith("I. "))
        stop = lines.index("Nơi nhận:")
        self.header = [(collapse(" ".join(b)), [], "") for b in self._cells(lines[:start])]
        self.preamble = []  # after the title: a paragraph starts at "Căn cứ" or "Thực hiện"
        for line in self._cells(lines[:start])[-1]:
            if line.startswith(("Căn cứ", "Thực hiện")):
                self.preamble.append(line)
            elif self.preamble:
                self.preamble[-1] += " " + line
        self.preamble = [collapse(x) for x in self.preamble]
        paras = []
        for line in lines[start:stop]:
            new = (line.startswith("- ") or HEAD_ROMAN.match(line) or re.match(r"^\d+\. ", line)
                   or not paras or (paras[-1].endswith(".") and line[:1].isupper()))
            if new:
                paras.append(line)
            else:
                paras[-1] += " " + line
        cleaned = [self._clean_327(p) + (collapse(p),) for p in paras]
        self.body, self.closing = cleaned[:-1], cleaned[-1][0]
        rest = self._cells(lines[stop + 1:])
        recipients = []
        for line in rest[0]:
            if line.startswith("- "):
                recipients.append(line[2:])
            else:
                recipients[-1] += " " + line
        self.recipients = [collapse(r) for r in recipients]
        self.signature = [collapse(" ".join(rest[1]))]
        note = collapse(" ".join(rest[2]))
        m = re.match(r"^(\d+) (.*)$", note)
        self.footnotes[int(m.group(1))] = m.group(2)

    @staticmethod
    def _cells(lines):
        """Groups lines into table cells separated by '|' lines."""
        cells = [[]]
        for l in lines:
            if l.strip() == "|":
                cells.append([])
            elif l.strip():
                cells[-1].append(l)
        return cells

    @staticmethod
    def _clean_327(s):
        refs = [int(m.group(1)) for m in re.finditer(r"(?<=[^\W\d_])(\d)(?= )", s)]
        return collapse(re.sub(r"(?<=[^\W\d_])\d(?= )", "", s)), refs

    def has(self, phrase):
        return collapse(phrase) in self.flat


# ---------------------------------------------------------------- checks

passed = failed = 0


def check(what, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        if verbose:
            print(f"ok   {what}")
    else:
        failed += 1
        print(f"FAIL {what}" + (f": {detail}" if detail else ""))
    return ok


# ---------------------------------------------------------------- the format, from docs/plans.md

def read_schema():
    """{object: [(field, [alternatives])]} from the tables under "### `object`"."""
    schema, name = {}, None
    for line in (root / "docs/plans.md").read_text(encoding="utf-8").split("\n"):
        m = re.match(r"^### `([a-z_]+)`", line)
        if m:
            name = m.group(1)
            schema[name] = []
            continue
        if line.startswith("#"):  # another section: its tables are not field tables
            name = None
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)]
        if name and len(cells) >= 4 and re.fullmatch(r"`[a-z0-9_]+`", cells[1]):
            field = cells[1].strip("`")
            alts = cells[2].strip("`").replace("\\|", "|").split("|")
            schema[name].append((field, alts))
    return schema


BASE = {
    "text": lambda v: isinstance(v, str) and v.strip() != "" and v == v.strip(),
    "slug": lambda v: isinstance(v, str) and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", v),
    "code": lambda v: isinstance(v, str) and re.fullmatch(r"[A-Z0-9]+(-[A-Z0-9]+)*", v) and len(v) <= 30,
    "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "bool": lambda v: isinstance(v, bool),
    "date": lambda v: isinstance(v, str) and valid_date(v),
    "partial-date": lambda v: isinstance(v, str) and (valid_date(v) or valid_date(v + "-01")),
    "period": lambda v: isinstance(v, str) and re.fullmatch(r"\d{4}(S1)?", v),
    "due": lambda v: isinstance(v, str) and (valid_date("2024-" + v) or valid_date(v)),
    "sha256": lambda v: isinstance(v, str) and re.fullmatch(r"[0-9a-f]{64}", v),
    "null": lambda v: v is None,
    "absent": lambda v: False,  # a field that may be left out: never a value
}


def valid_date(s):
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", s)
    if not m:
        return False
    y, mo, d = map(int, m.groups())
    if not 1 <= mo <= 12:
        return False
    days = [31, 29 if y % 4 == 0 and (y % 100 or y % 400 == 0) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return 1 <= d <= days[mo - 1]


def conforms(v, alts, schema, path, errors):
    for alt in alts:
        if alt.startswith('"'):
            if v == alt.strip('"'):
                return True
        elif alt.startswith("["):
            if isinstance(v, list):
                inner = alt[1:-1]
                for i, x in enumerate(v):
                    conforms(x, [inner], schema, f"{path}[{i}]", errors)
                return True
        elif alt in schema:
            if isinstance(v, dict):
                want = [f for f, fa in schema[alt] if f in v or "absent" not in fa]
                if list(v) != want:
                    errors.append(f"{path}: keys {list(v)} are not {want} ({alt})")
                for f, falts in schema[alt]:
                    if f in v:
                        conforms(v[f], falts, schema, f"{path}.{f}", errors)
                return True
        elif alt in BASE:
            if BASE[alt](v):
                return True
        else:
            errors.append(f"{path}: docs/plans.md names an unknown type {alt!r}")
            return True
    errors.append(f"{path}: {json.dumps(v, ensure_ascii=False)[:80]} is not {'|'.join(alts)}")
    return False


# ---------------------------------------------------------------- organisations the demo creates

def demo_orgs():
    """The demo's organisations: kon_tum_orgs of src/seed/demo.c, and the People's Committee of
    each of Kon Tum's districts of 2024 (KT-UBND-<district>, as demo.c builds them)."""
    demo = (root / "src/seed/demo.c").read_text(encoding="utf-8")
    table = demo[demo.index("kon_tum_orgs[]"):]
    table = table[:table.index("};")]
    orgs = {}
    row = re.compile(r'\{"([A-Z0-9-]+)",\s*"([^"]*)",\s*"([a-z_]+)",\s*"(\d+)",\s*(NULL|"[\d-]+"),\s*'
                     r'(NULL|"[\d-]+")')
    for m in row.finditer(table):
        code, name, kind, place, vf, vt = m.groups()
        orgs[code] = dict(code=code, name=name, kind=kind, place_code=place,
                          valid_from=None if vf == "NULL" else vf.strip('"'),
                          valid_to=None if vt == "NULL" else vt.strip('"'), names_as_written=[])
    check("src/seed/demo.c still names each district's committee KT-UBND-<district code>",
          '"KT-UBND-%s"' in demo and 'place_get(x, "62"' in demo)
    kinds = {"Huyện ": "huyện ", "Thành phố ": "thành phố ", "Thị xã ": "thị xã "}
    for line in (root / "data/admin-units-2025-03-01.csv").read_text(encoding="utf-8").split("\n")[1:]:
        f = line.split(",")
        if len(f) > 3 and f[0] == "62" and f"KT-UBND-{f[2]}" not in orgs:
            lname = next((kinds[k] + f[3][len(k):] for k in kinds if f[3].startswith(k)), f[3])
            orgs[f"KT-UBND-{f[2]}"] = dict(code=f"KT-UBND-{f[2]}", name="Ủy ban nhân dân " + lname,
                                            kind="people_committee", place_code=f[2], valid_from=None,
                                            valid_to="2025-06-30", names_as_written=[], district=True)
    return orgs


def org_kinds():
    src = (root / "src/domain/org.c").read_text(encoding="utf-8")
    block = src[src.index("org_kinds[] = {"):]
    return set(re.findall(r'"([a-z_]+)"', block[:block.index("};")]))


def place_codes():
    codes = set()
    for f, cols in (("admin-units-2025-03-01.csv", (0, 2, 4)), ("admin-units-2025-07-01.csv", (0, 3))):
        for line in (root / "data" / f).read_text(encoding="utf-8").split("\n")[1:]:
            cells = line.split(",")
            codes.update(cells[c] for c in cols if len(cells) > c)
    return codes


# How the plans name the district People's Committees together; "Chính quyền địa phương" (local
# government, Plan 327 IV.5 item 2) is read as them too: the communes act under them.
DISTRICT_PHRASES = ["Ủy ban nhân dân các huyện, thành phố", "UBND các huyện, thành phố",
                    "Chính quyền địa phương"]


def names_of(o):
    return [o["name"]] + list(o.get("names_as_written", []))


def named_in(o, text):
    """Whether the text names the organisation: its name or a written form, compared folded; a
    department also by its name without "Sở" ("các Sở: Y tế; Thông tin và Truyền thông")."""
    ft = fold(text)
    if o.get("district"):
        return any(fold(p) in ft for p in DISTRICT_PHRASES)
    for n in names_of(o):
        if fold(n) in ft or (n.startswith("Sở ") and fold(n[3:]) in ft):
            return True
    return False


def code_for_name(orgs, name):
    """The one organisation whose name or written form folds equal to name, or None."""
    hits = [c for c, o in orgs.items() if not o.get("district") and any(fold(n) == fold(name) for n in names_of(o))]
    return hits[0] if len(hits) == 1 else None


# ---------------------------------------------------------------- reading Vietnamese dates and sums

def parse_date(s):
    """(y, m, d) from "ngày 21 tháng 3 năm 2022", "02/6/2015", "trước ngày 05 tháng 6",
    "trước ngày 15/6"; y is None when not given, d None when blank."""
    m = re.search(r"ngày (\d{1,2})? ?tháng (\d{1,2})(?: năm (\d{4}))?", s)
    if m:
        return (int(m.group(3)) if m.group(3) else None, int(m.group(2)),
                int(m.group(1)) if m.group(1) else None)
    m = re.search(r"\b(\d{1,2})/(\d{1,2})(?:/(\d{4}))?\b", s)
    if m:
        return (int(m.group(3)) if m.group(3) else None, int(m.group(2)), int(m.group(1)))
    return None


def date_str(y, m, d):
    return "-".join(x for x in (f"{y:04d}" if y else None, f"{m:02d}", f"{d:02d}" if d else None) if x)


def parse_amount(s):
    m = re.search(r"([\d.]+) triệu đồng", s)
    return int(m.group(1).replace(".", "")) * 1_000_000 if m else None


def ordinal_bullets(footnote):
    """"... gạch đầu dòng thứ nhất" -> [1]; "thứ 2 và 3" -> [2, 3]."""
    m = re.search(r"gạch đầu dòng thứ (.*?)\.?$", footnote)
    if not m:
        return []
    return [1 if w == "nhất" else int(w) for w in re.findall(r"nhất|\d+", m.group(1))]


# ---------------------------------------------------------------- one plan against its text

AS_WRITTEN_KEYS = {"text", "heading", "intro", "quote", "title", "for_what", "priority", "closing"}


def walk(v, path=""):
    if isinstance(v, dict):
        for k, x in v.items():
            yield from walk(x, f"{path}.{k}" if path else k)
    elif isinstance(v, list):
        for i, x in enumerate(v):
            yield from walk(x, f"{path}[{i}]")
    else:
        yield path, v


def source_items(node, inline=False):
    """The items of a section: its bullets, or, with none, the section's own text after "X: "."""
    if node.bullets():
        return [(b.text, b.refs) for b in node.bullets()]
    return [(node.text.partition(": ")[2], node.refs)] if inline else []


class PlanCheck:
    """The checks of one plan file against its source text, the demo's organisations and the other
    plan files (for references between plans)."""

    def __init__(self, plan, src, demo, plans):
        self.p, self.src, self.demo, self.plans = plan, src, demo, plans
        self.id = plan.get("id", "?")
        self.orgs = dict(demo)
        for o in plan.get("organisations", []):
            self.orgs[o["code"]] = o

    def ok(self, what, cond, detail=""):
        return check(f"{self.id}: {what}", cond, detail)

    def run(self):
        for name in ("header", "texts", "paragraphs", "areas", "duties", "leads_2024", "leads_327",
                     "cooperating", "targets", "activity_areas", "funding", "support_rules",
                     "reporting", "references", "codes", "links"):
            getattr(self, "check_" + name)()

    # -- every quoted phrase is in the text
    def check_texts(self):
        missing = []
        for path, v in walk(self.p):
            key = path.rsplit(".", 1)[-1].split("[")[0]
            quoted = key in AS_WRITTEN_KEYS or key.endswith("_as_written") or path.startswith("signature") \
                or path.startswith("recipients") or (key == "what" and not path.startswith("targets"))
            if path.startswith(("organisations", "source", "notes", "title_en")) or key in ("name_en", "what_en"):
                quoted = False
            if path.startswith("signature.capacity"):
                quoted = True
            if quoted and isinstance(v, str) and not self.src.has(v):
                missing.append(f"{path} = {v[:60]!r}")
        self.ok("every quoted phrase occurs in the source text", not missing, "; ".join(missing[:5]))
        names = [(o["code"], n) for o in self.p["organisations"] for n in o["names_as_written"]]
        sources = [q["_source"] for q in self.plans.values()]
        bad = [f"{c} {n!r}" for c, n in names if not any(s.has(n) for s in sources)]
        self.ok("every organisation's names_as_written occurs in a plan's text", not bad, "; ".join(bad))

    # -- header
    def check_header(self):
        p, src = self.p, self.src
        f = plans_dir / p["source"]["file"]
        self.ok("source.sha256 is the checksum of the source file",
                f.exists() and hashlib.sha256(f.read_bytes()).hexdigest() == p["source"]["sha256"])
        self.ok("the file is named after the id", (plans_dir / f"{p['id']}.json").exists())
        head = " ".join(t for t, _, _ in src.header)
        nw = p["number_as_written"]
        m = re.fullmatch(r"Số: ?(\d*)/(\S+)", nw)
        self.ok("number_as_written is the text's \"Số:\" line", nw in head and bool(m), nw)
        if m:
            num = int(m.group(1)) if m.group(1) else None
            self.ok("number, symbol and code agree with number_as_written",
                    p["number"] == num and p["symbol"] == m.group(2)
                    and p["code"] == (f"{num}/{m.group(2)}" if num else None))
        d = parse_date(p["date_as_written"])
        self.ok("date agrees with date_as_written, which is in the header",
                p["date_as_written"] in head and d is not None and date_str(*d) == p["date"],
                f"{p['date_as_written']} -> {d}")
        self.ok("preamble: the paragraphs between the title and part I", p["preamble"] == src.preamble)
        self.ok("title and issuer as written are in the header",
                p["title"] in head and p["issuer_as_written"] in head and p["place_as_written"] in head)
        self.ok("issuer is an organisation", p["issuer"] in self.orgs, p["issuer"])
        e = p["effective"]
        self.ok("the plan is in force from on or after its date", e["from"] >= p["date"][:7] and e["to"] > e["from"])

    # -- whole paragraphs equal the text's
    def check_paragraphs(self):
        p, src = self.p, self.src
        I = src.tree.sub("roman", "I")
        for key, label in (("purposes", "1"), ("requirements", "2")):
            want = [(b.text, b.refs) for b in I.sub("num", label).bullets()]
            got = [(x["text"], x["footnote_refs"]) for x in p[key]]
            self.ok(f"{key}: I.{label} bullet for bullet", got == want and [x["n"] for x in p[key]] == list(
                range(1, len(want) + 1)), f"{len(got)} in the file, {len(want)} in the text")
        self.ok("footnotes: every footnote of the text, word for word",
                [(x["n"], x["text"]) for x in p["footnotes"]] == sorted(src.footnotes.items()))
        self.ok("recipients: the Nơi nhận lines", p["recipients"] == src.recipients)
        self.ok("closing: the closing paragraph", p["closing"] == src.closing)
        sig = " ".join(src.signature)
        s = p["signature"]
        self.ok("signature lines are the text's", all(x in sig for x in s["capacity"] + [s["name"]] + (
            [s["position"]] if s["position"] else [])))
        III = src.tree.sub("roman", "III")
        who = III.sub("num", "1") if III else None
        if who is not None and who.text.startswith("Đối tượng"):
            self.ok("beneficiaries and scope are III.1 and III.2",
                    p["beneficiaries"] and p["beneficiaries"]["text"] == who.text
                    and p["scope"] and p["scope"]["text"] == III.sub("num", "2").text)
        else:
            self.ok("no beneficiaries or scope where the text has none",
                    p["beneficiaries"] is None and p["scope"] is None)

    # -- areas: as many items as bullets, each the bullet's text
    def area_nodes(self):
        """The text's sections of work: II.n of the 2024 plan (bullets under "a)"), IV.n of Plan 327."""
        out = {}
        II = self.src.tree.sub("roman", "II")
        if II is not None and II.children and II.children[0].sub("letter", "a") is not None:
            for n in II.children:
                out["II." + n.label] = n
        else:
            for n in self.src.tree.sub("roman", "IV").children:
                out["IV." + n.label] = n
        return out

    def check_areas(self):
        nodes = self.area_nodes()
        self.ok("areas: the text's sections of work, in order", [a["code"] for a in self.p["areas"]] == list(nodes),
                f"{[a['code'] for a in self.p['areas']]} vs {list(nodes)}")
        for a in self.p["areas"]:
            node = nodes.get(a["code"])
            if node is None:
                continue
            la, lb = node.sub("letter", "a"), node.sub("letter", "b")
            bullets = la.bullets() if la else node.bullets()
            self.ok(f"area {a['code']}: heading, intro and implementers as written",
                    a["heading"] == node.text and a["intro"] == ("a) " + la.text if la else None)
                    and a["implementers_as_written"] == ("b) " + lb.text if lb else None))
            self.ok(f"area {a['code']}: {len(bullets)} items, one per bullet of the text",
                    len(a["items"]) == len(bullets), f"{len(a['items'])} in the file")
            self.items_equal(f"area {a['code']}", a["items"], [(b.text, b.refs) for b in bullets])

    def items_equal(self, where, items, want):
        bad = [f"item {i + 1}" for i, (it, (t, r)) in enumerate(zip(items, want))
               if it["n"] != i + 1 or it["text"] != t or it["footnote_refs"] != r]
        self.ok(f"{where}: each item's text and footnote marks are its bullet's", not bad, ", ".join(bad))

    def duty_nodes(self):
        roman = "IV" if self.src.tree.sub("roman", "VI") is None else "VI"
        return {f"{roman}.{n.label}": n for n in self.src.tree.sub("roman", roman).children}

    def check_duties(self):
        nodes = self.duty_nodes()
        self.ok("duties: the text's sections of \"Tổ chức thực hiện\", in order",
                [d["code"] for d in self.p["duties"]] == list(nodes))
        for d in self.p["duties"]:
            node = nodes.get(d["code"])
            if node is None:
                continue
            want = source_items(node, inline=True)
            head = node.text if node.bullets() else node.text.partition(": ")[0]
            if d["intro"] is not None:
                head = node.text.partition(": ")[0]
                self.ok(f"duty {d['code']}: intro as written", node.text == f"{head}: {d['intro']}")
            self.ok(f"duty {d['code']}: heading as written", d["heading"] == head, d["heading"])
            self.ok(f"duty {d['code']}: {len(want)} items, one per bullet of the text",
                    len(d["items"]) == len(want), f"{len(d['items'])} in the file")
            self.items_equal(f"duty {d['code']}", d["items"], want)
            self.ok(f"duty {d['code']}: every item is led by the duty's bodies",
                    all(it["lead"] == d["bodies"] and it["lead_basis"] == "body" for it in d["items"]))
            self.ok(f"duty {d['code']}: a request (\"Đề nghị\") exactly when the heading says so",
                    d["request"] == d["heading"].startswith("Đề nghị"))
            self.check_bodies(d)

    def check_bodies(self, d):
        head = d["heading"]
        if head.startswith("Cơ quan thường trực"):  # "the standing office of the Committee - <body>"
            head = head.partition(" - ")[2]
        named = [c for c, o in self.orgs.items() if named_in(o, head)]
        if named:
            want = set(named)
            if "đoàn thể" in head:  # the mass organisations, listed in the 2024 plan's footnote 25
                want |= {c for c, o in self.orgs.items() if o["kind"] == "mass"}
            self.ok(f"duty {d['code']}: bodies are those its heading names", set(d["bodies"]) == want,
                    f"{sorted(set(d['bodies']) ^ want)}")
        else:  # "Các Sở, ngành, đơn vị có liên quan": the bodies named in the areas, less the others' duties
            used = {c for a in self.p["areas"] for it in a["items"] for c in it["lead"] + it["cooperating"]}
            own = {c for x in self.p["duties"] if x is not d for c in x["bodies"]}
            self.ok(f"duty {d['code']}: a heading naming no body binds the bodies of the areas without their own duty",
                    set(d["bodies"]) == used - own, f"{sorted(set(d['bodies']) ^ (used - own))}")

    # -- the 2024 plan's lead units, from the b) lines and their footnotes
    def check_leads_2024(self):
        for a in self.p["areas"]:
            node = self.area_nodes().get(a["code"])
            lb = node.sub("letter", "b") if node else None
            if lb is None:
                continue
            leads = self.parse_leads(lb.raw)
            expect = {}
            for name, fn in leads:
                if fn is not None:
                    for n in ordinal_bullets(self.src.footnotes.get(fn, "")):
                        expect[n] = (name, fn, "footnote")
            free = [name for name, fn in leads if fn is None]
            for it in a["items"]:
                if it["n"] not in expect:
                    self.ok(f"area {a['code']} item {it['n']}: the b) line leaves one lead for the bullets "
                            "no footnote names",
                            len(free) == 1, f"{free}")
                    if len(free) == 1:
                        expect[it["n"]] = (free[0], None, "sole_lead" if len(leads) == 1 else "lead_without_footnote")
                name, fn, basis = expect.get(it["n"], (None, None, None))
                code = code_for_name(self.orgs, name) if name else None
                self.ok(f"area {a['code']} item {it['n']}: led by {name}"
                        + (f" (footnote {fn})" if fn else ""),
                        code is not None and it["lead"] == [code] and it["lead_as_written"] == name
                        and it["lead_basis"] == basis and it["lead_footnote"] == fn,
                        f"file: {it['lead']} {it['lead_as_written']!r} {it['lead_basis']} {it['lead_footnote']}")
            self.ok(f"area {a['code']}: every footnote on a lead names bullets that exist",
                    all(1 <= n <= len(a["items"]) for n in expect))

    @staticmethod
    def parse_leads(raw):
        """"Đơn vị thực hiện: Sở A⁴, Sở B, C⁵ chủ trì, ..." -> [("Sở A", 4), ("Sở B, C", 5)]: a comma
        or semicolon starts a new unit only before a word that starts a body's name."""
        part = raw.partition(": ")[2].partition(" chủ trì")[0]
        starts = ("Sở ", "Ban ", "Ngân hàng ", "Bảo hiểm ", "Ủy ban ", "Đài ", "Báo ", "Hội ")
        units = []
        for seg in re.split(r"[,;] ", part):
            if units and not seg.startswith(starts):
                units[-1] += ", " + seg
            else:
                units.append(seg)
        out = []
        for u in units:
            m = SUP_RE.search(u)
            out.append((u[:m.start()] if m else u, sup_int(m.group()) if m else None))
        return out

    # -- Plan 327's leads: from the bullet, or the duty of part VI cited in the note
    def check_leads_327(self):
        duties = {d["code"]: d for d in self.p["duties"]}
        for a in self.p["areas"]:
            for it in a["items"]:
                where = f"area {a['code']} item {it['n']}"
                b = it["lead_basis"]
                if b == "named_in_item":
                    w = it["lead_as_written"] or ""
                    self.ok(f"{where}: the lead it names is written in the bullet, and is the body of those words",
                            it["lead"] and w and w in it["text"] and (it["reporting"] or all(
                                c in self.orgs and named_in(self.orgs[c], w) for c in it["lead"])),
                            f"{it['lead']} {w!r}")
                elif b == "duty":
                    cited = re.findall(r"\bVI\.\d+", it["note"] or "")
                    d = duties.get(cited[0]) if cited else None
                    self.ok(f"{where}: the lead is the body of the duty its note cites",
                            d is not None and it["lead"] and set(it["lead"]) <= set(d["bodies"]), f"{cited}")
                elif b == "not_named":
                    self.ok(f"{where}: no lead where the text names none", it["lead"] == [] and it["note"])
                elif b in ("footnote", "sole_lead", "lead_without_footnote"):
                    self.ok(f"{where}: a footnote-based lead needs a b) line", a["implementers_as_written"] is not None)

    # -- co-operating units are named in the text
    def check_cooperating(self):
        for group, kind in ((self.p["areas"], "area"), (self.p["duties"], "duty")):
            for a in group:
                clause = ""
                if a.get("implementers_as_written"):
                    clause = a["implementers_as_written"].partition(" chủ trì")[2]
                    want = {c for c, o in self.orgs.items() if named_in(o, clause)}
                    self.ok(f"{kind} {a['code']}: every unit of the co-operation clause is on every item",
                            all(want <= set(it["cooperating"]) for it in a["items"]), f"{sorted(want)}")
                for it in a["items"]:
                    text = clause + " " + it["text"]
                    extra = [c for c in it["cooperating"] if c not in self.orgs or not named_in(self.orgs[c], text)]
                    words = [w for w in it["cooperating_as_written"] if w not in text]
                    self.ok(f"{kind} {a['code']} item {it['n']}: co-operating units are named in the text",
                            not extra and not words, f"{extra} {words}")

    # -- targets
    def check_targets(self):
        II = self.src.tree.sub("roman", "II")
        for t in self.p["targets"]:
            node = II.sub("num", t["section"].split(".")[1]) if t["section"].startswith("II.") else None
            self.ok(f"target {t['id']}: quote is the text's {t['section']}",
                    node is not None and t["quote"] == node.text)
            self.ok(f"target {t['id']}: its figure is written in the quote", t["as_written"] in t["quote"])
            w = t["as_written"]
            nums = [int(x.replace(".", "")) for x in re.findall(r"\d[\d.]*", w)]
            if w.startswith("trên"):
                want = (nums[0] + 1, None)
            elif w.startswith("từ"):
                want = (nums[0], nums[1])
            elif nums:
                want = (nums[0], None)
            else:
                want = (100, None)
                self.ok(f"target {t['id']}: a target without a figure says why in its note", bool(t["note"]))
            self.ok(f"target {t['id']}: min and max are the written figure ({w})", (t["min"], t["max"]) == want,
                    f"{(t['min'], t['max'])} vs {want}")
            self.ok(f"target {t['id']}: percent exactly when the figure is a share",
                    (t["unit"] == "percent") == ("%" in w or not nums))
            self.ok(f"target {t['id']}: above_max_is_met is set exactly for ranges",
                    (t["above_max_is_met"] is None) == (t["max"] is None))
            y = re.search(r"\d{4}", t["by_date_as_written"])
            self.ok(f"target {t['id']}: by_date is the end of the year written",
                    y is not None and t["by_date"] == f"{y.group()}-12-31")
        c = self.p["composition_rule"]
        if c is not None:
            q = c["quote"]
            m = re.search(r"từ (\d+) đến (\d+) thành viên", q)
            bands = dict((w, (int(lo), int(hi))) for lo, hi, w in
                         re.findall(r"(\d+)%-(\d+)% là (phụ nữ|người cao tuổi|người trẻ tuổi)", q))
            self.ok("composition_rule: the bands are the quote's",
                    q == II.sub("num", c["section"].split(".")[1]).text and m is not None
                    and (c["members_min"], c["members_max"]) == (int(m.group(1)), int(m.group(2)))
                    and (c["women_min_percent"], c["women_max_percent"]) == bands.get("phụ nữ")
                    and (c["older_min_percent"], c["older_max_percent"]) == bands.get("người cao tuổi")
                    and (c["younger_min_percent"], c["younger_max_percent"]) == bands.get("người trẻ tuổi")
                    and c["priority"] in q and c["valid_from"] == self.p["date"])

    def check_activity_areas(self):
        aa = self.p["activity_areas"]
        if not aa:
            return
        hit = [b.text for n in self.src.tree.sub("roman", "IV").children for b in n.bullets()
               if "các hoạt động: " in b.text and b.text.startswith("Câu lạc bộ")]
        listed = hit[0].split("các hoạt động: ", 1)[1].rstrip(".").split("; ") if hit else []
        self.ok(f"activity_areas: the {len(listed)} areas of the text, word for word, in order",
                [x["as_written"] for x in aa] == listed and [x["position"] for x in aa] == list(range(1, len(aa) + 1)))
        self.ok("activity_areas: each name is the words with a capital first letter",
                all(x["name"] == x["as_written"][0].upper() + x["as_written"][1:] for x in aa))
        self.ok("activity_areas: codes are distinct", len({x["code"] for x in aa}) == len(aa))

    def check_funding(self):
        ids = [f["id"] for f in self.p["funding"]]
        self.ok("funding: ids are distinct", len(set(ids)) == len(ids))
        for f in self.p["funding"]:
            if f["amount"] is not None or f["amount_as_written"] is not None:
                self.ok(f"funding {f['id']}: amount is the written sum",
                        f["amount_as_written"] and parse_amount(f["amount_as_written"]) == f["amount"])
            m = re.fullmatch(r"([IVX]+)\.(\d+)", f["section"])
            if m:
                node = self.src.tree.sub("roman", m.group(1)).sub("num", m.group(2))
                self.ok(f"funding {f['id']}: items are the bullets of {f['section']}",
                        [x["text"] for x in f["items"]] == [b.text for b in node.bullets()] and f["quote"] == node.text)

    def check_support_rules(self):
        fids = {f["id"] for f in self.p["funding"]}
        for s in self.p["support_rules"]:
            w = f"support rule {s['id']}"
            self.ok(f"{w}: quote is footnote {s['footnote']}", self.src.footnotes.get(s["footnote"]) == s["quote"])
            self.ok(f"{w}: belongs to a funding line of this plan", s["funding"] in fids)
            self.ok(f"{w}: planned exactly when the text says \"dự kiến\"",
                    (s["status"] == "planned") == ("dự kiến" in s["quote"])
                    and (s["status_as_written"] is None or s["status_as_written"] in s["quote"]))
            self.ok(f"{w}: once per club as the text says", (not s["once_per_club"]) or (
                s["once_as_written"] and s["once_as_written"] in s["quote"] and "01 lần" in s["once_as_written"]))
            self.ok(f"{w}: not in force before the plan's month", s["valid_from"][:7] >= self.p["date"][:7])
            for lv in s["levels"]:
                yrs = re.findall(r"\d{4}", lv["founded_as_written"])
                self.ok(f"{w}: {lv['amount_as_written']} for clubs founded {lv['founded_as_written']}",
                        lv["amount_as_written"] in s["quote"] and lv["founded_as_written"] in s["quote"]
                        and lv["label_as_written"] in s["quote"]
                        and parse_amount(lv["amount_as_written"]) == lv["amount"]
                        and len(yrs) == 2 and lv["founded_from"] == f"{yrs[0]}-01-01"
                        and lv["founded_to"] == f"{yrs[1]}-12-31"
                        and s["quote"].index(lv["label_as_written"]) < s["quote"].index(lv["amount_as_written"]))

    def find_item(self, section):
        m = re.fullmatch(r"([IVX]+\.\d+) item (\d+)", section)
        if not m:
            return None
        for x in self.p["areas"] + self.p["duties"]:
            if x["code"] == m.group(1) and int(m.group(2)) <= len(x["items"]):
                return x["items"][int(m.group(2)) - 1]
        return None

    def check_reporting(self):
        ids = [r["id"] for r in self.p["reporting"]]
        self.ok("reporting: ids are distinct", len(set(ids)) == len(ids))
        for r in self.p["reporting"]:
            w = f"reporting {r['id']}"
            k = r["period_kind"]
            it = self.find_item(r["section"])
            if r["section"] == "closing":
                self.ok(f"{w}: quote is the closing paragraph", r["quote"] == self.p["closing"])
            else:
                self.ok(f"{w}: quote is the item at {r['section']}, and its reporters are the item's lead",
                        it is not None and it["text"] == r["quote"] and it["lead"] == r["reporters"]
                        and r["id"] in it["reporting"])
            if r["due_as_written"] is not None:
                self.ok(f"{w}: due date as written is in the quote", r["due_as_written"] in r["quote"])
            d = parse_date(r["due_as_written"] or "")
            if k in ("semiannual", "yearly"):
                self.ok(f"{w}: due before {r['due_as_written']!r} is {r['due_before']}",
                        d is not None and d[0] is None and r["due_before"] == date_str(None, d[1], d[2]))
                pat = r"\d{4}S1" if k == "semiannual" else r"\d{4}"
                self.ok(f"{w}: {k} periods, a data window",
                        re.fullmatch(pat, r["first_period"] or "") and re.fullmatch(pat, r["last_period"] or "")
                        and r["first_period"] <= r["last_period"] and r["window"] == "decree09")
                self.ok(f"{w}: the periods lie within the plan's time",
                        self.p["effective"]["from"][:4] <= r["first_period"][:4]
                        and r["last_period"][:4] <= self.p["effective"]["to"][:4])
                want = "6 tháng" if k == "semiannual" else "năm"
                self.ok(f"{w}: the text calls it a {'six-month' if k == 'semiannual' else 'year'} report",
                        want in r["due_as_written"])
            elif k == "once":
                self.ok(f"{w}: due before {r['due_as_written']!r} is {r['due_before']}",
                        d is not None and None not in d and r["due_before"] == date_str(*d)
                        and r["first_period"] is None and r["window"] is None)
            else:
                self.ok(f"{w}: no period or due date for {k}",
                        r["due_before"] is None and r["first_period"] is None and r["window"] is None)
            self.ok(f"{w}: receivers are named in the quote",
                    all(c in self.orgs and named_in(self.orgs[c], r["quote"]) for c in r["to"])
                    and r["to_as_written"] in r["quote"], f"{r['to']}")
        linked = {x for a in self.p["areas"] + self.p["duties"] for it in a["items"] for x in it["reporting"]}
        self.ok("every reporting line an item cites exists", linked <= set(ids), f"{sorted(linked - set(ids))}")

    def check_references(self):
        for r in self.p["legal_bases"] + self.p["references"]:
            w = f"{r['relation']} text {r['number'] or r['kind']}"
            self.ok(f"{w}: its number is in the words citing it", r["number"] is None or r["number"] in r["as_written"])
            d = parse_date(r["as_written"])
            self.ok(f"{w}: its date is the cited one", (d is None and r["date"] is None) or (
                d is not None and r["date"] == date_str(*d)), f"{d} vs {r['date']}")
            self.ok(f"{w}: relation agrees with the words", r["relation"] != "basis" or "Căn cứ" in r["as_written"]
                    or r["cited_in"].startswith("footnote 1"))
        for it in (it for a in self.p["areas"] + self.p["duties"] for it in a["items"]):
            if it["deadline"]:
                d = parse_date(it["deadline"]["as_written"])
                self.ok(f"item deadline {it['deadline']['as_written']!r}",
                        d is not None and it["deadline"]["before"] == date_str(*d)
                        and it["deadline"]["as_written"] in it["text"])
            for o in it["occasions"]:
                d = parse_date(o["as_written"])
                self.ok(f"occasion {o['what']!r} on {o['date']}",
                        d is not None and o["date"] == date_str(*d) and o["as_written"] in it["text"]
                        and o["as_written"].startswith(o["what"]))

    # -- every organisation code is defined, and defined once the same way
    def check_codes(self):
        used = {self.p["issuer"]}
        for path, v in walk({k: self.p[k] for k in ("areas", "duties", "reporting", "funding", "support_rules")}):
            key = re.sub(r"\[\d+\]", "", path.rsplit(".", 1)[-1])
            if key in ("lead", "cooperating", "bodies", "reporters", "to", "payers", "paid_by", "on_behalf_of") and v:
                used.add(v)
        for o in self.p["organisations"]:
            used.update(s["code"] for s in o["succeeds"])
        undefined = sorted(c for c in used if c not in self.orgs)
        self.ok("every organisation code used is defined (the demo or organisations)", not undefined, f"{undefined}")
        demo, kinds, places = self.demo, org_kinds(), PLACES
        for o in self.p["organisations"]:
            w = f"organisation {o['code']}"
            self.ok(f"{w}: a kind the store knows", o["kind"] in kinds)
            self.ok(f"{w}: national exactly when it has no place, and a place that exists",
                    (o["level"] == "national") == (o["place_code"] is None)
                    and (o["place_code"] is None or o["place_code"] in places))
            if o["origin"] == "demo":
                d = demo.get(o["code"])
                self.ok(f"{w}: restates the demo's body exactly", d is not None and all(
                    d[k] == o[k] for k in ("name", "kind", "place_code", "valid_from", "valid_to")), f"{d}")
            else:
                self.ok(f"{w}: a new body, not one the demo makes", o["code"] not in demo)
            for s in o["succeeds"]:
                pre = self.orgs.get(s["code"])
                day = pre and pre.get("valid_to")
                self.ok(f"{w}: succeeds {s['code']} from the day after it ends",
                        pre is not None and (day is None or s["from"] == next_day(day))
                        and (o["valid_from"] is None or o["valid_from"] <= s["from"]))
        by_pred = {}
        for o in self.orgs.values():
            for s in o.get("succeeds", []):
                by_pred.setdefault(s["code"], []).append(s)
        for pred, links in by_pred.items():
            self.ok(f"{pred}: exactly one successor takes the plan duties",
                    sum(1 for s in links if s["takes_plan_duties"]) == 1)

    def check_links(self):
        ts = {t["id"] for t in self.p["targets"]}
        bad = []
        for it in (it for a in self.p["areas"] + self.p["duties"] for it in a["items"]):
            for t in it["targets"]:
                pid, _, tid = t.rpartition("#")
                other = self.plans.get(pid) if pid else self.p
                if other is None or tid not in {x["id"] for x in other["targets"]}:
                    bad.append(t)
        self.ok("every target an item cites exists", not bad, f"{bad}")
        self.ok("target ids are distinct", len(ts) == len(self.p["targets"]))
        rules = {s["funding"] for s in self.p["support_rules"]}
        self.ok("support rules hang on funding lines that exist", rules <= {f["id"] for f in self.p["funding"]})


def next_day(s):
    y, m, d = map(int, s.split("-"))
    for cand in ((y, m, d + 1), (y, m + 1, 1), (y + 1, 1, 1)):
        t = "%04d-%02d-%02d" % cand
        if valid_date(t):
            return t


def main():
    schema = read_schema()
    check("docs/plans.md documents the plan object", "plan" in schema and schema["plan"])
    demo = demo_orgs()
    plans = {}
    files = sorted(plans_dir.glob("*.json"))
    check("data/plans has the plan files", len(files) >= 2, f"{[f.name for f in files]}")
    for f in files:
        raw = f.read_text(encoding="utf-8")
        try:
            p = json.loads(raw)
        except ValueError as e:
            check(f"{f.name}: valid JSON", False, str(e))
            continue
        errors = []
        conforms(p, ["plan"], schema, f.name, errors)
        check(f"{f.name}: every object has the fields of docs/plans.md, in order, of their types",
              not errors, "; ".join(errors[:8]))
        check(f"{f.name}: pretty-printed in the fixed layout",
              raw == json.dumps(p, ensure_ascii=False, indent=2) + "\n")
        if errors:
            continue
        p["_source"] = Source(plans_dir / p["source"]["file"])
        plans[p["id"]] = p
    for p in plans.values():
        PlanCheck(p, p["_source"], demo, plans).run()
    seen = {}
    for p in plans.values():
        for o in p["organisations"]:
            if o["code"] in seen:
                check(f"{o['code']} is defined the same way in every plan file", seen[o["code"]] == o)
            seen[o["code"]] = o
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


PLACES = place_codes()

if __name__ == "__main__":
    sys.exit(main())
