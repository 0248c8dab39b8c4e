from django import forms
from django.utils.translation import gettext_lazy as _


class CloseAlertForm(forms.Form):
    note = forms.CharField(
        label=_("Esito dell'esame"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
