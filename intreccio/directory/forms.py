"""Forms of the directory (operators) and the search form shared with the public portal."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .geo import geocode
from .languages import language_choices
from .models import CapacityStatus, Location, Service
from .schedules import DAY_CODES, DAY_LABELS, local_now
from .search import SearchCriteria


class SearchForm(forms.Form):
    """The search of services and places; every field optional."""

    q = forms.CharField(label=_("Cosa cerchi"), required=False, max_length=100)
    bisogno = forms.ChoiceField(label=_("Di cosa hai bisogno"), required=False)
    vicino = forms.CharField(
        label=_("Vicino a"),
        required=False,
        max_length=120,
        help_text=_("Un comune, un quartiere o un CAP (per esempio «Germanedo» o «23900»)."),
    )
    comune = forms.ChoiceField(label=_("Comune"), required=False)
    aperto = forms.BooleanField(label=_("Aperto adesso"), required=False)
    quando = forms.DateTimeField(
        label=_("Oppure aperto il"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M"],
    )
    lingua = forms.ChoiceField(label=_("Si parla"), required=False)
    eta = forms.IntegerField(label=_("Età"), required=False, min_value=0, max_value=120)
    gratuito = forms.BooleanField(label=_("Gratuito"), required=False)
    accessibile = forms.BooleanField(label=_("Accessibile senza gradini"), required=False)

    def __init__(self, *args, needs=(), municipalities=(), language="it", **kwargs):
        super().__init__(*args, **kwargs)
        self.language = language
        self.needs = {need.code: need for need in needs}
        self.municipalities = {m.istat_code: m for m in municipalities}
        self.fields["bisogno"].choices = [("", _("Tutti"))] + [
            (code, need.label_for(language)) for code, need in self.needs.items()
        ]
        self.fields["comune"].choices = [("", _("Tutti"))] + [
            (c, m.name) for c, m in self.municipalities.items()
        ]
        self.fields["lingua"].choices = [("", _("Qualsiasi lingua")), *language_choices()]

    def clean_quando(self):
        value = self.cleaned_data.get("quando")
        if value is not None and timezone.is_naive(value):
            value = timezone.make_aware(value)
        return value

    def criteria(self, **extra) -> SearchCriteria:
        """The search criteria of a valid form (the place named in «vicino a» geocoded offline)."""
        data = self.cleaned_data
        return SearchCriteria(
            text=data.get("q", ""),
            need=self.needs.get(data.get("bisogno")),
            municipality=self.municipalities.get(data.get("comune")),
            open_at=data.get("quando") or (local_now() if data.get("aperto") else None),
            spoken_language=data.get("lingua", ""),
            age=data.get("eta"),
            free=bool(data.get("gratuito")),
            accessible=bool(data.get("accessibile")),
            origin=geocode(data["vicino"]) if data.get("vicino") else None,
            ui_language=self.language,
            **extra,
        )


class OperatorSearchForm(SearchForm):
    posti = forms.BooleanField(label=_("Con posti disponibili"), required=False)
    mio_ente = forms.BooleanField(label=_("Solo i servizi del mio ente"), required=False)


class ServiceForm(forms.Form):
    name = forms.CharField(label=_("Nome"), max_length=200)
    alternate_name = forms.CharField(label=_("Nome alternativo"), max_length=200, required=False)
    status = forms.ChoiceField(label=_("Stato"), choices=Service.Status.choices)
    description = forms.CharField(
        label=_("Descrizione"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    needs = forms.ModelMultipleChoiceField(
        label=_("Bisogni a cui risponde"), queryset=None, widget=forms.CheckboxSelectMultiple, required=False
    )
    eligibility_description = forms.CharField(
        label=_("A chi si rivolge"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    minimum_age = forms.IntegerField(label=_("Età minima"), min_value=0, max_value=120, required=False)
    maximum_age = forms.IntegerField(label=_("Età massima"), min_value=0, max_value=120, required=False)
    application_process = forms.CharField(
        label=_("Come si accede"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    free_of_charge = forms.BooleanField(label=_("Gratuito"), required=False)
    fees_description = forms.CharField(
        label=_("Costi"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    wait_time = forms.CharField(label=_("Tempi di attesa"), max_length=200, required=False)
    languages = forms.MultipleChoiceField(
        label=_("Lingue parlate"),
        choices=language_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    interpretation_services = forms.CharField(label=_("Interpretariato"), max_length=300, required=False)
    micro_territories = forms.ModelMultipleChoiceField(
        label=_("Microterritori serviti"), queryset=None, widget=forms.CheckboxSelectMultiple, required=False
    )
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Telefono"), max_length=30, required=False)
    url = forms.URLField(label=_("Pagina web"), required=False, assume_scheme="https")
    alert = forms.CharField(
        label=_("Avviso temporaneo"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    # Fields a proposal by another organisation's operator may change (simple values only).
    PROPOSABLE = (
        "name",
        "description",
        "eligibility_description",
        "application_process",
        "fees_description",
        "wait_time",
        "email",
        "phone",
        "url",
    )

    def __init__(self, *args, needs, micro_territories, proposal: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["needs"].queryset = needs
        self.fields["micro_territories"].queryset = micro_territories
        if proposal:
            for name in list(self.fields):
                if name not in self.PROPOSABLE:
                    del self.fields[name]
            self.fields["note"] = forms.CharField(
                label=_("Nota per chi valuta"), widget=forms.Textarea(attrs={"rows": 2}), required=False
            )

    def split(self) -> tuple[dict, dict]:
        """(service values, related: needs, micro_territories, languages)."""
        data = dict(self.cleaned_data)
        related = {key: data.pop(key) for key in ("needs", "micro_territories", "languages") if key in data}
        return data, related


class CapacityForm(forms.Form):
    status = forms.ChoiceField(label=_("Disponibilità"), choices=CapacityStatus.choices, required=False)
    unit = forms.CharField(
        label=_("Unità"), max_length=100, required=False, help_text=_("Per esempio «posti letto».")
    )
    available = forms.IntegerField(label=_("Posti liberi"), min_value=0, required=False)
    maximum = forms.IntegerField(label=_("Posti in tutto"), min_value=0, required=False)
    description = forms.CharField(label=_("Nota"), max_length=300, required=False)

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data["status"] = data["status"] or None
        return data


class ScheduleForm(forms.Form):
    freq = forms.ChoiceField(
        label=_("Si ripete"),
        choices=[("WEEKLY", _("Ogni settimana")), ("MONTHLY", _("Ogni mese")), ("", _("Una volta sola"))],
        required=False,
    )
    days = forms.MultipleChoiceField(
        label=_("Giorni"),
        choices=[(code, DAY_LABELS[code]) for code in DAY_CODES],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    ordinal = forms.ChoiceField(
        label=_("Nel mese"),
        choices=[
            ("", "—"),
            ("1", _("il primo")),
            ("2", _("il secondo")),
            ("3", _("il terzo")),
            ("4", _("il quarto")),
            ("-1", _("l'ultimo")),
        ],
        required=False,
        help_text=_("Solo per gli orari mensili: per esempio il primo mercoledì."),
    )
    dtstart = forms.DateField(
        label=_("Data (orari una volta sola)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    opens_at = forms.TimeField(label=_("Apre alle"), widget=forms.TimeInput(attrs={"type": "time"}))
    closes_at = forms.TimeField(label=_("Chiude alle"), widget=forms.TimeInput(attrs={"type": "time"}))
    valid_from = forms.DateField(
        label=_("Valido dal"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    valid_to = forms.DateField(
        label=_("Valido fino al"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    closed_on_public_holidays = forms.BooleanField(
        label=_("Chiuso nei giorni festivi"), required=False, initial=True
    )
    notes = forms.CharField(label=_("Note"), max_length=300, required=False)

    def values(self) -> dict:
        data = self.cleaned_data
        prefix = data["ordinal"] if data["freq"] == "MONTHLY" else ""
        return {
            "freq": data["freq"],
            "byday": ",".join(f"{prefix}{day}" for day in data["days"]),
            "dtstart": data["dtstart"],
            "opens_at": data["opens_at"],
            "closes_at": data["closes_at"],
            "valid_from": data["valid_from"],
            "valid_to": data["valid_to"],
            "closed_on_public_holidays": data["closed_on_public_holidays"],
            "notes": data["notes"],
        }


class ClosureForm(forms.Form):
    starts_on = forms.DateField(label=_("Chiuso dal"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("al"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("Motivo"), max_length=200, required=False)


class TranslationForm(forms.Form):
    name = forms.CharField(label=_("Nome"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Descrizione"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    eligibility_description = forms.CharField(
        label=_("A chi si rivolge"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    application_process = forms.CharField(
        label=_("Come si accede"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    fees_description = forms.CharField(
        label=_("Costi"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    transportation = forms.CharField(
        label=_("Come arrivare"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, for_service: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        drop = (
            ("transportation",)
            if for_service
            else ("eligibility_description", "application_process", "fees_description")
        )
        for name in drop:
            del self.fields[name]


class LocationForm(forms.Form):
    name = forms.CharField(label=_("Nome"), max_length=200)
    place_kind = forms.ChoiceField(
        label=_("Tipo di luogo"), choices=Location.PlaceKind.choices, required=False
    )
    description = forms.CharField(
        label=_("Descrizione"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    site = forms.ModelChoiceField(label=_("Sede dell'ente"), queryset=None, required=False)
    address_1 = forms.CharField(label=_("Indirizzo"), max_length=200)
    municipality = forms.ModelChoiceField(label=_("Comune"), queryset=None)
    micro_territory = forms.ModelChoiceField(label=_("Microterritorio"), queryset=None)
    latitude = forms.FloatField(label=_("Latitudine"), required=False, min_value=-90, max_value=90)
    longitude = forms.FloatField(label=_("Longitudine"), required=False, min_value=-180, max_value=180)
    coordinates_precision = forms.ChoiceField(
        label=_("Precisione della posizione"),
        choices=Location._meta.get_field("coordinates_precision").choices,
    )
    transportation = forms.CharField(
        label=_("Come arrivare"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    step_free_access = forms.BooleanField(label=_("Accessibile senza gradini"), required=False)
    accessibility_description = forms.CharField(
        label=_("Accessibilità"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    languages = forms.MultipleChoiceField(
        label=_("Lingue parlate"),
        choices=language_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    active = forms.BooleanField(label=_("Attivo"), required=False, initial=True)

    def __init__(self, *args, sites, municipalities, micro_territories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites
        self.fields["municipality"].queryset = municipalities
        self.fields["micro_territory"].queryset = micro_territories

    def split(self) -> tuple[dict, dict, list]:
        data = dict(self.cleaned_data)
        municipality = data["municipality"]
        address = {
            "address_1": data.pop("address_1"),
            "city": municipality.name,
            "state_province": municipality.province_code,
            "postal_code": (municipality.postcodes or [""])[0],
            "country": "IT",
        }
        return data, address, data.pop("languages")


class ActivityForm(forms.Form):
    name = forms.CharField(label=_("Nome"), max_length=200)
    description = forms.CharField(
        label=_("Descrizione"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    audience = forms.CharField(label=_("Per chi"), max_length=200, required=False)
    free_of_charge = forms.BooleanField(label=_("Gratuita"), required=False, initial=True)
    languages = forms.CharField(
        label=_("Lingue (codici separati da virgola)"), max_length=100, required=False, help_text="it, ar, uk"
    )


class NeedForm(forms.Form):
    code = forms.SlugField(
        label=_("Codice"), max_length=50, help_text=_("Stabile: usato da regole e indicatori.")
    )
    label = forms.CharField(label=_("Nome"), max_length=120)
    label_en = forms.CharField(label=_("Nome in inglese"), max_length=120, required=False)
    description = forms.CharField(
        label=_("Descrizione"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    sensitive_category = forms.ChoiceField(label=_("Categoria sensibile"), required=False)
    position = forms.IntegerField(label=_("Posizione"), min_value=0, max_value=30000, initial=100)
    active = forms.BooleanField(label=_("In uso"), required=False, initial=True)

    def __init__(self, *args, editing: bool = False, **kwargs):
        from intreccio.core.sensitivity import SensitiveCategory

        super().__init__(*args, **kwargs)
        self.fields["sensitive_category"].choices = [("", _("Nessuna")), *SensitiveCategory.choices]
        for code, name in settings.PORTAL_LANGUAGES:
            if code not in ("it", "en"):
                self.fields[f"label_{code}"] = forms.CharField(
                    label=_("Nome in %(language)s") % {"language": name}, max_length=120, required=False
                )
        if editing:
            self.fields["code"].disabled = True

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data["translations"] = {
            code: data.pop(f"label_{code}")
            for code, _n in settings.PORTAL_LANGUAGES
            if f"label_{code}" in data
        }
        data["translations"] = {code: label for code, label in data["translations"].items() if label}
        return data


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("Accetta")), ("reject", _("Respingi"))])
    note = forms.CharField(label=_("Motivazione"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
