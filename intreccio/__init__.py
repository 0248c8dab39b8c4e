"""Intreccio: the shared platform of a territorial welfare network."""

__version__ = "0.1.0"
# Shown as "ultimo aggiornamento" in the footer of pages without a date of
# their own (AgID design guidelines); bump it with each release.
RELEASE_DATE = "2026-11-29"
