"""Forms of the plan page: the plan's texts, goals, actions, agreement, reviews.

Choices (needs, services, operators) are given by the view from plans.queries;
the view turns chosen ids into objects through the same queries.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from .actions import PRINT_LANGUAGES
from .models import PlanAction, PlanGoal

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
LANGUAGE_NAMES = {
    "en": _("inglese"),
    "fr": _("francese"),
    "es": _("spagnolo"),
    "ar": _("arabo"),
    "uk": _("ucraino"),
    "ro": _("rumeno"),
    "sq": _("albanese"),
}


class PlanForm(forms.Form):
    prefix = "plan"

    summary = forms.CharField(
        label=_("Situazione e valutazione"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    person_words = forms.CharField(
        label=_("Le parole della persona"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Come la persona descrive la sua situazione e cosa desidera, con le sue parole."),
    )
    person_language = forms.ChoiceField(
        label=_("Lingua della copia per la persona"),
        required=False,
        choices=[("", _("Solo italiano")), *[(code, LANGUAGE_NAMES[code]) for code in PRINT_LANGUAGES[1:]]],
    )
    next_review_on = forms.DateField(label=_("Prossima verifica"), required=False, widget=DATE)
    needs = forms.MultipleChoiceField(label=_("Bisogni"), required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, needs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["needs"].choices = [(str(pk), label) for pk, label in needs]


class GoalForm(forms.Form):
    prefix = "goal"

    description = forms.CharField(
        label=_("Obiettivo"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000
    )
    need = forms.TypedChoiceField(label=_("Bisogno"), required=False, coerce=int, empty_value=None)
    indicator = forms.CharField(label=_("Come sapremo che è raggiunto"), required=False, max_length=300)
    target_date = forms.DateField(label=_("Da raggiungere entro il"), required=False, widget=DATE)

    def __init__(self, *args, needs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["need"].choices = [("", _("Nessun bisogno in particolare")), *needs]


class GoalEditForm(GoalForm):
    status = forms.ChoiceField(label=_("Stato dell'obiettivo"), choices=PlanGoal.Status.choices)


class ActionForm(forms.Form):
    prefix = "action"

    description = forms.CharField(
        label=_("Azione (che cosa va fatto)"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000
    )
    goal = forms.TypedChoiceField(label=_("Per l'obiettivo"), required=False, coerce=int, empty_value=None)
    service = forms.TypedChoiceField(
        label=_("Servizio che la realizza"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Un servizio del catalogo: l'ente è quello del servizio."),
    )
    organisation = forms.TypedChoiceField(
        label=_("Oppure l'ente"), required=False, coerce=int, empty_value=None
    )
    responsible = forms.TypedChoiceField(
        label=_("Operatore responsabile"), required=False, coerce=int, empty_value=None
    )
    owner_is_person = forms.BooleanField(label=_("A cura della persona o della famiglia"), required=False)
    start_on = forms.DateField(label=_("Inizio"), required=False, widget=DATE)
    due_on = forms.DateField(label=_("Scadenza dell'azione"), required=False, widget=DATE)

    def __init__(self, *args, goals=(), services=(), organisations=(), operators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].choices = [("", _("Nessun obiettivo")), *goals]
        self.fields["service"].choices = [("", _("Nessun servizio")), *services]
        self.fields["organisation"].choices = [("", _("Nessun ente")), *organisations]
        self.fields["responsible"].choices = [("", _("Nessuno")), *operators]


class ActionEditForm(ActionForm):
    status = forms.ChoiceField(label=_("Stato dell'azione"), choices=PlanAction.Status.choices)
    outcome = forms.CharField(
        label=_("Esito"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=4000
    )


class ActionProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("Stato dell'azione"), choices=PlanAction.Status.choices)
    outcome = forms.CharField(
        label=_("Esito"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=4000
    )


class AgreeForm(forms.Form):
    prefix = "agree"

    agreed_on = forms.DateField(
        label=_("Firmato dalla persona il"),
        required=False,
        widget=DATE,
        help_text=_("Lascia vuoto se la firma sul foglio stampato arriverà dopo."),
    )


class ReviewScheduleForm(forms.Form):
    prefix = "review"

    scheduled_on = forms.DateField(label=_("Data della verifica"), widget=DATE)


class ReviewCancelForm(forms.Form):
    reason = forms.CharField(label=_("Perché la annulli"), required=False, max_length=4000)


class ReviewHoldForm(forms.Form):
    held_on = forms.DateField(label=_("Svolta il"), widget=DATE)
    summary = forms.CharField(
        label=_("Sintesi della verifica"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    next_review_on = forms.DateField(label=_("Prossima verifica"), required=False, widget=DATE)

    def __init__(self, *args, goals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.goals = list(goals)
        for goal in self.goals:
            self.fields[f"goal_{goal.pk}_status"] = forms.ChoiceField(
                label=_("Esito: %(goal)s") % {"goal": goal.description[:80]},
                choices=PlanGoal.Status.choices,
                initial=goal.status,
            )
            self.fields[f"goal_{goal.pk}_note"] = forms.CharField(
                label=_("Nota sull'obiettivo: %(goal)s") % {"goal": goal.description[:80]},
                required=False,
                max_length=4000,
            )

    def outcomes(self) -> dict:
        data = self.cleaned_data
        return {
            goal.pk: (data[f"goal_{goal.pk}_status"], data.get(f"goal_{goal.pk}_note", ""))
            for goal in self.goals
        }
