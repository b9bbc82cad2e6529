"""Forms of the consent pages. They only parse input; what makes a consent valid is decided
by the service (services._validate), whose messages the view puts on the fields."""

from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.access.policy import scope_offices
from lotse.consent.form_texts import LANGUAGE_NAMES
from lotse.consent.models import CATEGORY_CHOICES, GivenHow, Purpose, WithdrawnHow
from lotse.consent.services import ConsentInput
from lotse.organisations.models import User
from lotse.people.models import Person

CHECK = {"class": "kern-form-check__checkbox"}


def _language_choices() -> list[tuple[str, str]]:
    return [("", "–")] + [(code, f"{names[0]} ({code})") for code, names in LANGUAGE_NAMES.items()]


class ConsentForm(forms.Form):
    recipients: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("Offices that may receive the data"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs=CHECK),
    )
    disclosing_offices: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("Offices released from confidentiality"),
        help_text=_("Leave empty for every office holding these data about the person."),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs=CHECK),
    )
    categories = forms.MultipleChoiceField(
        label=_("Data categories"),
        choices=CATEGORY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs=CHECK),
    )
    explicit_special_categories = forms.BooleanField(
        label=_("The person expressly agreed to the sharing of health data"),
        required=False,
    )
    purposes = forms.MultipleChoiceField(
        label=_("Purposes"),
        choices=Purpose.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs=CHECK),
    )
    purpose_details = forms.CharField(
        label=_("Purpose in more detail"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    given_on = forms.DateField(
        label=_("Given on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    given_how = forms.ChoiceField(
        label=_("Given how"), choices=[("", "–"), *GivenHow.choices], required=False
    )
    form_reason = forms.CharField(
        label=_("Special circumstances (only for an oral consent)"),
        required=False,
        max_length=300,
    )
    interpreter_name = forms.CharField(label=_("Interpreter"), required=False, max_length=150)
    interpreter_language = forms.ChoiceField(
        label=_("Language of the interpretation"), choices=_language_choices, required=False
    )
    explained_language = forms.ChoiceField(
        label=_("Explained in language"), choices=_language_choices, required=False
    )
    valid_until = forms.DateField(
        label=_("Valid until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, actor: User, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offices = scope_offices(actor).order_by("name")
        cast(forms.ModelMultipleChoiceField, self.fields["recipients"]).queryset = offices
        cast(forms.ModelMultipleChoiceField, self.fields["disclosing_offices"]).queryset = offices
        if not self.is_bound:
            self.initial.setdefault("given_on", timezone.localdate())
            self.initial.setdefault("explained_language", person.preferred_language or "de")

    def to_input(self) -> ConsentInput:
        data = self.cleaned_data
        return ConsentInput(
            recipients=list(data["recipients"]),
            disclosing_offices=list(data["disclosing_offices"]),
            categories=list(data["categories"]),
            explicit_special_categories=data["explicit_special_categories"],
            purposes=list(data["purposes"]),
            purpose_details=data["purpose_details"],
            given_on=data["given_on"],
            given_how=data["given_how"],
            form_reason=data["form_reason"],
            interpreter_name=data["interpreter_name"],
            interpreter_language=data["interpreter_language"],
            explained_language=data["explained_language"],
            valid_until=data["valid_until"],
        )


class WithdrawForm(forms.Form):
    consent = forms.IntegerField(widget=forms.HiddenInput)
    how = forms.ChoiceField(label=_("Withdrawn how"), choices=WithdrawnHow.choices)
    reason = forms.CharField(
        label=_("Reason or request"),
        help_text=_("For example: the person withdrew it in the conversation of today."),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
