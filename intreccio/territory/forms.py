from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MicroTerritory, Municipality


class MicroTerritoryForm(forms.Form):
    code = forms.SlugField(
        label=_("Codice"), max_length=80, help_text=_("Lettere minuscole, numeri e trattini.")
    )
    name = forms.CharField(label=_("Nome"), max_length=200)
    kind = forms.ChoiceField(label=_("Tipo"), choices=MicroTerritory.Kind.choices)
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Comuni"), queryset=Municipality.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    description = forms.CharField(
        label=_("Descrizione"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    latitude = forms.FloatField(
        label=_("Latitudine del punto di riferimento"), required=False, min_value=-90, max_value=90
    )
    longitude = forms.FloatField(
        label=_("Longitudine del punto di riferimento"), required=False, min_value=-180, max_value=180
    )

    def __init__(self, *args, district, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipalities"].queryset = Municipality.objects.defer("boundary").filter(
            district=district
        )
        if editing:
            self.fields["code"].disabled = True
