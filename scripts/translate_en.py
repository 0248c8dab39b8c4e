"""Fill the operator interface's English catalogue from scripts/translations_en.py.

    python manage.py makemessages -l en --ignore=.venv --ignore=node_modules \
        --ignore=static --ignore=intreccio/portal --no-obsolete
    python scripts/translate_en.py            # fill locale/en, list what is missing
    python manage.py compilemessages -l en --ignore=.venv --ignore=node_modules
    python scripts/translate_en.py --check    # change nothing; exit 1 if anything is missing

(``make messages`` runs these four steps.)

The source strings are Italian; ``TRANSLATIONS`` maps each msgid to its
English text (a pair ``(singular, plural)`` for plural entries). Every entry
found in the dictionary is filled and loses its ``fuzzy`` flag; entries not
in the dictionary are left empty and listed, so a second pass only has to add
the new strings to the dictionary and run the script again. Placeholders
(``%(name)s``, ``%s``, ``{name}``) and HTML tags must be the same in the
msgid and in the translation: a mismatch is reported and the entry left empty.

The script needs no third-party package (no polib): it reads and writes the
small subset of the PO format that ``makemessages`` produces. When GNU
gettext's ``msgcat`` is installed it rewraps the file the way ``msgmerge``
does, so that the next ``makemessages`` leaves the diff alone.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from translations_en import TRANSLATIONS  # noqa: E402

PO_PATH = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"

HEADER = {
    "Project-Id-Version": "intreccio",
    "Last-Translator": "Intreccio contributors",
    "Language-Team": "Intreccio",
    "Language": "en",
}
HEADER_COMMENT = [
    "# Intreccio – the operator interface in English.",
    "# Source strings are Italian; the translations live in scripts/translations_en.py",
    "# and are filled in by scripts/translate_en.py (do not edit msgstr by hand).",
    "# Licence: AGPL-3.0-or-later, like the code.",
]

PLACEHOLDER = re.compile(
    r"%\([A-Za-z_][A-Za-z0-9_]*\)[#0 +-]*\d*(?:\.\d+)?[sdifrxXeEgGc]"  # %(name)s
    r"|%[#0 +-]*\d*(?:\.\d+)?[sdifrxXeEgGc]"  # %s, %d
    r"|\{[A-Za-z_][A-Za-z0-9_.]*(?:![rsa])?(?::[^{}]*)?\}"  # {name}
    r"|</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>"  # HTML tags, with their attributes
)


@dataclass
class Entry:
    comments: list[str] = field(default_factory=list)  # "#." "#:" "#," "#|" "# " lines
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)  # index → text (0 when singular)
    obsolete: bool = False

    @property
    def flags(self) -> list[str]:
        out = []
        for line in self.comments:
            if line.startswith("#,"):
                out += [f.strip() for f in line[2:].split(",") if f.strip()]
        return out

    def set_flags(self, flags: list[str]) -> None:
        rest = [c for c in self.comments if not c.startswith("#,")]
        if flags:
            # Flags go after "#." and "#:" and before "#|".
            pos = len([c for c in rest if c.startswith(("#.", "#:", "# ")) or c == "#"])
            rest.insert(pos, "#, " + ", ".join(flags))
        self.comments = rest

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def translated(self) -> bool:
        if not self.msgstr:
            return False
        return all(self.msgstr.values()) and not self.fuzzy


def _unquote(s: str) -> str:
    s = s.strip()
    if not (s.startswith('"') and s.endswith('"')):
        raise ValueError(f"not a PO string: {s!r}")
    body = s[1:-1]
    out = []
    i = 0
    escapes = {
        "n": "\n",
        "t": "\t",
        "r": "\r",
        '"': '"',
        "\\": "\\",
        "a": "\a",
        "b": "\b",
        "f": "\f",
        "v": "\v",
    }
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body):
            out.append(escapes.get(body[i + 1], body[i + 1]))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _quote(s: str) -> str:
    s = s.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r")
    return '"' + s.replace("\n", "\\n") + '"'


def parse(text: str) -> list[Entry]:
    """Parse a PO file into entries (the header is the entry with msgid "")."""
    entries: list[Entry] = []
    cur = Entry()
    target: tuple[str, int] | None = None  # which string continuation lines belong to
    started = False  # the current entry has a msgid

    def flush() -> None:
        nonlocal cur, started, target
        if started or cur.comments:
            entries.append(cur)
        cur, started, target = Entry(), False, None

    for raw in text.splitlines():
        line = raw.rstrip("\n")
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].lstrip()
            if line.startswith("|"):  # "#~|" previous msgid of an obsolete entry: drop
                continue
        if not line.strip():
            flush()
            continue
        if line.startswith("#") and not obsolete:
            if started:
                flush()
            cur.comments.append(line)
            continue
        cur.obsolete = cur.obsolete or obsolete
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            if target is None:
                raise ValueError(f"continuation line without a keyword: {raw!r}")
            kind, idx = target
            value = _unquote(line)
            if kind == "msgstr":
                cur.msgstr[idx] += value
            else:
                setattr(cur, kind, getattr(cur, kind) + value)
            continue
        if keyword == "msgctxt":
            if started:
                flush()
            cur.msgctxt = _unquote(rest)
            target = ("msgctxt", 0)
        elif keyword == "msgid":
            if started:
                flush()
            cur.msgid = _unquote(rest)
            started = True
            target = ("msgid", 0)
        elif keyword == "msgid_plural":
            cur.msgid_plural = _unquote(rest)
            target = ("msgid_plural", 0)
        elif keyword == "msgstr":
            cur.msgstr[0] = _unquote(rest)
            target = ("msgstr", 0)
        elif keyword.startswith("msgstr["):
            idx = int(keyword[7:-1])
            cur.msgstr[idx] = _unquote(rest)
            target = ("msgstr", idx)
        else:
            raise ValueError(f"unexpected PO line: {raw!r}")
    flush()
    return entries


def _string_lines(keyword: str, value: str, prefix: str = "") -> list[str]:
    if "\n" in value[:-1]:
        parts = value.splitlines(keepends=True)
        return [f'{prefix}{keyword} ""'] + [prefix + _quote(p) for p in parts]
    return [f"{prefix}{keyword} {_quote(value)}"]


def dump(entries: list[Entry]) -> str:
    blocks = []
    for e in entries:
        p = "#~ " if e.obsolete else ""
        lines = list(e.comments)
        if e.msgctxt is not None:
            lines += _string_lines("msgctxt", e.msgctxt, p)
        lines += _string_lines("msgid", e.msgid, p)
        if e.msgid_plural is not None:
            lines += _string_lines("msgid_plural", e.msgid_plural, p)
            for idx in sorted(e.msgstr):
                lines += _string_lines(f"msgstr[{idx}]", e.msgstr[idx], p)
        else:
            lines += _string_lines("msgstr", e.msgstr.get(0, ""), p)
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def placeholders(s: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(s))


def _fix_header(header: Entry) -> None:
    fields: list[tuple[str, str]] = []
    for line in header.msgstr.get(0, "").splitlines():
        key, _, value = line.partition(":")
        fields.append((key.strip(), value.strip()))
    keys = [k for k, _ in fields]
    for key, value in HEADER.items():
        if key in keys:
            fields[keys.index(key)] = (key, value)
        else:
            fields.append((key, value))
    if "PO-Revision-Date" in keys and "YEAR" in dict(fields)["PO-Revision-Date"]:
        fields[keys.index("PO-Revision-Date")] = ("PO-Revision-Date", dict(fields)["POT-Creation-Date"])
    header.msgstr[0] = "".join(f"{k}: {v}\n" for k, v in fields)
    header.comments = HEADER_COMMENT
    header.set_flags([])


def check_pair(msgid: str, translation: str) -> str | None:
    """The reason a translation cannot be used, or None."""
    if not translation.strip():
        return "empty translation"
    if placeholders(msgid) != placeholders(translation):
        return f"placeholders differ: {placeholders(msgid)} ≠ {placeholders(translation)}"
    if msgid.endswith("\n") != translation.endswith("\n"):
        return "one ends with a newline and the other does not"
    return None


def _key(e: Entry) -> str:
    return e.msgid if e.msgctxt is None else f"{e.msgctxt}\x04{e.msgid}"


def fill(entries: list[Entry]) -> tuple[int, list[str], list[str]]:
    """Fill entries from TRANSLATIONS: (filled count, missing msgids, problems)."""
    filled, missing, problems = 0, [], []
    for e in entries:
        if e.obsolete:
            continue
        if e.msgid == "":
            _fix_header(e)
            continue
        key = _key(e)
        value = TRANSLATIONS.get(key)
        if value is None:
            if not e.translated:
                missing.append(key)
            continue
        if e.msgid_plural is not None:
            if not (isinstance(value, tuple) and len(value) == 2):
                problems.append(f"{e.msgid!r}: a plural entry needs a (singular, plural) pair")
                continue
            reasons = [check_pair(e.msgid, value[0]), check_pair(e.msgid_plural, value[1])]
            if any(reasons):
                problems.append(f"{e.msgid!r}: {'; '.join(r for r in reasons if r)}")
                continue
            e.msgstr = {0: value[0], 1: value[1]}
        else:
            if not isinstance(value, str):
                problems.append(f"{e.msgid!r}: a singular entry needs a string")
                continue
            reason = check_pair(e.msgid, value)
            if reason:
                problems.append(f"{e.msgid!r}: {reason}")
                continue
            e.msgstr = {0: value}
        e.set_flags([f for f in e.flags if f != "fuzzy"])
        e.comments = [c for c in e.comments if not c.startswith("#|")]
        filled += 1
    return filled, missing, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("po", nargs="?", type=Path, default=PO_PATH)
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if anything is missing")
    args = parser.parse_args(argv)

    entries = parse(args.po.read_text(encoding="utf-8"))
    before = {_key(e): (e.translated, dict(e.msgstr)) for e in entries if not e.obsolete and e.msgid}
    filled, missing, problems = fill(entries)
    if args.check:
        # The file as it is: what is empty or fuzzy there, or differs from the dictionary.
        missing = [k for k, (translated, _) in before.items() if not translated]
        stale = [e for e in entries if _key(e) in before and before[_key(e)][1] != e.msgstr]
        problems += [f"{_key(e)!r}: the file differs from the dictionary (run the script)" for e in stale]
    live = {_key(e) for e in entries if not e.obsolete and e.msgid}
    unused = sorted(k for k in TRANSLATIONS if k not in live)

    if not args.check:
        args.po.write_text(dump(entries), encoding="utf-8")
        msgcat = shutil.which("msgcat")
        if msgcat:
            subprocess.run([msgcat, "--width=79", "-o", str(args.po), str(args.po)], check=True)  # noqa: S603

    print(
        f"{args.po.relative_to(ROOT) if args.po.is_relative_to(ROOT) else args.po}: "
        f"{len(live)} strings, {filled} from the dictionary, {len(missing)} missing, "
        f"{len(problems)} rejected, {len(unused)} dictionary entries unused"
    )
    for p in problems:
        print(f"REJECTED {p}")
    for m in missing:
        print(f"MISSING  {m!r}")
    # Filling always succeeds (so that compilemessages can follow); --check is the gate.
    return 1 if args.check and (missing or problems) else 0


if __name__ == "__main__":
    sys.exit(main())
