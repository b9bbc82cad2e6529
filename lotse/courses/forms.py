"""Forms of the course pages. They parse input; what makes a course, an enrolment, an attendance
or an exam valid is decided by the services, whose messages the views put on the fields."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.courses.models import Course, CourseType, Exam, Level
from lotse.courses.selectors import course_places, course_types
from lotse.courses.services import (
    NOTE_MAX,
    PROVIDER_MAX,
    SCHEDULE_MAX,
    CourseInput,
    ExamInput,
)
from lotse.organisations.models import User
from lotse.people.models import CefrLevel

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class _LabelChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.label)


class _PlaceChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.kreis.name})"


class CourseForm(forms.Form):
    course_type = _LabelChoice(label=_("Kind of course"), queryset=CourseType.objects.none())
    provider = forms.CharField(
        label=_("Provider"),
        max_length=PROVIDER_MAX,
        help_text=_("The course provider, e.g. the Volkshochschule."),
    )
    gemeinde = _PlaceChoice(label=_("Place (Gemeinde)"), queryset=None)
    starts_on = forms.DateField(label=_("Start"), widget=DATE)
    ends_on = forms.DateField(label=_("End"), widget=DATE)
    seats = forms.IntegerField(label=_("Seats"), min_value=1, max_value=500)
    level = _LabelChoice(
        label=_("Level"),
        queryset=Level.objects.none(),
        required=False,
        help_text=_("Leave empty for the target level of the kind of course."),
    )
    childcare = forms.BooleanField(label=_("Childcare offered"), required=False)
    schedule = forms.CharField(
        label=_("Schedule"),
        max_length=SCHEDULE_MAX,
        required=False,
        help_text=_("E.g. Monday to Friday, 8:30 to 12:45."),
    )

    def __init__(self, *args: Any, actor: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["course_type"].queryset = course_types()  # type: ignore[attr-defined]
        self.fields["gemeinde"].queryset = course_places(actor=actor)  # type: ignore[attr-defined]
        self.fields["level"].queryset = Level.objects.all()  # type: ignore[attr-defined]

    @classmethod
    def initial_of(cls, course: Course) -> dict[str, Any]:
        return {
            "course_type": course.course_type_id,
            "provider": course.provider,
            "gemeinde": course.gemeinde_id,
            "starts_on": course.starts_on,
            "ends_on": course.ends_on,
            "seats": course.seats,
            "level": course.level_id,
            "childcare": course.childcare,
            "schedule": course.schedule,
        }

    def to_input(self) -> CourseInput:
        return CourseInput(**self.cleaned_data)


class PersonChoiceForm(forms.Form):
    """Enrol from the course page: one of the office's persons, found by name."""

    person = forms.UUIDField(
        label=_("Person"),
        error_messages={"required": _("Choose a person your office has a case with.")},
    )
    note = forms.CharField(label=_("Note"), max_length=NOTE_MAX, required=False)


class CourseChoiceForm(forms.Form):
    """Enrol from the person page: one of the coming courses of the office's Kreise."""

    course = forms.ModelChoiceField(
        label=_("Course"),
        queryset=Course.objects.none(),
        error_messages={"required": _("Choose a course.")},
    )
    note = forms.CharField(label=_("Note"), max_length=NOTE_MAX, required=False)

    def __init__(self, *args: Any, courses: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["course"]
        field.queryset = courses  # type: ignore[attr-defined]
        field.label_from_instance = _course_label  # type: ignore[attr-defined]


def _course_label(course: Course) -> str:
    free = getattr(course, "free", None)
    seats = (
        _("full, waiting list")
        if free is not None and free <= 0
        else _("%(free)s free") % {"free": free}
    )
    return (
        f"{course.course_type.label} – {course.provider}, {course.gemeinde.name}, "
        f"{course.starts_on.strftime('%d.%m.%Y')} ({seats})"
    )


class AttendanceForm(forms.Form):
    week = forms.DateField(
        label=_("Week"), widget=DATE, help_text=_("Any day of the week; the Monday is kept.")
    )
    units_planned = forms.IntegerField(label=_("Units planned"), min_value=1, max_value=60)
    units_attended = forms.IntegerField(label=_("Units attended"), min_value=0, max_value=60)


class WeekAttendanceForm(forms.Form):
    """A week of the provider's list: units planned for everyone, attended per participant."""

    week = forms.DateField(
        label=_("Week"), widget=DATE, help_text=_("Any day of the week; the Monday is kept.")
    )
    units_planned = forms.IntegerField(label=_("Units planned"), min_value=1, max_value=60)

    def __init__(self, *args: Any, enrolments: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = []
        for enrolment in enrolments:
            name = f"attended_{enrolment.pk}"
            self.fields[name] = forms.IntegerField(
                label=_("Units attended by %(person)s") % {"person": enrolment.person},
                min_value=0,
                max_value=60,
            )
            self.rows.append((enrolment, name))

    def attended(self) -> dict[int, int | None]:
        return {enrolment.pk: self.cleaned_data.get(name) for enrolment, name in self.rows}

    def row_fields(self) -> list[tuple[Any, forms.BoundField]]:
        return [(enrolment, self[name]) for enrolment, name in self.rows]


LEVEL_CHOICES = [("", "–"), *[(c, label) for c, label in CefrLevel.choices if c[0] in "ABC"]]


class ExamForm(forms.Form):
    exam = forms.ChoiceField(label=_("Exam"), choices=[("", "–"), *Exam.choices])
    taken_on = forms.DateField(label=_("Exam date"), widget=DATE)
    passed = forms.BooleanField(label=_("Passed"), required=False, initial=True)
    level = forms.ChoiceField(
        label=_("Level certified"),
        choices=LEVEL_CHOICES,
        required=False,
        help_text=_("The DTZ certifies A2 or B1."),
    )
    listening = forms.ChoiceField(label=_("Listening"), choices=LEVEL_CHOICES, required=False)
    reading = forms.ChoiceField(label=_("Reading"), choices=LEVEL_CHOICES, required=False)
    speaking = forms.ChoiceField(label=_("Speaking"), choices=LEVEL_CHOICES, required=False)
    writing = forms.ChoiceField(label=_("Writing"), choices=LEVEL_CHOICES, required=False)

    def to_input(self) -> ExamInput:
        return ExamInput(**self.cleaned_data)


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Why the person leaves"), max_length=NOTE_MAX)
