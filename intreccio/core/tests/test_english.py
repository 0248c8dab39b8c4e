"""The operator interface in English: the pages, and a catalogue with nothing left out.

The catalogue is locale/en/LC_MESSAGES/django.po, filled from
scripts/translations_en.py by scripts/translate_en.py (see docs/directory.md,
"Languages"). These tests read the .po directly, so that a string added in
Italian without its English translation fails here and not in front of a user.
"""

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

PO_PATH = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO_PATH = PO_PATH.with_suffix(".mo")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}|</?[a-z][a-z0-9]*(?:\s[^<>]*)?>")


def parse_po(text: str) -> list[dict]:
    """Entries of a PO file: dicts of flags, msgctxt, msgid, msgid_plural, msgstr {index: text}, obsolete."""
    entries, entry, field = [], None, None

    def unquote(s: str) -> str:
        return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m[1], m[1]), s.strip()[1:-1])

    for line in [*text.splitlines(), ""]:
        if not line.strip():
            if entry is not None and "msgid" in entry:
                entries.append(entry)
            entry, field = None, None
            continue
        if entry is None:
            entry = {"flags": set(), "msgstr": {}, "obsolete": False}
        if line.startswith("#~"):
            entry["obsolete"] = True
            line = line[2:].strip()
            if not line or line.startswith("|"):
                continue
        elif line.startswith("#,"):
            entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
            continue
        elif line.startswith("#"):
            continue
        if line.startswith('"'):
            if field[0] == "msgstr":
                entry["msgstr"][field[1]] += unquote(line)
            else:
                entry[field[0]] += unquote(line)
            continue
        keyword, _, value = line.partition(" ")
        match = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
        if keyword == "msgstr" or match:
            field = ("msgstr", int(match[1]) if match else 0)
            entry["msgstr"][field[1]] = unquote(value)
        else:
            field = (keyword, 0)
            entry[keyword] = unquote(value)
    return entries


def english_client(client):
    """Choose English the way an operator does: the language switcher posts to set_language."""
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    return client


def test_an_operator_can_work_in_english(client_for, network):
    client = english_client(client_for(network.laura))

    home = client.get(reverse("accounts:home")).content.decode()
    assert '<html lang="en">' in home
    assert "Hello, Laura" in home
    assert "What needs your attention today." in home
    assert "Managing Comune di Lecco" in home
    assert "Sign out" in home
    assert "Ciò che richiede la tua attenzione oggi." not in home

    operators = client.get(reverse("accounts:operator_list")).content.decode()
    assert "<h1>Operators</h1>" in operators
    assert "Add an operator" in operators
    assert "Open sessions" in operators
    assert "Case lead (social worker)" in operators  # ana's role, from the Role choices

    services = client.get(reverse("directory:search")).content.decode()
    assert "<h1>Services and places in the network</h1>" in services
    assert "Search filters" in services
    assert "Change proposals" in services

    organisations = client.get(reverse("organisations:list")).content.decode()
    assert "Network organisations" in organisations


def test_the_interface_stays_italian_by_default(client_for, network):
    home = client_for(network.laura).get(reverse("accounts:home")).content.decode()
    assert '<html lang="it">' in home
    assert "Buongiorno, Laura" in home


def test_the_english_catalogue_has_no_untranslated_or_fuzzy_entry():
    entries = parse_po(PO_PATH.read_text(encoding="utf-8"))
    header = next(e for e in entries if e["msgid"] == "")
    assert "Language: en\n" in header["msgstr"][0]
    assert "fuzzy" not in header["flags"]
    messages = [e for e in entries if e["msgid"] and not e["obsolete"]]
    assert len(messages) > 900

    untranslated = [e["msgid"] for e in messages if not all(e["msgstr"].values())]
    fuzzy = [e["msgid"] for e in messages if "fuzzy" in e["flags"]]
    plurals = [e["msgid"] for e in messages if "msgid_plural" in e and sorted(e["msgstr"]) != [0, 1]]
    assert untranslated == [], f"untranslated (add them to scripts/translations_en.py): {untranslated}"
    assert fuzzy == [], f"fuzzy: {fuzzy}"
    assert plurals == [], f"plural entries without both forms: {plurals}"
    assert not [e for e in entries if e["obsolete"]], "obsolete entries: run makemessages with --no-obsolete"

    def same_placeholders(source: str, translation: str) -> bool:
        return sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(translation))

    for e in messages:
        assert same_placeholders(e["msgid"], e["msgstr"][0]), e["msgid"]
        if "msgid_plural" in e:
            assert same_placeholders(e["msgid_plural"], e["msgstr"][1]), e["msgid_plural"]


def test_the_compiled_catalogue_matches_the_po():
    """The .mo Django reads is the compiled .po (compilemessages was run after the last change)."""
    with MO_PATH.open("rb") as f:
        catalogue = gettext.GNUTranslations(f)._catalog
    for e in parse_po(PO_PATH.read_text(encoding="utf-8")):
        if not e["msgid"] or e["obsolete"]:
            continue
        key = e["msgid"] if "msgctxt" not in e else f"{e['msgctxt']}\x04{e['msgid']}"
        if "msgid_plural" in e:
            assert [catalogue.get((key, i)) for i in (0, 1)] == [e["msgstr"][0], e["msgstr"][1]], key
        else:
            assert catalogue.get(key) == e["msgstr"][0], key


@pytest.mark.parametrize(
    ("source", "english"),
    [("Presa in carico", "Taken in charge"), ("Ufficio di Piano", "Planning Office"), ("Ambito", "District")],
)
def test_the_terminology_is_the_one_of_social_services(source, english):
    entries = {e["msgid"]: e for e in parse_po(PO_PATH.read_text(encoding="utf-8"))}
    assert entries[source]["msgstr"][0] == english
