"""Employers and their vacancies: jobs, apprenticeships (Ausbildungsplätze) and entry
qualifications (Einstiegsqualifizierung).

No refugee's data lives here. The employers' contact persons are personal data though: they are
recorded by the Agentur's employer service (Arbeitgeber-Service) or the Jobcenter and shared
between them within the Kreis (Action.MANAGE_VACANCIES); the other offices read the vacancies for
counselling (Action.VIEW_VACANCIES), without the contact persons. Every change is written to the
change log (Change), which the pages show as the history of an employer or a vacancy.

The kinds and statuses use the codes of the matching library (lotse/jobs/matching/records.py),
so that a vacancy becomes a matching record without a translation table.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lotse.core.models import TimeStampedModel
from lotse.jobs.match_models import MatchDecision, MatchDecisionKind, SetAsideReason  # noqa: E402, F401, I001  (decisions on suggested matches: their own module)
from lotse.jobs.placement_models import Placement, PlacementFollowUp, PlacementStep  # noqa: E402, F401, I001  (placements: their own module)
from lotse.people.models import CefrLevel
from lotse.profiles.models import LicenceClass


class Sector(models.TextChoices):
    CRAFTS = "crafts", _("skilled crafts (Handwerk)")
    INDUSTRY = "industry", _("industry and manufacturing")
    CONSTRUCTION = "construction", _("construction")
    CARE = "care", _("health and care")
    HOSPITALITY = "hospitality", _("hotels and restaurants")
    RETAIL = "retail", _("retail")
    LOGISTICS = "logistics", _("transport and logistics")
    AGRICULTURE = "agriculture", _("agriculture and gardening")
    CLEANING = "cleaning", _("cleaning and facility services")
    IT = "it", _("information technology")
    PUBLIC = "public", _("public service")
    OTHER = "other", _("other services")


class Offer(models.TextChoices):
    """What an employer offers refugees beyond the work itself."""

    LANGUAGE_SUPPORT = "language_support", _("German support at work")
    MENTOR = "mentor", _("a mentor or buddy at work")
    FLEXIBLE_HOURS = "flexible_hours", _("flexible hours (e.g. beside a course)")
    PART_TIME_TRAINING = "part_time_training", _("apprenticeship in part-time")
    CHILDCARE = "childcare", _("help with childcare")
    HOUSING = "housing", _("help with housing")
    TRANSPORT = "transport", _("help with getting to work")
    RECOGNITION = "recognition", _("support with the recognition of qualifications")


class VacancyKind(models.TextChoices):
    JOB = "job", _("job")
    APPRENTICESHIP = "apprenticeship", _("apprenticeship (Ausbildungsplatz)")
    ENTRY_QUALIFICATION = "eq", _("entry qualification (Einstiegsqualifizierung)")


class VacancyStatus(models.TextChoices):
    OPEN = "open", _("open")
    FILLED = "filled", _("filled")
    WITHDRAWN = "withdrawn", _("withdrawn")


SKILLS = ("listening", "reading", "speaking", "writing")


class Employer(TimeStampedModel):
    """A company or public body offering work or training in a Gemeinde."""

    name = models.CharField(_("name"), max_length=150)
    gemeinde = models.ForeignKey(
        "organisations.Gemeinde",
        verbose_name=_("place"),
        on_delete=models.PROTECT,
        related_name="employers",
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    # The contact person: personal data, shown to the Agentur and the Jobcenter only.
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_phone = models.CharField(_("telephone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    offers = models.JSONField(_("what the employer offers refugees"), default=list, blank=True)
    offer_note = models.CharField(_("note on the offer"), max_length=500, blank=True)
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
        verbose_name = _("employer")
        verbose_name_plural = _("employers")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def offer_labels(self) -> list[str]:
        return [str(Offer(code).label) for code in self.offers if code in Offer.values]


class Vacancy(TimeStampedModel):
    """A job, an apprenticeship or an entry qualification at an employer."""

    employer = models.ForeignKey(
        Employer, verbose_name=_("employer"), on_delete=models.PROTECT, related_name="vacancies"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=VacancyKind.choices)
    title = models.CharField(_("title"), max_length=200)
    occupation = models.ForeignKey(
        "profiles.Occupation",
        verbose_name=_("occupation"),
        on_delete=models.PROTECT,
        related_name="vacancies",
    )
    gemeinde = models.ForeignKey(
        "organisations.Gemeinde",
        verbose_name=_("place of work"),
        on_delete=models.PROTECT,
        related_name="vacancies",
    )
    hours_per_week = models.PositiveSmallIntegerField(_("hours per week"))
    starts_on = models.DateField(_("start"), null=True, blank=True)  # None: at once
    german_listening = models.CharField(
        _("German: listening"), max_length=6, choices=CefrLevel.choices, blank=True
    )
    german_reading = models.CharField(
        _("German: reading"), max_length=6, choices=CefrLevel.choices, blank=True
    )
    german_speaking = models.CharField(
        _("German: speaking"), max_length=6, choices=CefrLevel.choices, blank=True
    )
    german_writing = models.CharField(
        _("German: writing"), max_length=6, choices=CefrLevel.choices, blank=True
    )
    # True: a candidate below a required level is not proposed; False: the levels are desirable.
    german_firm = models.BooleanField(_("German levels required firmly"), default=False)
    driving_licence = models.CharField(
        _("driving licence required"), max_length=4, choices=LicenceClass.choices, blank=True
    )
    shift_work = models.BooleanField(_("shift work"), default=False)
    recognition_required = models.BooleanField(
        _("recognised qualification required"), default=False
    )
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=VacancyStatus.choices, default=VacancyStatus.OPEN
    )
    status_reason = models.CharField(_("reason"), max_length=500, blank=True)
    status_changed_at = models.DateTimeField(_("status since"), null=True, blank=True)
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
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours_per_week__gte=1) & Q(hours_per_week__lte=48),
                name="jobs_vacancy_hours",
                violation_error_message=_("Between 1 and 48 hours a week."),
            ),
        ]
        indexes = [models.Index(fields=["status", "kind"]), models.Index(fields=["occupation"])]

    def __str__(self) -> str:
        return f"{self.title} – {self.employer}"

    def german_levels(self) -> list[tuple[str, str]]:
        """(skill label, level label) for every skill with a required level."""
        labels = {
            "listening": _("listening"),
            "reading": _("reading"),
            "speaking": _("speaking"),
            "writing": _("writing"),
        }
        levels = []
        for skill in SKILLS:
            code = getattr(self, f"german_{skill}")
            if code:
                levels.append((str(labels[skill]), str(CefrLevel(code).label)))
        return levels


class ChangeKind(models.TextChoices):
    RECORDED = "recorded", _("recorded")
    CHANGED = "changed", _("changed")
    STATUS = "status", _("status changed")


class Change(models.Model):
    """One change of an employer or of one of its vacancies: who, at which office, when, and
    what (field → [old, new], the values as words at the time). Written by the services only,
    never changed."""

    employer = models.ForeignKey(
        Employer, on_delete=models.PROTECT, related_name="changes", verbose_name=_("employer")
    )
    vacancy = models.ForeignKey(
        Vacancy,
        on_delete=models.PROTECT,
        related_name="changes",
        null=True,
        blank=True,
        verbose_name=_("vacancy"),
    )
    kind = models.CharField(_("change"), max_length=10, choices=ChangeKind.choices)
    changes = models.JSONField(_("changed fields"), default=dict, blank=True)
    office = models.ForeignKey(
        "organisations.Office", on_delete=models.PROTECT, related_name="+", verbose_name=_("office")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed at"))

    class Meta:
        verbose_name = _("change of an employer or vacancy")
        verbose_name_plural = _("changes of employers and vacancies")
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.changed_at:%Y-%m-%d}"
