"""The forms of the profile pages: one per kind of entry, and the language assessment. Lengths
and choices are checked here with a message; what the service checks (dates, the source, the
recognition's states) comes back onto the form (lotse/web/form_errors.py)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.people.countries import COUNTRIES, LANGUAGES
from lotse.people.models import CefrLevel, LevelSource
from lotse.profiles.models import (
    ChildcareNeed,
    CompetentBody,
    EmployerType,
    EntryKind,
    EntrySource,
    LicenceClass,
    Literacy,
    Occupation,
    RecognitionStatus,
    SchoolCertificate,
    Transport,
    WorkCapacity,
)
from lotse.profiles.services import KIND_FIELDS

BLANK = [("", "–")]
COUNTRY_CHOICES = BLANK + list(COUNTRIES)
YES_NO = [("", _("not known")), ("yes", _("yes")), ("no", _("no"))]


class OccupationField(forms.ModelChoiceField):
    """An occupation by its KldB code, chosen from the results of the title search."""

    def label_from_instance(self, obj: Any) -> str:
        isco = f", ISCO-08 {obj.isco_code}" if obj.isco_code else ""
        return f"{obj.title_de} (KldB {obj.kldb_code}{isco})"


def occupation_field(label: Any, required: bool) -> OccupationField:
    return OccupationField(
        label=label,
        queryset=Occupation.objects.none(),
        to_field_name="kldb_code",
        required=required,
        widget=forms.RadioSelect,
        empty_label=None,
        help_text=_("Search for the occupation by its German name above, then choose it."),
        error_messages={
            "required": _("Choose the occupation: search for it by its German name."),
            "invalid_choice": _("Choose one of the occupations found."),
        },
    )


class EntryForm(forms.Form):
    source = forms.ChoiceField(
        label=_("Source"),
        choices=BLANK + list(EntrySource.choices),
        error_messages={"required": _("Say where this comes from.")},
    )
    replaces = forms.IntegerField(widget=forms.HiddenInput, required=False)
    occupation_q = forms.CharField(widget=forms.HiddenInput, required=False, max_length=100)

    def __init__(self, *args: Any, kind: str, occupations: list[Occupation], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.kind = kind
        codes = [o.kldb_code for o in occupations]
        for name in KIND_FIELDS[kind]:
            self.fields[name] = _field(kind, name)
        for name in ("occupation", "reference_occupation"):
            if name in self.fields:
                field = self.fields[name]
                assert isinstance(field, OccupationField)
                posted = self.data.get(name) if self.is_bound else None
                field.queryset = Occupation.objects.filter(
                    kldb_code__in=[*codes, *([posted] if posted else [])]
                ).order_by("-level", "title_de")
        self.order_fields([*KIND_FIELDS[kind], "source"])

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        values = {name: data.get(name) for name in KIND_FIELDS[self.kind]}
        for name in ("completed",):
            if name in values:
                values[name] = {"yes": True, "no": False}.get(values[name] or "")
        for name, value in list(values.items()):
            if value == "" and name in ("years", "max_distance_km", "applied_on", "decided_on"):
                values[name] = None
        return values


def _choice(label: Any, choices: Any, required: bool = True) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=BLANK + list(choices), required=required)


def _field(kind: str, name: str) -> forms.Field:  # noqa: C901, PLR0911 - one per field name
    if name == "years":
        label = _("Years of school") if kind == EntryKind.SCHOOLING else _("Years")
        return forms.DecimalField(
            label=label, required=False, min_value=0, max_value=60, decimal_places=1
        )
    if name == "country":
        return _choice(_("Country"), COUNTRIES, required=False)
    if name == "highest_certificate":
        return _choice(_("Highest school certificate"), SchoolCertificate.choices)
    if name == "latin_literacy":
        return _choice(_("Reads and writes the Latin alphabet"), Literacy.choices)
    if name == "occupation":
        return occupation_field(_("Occupation"), True)
    if name == "reference_occupation":
        return occupation_field(_("German reference occupation"), False)
    if name == "description":
        if kind == EntryKind.HEALTH:
            return forms.CharField(label=_("Restriction"), max_length=300)
        return forms.CharField(label=_("In the person's words"), max_length=200, required=False)
    if name == "employer_type":
        return _choice(_("Employer"), EmployerType.choices, required=False)
    if name == "completed":
        return forms.ChoiceField(label=_("Completed"), choices=YES_NO, required=False)
    if name == "title":
        return forms.CharField(label=_("Qualification as named in the certificate"), max_length=200)
    if name == "recognition_status":
        return _choice(_("Recognition"), RecognitionStatus.choices)
    if name == "competent_body":
        return _choice(_("Competent body"), CompetentBody.choices, required=False)
    if name == "adaptation_measure":
        return forms.CharField(label=_("Adaptation measure"), max_length=200, required=False)
    if name in ("applied_on", "decided_on"):
        label = _("Applied on") if name == "applied_on" else _("Decided on")
        return forms.DateField(
            label=label, required=False, widget=forms.DateInput({"type": "date"})
        )
    if name == "classes":
        return forms.MultipleChoiceField(
            label=_("Driving licence classes"),
            choices=LicenceClass.choices,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text=_("None ticked: no driving licence."),
        )
    if name == "max_distance_km":
        return forms.IntegerField(
            label=_("How far (km)"), required=False, min_value=0, max_value=500
        )
    if name == "means":
        return forms.MultipleChoiceField(
            label=_("By what"),
            choices=Transport.choices,
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
    if name == "need":
        return _choice(_("Childcare"), ChildcareNeed.choices)
    if name == "details":
        return forms.CharField(label=_("Details"), max_length=300, required=False)
    if name == "work_capacity":
        return _choice(_("Effect on work"), WorkCapacity.choices)
    raise KeyError(name)


LEVEL_CHOICES = BLANK + list(CefrLevel.choices)


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=BLANK + list(LANGUAGES))
    listening = forms.ChoiceField(label=_("Listening"), choices=LEVEL_CHOICES, required=False)
    reading = forms.ChoiceField(label=_("Reading"), choices=LEVEL_CHOICES, required=False)
    speaking = forms.ChoiceField(label=_("Speaking"), choices=LEVEL_CHOICES, required=False)
    writing = forms.ChoiceField(label=_("Writing"), choices=LEVEL_CHOICES, required=False)
    source = forms.ChoiceField(
        label=_("Source of the levels"),
        choices=BLANK + list(LevelSource.choices),
        error_messages={
            "required": _("A level without a source is not recorded: say where it comes from.")
        },
    )
    assessed_on = forms.DateField(
        label=_("Assessed on"), required=False, widget=forms.DateInput({"type": "date"})
    )
    replaces = forms.IntegerField(widget=forms.HiddenInput, required=False)


class OccupationSearchForm(forms.Form):
    occupation_q = forms.CharField(
        label=_("Search for an occupation"),
        max_length=100,
        required=False,
        help_text=_("A part of the German name, e.g. Elektr, Pflege, Koch"),
    )
