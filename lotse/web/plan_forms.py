"""Forms of the plan pages. They only parse input; what makes a goal or a step valid (an owner,
a responsible office, a due date today or later) is decided by the services, whose messages the
views put on the fields."""

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.courses.models import Enrolment
from lotse.organisations.models import Office, User
from lotse.plans.models import (
    GOAL_TEXT_LENGTH,
    NOTE_LENGTH,
    REASON_LENGTH,
    STEP_TEXT_LENGTH,
    Goal,
    GoalArea,
    GoalStatus,
    StepStatus,
)
from lotse.plans.services import GoalInput, StepInput, plan_offices

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _office_field(label: "StrOrPromise", help_text: "StrOrPromise" = "") -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=label,
        help_text=help_text,
        queryset=Office.objects.none(),
        required=False,
        empty_label="–",
    )


class GoalForm(forms.Form):
    text = forms.CharField(
        label=_("Goal"),
        help_text=_("What the person wants to reach, e.g. “German B1 by June 2027”."),
        max_length=GOAL_TEXT_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    area = forms.ChoiceField(
        label=_("Area"), choices=[("", "–"), *GoalArea.choices], required=False
    )
    owner = _office_field(_("Owning office"), _("The office that looks after this goal."))
    target_date = forms.DateField(label=_("Target date"), required=False, widget=DATE)
    status = forms.ChoiceField(label=_("Status"), choices=GoalStatus.choices, required=False)
    status_reason = forms.CharField(
        label=_("Reason for dropping"),
        help_text=_("Only if the goal was dropped."),
        max_length=REASON_LENGTH,
        required=False,
    )

    def __init__(self, *args, actor: User, changing: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = plan_offices(actor)  # type: ignore[attr-defined]
        if not changing:
            del self.fields["status"]
            del self.fields["status_reason"]

    def to_input(self) -> GoalInput:
        data = self.cleaned_data
        return GoalInput(
            text=data.get("text") or "",
            area=data.get("area") or "",
            owner=data.get("owner"),
            target_date=data.get("target_date"),
            status=data.get("status") or GoalStatus.OPEN,
            status_reason=data.get("status_reason") or "",
        )


class StepForm(forms.Form):
    goal = forms.ChoiceField(label=_("Goal"), required=False)
    text = forms.CharField(
        label=_("Step"),
        help_text=_("What is to be done, e.g. “Register for the integration course”."),
        max_length=STEP_TEXT_LENGTH,
        required=False,
    )
    due_on = forms.DateField(label=_("Due on"), required=False, widget=DATE)
    responsible = _office_field(_("Responsible office"))
    note = forms.CharField(
        label=_("Note (optional)"),
        max_length=NOTE_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    enrolment = forms.ChoiceField(
        label=_("Course enrolment serving this step (optional)"),
        help_text=_("One of the person's course enrolments your office may see."),
        required=False,
    )

    def __init__(
        self,
        *args,
        actor: User,
        goals: list[Goal] | None = None,
        enrolments: list[Enrolment] | None = None,
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = plan_offices(actor)  # type: ignore[attr-defined]
        self.enrolments = {str(enrolment.pk): enrolment for enrolment in enrolments or []}
        if not self.enrolments:
            del self.fields["enrolment"]
        else:
            self.fields["enrolment"].choices = [("", "–")] + [  # type: ignore[attr-defined]
                (
                    str(enrolment.pk),
                    f"{enrolment.course.course_type.label} – {enrolment.course.provider}, "
                    f"{enrolment.course.gemeinde.name} ({enrolment.get_state_display()})",
                )
                for enrolment in enrolments or []
            ]
        self.goals = {str(goal.pk): goal for goal in goals or []}
        if goals is None:
            del self.fields["goal"]
        else:
            self.fields["goal"].choices = [("", "–")] + [  # type: ignore[attr-defined]
                (str(goal.pk), f"{goal.text} ({goal.owner.name})") for goal in goals
            ]

    def clean_goal(self) -> Goal | None:
        value = self.cleaned_data.get("goal") or ""
        if not value:
            raise forms.ValidationError(_("Choose the goal the step serves."))
        return self.goals.get(value)

    def to_input(self) -> StepInput:
        data = self.cleaned_data
        return StepInput(
            text=data.get("text") or "",
            due_on=data.get("due_on"),
            responsible=data.get("responsible"),
            note=data.get("note") or "",
            enrolment=self.enrolments.get(data.get("enrolment") or ""),
        )


class StepStatusForm(forms.Form):
    step = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(choices=StepStatus.choices)
