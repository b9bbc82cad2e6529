"""Courses and measures: the catalogue (course types and CEFR levels, as data), the courses on
offer in a Gemeinde, enrolments with their waiting list, attendance per week and exam results.

Course types and levels are loaded from lotse/courses/data/catalogue.toml (lotse/courses/
catalogue.py); nothing in the code names a course type. An enrolment is `plan` data of the person
(access-model.md): it belongs to the office that recorded it.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from lotse.core.models import TimeStampedModel
from lotse.people.models import CefrLevel


class CourseFamily(models.TextChoices):
    INTEGRATION = "integration", _("Integration course")
    VOCATIONAL = "vocational", _("Vocational German course (Berufssprachkurs)")
    FIRST_ORIENTATION = "first_orientation", _("First orientation course")
    AGENTUR = "agentur", _("Measure of the Agentur für Arbeit")
    ENTRY_QUALIFICATION = "entry_qualification", _("Entry qualification (Einstiegsqualifizierung)")
    TRAINING_PREPARATION = "training_preparation", _("Training preparation")
    SCHOOL = "school", _("School class for newcomers (VKL, VABO)")


class _Labelled(models.Model):
    """A row of the catalogue with a German and an English label."""

    label_de = models.CharField(_("German label"), max_length=200)
    label_en = models.CharField(_("English label"), max_length=200)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.label_de if (get_language() or "de").startswith("de") else self.label_en


class Level(_Labelled):
    """A CEFR level (codes as lotse.people.models.CefrLevel), in the catalogue's order."""

    code = models.CharField(_("code"), max_length=6, unique=True, choices=CefrLevel.choices)
    rank = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("CEFR level")
        verbose_name_plural = _("CEFR levels")
        ordering = ["rank"]


class CourseType(_Labelled):
    """A kind of course or measure, as the catalogue describes it."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    family = models.CharField(_("family"), max_length=30, choices=CourseFamily.choices)
    teaching_units = models.PositiveIntegerField(
        _("teaching units"), null=True, blank=True, help_text=_("of 45 minutes")
    )
    duration_weeks = models.PositiveIntegerField(_("duration in weeks"), null=True, blank=True)
    modules = models.JSONField(_("modules"), default=list, blank=True)
    target_level = models.ForeignKey(
        Level,
        verbose_name=_("target level"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    final_exam = models.CharField(_("final exam"), max_length=100, blank=True)
    # Which answer of the rules engine decides admission ("" for none): data, not code.
    admission_question = models.CharField(_("admission decided by"), max_length=40, blank=True)
    description_de = models.TextField(_("German description"), blank=True)
    description_en = models.TextField(_("English description"), blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    rank = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("offered"), default=True)

    class Meta:
        verbose_name = _("course type")
        verbose_name_plural = _("course types")
        ordering = ["rank", "code"]

    @property
    def description(self) -> str:
        german = (get_language() or "de").startswith("de")
        return self.description_de if german else self.description_en


class Course(TimeStampedModel):
    """A course on offer: a type at a provider in a Gemeinde, with dates and seats."""

    course_type = models.ForeignKey(
        CourseType, verbose_name=_("course type"), on_delete=models.PROTECT, related_name="courses"
    )
    provider = models.CharField(_("provider"), max_length=150)
    gemeinde = models.ForeignKey(
        "organisations.Gemeinde",
        verbose_name=_("place"),
        on_delete=models.PROTECT,
        related_name="courses",
    )
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"))
    seats = models.PositiveIntegerField(_("seats"))
    childcare = models.BooleanField(_("childcare offered"), default=False)
    level = models.ForeignKey(
        Level,
        verbose_name=_("level"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    schedule = models.CharField(_("schedule"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        "organisations.Office",
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_by_user = models.ForeignKey(
        "organisations.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="courses_course_start_before_end",
                violation_error_message=_("The course cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(seats__gte=1),
                name="courses_course_has_seats",
                violation_error_message=_("A course needs at least one seat."),
            ),
        ]
        indexes = [models.Index(fields=["course_type", "starts_on"])]

    def __str__(self) -> str:
        return f"{self.course_type} – {self.provider}"


class EnrolmentState(models.TextChoices):
    ENROLLED = "enrolled", _("enrolled")
    WAITING = "waiting", _("on the waiting list")
    WITHDRAWN = "withdrawn", _("withdrawn")
    COMPLETED = "completed", _("completed")


# States that hold a seat of the course.
HOLDS_SEAT = (EnrolmentState.ENROLLED, EnrolmentState.COMPLETED)


class Admission(models.TextChoices):
    """What the rules engine answered when the person was enrolled ("" for a course whose
    admission no rule decides)."""

    ENTITLED = "entitled", _("entitled")
    OBLIGED = "obliged", _("obliged")
    ADMISSIBLE = "admissible", _("can be admitted")
    NOT_DECIDED = "", _("no admission rule")


class EnrolmentQuerySet(models.QuerySet["Enrolment"]):
    def current(self) -> "EnrolmentQuerySet":
        return self.filter(replaced_by__isnull=True)

    def holding_seats(self) -> "EnrolmentQuerySet":
        return self.current().filter(state__in=HOLDS_SEAT)

    def waiting(self) -> "EnrolmentQuerySet":
        return self.current().filter(state=EnrolmentState.WAITING)


class Enrolment(TimeStampedModel):
    """A person's place in a course, or on its waiting list. Plan data of the person, owned by
    the office that recorded it. A change writes a new row and marks this one replaced."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="enrolments")
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="enrolments")
    state = models.CharField(_("state"), max_length=10, choices=EnrolmentState.choices)
    admission = models.CharField(
        _("admission"), max_length=12, choices=Admission.choices, blank=True
    )
    # The engine's reasons as shown when the person was enrolled (said in German).
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    # From when the person was entitled or obliged (the engine's facts), else the day of the
    # enrolment: the start of the waiting time measured for the planners.
    entitled_since = models.DateField(_("entitled or obliged since"))
    entitled_since_known = models.BooleanField(default=False)
    course_starts_on = models.DateField(_("course start"))
    waiting_since = models.DateTimeField(_("on the waiting list since"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        "organisations.Office",
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_by_user = models.ForeignKey(
        "organisations.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    replaced_by = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    replaced_at = models.DateTimeField(null=True, blank=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["course", "state"])]

    def __str__(self) -> str:
        return f"{self.course} ({self.get_state_display()})"

    @property
    def priority(self) -> int:
        """Entitled and obliged persons come first on a waiting list."""
        return 0 if self.admission in (Admission.ENTITLED, Admission.OBLIGED) else 1


class Attendance(TimeStampedModel):
    """Units attended of units planned in one week (the Monday). A correction writes a new row
    and marks the earlier one replaced."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="attendance")
    week = models.DateField(_("week beginning"))
    units_planned = models.PositiveSmallIntegerField(_("units planned"))
    units_attended = models.PositiveSmallIntegerField(_("units attended"))
    recorded_by = models.ForeignKey(
        "organisations.Office", on_delete=models.PROTECT, related_name="+"
    )
    recorded_by_user = models.ForeignKey(
        "organisations.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    replaced_by = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    replaced_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["week", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(units_attended__lte=F("units_planned")),
                name="courses_attendance_within_planned",
                violation_error_message=_("More units attended than planned."),
            )
        ]


class Exam(models.TextChoices):
    DTZ = "dtz", _("Deutsch-Test für Zuwanderer (DTZ)")
    LID = "lid", _("Leben in Deutschland (LiD)")
    TELC = "telc", _("telc Deutsch")
    GOETHE = "goethe", _("Goethe-Zertifikat")


class ExamResult(TimeStampedModel):
    """An exam taken at the end of a course; a language exam writes a new language entry
    (people.PersonLanguage) with the exam as its source."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="exams")
    exam = models.CharField(_("exam"), max_length=10, choices=Exam.choices)
    taken_on = models.DateField(_("exam date"))
    passed = models.BooleanField(_("passed"), default=True)
    level = models.CharField(_("level"), max_length=6, choices=CefrLevel.choices, blank=True)
    listening = models.CharField(
        _("listening"), max_length=6, choices=CefrLevel.choices, blank=True
    )
    reading = models.CharField(_("reading"), max_length=6, choices=CefrLevel.choices, blank=True)
    speaking = models.CharField(_("speaking"), max_length=6, choices=CefrLevel.choices, blank=True)
    writing = models.CharField(_("writing"), max_length=6, choices=CefrLevel.choices, blank=True)
    language_entry = models.ForeignKey(
        "people.PersonLanguage", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(
        "organisations.Office", on_delete=models.PROTECT, related_name="+"
    )
    recorded_by_user = models.ForeignKey(
        "organisations.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("exam result")
        verbose_name_plural = _("exam results")
        ordering = ["-taken_on", "-pk"]
