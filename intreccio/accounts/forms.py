"""HTML input validation for the accounts pages (rules live in actions)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from intreccio.core.roles import Role


def role_choices(actor) -> list[tuple[str, str]]:
    return [
        (value, label) for value, label in Role.choices if value != Role.SYSTEM_ADMIN or actor.is_system_admin
    ]


class OperatorCreateForm(forms.Form):
    email = forms.EmailField(label=_("E-mail di lavoro"))
    given_name = forms.CharField(label=_("Nome"), max_length=100)
    family_name = forms.CharField(label=_("Cognome"), max_length=100)
    phone = forms.CharField(label=_("Telefono"), max_length=30, required=False)
    roles = forms.MultipleChoiceField(label=_("Ruoli nell'ente"), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roles"].choices = role_choices(actor)


class OperatorEditForm(forms.Form):
    given_name = forms.CharField(label=_("Nome"), max_length=100)
    family_name = forms.CharField(label=_("Cognome"), max_length=100)
    phone = forms.CharField(label=_("Telefono"), max_length=30, required=False)
    roles = forms.MultipleChoiceField(
        label=_("Ruoli nell'ente"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Senza ruoli l'operatore non lavora più per questo ente."),
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roles"].choices = role_choices(actor)


class ProfileForm(forms.Form):
    given_name = forms.CharField(label=_("Nome"), max_length=100)
    family_name = forms.CharField(label=_("Cognome"), max_length=100)
    phone = forms.CharField(label=_("Telefono"), max_length=30, required=False)
    preferred_language = forms.ChoiceField(label=_("Lingua preferita"), choices=settings.LANGUAGES)


class TeamForm(forms.Form):
    name = forms.CharField(label=_("Nome dell'équipe"), max_length=200)
    description = forms.CharField(
        label=_("Descrizione"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    email = forms.EmailField(label=_("E-mail dell'équipe"), required=False)
    # Querysets come from the view (accounts.queries.operators_of), never from here.
    supervisor = forms.ModelChoiceField(label=_("Coordinatore"), queryset=None, required=False)
    members = forms.ModelMultipleChoiceField(
        label=_("Componenti"), queryset=None, widget=forms.CheckboxSelectMultiple, required=False
    )
    micro_territories = forms.ModelMultipleChoiceField(
        label=_("Microterritori seguiti"), queryset=None, widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args, operators, micro_territories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supervisor"].queryset = operators
        self.fields["members"].queryset = operators
        self.fields["micro_territories"].queryset = micro_territories


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Nome del token"), max_length=100, help_text=_("Per esempio il sistema che lo userà.")
    )
    days = forms.IntegerField(label=_("Validità in giorni"), min_value=1, max_value=365, initial=90)


class SecondFactorForm(forms.Form):
    code = forms.CharField(
        label=_("Codice"),
        max_length=20,
        help_text=_("Le 6 cifre dell'app di autenticazione, oppure uno dei codici di recupero."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )


class EnrolmentForm(forms.Form):
    code = forms.CharField(
        label=_("Codice mostrato dall'app"),
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class ReauthenticationForm(forms.Form):
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    code = forms.CharField(
        label=_("Codice"),
        max_length=20,
        help_text=_("Le 6 cifre dell'app di autenticazione, oppure uno dei codici di recupero."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code"}),
    )
