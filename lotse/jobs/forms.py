"""Forms of the employer and vacancy pages. They parse input; what makes an employer or a vacancy
valid is decided by the services, whose messages the views put on the fields (so the page and the
API say the same)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.jobs.models import Employer, Offer, Sector, Vacancy, VacancyKind, VacancyStatus
from lotse.jobs.selectors import vacancy_places
from lotse.jobs.services import (
    DESCRIPTION_MAX,
    NAME_MAX,
    NOTE_MAX,
    REASON_MAX,
    REQUIRED_LEVELS,
    TITLE_MAX,
    EmployerInput,
    VacancyInput,
)
from lotse.organisations.models import User
from lotse.profiles.forms import OccupationField
from lotse.profiles.models import LicenceClass, Occupation

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
BLANK = [("", "–")]
SKILLS = ("listening", "reading", "speaking", "writing")
SKILL_LABELS = {
    "listening": _("German: listening"),
    "reading": _("German: reading"),
    "speaking": _("German: speaking"),
    "writing": _("German: writing"),
}


class _PlaceChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.kreis.name})"


class EmployerForm(forms.Form):
    name = forms.CharField(label=_("Name of the employer"), max_length=NAME_MAX)
    gemeinde = _PlaceChoice(label=_("Place (Gemeinde)"), queryset=None)
    sector = forms.ChoiceField(label=_("Sector"), choices=BLANK + list(Sector.choices))
    contact_name = forms.CharField(label=_("Contact person"), max_length=NAME_MAX, required=False)
    contact_phone = forms.CharField(label=_("Telephone"), max_length=40, required=False)
    contact_email = forms.CharField(label=_("E-mail"), max_length=254, required=False)
    offers = forms.MultipleChoiceField(
        label=_("What the employer offers refugees"),
        choices=Offer.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    offer_note = forms.CharField(
        label=_("Note on the offer"),
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E.g. the mentor's languages, or the hours of the German lessons."),
    )

    def __init__(self, *args: Any, actor: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["gemeinde"].queryset = vacancy_places(actor=actor)  # type: ignore[attr-defined]
        self.fields["name"].error_messages["required"] = _("Give the employer's name.")
        self.fields["gemeinde"].error_messages["required"] = _("Choose the place (Gemeinde).")
        self.fields["sector"].error_messages["required"] = _("Choose the sector.")

    @classmethod
    def initial_of(cls, employer: Employer) -> dict[str, Any]:
        return {
            "name": employer.name,
            "gemeinde": employer.gemeinde_id,
            "sector": employer.sector,
            "contact_name": employer.contact_name,
            "contact_phone": employer.contact_phone,
            "contact_email": employer.contact_email,
            "offers": employer.offers,
            "offer_note": employer.offer_note,
        }

    def to_input(self) -> EmployerInput:
        return EmployerInput(**self.cleaned_data)


LEVEL_CHOICES = BLANK + [(level.value, level.label) for level in REQUIRED_LEVELS]


class VacancyForm(forms.Form):
    """A vacancy, its occupation found by a search in the same form (the "Search" button sends
    the form back with what was typed, and the occupations found to choose from)."""

    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=VacancyKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the kind: a job, an apprenticeship or an entry qualification.")
        },
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX,
        help_text=_("As the employer calls it, e.g. Elektroniker/in für Gebäudetechnik."),
        error_messages={"required": _("Give the title of the vacancy.")},
    )
    occupation_q = forms.CharField(
        label=_("Search for an occupation"),
        max_length=100,
        required=False,
        help_text=_("A part of the German name, e.g. Elektr, Pflege, Koch"),
    )
    occupation = OccupationField(
        label=_("Occupation"),
        queryset=Occupation.objects.none(),
        to_field_name="kldb_code",
        required=False,
        widget=forms.RadioSelect,
        empty_label=None,
        help_text=_("Search for the occupation by its German name above, then choose it."),
        error_messages={"invalid_choice": _("Choose one of the occupations found.")},
    )
    gemeinde = _PlaceChoice(
        label=_("Place of work (Gemeinde)"),
        queryset=None,
        error_messages={"required": _("Choose the place of work (Gemeinde).")},
    )
    hours_per_week = forms.IntegerField(label=_("Hours per week"), required=False)
    starts_on = forms.DateField(
        label=_("Start"),
        widget=DATE,
        required=False,
        help_text=_("Leave empty for “at once”."),
    )
    german_listening = forms.ChoiceField(
        label=SKILL_LABELS["listening"], choices=LEVEL_CHOICES, required=False
    )
    german_reading = forms.ChoiceField(
        label=SKILL_LABELS["reading"], choices=LEVEL_CHOICES, required=False
    )
    german_speaking = forms.ChoiceField(
        label=SKILL_LABELS["speaking"], choices=LEVEL_CHOICES, required=False
    )
    german_writing = forms.ChoiceField(
        label=SKILL_LABELS["writing"], choices=LEVEL_CHOICES, required=False
    )
    german_firm = forms.BooleanField(
        label=_("The German levels are a firm requirement"),
        required=False,
        help_text=_("Otherwise they are wished for, and a person below them can be proposed."),
    )
    driving_licence = forms.ChoiceField(
        label=_("Driving licence required"),
        choices=[("", _("none"))] + list(LicenceClass.choices),
        required=False,
    )
    shift_work = forms.BooleanField(label=_("Shift work"), required=False)
    recognition_required = forms.BooleanField(
        label=_("A recognised qualification is required"), required=False
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=DESCRIPTION_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(
        self, *args: Any, actor: User, occupations: list[Occupation], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["gemeinde"].queryset = vacancy_places(actor=actor)  # type: ignore[attr-defined]
        codes = [o.kldb_code for o in occupations]
        chosen = (self.data.get("occupation") if self.is_bound else None) or self.initial.get(
            "occupation"
        )
        if chosen:
            codes.append(str(chosen))
        self.fields["occupation"].queryset = Occupation.objects.filter(  # type: ignore[attr-defined]
            kldb_code__in=codes
        ).order_by("-level", "title_de")

    @classmethod
    def initial_of(cls, vacancy: Vacancy) -> dict[str, Any]:
        return {
            "kind": vacancy.kind,
            "title": vacancy.title,
            "occupation": vacancy.occupation.kldb_code,
            "gemeinde": vacancy.gemeinde_id,
            "hours_per_week": vacancy.hours_per_week,
            "starts_on": vacancy.starts_on,
            **{f"german_{s}": getattr(vacancy, f"german_{s}") for s in SKILLS},
            "german_firm": vacancy.german_firm,
            "driving_licence": vacancy.driving_licence,
            "shift_work": vacancy.shift_work,
            "recognition_required": vacancy.recognition_required,
            "description": vacancy.description,
        }

    def to_input(self) -> VacancyInput:
        data = dict(self.cleaned_data)
        data.pop("occupation_q", None)
        occupation = data.pop("occupation")
        return VacancyInput(**data, occupation=occupation.kldb_code if occupation else "")


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("New status"),
        choices=VacancyStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose open, filled or withdrawn.")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_MAX,
        required=False,
        help_text=_("Needed when the vacancy is withdrawn."),
    )
