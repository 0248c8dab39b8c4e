"""The timeline's filters: what kind of event, which organisation."""

from django import forms
from django.utils.translation import gettext_lazy as _

# The groups apps register their kinds under (core.timeline), as the filter names them.
GROUP_LABELS = {
    "intake": _("Accessi"),
    "case": _("Presa in carico"),
    "note": _("Diario"),
    "plan": _("Progetto personalizzato"),
    "referral": _("Invii ai servizi"),
    "response": _("Risposte e aiuti"),
    "person": _("Dati della persona"),
    "consent": _("Condivisione e informativa"),
}


def group_label(group: str) -> str:
    return str(GROUP_LABELS.get(group, group.replace("_", " ").capitalize()))


class TimelineFilterForm(forms.Form):
    gruppo = forms.ChoiceField(label=_("Tipo di evento"), required=False)
    ente = forms.TypedChoiceField(label=_("Ente"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, groups=(), organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gruppo"].choices = [("", _("Tutti")), *[(group, group_label(group)) for group in groups]]
        self.fields["ente"].choices = [("", _("Tutti gli enti")), *organisations]

    def filters(self) -> dict:
        """The filters for timeline_for (none when the form is invalid)."""
        if not self.is_valid():
            return {"groups": None, "organisation": None}
        group = self.cleaned_data.get("gruppo")
        return {"groups": [group] if group else None, "organisation": self.cleaned_data.get("ente")}
