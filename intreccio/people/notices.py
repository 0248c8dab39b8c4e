"""The privacy information notice (informativa) in the languages the network has a text for.

The notice is printed from the app (WeasyPrint) in the person's preferred
language, falling back to Italian; `give_information_notice` records which
version, in which language, was handed over.
"""

from django.utils.translation import gettext_lazy as _

CURRENT_VERSION = "2025.1"
FALLBACK_LANGUAGE = "it"

TEXTS = {
    "it": {
        "title": "Informativa sul trattamento dei dati personali",
        "intro": (
            "Questa rete di servizi sociali, sanitari e del terzo settore dell'Ambito tratta i tuoi dati "
            "per aiutarti: per capire i tuoi bisogni, prenderti in carico e accompagnarti ai servizi."
        ),
        "sections": [
            (
                "Chi tratta i dati",
                "Ogni ente che ti incontra tratta i dati che raccoglie; gli enti pubblici lo fanno per i "
                "compiti che la legge assegna loro (art. 6, par. 1, lett. e, e art. 9, par. 2, lett. g e h "
                "del Regolamento UE 2016/679).",
            ),
            (
                "Con chi li condividiamo",
                "Puoi scegliere se gli altri enti della rete possono vedere i tuoi dati: tutti, solo quelli "
                "che indichi, oppure nessuno. Anche se non vuoi condividere, l'ente che hai davanti può "
                "aiutarti lo stesso.",
            ),
            (
                "Puoi cambiare idea",
                "Puoi revocare la condivisione in qualsiasi momento: ha effetto subito.",
            ),
            (
                "Chi ha visto i tuoi dati",
                "Ogni consultazione è registrata. Puoi chiedere l'elenco di chi ha visto i tuoi dati al "
                "referente privacy dell'ente.",
            ),
            (
                "I tuoi diritti",
                "Puoi chiedere di vedere, correggere o cancellare i tuoi dati, e reclamare al Garante per "
                "la protezione dei dati personali.",
            ),
        ],
        "signature": "Consegnata il {date} da {organisation}",
    },
    "en": {
        "title": "Information on how your personal data are processed",
        "intro": (
            "This network of social, health and voluntary services processes your data to help you: to "
            "understand your needs, to take you in charge and to accompany you to the services."
        ),
        "sections": [
            (
                "Who processes your data",
                "Each organisation you meet processes the data it collects; public bodies do so for the "
                "tasks the law gives them (GDPR Art. 6(1)(e) and Art. 9(2)(g) and (h)).",
            ),
            (
                "Who we share them with",
                "You choose whether the other organisations of the network may see your data: all of them, "
                "only those you name, or none. Even if you do not want to share, the organisation in front "
                "of you can still help you.",
            ),
            ("You can change your mind", "You can withdraw sharing at any time: it takes effect at once."),
            (
                "Who has seen your data",
                "Every consultation is logged. You can ask the organisation's data-protection contact for "
                "the list of who has seen your data.",
            ),
            (
                "Your rights",
                "You can ask to see, correct or erase your data, and complain to the Italian data-protection "
                "authority (Garante per la protezione dei dati personali).",
            ),
        ],
        "signature": "Given on {date} by {organisation}",
    },
}

LANGUAGE_NAMES = {"it": _("Italiano"), "en": _("Inglese")}


def notice_language(preferred: str) -> str:
    """The language of the printed notice: the person's when the network has a text, else Italian."""
    code = (preferred or "").split("-")[0].lower()
    return code if code in TEXTS else FALLBACK_LANGUAGE


def notice_text(language: str) -> dict:
    return TEXTS[notice_language(language)]
