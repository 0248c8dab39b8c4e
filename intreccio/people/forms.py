"""Forms of the person pages: they parse and validate input; the actions decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from intreccio.organisations.models import Organisation

from .models import ConsentRecord, HouseholdMember, IdentityDocument, Person, PersonName, Relation
from .notices import LANGUAGE_NAMES


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Cerca una persona"),
        max_length=200,
        required=False,
        help_text=_(
            "Nome e cognome in qualsiasi ordine, anche parziali; anno o data di nascita; "
            "codice fiscale; telefono."
        ),
    )


def _codes(value: str) -> list[str]:
    return [part.strip() for part in (value or "").replace(";", ",").split(",") if part.strip()]


class PersonForm(forms.Form):
    given_names = forms.CharField(label=_("Nome"), max_length=150, required=False)
    surnames = forms.CharField(label=_("Cognome"), max_length=150, required=False)
    sex = forms.ChoiceField(label=_("Sesso"), choices=Person.Sex.choices, required=False)
    birth_date = forms.DateField(
        label=_("Data di nascita"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Se la persona conosce solo l'anno, scegli il 1° gennaio e la precisione «Solo anno»."),
    )
    birth_date_precision = forms.ChoiceField(
        label=_("Precisione della data"), choices=Person.BirthDatePrecision.choices, initial="exact"
    )
    declared_age = forms.IntegerField(label=_("Età dichiarata"), min_value=0, max_value=120, required=False)
    birthplace_name = forms.CharField(label=_("Luogo di nascita"), max_length=120, required=False)
    birthplace_municipality_code = forms.CharField(
        label=_("Codice catastale del comune di nascita"),
        max_length=4,
        required=False,
        help_text=_("Per esempio E507 (Lecco)."),
    )
    birth_country = forms.CharField(
        label=_("Stato di nascita"),
        max_length=2,
        required=False,
        help_text=_("Codice di due lettere: IT, MA, UA…"),
    )
    citizenships = forms.CharField(
        label=_("Cittadinanze"), required=False, help_text=_("Codici separati da virgole: it, ma")
    )
    languages = forms.CharField(
        label=_("Lingue parlate"), required=False, help_text=_("Codici separati da virgole: it, ar, fr")
    )
    preferred_language = forms.CharField(label=_("Lingua preferita"), max_length=10, required=False)
    phone = forms.CharField(label=_("Telefono"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    address = forms.CharField(
        label=_("Indirizzo o recapito"),
        max_length=250,
        required=False,
        help_text=_("Per chi è senza dimora, la via fittizia del comune o il recapito presso un servizio."),
    )
    living_situation = forms.ChoiceField(
        label=_("Situazione abitativa"), choices=Person.LivingSituation.choices
    )
    residence_status = forms.ChoiceField(
        label=_("Residenza anagrafica"), choices=Person.ResidenceStatus.choices
    )

    def clean(self):
        data = super().clean()
        if not (data.get("given_names") or data.get("surnames")):
            raise forms.ValidationError(_("Scrivi almeno il nome o il cognome."))
        return data

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        for key in ("citizenships", "languages"):
            data[key] = _codes(data.get(key, ""))
        for key in list(data):
            if key not in PersonForm.base_fields:
                data.pop(key)
        return data

    @staticmethod
    def initial_for(person: Person) -> dict:
        initial = {field: getattr(person, field) for field in PersonForm.base_fields}
        initial["citizenships"] = ", ".join(person.citizenships)
        initial["languages"] = ", ".join(person.languages)
        return initial


class RegistrationForm(PersonForm):
    document_kind = forms.ChoiceField(
        label=_("Documento o codice (facoltativo)"),
        choices=[("", _("Nessun documento")), *IdentityDocument.Kind.choices],
        required=False,
    )
    document_number = forms.CharField(label=_("Numero o codice"), max_length=40, required=False)
    confirm_duplicate = forms.BooleanField(
        label=_("Ho controllato le persone simili: è un'altra persona, registrala comunque"), required=False
    )

    def documents(self) -> list[dict]:
        number = self.cleaned_data.get("document_number")
        kind = self.cleaned_data.get("document_kind")
        return [{"kind": kind, "number": number}] if kind and number else []


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Tipo"), choices=IdentityDocument.Kind.choices)
    number = forms.CharField(label=_("Numero o codice"), max_length=40)
    issued_by = forms.CharField(label=_("Rilasciato da"), max_length=120, required=False)
    valid_until = forms.DateField(
        label=_("Valido fino al"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class OtherNameForm(forms.Form):
    kind = forms.ChoiceField(label=_("Tipo"), choices=PersonName.Kind.choices)
    given_names = forms.CharField(label=_("Nome"), max_length=150, required=False)
    surnames = forms.CharField(label=_("Cognome"), max_length=150, required=False)

    def clean(self):
        data = super().clean()
        if not (data.get("given_names") or data.get("surnames")):
            raise forms.ValidationError(_("Scrivi il nome o il cognome dell'altra grafia."))
        return data


class SharingForm(forms.Form):
    scope = forms.ChoiceField(
        label=_("Con chi condividere"), choices=Person.Sharing.choices, widget=forms.RadioSelect
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Enti scelti"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    organisation_kinds = forms.MultipleChoiceField(
        label=_("Tipi di ente scelti"),
        choices=Organisation.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    purposes = forms.MultipleChoiceField(
        label=_("Per quali finalità"),
        choices=ConsentRecord.Purpose.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = (
            organisations if organisations is not None else Organisation.objects.none()
        )

    def clean(self):
        data = super().clean()
        if data.get("scope") == Person.Sharing.SELECTED and not (
            data.get("organisations") or data.get("organisation_kinds")
        ):
            raise forms.ValidationError(
                _("Per condividere solo con alcuni enti, scegli almeno un ente o un tipo di ente.")
            )
        return data


class NoticeForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Lingua dell'informativa consegnata"), choices=list(LANGUAGE_NAMES.items())
    )


class HouseholdForm(forms.Form):
    name = forms.CharField(
        label=_("Nome del nucleo"),
        max_length=150,
        required=False,
        help_text=_("Per esempio «Famiglia Rossi»."),
    )
    address = forms.CharField(label=_("Indirizzo"), max_length=250, required=False)


class MemberForm(forms.Form):
    person = forms.ModelChoiceField(
        label=_("Persona da aggiungere al nucleo"), queryset=Person.objects.none()
    )
    role = forms.ChoiceField(label=_("Ruolo nel nucleo"), choices=HouseholdMember.Role.choices)

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = candidates if candidates is not None else Person.objects.none()


class RelationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Relazione"), choices=Relation.Kind.choices)
    other = forms.ModelChoiceField(label=_("Con"), queryset=Person.objects.none())
    note = forms.CharField(label=_("Nota"), max_length=250, required=False)

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["other"].queryset = candidates if candidates is not None else Person.objects.none()
