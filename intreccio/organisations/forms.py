from django import forms
from django.utils.translation import gettext_lazy as _

from intreccio.territory.models import District, MicroTerritory, Municipality

from .models import Organisation, Site


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("Nome"), max_length=200)
    short_name = forms.CharField(label=_("Nome breve"), max_length=60, required=False)
    kind = forms.ChoiceField(label=_("Tipo di ente"), choices=Organisation.Kind.choices)
    tax_code = forms.CharField(label=_("Codice fiscale o partita IVA"), max_length=16, required=False)
    description = forms.CharField(
        label=_("Descrizione"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Telefono"), max_length=30, required=False)
    website = forms.URLField(label=_("Sito web"), required=False, assume_scheme="https")
    district = forms.ModelChoiceField(label=_("Ambito"), queryset=District.objects.all())
    micro_territories = forms.ModelMultipleChoiceField(
        label=_("Microterritori serviti"),
        queryset=MicroTerritory.objects.select_related("district"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    data_protection_email = forms.EmailField(label=_("E-mail del referente privacy"), required=False)

    def __init__(self, *args, can_change_district: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_change_district:
            self.fields["district"].disabled = True


class SiteForm(forms.Form):
    name = forms.CharField(label=_("Nome della sede"), max_length=200)
    address = forms.CharField(label=_("Indirizzo"), max_length=200)
    municipality = forms.ModelChoiceField(label=_("Comune"), queryset=Municipality.objects.defer("boundary"))
    micro_territory = forms.ModelChoiceField(
        label=_("Microterritorio"), queryset=MicroTerritory.objects.all()
    )
    access_point_kind = forms.ChoiceField(
        label=_("Punto di accesso"), choices=Site.AccessPointKind.choices, required=False
    )
    phone = forms.CharField(label=_("Telefono"), max_length=30, required=False)
    active = forms.BooleanField(label=_("Sede attiva"), required=False, initial=True)

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.defer("boundary").filter(
            district=district
        )
        self.fields["micro_territory"].queryset = MicroTerritory.objects.filter(district=district)
