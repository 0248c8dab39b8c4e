"""Input validation of the intake pages (querysets come from the views)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Urgency


class NeedsField(forms.MultipleChoiceField):
    """The needs as checkboxes, grouped: ordinary needs, then those in a protected category."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, *args, needs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.needs = {str(need.pk): need for need in needs}
        self.choices = [(pk, need.label) for pk, need in self.needs.items()]

    def groups(self):
        ordinary = [need for need in self.needs.values() if not need.sensitive_category]
        protected = [need for need in self.needs.values() if need.sensitive_category]
        return [
            (_("Bisogni"), ordinary),
            (_("Bisogni in categorie protette (dati particolari)"), protected),
        ]

    def clean(self, value):
        return [self.needs[pk] for pk in super().clean(value)]


class IntakeForm(forms.Form):
    needs = NeedsField(label=_("Bisogni intercettati"))
    urgency = forms.ChoiceField(
        label=_("Urgenza"), choices=Urgency.choices, initial=Urgency.ORDINARY, widget=forms.RadioSelect
    )
    access_point = forms.ModelChoiceField(label=_("Punto di accesso"), queryset=None, required=False)
    micro_territory = forms.ModelChoiceField(
        label=_("Microterritorio"),
        queryset=None,
        required=False,
        help_text=_("Se lo lasci vuoto: quello della persona, altrimenti quello del punto di accesso."),
    )
    narrative = forms.CharField(
        label=_("Racconto breve"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    done_on_the_spot = forms.CharField(
        label=_("Cosa è già stato fatto"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, needs, access_points, micro_territories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["needs"] = NeedsField(label=_("Bisogni intercettati"), needs=needs)
        self.fields["access_point"].queryset = access_points
        self.fields["micro_territory"].queryset = micro_territories


class ConcernForm(forms.Form):
    subject_description = forms.CharField(
        label=_("Di chi si tratta"),
        max_length=250,
        help_text=_("Pochi dati: per esempio «signora anziana sola, via Roma 3, scala B»."),
    )
    needs = NeedsField(label=_("Che cosa ti preoccupa"))
    urgency = forms.ChoiceField(
        label=_("Urgenza"), choices=Urgency.choices, initial=Urgency.ORDINARY, widget=forms.RadioSelect
    )
    micro_territory = forms.ModelChoiceField(label=_("Microterritorio"), queryset=None)
    narrative = forms.CharField(
        label=_("Che cosa hai notato"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    contact = forms.CharField(
        label=_("Come ricontattare chi segnala o la persona"), max_length=200, required=False
    )

    def __init__(self, *args, needs, micro_territories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["needs"] = NeedsField(label=_("Che cosa ti preoccupa"), needs=needs)
        self.fields["micro_territory"].queryset = micro_territories


class RerouteForm(forms.Form):
    team = forms.ModelChoiceField(label=_("Équipe a cui indirizzarlo"), queryset=None)
    note = forms.CharField(label=_("Perché"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams


class CloseForm(forms.Form):
    note = forms.CharField(
        label=_("Perché lo chiudi senza presa in carico"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Per esempio: non di competenza della rete, risolto allo sportello."),
    )


class RoutingRuleForm(forms.Form):
    micro_territory = forms.ModelChoiceField(
        label=_("Microterritorio"), queryset=None, required=False, empty_label=_("Tutto l'ambito")
    )
    need = forms.ModelChoiceField(
        label=_("Bisogno"), queryset=None, required=False, empty_label=_("Ogni bisogno")
    )
    team = forms.ModelChoiceField(label=_("Équipe"), queryset=None)

    def __init__(self, *args, micro_territories, needs, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["micro_territory"].queryset = micro_territories
        self.fields["need"].queryset = needs
        self.fields["team"].queryset = teams


class DeadlinePolicyForm(forms.Form):
    working_days = forms.IntegerField(
        label=_("Giorni lavorativi per prenderla in carico"), min_value=0, max_value=60
    )
    escalate_after_working_days = forms.IntegerField(
        label=_("Giorni lavorativi di ritardo prima di avvisare il coordinatore"), min_value=0, max_value=30
    )
