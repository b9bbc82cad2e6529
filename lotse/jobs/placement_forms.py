"""The forms of a person's placements: record one directly for a vacancy, move one on, record a
follow-up. The services check the rest (lotse/jobs/placements.py); their messages go beside the
fields."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.jobs.placement_models import (
    NOTE_MAX,
    ContractType,
    FollowUpOutcome,
    PlacementStage,
    StepReason,
)

NOTE_ERRORS = {"max_length": _("At most %(limit_value)d characters (now %(show_value)d).")}
DAY_ERRORS = {"invalid": _("Enter a date, e.g. 31.01.2026.")}


def _note() -> forms.CharField:
    return forms.CharField(
        label=_("Note"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed for another reason; at most 500 characters."),
        error_messages=NOTE_ERRORS,
    )


def _reason() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Reason"),
        choices=[("", _("– only when rejected or ended –")), *StepReason.choices],
        required=False,
        error_messages={"invalid_choice": _("Unknown reason.")},
    )


class PlacementCreateForm(forms.Form):
    vacancy = forms.TypedChoiceField(
        label=_("Vacancy"),
        coerce=int,
        error_messages={
            "required": _("Choose the vacancy."),
            "invalid_choice": _("Choose an open vacancy of your Kreise."),
        },
    )
    note = _note()

    def __init__(self, *args: Any, vacancies: Any = (), **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_new_%s")
        super().__init__(*args, **kwargs)
        self.fields["vacancy"].choices = [  # type: ignore[attr-defined]
            ("", _("– choose –")),
            *((v.pk, f"{v.title} – {v.employer.name}") for v in vacancies),
        ]


class PlacementMoveForm(forms.Form):
    placement = forms.IntegerField(widget=forms.HiddenInput)
    stage = forms.ChoiceField(
        label=_("Next stage"),
        choices=PlacementStage.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the next stage.")},
    )
    on = forms.DateField(
        label=_("On"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Say on which day this happened."), **DAY_ERRORS},
    )
    reason = _reason()
    start_date = forms.DateField(
        label=_("Start of work or training"),
        required=False,
        help_text=_("Only when hired."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages=DAY_ERRORS,
    )
    contract_type = forms.ChoiceField(
        label=_("Contract"),
        choices=[("", _("– only when hired –")), *ContractType.choices],
        required=False,
        error_messages={"invalid_choice": _("Unknown kind of contract.")},
    )
    note = _note()

    def __init__(self, *args: Any, placement: Any = None, **kwargs: Any) -> None:
        if placement is not None:
            kwargs.setdefault("auto_id", f"id_p{placement.pk}_%s")
            kwargs.setdefault("initial", {}).setdefault("placement", placement.pk)
        super().__init__(*args, **kwargs)
        if placement is not None:
            allowed = placement.next_stages()
            self.fields["stage"].choices = [  # type: ignore[attr-defined]
                (value, label) for value, label in PlacementStage.choices if value in allowed
            ]


class FollowUpForm(forms.Form):
    placement = forms.IntegerField(widget=forms.HiddenInput)
    follow_up = forms.IntegerField(widget=forms.HiddenInput)
    done_on = forms.DateField(
        label=_("Follow-up on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Say on which day the follow-up took place."), **DAY_ERRORS},
    )
    outcome = forms.ChoiceField(
        label=_("How is it going?"),
        choices=FollowUpOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how it is going.")},
    )
    reason = _reason()
    note = _note()

    def __init__(self, *args: Any, follow_up: Any = None, **kwargs: Any) -> None:
        if follow_up is not None:
            kwargs.setdefault("auto_id", f"id_f{follow_up.pk}_%s")
            initial = kwargs.setdefault("initial", {})
            initial.setdefault("follow_up", follow_up.pk)
            initial.setdefault("placement", follow_up.placement_id)
        super().__init__(*args, **kwargs)
