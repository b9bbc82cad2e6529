"""Forms of case work: the case itself, follow-ups, notes, referrals, reassignment."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lotse.access.policy import Category, case_holders
from lotse.cases.models import SENT_KINDS, NoteVisibility
from lotse.cases.referrals import default_answer_by
from lotse.core.text import validate_storable_text
from lotse.organisations.models import Office, User

CATEGORY_LABELS = {
    Category.IDENTITY: _("identity (shared core, always)"),
    Category.STATUS: _("residence and procedure status"),
    Category.BENEFITS: _("benefits"),
    Category.PROFILE: _("profile: schooling, work, languages"),
    Category.PLAN: _("integration plan"),
    Category.HEALTH: _("health (special category: explicit consent only)"),
    Category.NOTES: _("shared notes"),
}
# A date input takes ISO dates only; a localised value (02.12.2026) would be dropped.
_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CaseForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    summary = forms.CharField(
        label=_("Summary and next step"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        validators=[validate_storable_text],
    )
    responsible = forms.ModelChoiceField(
        label=_("Responsible caseworker"), queryset=User.objects.none(), required=False
    )

    def __init__(self, *args, office: Office, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Who can hold the case (the policy), and whoever holds it now, so that saving the
        # summary never fails on an earlier assignment.
        holders = case_holders(office)
        if current is not None:
            holders = holders | User.objects.filter(pk=current)
        self.fields["responsible"].queryset = holders.distinct().order_by(
            "last_name", "first_name", "username"
        )


class FollowUpForm(forms.Form):
    due_on = forms.DateField(label=_("Due on"), widget=_DATE)
    title = forms.CharField(label=_("What"), max_length=200, validators=[validate_storable_text])


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_storable_text],
    )
    visibility = forms.ChoiceField(
        label=_("Visible to"), choices=NoteVisibility.choices, initial=NoteVisibility.OFFICE
    )


class CloseForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for closing"), max_length=200, validators=[validate_storable_text]
    )


class ReferralForm(forms.Form):
    to_office = forms.ModelChoiceField(
        label=pgettext_lazy("recipient", "To"), queryset=Office.objects.none()
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=[(k.value, k.label) for k in SENT_KINDS])
    purpose = forms.CharField(
        label=_("Purpose"), max_length=300, validators=[validate_storable_text]
    )
    categories = forms.MultipleChoiceField(
        label=_("Data to share (besides the identity core)"),
        choices=[(c.value, CATEGORY_LABELS[c]) for c in Category if c != Category.IDENTITY],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    respond_by = forms.DateField(label=_("Answer by"), widget=_DATE)
    due_by = forms.DateField(label=_("Done by"), widget=_DATE, required=False)

    def __init__(self, *args, offices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_office"].queryset = offices
        self.fields["respond_by"].initial = default_answer_by()


class ReasonForm(forms.Form):
    text = forms.CharField(
        label=_("Reason or outcome"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        validators=[validate_storable_text],
    )


class ReassignForm(forms.Form):
    cases = forms.MultipleChoiceField(label=_("Cases"), widget=forms.CheckboxSelectMultiple)
    responsible = forms.ModelChoiceField(
        label=_("New responsible caseworker"), queryset=User.objects.none()
    )

    def __init__(self, *args, office: Office, case_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cases"].choices = case_choices
        self.fields["responsible"].queryset = case_holders(office)
