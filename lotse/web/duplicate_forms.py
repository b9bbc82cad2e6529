"""The reviewer's decision "different persons": why, chosen from the usual reasons, and a note."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.identity.models import RejectionReason
from lotse.identity.services import NOTE_MAX_LENGTH, rejection_errors


class PairRejectForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Why are these different persons?"),
        choices=RejectionReason.choices,
        widget=forms.RadioSelect(attrs={"class": "kern-form-check__radio"}),
        error_messages={
            "required": _("Choose why these are different persons."),
            "invalid_choice": _("Choose why these are different persons."),
        },
    )
    note = forms.CharField(
        label=_("Note"),
        help_text=_("Required for another reason; at most 300 characters."),
        required=False,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": NOTE_MAX_LENGTH}),
    )

    def clean(self):
        data = super().clean()
        for field, message in rejection_errors(data.get("kind", ""), data.get("note", "")).items():
            if field not in self.errors:
                self.add_error(field, message)
        return data


class DecisionResetForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the decision taken back?"),
        max_length=NOTE_MAX_LENGTH,
        error_messages={"required": _("Say why the decision is taken back.")},
    )
