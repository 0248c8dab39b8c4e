"""Forms of the public portal (the visitor's language is active when they are built)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from intreccio.directory.languages import language_choices

from .models import HelpRequest


class NeedChoiceField(forms.ModelChoiceField):
    def __init__(self, *args, language="it", **kwargs):
        self.language = language
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        return obj.label_for(self.language)


class HelpRequestForm(forms.Form):
    need = forms.ModelChoiceField(queryset=None, label=_("Di cosa hai bisogno"))
    municipality = forms.ModelChoiceField(queryset=None, label=_("In quale comune vivi"))
    language = forms.ChoiceField(label=_("In quale lingua vuoi essere contattato"))
    name = forms.CharField(label=_("Come ti chiami"), max_length=120, help_text=_("Basta il nome."))
    contact_method = forms.ChoiceField(
        label=_("Come preferisci essere contattato"),
        choices=HelpRequest.ContactMethod.choices,
        widget=forms.RadioSelect,
    )
    contact = forms.CharField(label=_("Il tuo numero o la tua e-mail"), max_length=200)
    preferred_time = forms.CharField(
        label=_("Quando è meglio contattarti"),
        max_length=200,
        required=False,
        help_text=_("Per esempio: la mattina."),
    )
    message = forms.CharField(
        label=_("Vuoi dirci qualcosa in più?"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Facoltativo. Non scrivere dati sulla salute: ne parlerai con l'operatore."),
    )
    consent_to_contact = forms.BooleanField(
        label=_("Acconsento a essere ricontattato per questa richiesta"),
        help_text=_("I tuoi dati servono solo per ricontattarti e sono cancellati dopo 12 mesi."),
    )
    # Honeypot: hidden from people (CSS and aria-hidden); a bot that fills it is ignored.
    website = forms.CharField(required=False, label=_("Lascia vuoto questo campo"))
    service = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, needs, municipalities, language="it", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["need"] = NeedChoiceField(
            queryset=needs, label=_("Di cosa hai bisogno"), language=language
        )
        self.fields["municipality"].queryset = municipalities
        choices = [(code, name) for code, name in settings.PORTAL_LANGUAGES]
        choices += [(code, name) for code, name in language_choices() if code not in dict(choices)]
        self.fields["language"].choices = choices
        self.fields["language"].initial = language

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website"))


class FeedbackForm(forms.Form):
    useful = forms.TypedChoiceField(
        choices=[("1", _("Sì")), ("0", _("No"))], coerce=lambda value: value == "1", widget=forms.RadioSelect
    )
    comment = forms.CharField(required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    path = forms.CharField(max_length=300)
    service = forms.IntegerField(required=False)
    location = forms.IntegerField(required=False)
