"""The form for a status event: one form, its fields chosen by the kind of event (the engine's
fields, docs/rules.md), with good defaults: today, the usual source, the outcome as radio buttons
with its paragraph."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.organisations.models import Kreis
from lotse.status.events import (
    APPLICATION_KINDS,
    DECIDED_BY,
    DEFAULT_SOURCE,
    FIELD_LABELS,
    OBLIGED_BY,
    OUTCOME_LABELS,
    TITLE_LABELS,
    VARIANT_LABELS,
    EventKind,
    Source,
)
from lotse.status.rules.scenario import EVENT_FIELDS
from lotse.status.switch import KINDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
RADIO = forms.RadioSelect(attrs={"class": "kern-form-check__radio"})
CHECK = {"class": "kern-form-check__checkbox"}
TRISTATE = [("", _("not known")), ("yes", _("yes")), ("no", _("no"))]
HINTS = {
    "valid_until": _("As on the document; leave empty if it has no end."),
    "kreis": _("The Kreis the person must live in; it decides the responsible Jobcenter."),
    "first_issue": _("No for an extension of the same title."),
    "dublin": _(
        "Inadmissible because another Dublin state is responsible (§ 29 Abs. 1 Nr. 1 AsylG)."
    ),
}
# Legal facts are answered, never assumed: yes, no or "not known", none of them preset but
# "not known" (docs/ui.md, "Forms"). "Not known" stores nothing.
TRISTATE_FACTS = (
    "dublin",
    "transfer_possible",
    "suspensive",
    "because_of_war",
    "first_issue",
    "identity_obstruction",
    "vocational_training",
)


def _tristate(value):
    return {"yes": True, "no": False}.get(value)


def _field(name: str, kind: str) -> forms.Field:
    label = FIELD_LABELS.get(name, name)
    hint = HINTS.get(name, "")
    match name:
        case "outcome":
            return forms.ChoiceField(
                label=label, choices=list(OUTCOME_LABELS.items()), widget=RADIO
            )
        case "title" | "for_title":
            return forms.ChoiceField(label=label, choices=list(TITLE_LABELS.items()), widget=RADIO)
        case "variant":
            return forms.ChoiceField(
                label=label,
                choices=list(VARIANT_LABELS.items()),
                widget=RADIO,
                initial="60a",
            )
        case "kind":
            return forms.ChoiceField(
                label=label,
                choices=list(APPLICATION_KINDS.items()),
                widget=RADIO,
                initial="first",
            )
        case "by":
            choices = OBLIGED_BY if kind == EventKind.INTEGRATION_COURSE_OBLIGATION else DECIDED_BY
            return forms.ChoiceField(
                label=label,
                choices=list(choices.items()),
                widget=RADIO,
                initial=next(iter(choices)),
            )
        case "valid_until" | "deportation_suspended_since":
            return forms.DateField(
                label=label,
                required=False,
                help_text=hint,
                widget=DATE,
            )
        case "kreis":
            today = timezone.localdate()
            kreise = Kreis.objects.valid_on(today).order_by("name")
            return forms.ChoiceField(
                label=label,
                required=False,
                help_text=hint,
                choices=[("", _("no particular Kreis"))] + [(k.code, k.name) for k in kreise],
            )
        case "hours_per_week":
            return forms.IntegerField(label=label, required=False, min_value=1, max_value=80)
    return forms.TypedChoiceField(
        label=label,
        choices=TRISTATE,
        required=False,
        coerce=_tristate,
        empty_value=None,
        help_text=hint,
        widget=RADIO,
    )


# Kinds the BAMF decides for a family at once (the application, the Bescheid, its finality): the
# form offers to record them for members of the Bedarfsgemeinschaft as well.
FAMILY_KINDS = (EventKind.ASYLUM_APPLICATION, EventKind.DECISION, EventKind.FINALITY)


class StatusEventForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE)
    source = forms.ChoiceField(label=_("Source"), choices=Source.choices)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, kind: str, correcting=None, family=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.detail_names = []
        if kind != EventKind.ENTRY:
            required, optional = EVENT_FIELDS[kind]
            for name in (*required, *optional):
                field = _field(name, kind)
                if (
                    name in optional
                    and optional[name] is not None
                    and not isinstance(field, forms.TypedChoiceField)
                ):
                    field.initial = optional[name]
                self.fields[name] = field
                self.detail_names.append(name)
        self.fields["date"].initial = timezone.localdate()
        self.fields["source"].initial = DEFAULT_SOURCE.get(kind, Source.DOCUMENT)
        if correcting is not None:
            self.fields["reason"] = forms.CharField(
                label=_("What was wrong"), widget=forms.Textarea(attrs={"rows": 2})
            )
            self.initial.update(
                {"date": correcting.date, "source": correcting.source, **correcting.details}
            )
            for name in TRISTATE_FACTS:
                if name in correcting.details:
                    self.initial[name] = "yes" if correcting.details[name] else "no"

        if family and correcting is None and kind in FAMILY_KINDS:
            # None ticked: the caseworker says for whom the Bescheid holds as well.
            self.fields["applies_to"] = forms.MultipleChoiceField(
                label=_("Applies to these family members as well"),
                help_text=_(
                    "Tick the members of the Bedarfsgemeinschaft the same decision is for: each "
                    "gets the same entry. Only members your office holds in an open case are "
                    "listed."
                ),
                choices=list(family),
                required=False,
                widget=forms.CheckboxSelectMultiple(attrs={"class": "kern-form-check__checkbox"}),
            )

    def clean(self):
        data = super().clean()
        if (
            self.kind == EventKind.DECISION
            and data.get("outcome") == "inadmissible"
            and data.get("dublin") is None
            and "dublin" not in self.errors
        ):
            self.add_error(
                "dublin",
                _(
                    "Say whether the application is inadmissible as a Dublin case: the benefits "
                    "depend on it (§ 1 Abs. 4 AsylbLG)."
                ),
            )
        return data

    def details(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.detail_names}

    def family_members(self) -> list[str]:
        return list(self.cleaned_data.get("applies_to") or [])

    def detail_fields(self):
        """(bound field, rendered as a group of radio buttons)"""
        return [
            (self[name], isinstance(self.fields[name].widget, forms.RadioSelect))
            for name in self.detail_names
        ]


class KindForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of event"), choices=EventKind.choices)


class RetractForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the entry taken back?"), widget=forms.Textarea(attrs={"rows": 2})
    )


class SwitchReferralForm(forms.Form):
    purpose = forms.CharField(
        label=_("Purpose"), max_length=300, widget=forms.Textarea(attrs={"rows": 3})
    )
    categories = forms.MultipleChoiceField(
        label=_("Data the office taking over may see"),
        choices=[
            ("status", _("residence status")),
            ("benefits", _("benefits")),
            ("profile", _("profile (languages, education, work)")),
        ],
        widget=forms.CheckboxSelectMultiple(attrs=CHECK),
        required=False,
    )
    respond_by = forms.DateField(label=_("Answer by"), widget=DATE)
    due_by = forms.DateField(label=_("Taken over by"), required=False, widget=DATE)


__all__ = ["KINDS", "KindForm", "RetractForm", "StatusEventForm", "SwitchReferralForm"]
