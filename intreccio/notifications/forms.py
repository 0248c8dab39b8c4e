"""The e-mail preference form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import EmailPreference


class EmailPreferenceForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("Quando ricevere le notifiche per e-mail"),
        choices=EmailPreference.Frequency.choices,
        widget=forms.RadioSelect,
        help_text=_("Le notifiche restano comunque in Intreccio, nella pagina Notifiche."),
    )


class NotificationFilterForm(forms.Form):
    da_leggere = forms.BooleanField(label=_("Solo quelle da leggere"), required=False)
