"""Birth places, countries and citizenships as Belfiore codes (python-codicefiscale's data)."""

import re
from functools import cache

from .names import clean

ITALY = "IT"

# Names and adjectives the package does not know: citizenships are usually written
# as adjectives ("marocchina"), countries in Italian, English or the local form.
COUNTRY_ALIASES = {
    "italia": ITALY,
    "italy": ITALY,
    "italiana": ITALY,
    "italiano": ITALY,
    "cina": "china",
    "repubblica-popolare-cinese": "china",
    "russia": "federazione-russa",
    "marocchina": "marocco",
    "marocchino": "marocco",
    "rumena": "romania",
    "rumeno": "romania",
    "romena": "romania",
    "romeno": "romania",
    "albanese": "albania",
    "ucraina": "ucraina",
    "ucraino": "ucraina",
    "cinese": "china",
    "tunisina": "tunisia",
    "tunisino": "tunisia",
    "egiziana": "egitto",
    "egiziano": "egitto",
    "senegalese": "senegal",
    "nigeriana": "nigeria",
    "nigeriano": "nigeria",
    "bengalese": "bangladesh",
    "bangladese": "bangladesh",
    "pakistana": "pakistan",
    "pakistano": "pakistan",
    "indiana": "india",
    "indiano": "india",
    "peruviana": "peru",
    "peruviano": "peru",
    "ecuadoriana": "ecuador",
    "ecuadoriano": "ecuador",
    "moldava": "moldova",
    "moldavo": "moldova",
    "filippina": "filippine",
    "filippino": "filippine",
    "ghanese": "ghana",
    "ivoriana": "costa-d-avorio",
    "ivoriano": "costa-d-avorio",
    "eritrea": "eritrea",
    "somala": "somalia",
    "somalo": "somalia",
    "siriana": "siria",
    "siriano": "siria",
    "afghana": "afghanistan",
    "afghano": "afghanistan",
    "gambiana": "gambia",
    "gambiano": "gambia",
    "maliana": "mali",
    "maliano": "mali",
    "kosovara": "kosovo",
    "kosovaro": "kosovo",
    "srilankese": "sri-lanka",
    "russa": "federazione-russa",
    "russo": "federazione-russa",
    "brasiliana": "brasile",
    "brasiliano": "brasile",
    "colombiana": "colombia",
    "colombiano": "colombia",
    "domenicana": "repubblica-dominicana",
    "domenicano": "repubblica-dominicana",
    "polacca": "polonia",
    "polacco": "polonia",
    "bulgara": "bulgaria",
    "bulgaro": "bulgaria",
    "macedone": "macedonia-del-nord",
    "serba": "serbia",
    "serbo": "serbia",
    "turca": "turchia",
    "turco": "turchia",
    "algerina": "algeria",
    "algerino": "algeria",
    "camerunense": "camerun",
    "burkinabe": "burkina-faso",
    "guineana": "guinea",
    "guineano": "guinea",
    "georgiana": "georgia",
    "georgiano": "georgia",
    "bielorussa": "bielorussia",
    "bielorusso": "bielorussia",
    "eritreo": "eritrea",
    "etiope": "etiopia",
    "sudanese": "sudan",
    "iraniana": "iran",
    "irachena": "iraq",
}


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", clean(text).lower()).strip("-")


@cache
def _data():
    from codicefiscale.data import get_indexed_data

    return get_indexed_data()


@cache
def country_code(text: str) -> str | None:
    """ "Marocco", "Morocco", "marocchina" -> "Z330"; "Italia" -> "IT"; unknown -> None."""
    key = slug(text)
    if not key:
        return None
    key = COUNTRY_ALIASES.get(key, key)
    if key == ITALY:
        return ITALY
    entries = _data()["countries"].get(key)
    if not entries:
        return None
    active = [entry for entry in entries if entry["active"]] or entries
    return active[0]["code"]


@cache
def place_code(text: str, province: str = "") -> str | None:
    """A municipality ("Lecco", "Lecco (LC)") or a country as a Belfiore code, or None."""
    match = re.match(r"^(.*?)\s*\(\s*([A-Za-z]{2})\s*\)\s*$", text or "")
    if match:
        text, province = match.group(1), province or match.group(2)
    key = slug(text)
    if not key:
        return None
    entries = _data()["municipalities"].get(key)
    if entries:
        if province:
            in_province = [entry for entry in entries if entry["province"] == province.upper()]
            entries = in_province or entries
        active = [entry for entry in entries if entry["active"]] or entries
        return active[0]["code"]
    country = country_code(text)
    return None if country == ITALY else country


def country_of_place(code: str | None) -> str | None:
    """The country of a Belfiore code: foreign codes start with Z, the others are Italian."""
    if not code:
        return None
    return code if code.startswith("Z") else ITALY
