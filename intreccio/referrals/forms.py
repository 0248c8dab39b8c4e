"""Forms of the referral pages: sending, moving, assigning, the thread, list filters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Referral

Status = Referral.Status
STALLED_CHOICES = [("", _("Tutti")), ("1", _("Solo quelli fermi")), ("0", _("Solo quelli non fermi"))]


class ServiceFilterForm(forms.Form):
    bisogno = forms.TypedChoiceField(
        label=_("Bisogno a cui risponde"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, needs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bisogno"].choices = [
            ("", _("Tutti i bisogni")),
            *[(need.pk, need.label) for need in needs],
        ]


class SendForm(forms.Form):
    service = forms.TypedChoiceField(label=_("Servizio"), coerce=int, widget=forms.RadioSelect)
    request = forms.CharField(
        label=_("Cosa chiedi al servizio"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Lo legge l'operatore che riceve l'invio: scrivi solo quello che serve."),
    )
    urgent = forms.BooleanField(label=_("Urgente"), required=False)

    def __init__(self, *args, services=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = [(service.pk, service.name) for service in services]


class TransitionForm(forms.Form):
    to = forms.ChoiceField(choices=Status.choices, widget=forms.HiddenInput)
    reason = forms.ChoiceField(
        label=_("Motivo"), choices=[("", "—"), *Referral.Reason.choices], required=False
    )
    note = forms.CharField(
        label=_("Nota"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    outcome = forms.ChoiceField(
        label=_("Esito"), choices=[("", "—"), *Referral.Outcome.choices], required=False
    )
    outcome_note = forms.CharField(
        label=_("Esito per chi ha inviato"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AssignForm(forms.Form):
    operator = forms.TypedChoiceField(label=_("Operatore che lo segue"), coerce=int)

    def __init__(self, *args, operators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["operator"].choices = [("", "—"), *operators]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)] if data else []


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Messaggio"), max_length=8000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    attachments = MultipleFileField(
        label=_("Allegati"),
        required=False,
        help_text=_("PDF, immagini o documenti d'ufficio, al massimo 10 MB ciascuno."),
    )


class QueueFilterForm(forms.Form):
    stato = forms.ChoiceField(
        label=_("Stato"), choices=[("", _("Tutti gli stati")), *Status.choices], required=False
    )
    servizio = forms.TypedChoiceField(label=_("Servizio"), coerce=int, required=False, empty_value=None)
    fermi = forms.ChoiceField(label=_("Fermi"), choices=STALLED_CHOICES, required=False)

    def __init__(self, *args, services=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["servizio"].choices = [("", _("Tutti i servizi")), *[(s.pk, s.name) for s in services]]


class SentFilterForm(forms.Form):
    stato = forms.ChoiceField(
        label=_("Stato"), choices=[("", _("Tutti gli stati")), *Status.choices], required=False
    )
    fermi = forms.ChoiceField(label=_("Fermi"), choices=STALLED_CHOICES, required=False)


def stalled_filter(value: str) -> bool | None:
    return {"1": True, "0": False}.get(value or "")
