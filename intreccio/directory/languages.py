"""Languages spoken at services and places: ISO 639-1 codes and their names in Italian.

The list covers the languages most spoken by the residents of the province
of Lecco (ISTAT foreign residents by citizenship) plus sign language; any
other ISO code is accepted and shown as its code.
"""

from django.utils.translation import gettext_lazy as _

LANGUAGE_NAMES = {
    "it": _("italiano"),
    "en": _("inglese"),
    "fr": _("francese"),
    "es": _("spagnolo"),
    "ar": _("arabo"),
    "uk": _("ucraino"),
    "ro": _("rumeno"),
    "sq": _("albanese"),
    "ru": _("russo"),
    "zh": _("cinese"),
    "ur": _("urdu"),
    "bn": _("bengalese"),
    "pa": _("punjabi"),
    "hi": _("hindi"),
    "wo": _("wolof"),
    "pt": _("portoghese"),
    "de": _("tedesco"),
    "tl": _("tagalog"),
    "ti": _("tigrino"),
    "so": _("somalo"),
    "ps": _("pashto"),
    "fa": _("persiano"),
    "tr": _("turco"),
    "sr": _("serbo"),
    "pl": _("polacco"),
    "ise": _("lingua dei segni italiana (LIS)"),
}


def language_name(code: str) -> str:
    return str(LANGUAGE_NAMES.get(code, code))


def language_choices() -> list[tuple[str, str]]:
    return [(code, str(name)) for code, name in LANGUAGE_NAMES.items()]
