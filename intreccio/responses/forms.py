"""Forms of the response pages: record (with the overlap confirmation), filters, decide, cancel, catalogue."""

from django import forms
from django.utils.translation import gettext_lazy as _

from intreccio.core.sensitivity import SensitiveCategory

from .models import OverlapAlert, ResponseType


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ResponseForm(forms.Form):
    type = forms.ModelChoiceField(label=_("Tipo di risposta"), queryset=ResponseType.objects.none())
    starts_on = forms.DateField(label=_("Data (o inizio del periodo)"), widget=DateInput())
    ends_on = forms.DateField(
        label=_("Fine del periodo"),
        required=False,
        widget=DateInput(),
        help_text=_("Vuota per una risposta singola (un pacco, un colloquio)."),
    )
    quantity = forms.DecimalField(
        label=_("Quantità"), required=False, min_value=0, max_digits=10, decimal_places=2
    )
    amount = forms.DecimalField(
        label=_("Importo (euro)"),
        required=False,
        min_value=0,
        max_digits=10,
        decimal_places=2,
        help_text=_("Solo per gli aiuti economici (contributi, affitto, bollette)."),
    )
    household = forms.TypedChoiceField(
        label=_("Per tutto il nucleo familiare"), required=False, coerce=int, empty_value=None
    )
    note = forms.CharField(
        label=_("Nota"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )
    confirm_overlap = forms.BooleanField(
        label=_("Registra comunque: ho verificato che la risposta serve"), required=False
    )

    def __init__(self, *args, types=None, households=(), **kwargs):
        super().__init__(*args, **kwargs)
        if types is not None:
            self.fields["type"].queryset = types
        self.fields["household"].choices = [("", _("No, solo per la persona")), *households]

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error(
                "ends_on", _("La data di fine viene prima di quella di inizio: correggi il periodo.")
            )
        return data


class ResponseFilterForm(forms.Form):
    dal = forms.DateField(label=_("Dal"), required=False, widget=DateInput())
    al = forms.DateField(label=_("Al"), required=False, widget=DateInput())
    tipo = forms.ModelChoiceField(
        label=_("Tipo"), queryset=ResponseType.objects.none(), required=False, empty_label=_("Tutti i tipi")
    )

    def __init__(self, *args, types=None, **kwargs):
        super().__init__(*args, **kwargs)
        if types is not None:
            self.fields["tipo"].queryset = types


class AlertFilterForm(forms.Form):
    stato = forms.ChoiceField(
        label=_("Stato"),
        choices=[("", _("Tutti gli stati")), *OverlapAlert.Status.choices],
        required=False,
    )


class DecideForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Valutazione"),
        choices=[
            (OverlapAlert.Status.COMPLEMENTARY, _("Complementari: le risposte sono volute")),
            (OverlapAlert.Status.RESOLVED, _("Risolta: una delle due non serve più")),
        ],
    )
    note = forms.CharField(
        label=_("Nota della valutazione"), max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Perché annulli"), max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ResponseTypeForm(forms.ModelForm):
    sensitive_category = forms.ChoiceField(
        label=_("Categoria sensibile"),
        choices=[("", _("Nessuna")), *SensitiveCategory.choices],
        required=False,
        help_text=_("Una risposta di questo tipo rivela la categoria: la vede solo chi può."),
    )

    class Meta:
        model = ResponseType
        fields = [
            "code",
            "name",
            "description",
            "overlap_group",
            "overlap_checked",
            "coverage_days",
            "unit",
            "monetary",
            "default_value",
            "need",
            "sensitive_category",
            "position",
        ]
        labels = {"code": _("Codice"), "position": _("Ordine nell'elenco")}

    def __init__(self, *args, needs=None, **kwargs):
        super().__init__(*args, **kwargs)
        if needs is not None:
            self.fields["need"].queryset = needs
