"""The form of a case conference on the plan. It only parses input; what makes a record valid
(offices of the Kreis, consent for other participants, lengths) is decided by the service, whose
messages the view puts on the fields."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.organisations.models import Office, User
from lotse.people.countries import LANGUAGES
from lotse.plans.conferences import ConferenceInput
from lotse.plans.models import (
    AGREED_LENGTH,
    OTHER_PARTICIPANTS_LENGTH,
    Goal,
    Step,
)
from lotse.plans.services import plan_offices

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ConferenceForm(forms.Form):
    held_on = forms.DateField(label=_("Date of the case conference"), required=False, widget=DATE)
    offices = forms.ModelMultipleChoiceField(
        label=_("Offices at the table"),
        queryset=Office.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other_participants = forms.CharField(
        label=_("Other participants"),
        help_text=_("For example the school or the guardian; names and roles, no other details."),
        max_length=OTHER_PARTICIPANTS_LENGTH,
        required=False,
    )
    external_consent = forms.BooleanField(
        label=_("The person agreed that these other participants take part"),
        help_text=_(
            "Ask the person before; without the consent, leave the other participants out."
        ),
        required=False,
    )
    person_present = forms.BooleanField(label=_("The person took part"), required=False)
    interpreter_language = forms.ChoiceField(
        label=_("With an interpreter for"),
        choices=[("", _("no interpreter")), *LANGUAGES],
        required=False,
    )
    agreed = forms.CharField(
        label=_("What was agreed"),
        max_length=AGREED_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    goals = forms.ModelMultipleChoiceField(
        label=_("Goals it concerns"),
        queryset=Goal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    steps = forms.ModelMultipleChoiceField(
        label=_("Steps it concerns"),
        queryset=Step.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, actor: User, goals: list[Goal], steps: list[Step], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["offices"].queryset = plan_offices(actor)  # type: ignore[attr-defined]
        self.fields["goals"].queryset = Goal.objects.filter(  # type: ignore[attr-defined]
            pk__in=[g.pk for g in goals]
        )
        self.fields["steps"].queryset = Step.objects.filter(  # type: ignore[attr-defined]
            pk__in=[s.pk for s in steps]
        )
        if not goals:
            del self.fields["goals"]
        if not steps:
            del self.fields["steps"]

    def to_input(self) -> ConferenceInput:
        data = self.cleaned_data
        return ConferenceInput(
            held_on=data.get("held_on"),
            offices=list(data.get("offices") or []),
            other_participants=data.get("other_participants") or "",
            external_consent=bool(data.get("external_consent")),
            person_present=bool(data.get("person_present")),
            interpreter_language=data.get("interpreter_language") or "",
            agreed=data.get("agreed") or "",
            goals=list(data.get("goals") or []),
            steps=list(data.get("steps") or []),
        )
