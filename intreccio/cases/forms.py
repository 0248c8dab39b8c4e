"""Forms of the case pages: list filters, status moves with their reason, hand-over, team."""

from django import forms
from django.utils.translation import gettext_lazy as _

from intreccio.core.sensitivity import SensitiveCategory

from .models import Case, CaseNote

ROLE_CHOICES = [("lead", _("Come case manager")), ("member", _("Nell'équipe"))]
MOVE_CHOICES = [
    ("activate", _("Avvia la presa in carico (valutazione fatta)")),
    ("suspend", _("Sospendi")),
    ("resume", _("Riprendi")),
    ("close", _("Chiudi con un esito")),
    ("reopen", _("Riapri")),
]
# Moves that must say why (kept in the case's history).
REASON_REQUIRED = {"suspend", "reopen"}


class CaseFilterForm(forms.Form):
    ruolo = forms.ChoiceField(label=_("Le prese in carico"), choices=ROLE_CHOICES, required=False)
    stato = forms.ChoiceField(
        label=_("Stato"), choices=[("", _("Tutti gli stati")), *Case.Status.choices], required=False
    )


class StatusForm(forms.Form):
    move = forms.ChoiceField(label=_("Cosa vuoi fare"), choices=MOVE_CHOICES)
    reason = forms.CharField(
        label=_("Motivazione"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
        help_text=_("Obbligatoria per sospendere e riaprire; per chiudere, una nota sull'esito."),
    )
    outcome = forms.ChoiceField(
        label=_("Esito (per chiudere)"), choices=[("", "—"), *Case.Outcome.choices], required=False
    )

    def __init__(self, *args, moves=None, **kwargs):
        super().__init__(*args, **kwargs)
        if moves is not None:
            self.fields["move"].choices = [(key, label) for key, label in MOVE_CHOICES if key in moves]

    def clean(self):
        data = super().clean()
        move = data.get("move")
        if move in REASON_REQUIRED and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Scrivi il motivo: resta nella storia della presa in carico."))
        if move == "close" and not data.get("outcome"):
            self.add_error("outcome", _("Scegli l'esito con cui chiudere la presa in carico."))
        return data


class HandoverForm(forms.Form):
    to_user = forms.TypedChoiceField(label=_("Nuovo case manager"), coerce=int)
    note = forms.CharField(
        label=_("Nota per il nuovo case manager"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        help_text=_("Cosa deve sapere per proseguire: la vedrà prima di accettare."),
    )

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_user"].choices = [("", "—"), *candidates]


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Perché rifiuti"), max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )


class MemberForm(forms.Form):
    user = forms.TypedChoiceField(label=_("Operatore"), coerce=int)
    role = forms.CharField(label=_("Ruolo nell'équipe"), max_length=120, required=False)

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].choices = [("", "—"), *candidates]


class NoteForm(forms.Form):
    body = forms.CharField(
        label=_("Nota"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20_000,
        help_text=_("Fatti, colloqui, accordi: scrivi ciò che serve all'équipe, nient'altro."),
    )
    visibility = forms.ChoiceField(
        label=_("Chi può leggerla"), choices=CaseNote.Visibility.choices, initial=CaseNote.Visibility.TEAM
    )
    categories = forms.MultipleChoiceField(
        label=_("Riguarda dati particolari"),
        choices=SensitiveCategory.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Dipendenze, HIV e violenza restano visibili solo al tuo ente."),
    )
