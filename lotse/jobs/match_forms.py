"""The caseworker's decision on a suggestion: proposed to the person, or set aside with a
reason (a note needed for "another reason"). The service checks the rest (lotse/jobs/
match_services.py) and its messages go beside the fields."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.jobs.match_models import MatchDecisionKind, SetAsideReason
from lotse.jobs.match_services import NOTE_MAX


class MatchDecisionForm(forms.Form):
    vacancy = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        label=_("What did you do with this suggestion?"),
        choices=MatchDecisionKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether the vacancy was proposed or set aside.")},
    )
    reason = forms.ChoiceField(
        label=_("Why set aside"),
        choices=[("", _("– only when set aside –")), *SetAsideReason.choices],
        required=False,
        error_messages={"invalid_choice": _("Unknown reason.")},
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed for another reason; at most 500 characters."),
        error_messages={
            "max_length": _("At most %(limit_value)d characters (now %(show_value)d).")
        },
    )
    back = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, vacancy_id: int | None = None, **kwargs: Any) -> None:
        if vacancy_id is not None:
            kwargs.setdefault("auto_id", f"id_v{vacancy_id}_%s")
            kwargs.setdefault("initial", {}).setdefault("vacancy", vacancy_id)
        super().__init__(*args, **kwargs)
