"""Forms of the report and correction pages. They only parse input; the services decide."""

from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.audit.models import AuditEvent
from lotse.consent.form_texts import LANGUAGE_NAMES
from lotse.subject_rights.models import CorrectionStatus, DataItem
from lotse.subject_rights.services import CorrectionInput, OfficeCorrectionInput


def _language_choices() -> list[tuple[str, str]]:
    return [(code, f"{names[0]} ({code})") for code, names in LANGUAGE_NAMES.items()]


class ReportForm(forms.Form):
    request_reference = forms.CharField(
        label=_("The person's request"),
        help_text=_("Date and reference of the request, e.g. “letter of 02.03.2026, Az. 12”."),
        max_length=200,
        required=False,
    )
    language = forms.ChoiceField(
        label=_("Second language of the report"),
        help_text=_("The report is printed in German and in this language."),
        choices=_language_choices,
    )
    include_note_texts = forms.BooleanField(
        label=_("Include the full text of the notes"),
        help_text=_(
            "Only when the person asked for a copy and you checked that the notes name no other "
            "person whose rights prevail (Art. 15(4) GDPR). Otherwise the report lists how many "
            "notes each office keeps."
        ),
        required=False,
    )


class DpoStartForm(forms.Form):
    person_id = forms.UUIDField(
        label=_("Identifier of the person's record"),
        help_text=_("From the request, an earlier report or the audit trail."),
    )


class CorrectionForm(forms.Form):
    data_item = forms.ChoiceField(
        label=_("Which data are wrong"), choices=[("", "–"), *DataItem.choices], required=False
    )
    current_value = forms.CharField(
        label=_("Value as recorded"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    requested_value = forms.CharField(
        label=_("Correct value according to the person"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    evidence = forms.CharField(
        label=_("Evidence"),
        help_text=_("Documents the person showed or handed in."),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    received_on = forms.DateField(
        label=_("Received on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def to_input(self) -> CorrectionInput:
        data = self.cleaned_data
        return CorrectionInput(
            data_item=data["data_item"],
            current_value=data["current_value"],
            requested_value=data["requested_value"],
            evidence=data["evidence"],
            received_on=data["received_on"],
        )


class ResolveForm(forms.Form):
    request = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(
        label=_("Answer"),
        choices=[
            (CorrectionStatus.DONE, _("corrected")),
            (CorrectionStatus.REJECTED, _("rejected")),
        ],
        widget=forms.RadioSelect(attrs={"class": "kern-form-check__radio"}),
    )
    change_made = forms.CharField(
        label=_("What was changed"),
        help_text=_("Make the correction first with the person page's forms, then say what."),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    change_events = forms.TypedMultipleChoiceField(
        label=_("The changes in the audit trail"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "kern-form-check__checkbox"}),
    )
    rejection_reason = forms.CharField(
        label=_("Reason for the rejection"),
        help_text=_(
            "The person is told the reason and that they may complain to the supervisory "
            "authority (Art. 77 GDPR)."
        ),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, change_events: Iterable[AuditEvent] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["change_events"]).choices = [
            (
                event.pk,
                f"{event.occurred_at:%d.%m.%Y %H:%M} – {event.get_event_type_display()} "
                f"({event.office or '–'})",
            )
            for event in change_events
        ]


class OfficeCorrectionForm(forms.Form):
    """An office asks the office that owns an entry to correct it."""

    what_is_wrong = forms.CharField(
        label=_("What is wrong, and how do you know?"),
        help_text=_("For example: the decision of the BAMF that the person showed says otherwise."),
        error_messages={"required": _("Say what is wrong and how you know.")},
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    correct_value = forms.CharField(
        label=_("What is correct?"),
        error_messages={"required": _("Say what is correct.")},
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def to_input(self) -> OfficeCorrectionInput:
        return OfficeCorrectionInput(
            what_is_wrong=self.cleaned_data["what_is_wrong"],
            correct_value=self.cleaned_data["correct_value"],
        )


class OfficeRefuseForm(forms.Form):
    rejection_reason = forms.CharField(
        label=_("Why does the entry stay as it is?"),
        help_text=_("The office that asked is told this reason."),
        error_messages={
            "required": _("Say why the entry stays as it is: the other office is told.")
        },
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class OfficeDoneForm(forms.Form):
    change_made = forms.CharField(
        label=_("What was changed"),
        help_text=_("Correct the data first with the forms of the person page, then say what."),
        error_messages={"required": _("Say what was changed.")},
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
