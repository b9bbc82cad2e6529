"""Regions, offices, teams and the staff who work in them.

The Kreis is the unit of jurisdiction. An office (a department of a Kreis, a Jobcenter or an
Agentur für Arbeit) serves one or more Kreise over dated periods; users belong to exactly one
office and hold roles there.
"""

from datetime import date

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lotse.core.models import TimeStampedModel, ValidityModel


class KreisKind(models.TextChoices):
    STADTKREIS = "stadtkreis", _("Stadtkreis")
    LANDKREIS = "landkreis", _("Landkreis")


class Kreis(ValidityModel, TimeStampedModel):
    """A Stadt- or Landkreis (county), identified by its official Kreisschlüssel."""

    code = models.CharField(_("Kreisschlüssel"), max_length=5, unique=True)
    ags = models.CharField(_("official municipality key (AGS)"), max_length=8)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=12, choices=KreisKind.choices)
    regierungsbezirk = models.CharField(_("Regierungsbezirk"), max_length=50)
    gemeinden_count = models.PositiveIntegerField(_("number of Gemeinden"), null=True, blank=True)
    source_note = models.CharField(_("source note"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta(ValidityModel.Meta):
        verbose_name = _("Kreis")
        verbose_name_plural = _("Kreise")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name}"


class Gemeinde(ValidityModel, TimeStampedModel):
    kreis = models.ForeignKey(Kreis, on_delete=models.PROTECT, related_name="gemeinden")
    ags = models.CharField(_("official municipality key (AGS)"), max_length=8, unique=True)
    name = models.CharField(_("name"), max_length=100)
    history = HistoricalRecords()

    class Meta(ValidityModel.Meta):
        verbose_name = _("Gemeinde")
        verbose_name_plural = _("Gemeinden")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OfficeKind(models.TextChoices):
    AUSLAENDERBEHOERDE = "auslaenderbehoerde", _("Ausländerbehörde")
    SOZIALAMT = "sozialamt", _("Sozialamt (AsylbLG)")
    INTEGRATIONSMANAGEMENT = "integrationsmanagement", _("Integrationsmanagement")
    AGENTUR = "agentur", _("Agentur für Arbeit")
    JOBCENTER = "jobcenter", _("Jobcenter")
    # The youth welfare office of the Kreis (SGB VIII): the guardian's side of an unaccompanied
    # minor and, with the Agentur and the Jobcenter, a partner of the Jugendberufsagentur.
    JUGENDAMT = "jugendamt", _("Jugendamt")
    # The Land's own administration of lotse: serves no Kreis, keeps no person data; its
    # administrators are the Land administrators who change reference data (four eyes).
    LAND = "land", _("Land administration")


class JobcenterForm(models.TextChoices):
    GE = "gE", _("gemeinsame Einrichtung (BA and Kreis)")
    ZKT = "zkT", _("zugelassener kommunaler Träger (Kreis alone)")


class Office(ValidityModel, TimeStampedModel):
    """A body staff work for: a Kreis department, a Jobcenter or an Agentur für Arbeit."""

    kind = models.CharField(_("kind"), max_length=30, choices=OfficeKind.choices)
    name = models.CharField(_("name"), max_length=150)
    code = models.SlugField(_("code"), max_length=80, unique=True)
    jobcenter_form = models.CharField(
        _("Jobcenter form"), max_length=3, choices=JobcenterForm.choices, blank=True
    )
    kreis = models.ForeignKey(
        Kreis,
        verbose_name=_("Kreis"),
        on_delete=models.PROTECT,
        related_name="offices",
        null=True,
        blank=True,
        help_text=_("The Kreis a department or Jobcenter belongs to; empty for an Agentur."),
    )
    gemeinde = models.ForeignKey(
        Gemeinde,
        verbose_name=_("Gemeinde"),
        on_delete=models.PROTECT,
        related_name="offices",
        null=True,
        blank=True,
        help_text=_("Set where a Gemeinde runs the office (e.g. its Integrationsmanagement)."),
    )
    predecessors = models.ManyToManyField(
        "self",
        verbose_name=_("predecessors"),
        symmetrical=False,
        related_name="successors",
        blank=True,
    )
    history = HistoricalRecords(excluded_fields=["predecessors"])

    class Meta(ValidityModel.Meta):
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        ordering = ["name"]
        constraints = [
            *ValidityModel.Meta.constraints,
            models.CheckConstraint(
                condition=(
                    models.Q(kind=OfficeKind.JOBCENTER, jobcenter_form__in=["gE", "zkT"])
                    | (~models.Q(kind=OfficeKind.JOBCENTER) & models.Q(jobcenter_form=""))
                ),
                name="organisations_office_jobcenter_form",
                violation_error_message=_(
                    "A Jobcenter is either a gE or a zkT; other offices are neither."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def controller_key(self) -> str:
        """Who is responsible for the data this office keeps (the data controller).

        The departments of a Kreis and its kommunales Jobcenter (zkT) share one controller, the
        Kreis; a gemeinsame Einrichtung (gE) and an Agentur are controllers of their own.
        """
        if self.kreis_id and (
            self.kind != OfficeKind.JOBCENTER or self.jobcenter_form == JobcenterForm.ZKT
        ):
            return f"kreis:{self.kreis_id}"
        return f"office:{self.pk}"

    def kreise_served(self, day: date | None = None) -> models.QuerySet[Kreis]:
        day = day or timezone.localdate()
        served = self.jurisdictions.valid_on(day).values("kreis")
        return Kreis.objects.filter(pk__in=served)


class Jurisdiction(ValidityModel, TimeStampedModel):
    """Which Kreis an office serves, and when (e.g. an Agentur's district)."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="jurisdictions")
    kreis = models.ForeignKey(Kreis, on_delete=models.PROTECT, related_name="jurisdictions")
    history = HistoricalRecords()

    class Meta(ValidityModel.Meta):
        verbose_name = _("jurisdiction")
        verbose_name_plural = _("jurisdictions")
        ordering = ["office", "kreis", "valid_from"]

    def __str__(self) -> str:
        return f"{self.office} → {self.kreis}"


class Team(TimeStampedModel):
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(_("name"), max_length=100)
    active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["office", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "name"], name="organisations_team_unique_name"
            )
        ]

    def __str__(self) -> str:
        return f"{self.office} – {self.name}"


class Role(models.TextChoices):
    CASEWORKER = "caseworker", _("Caseworker")
    TEAM_LEAD = "team_lead", _("Team lead")
    DATA_PROTECTION_OFFICER = "dpo", _("Data-protection officer")
    REGIONAL_PLANNER = "planner", _("Regional planner")
    ADMINISTRATOR = "admin", _("Administrator")


class User(AbstractUser):
    """A member of staff. Belongs to one office (and optionally one of its teams)."""

    office = models.ForeignKey(
        Office,
        verbose_name=_("office"),
        on_delete=models.PROTECT,
        related_name="staff",
        null=True,
        blank=True,
    )
    team = models.ForeignKey(
        Team,
        verbose_name=_("team"),
        on_delete=models.PROTECT,
        related_name="members",
        null=True,
        blank=True,
    )
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")  # type: ignore[assignment]  # django-stubs: str, lazy is fine
        verbose_name_plural = _("users")  # type: ignore[assignment]
        swappable = "AUTH_USER_MODEL"

    def __str__(self) -> str:
        full_name = self.get_full_name()
        return f"{full_name} ({self.username})" if full_name else self.username

    @classmethod
    def normalize_username(cls, username: str) -> str:
        """The one form of a user name (Unicode NFKC, no surrounding blanks, lower case): what
        is stored when a user is made, what sign-in looks up and what the lockout counts, so
        that "TUE-ABH-TL" and "tue-abh-tl " are one account with one failure count."""
        if not isinstance(username, str):
            return username
        return super().normalize_username(username).strip().lower()

    @property
    def role_set(self) -> frozenset[str]:
        # cached per instance: the policy asks for roles many times per request
        if not hasattr(self, "_role_cache"):
            self._role_cache = frozenset(self.role_grants.values_list("role", flat=True))
        return self._role_cache

    def has_role(self, role: str) -> bool:
        return role in self.role_set


class RoleGrant(TimeStampedModel):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="organisations_role_once")
        ]

    def __str__(self) -> str:
        return self.get_role_display()


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    APPROVED = "approved", _("approved")
    REFUSED = "refused", _("declined")


class PendingChange(TimeStampedModel):
    """A change that takes effect only when a second person approves it (four eyes).

    Written and decided only through the services in lotse.access.services
    (role_grant_request/_approve/_refuse, reference_change_request/_approve/_refuse).
    """

    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    requested_by = models.ForeignKey(
        User, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        User,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.TextField(_("note on the decision"), blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]


class RoleGrantRequest(PendingChange):
    """An administrator asks for a role for a member of staff; another one approves it."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="role_requests"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta(PendingChange.Meta):
        verbose_name = _("role request")
        verbose_name_plural = _("role requests")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=models.Q(status="pending"),
                name="organisations_role_request_pending_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} → {self.user}"


class ReferenceTarget(models.TextChoices):
    """The reference data of the Land whose changes need a second Land administrator."""

    KREIS = "organisations.Kreis", _("Kreis")
    GEMEINDE = "organisations.Gemeinde", _("Gemeinde")
    OFFICE = "organisations.Office", _("office")
    JURISDICTION = "organisations.Jurisdiction", _("jurisdiction")


class ReferenceChangeRequest(PendingChange):
    """A Land administrator's change of reference data, applied when another approves it.

    `changes` maps field names to their new values as JSON: a related object by its primary
    key, a date in ISO form, a many-to-many field as a list of keys. No `object_id`: a new row.
    """

    target = models.CharField(_("kind of data"), max_length=40, choices=ReferenceTarget.choices)
    object_id = models.PositiveBigIntegerField(_("object"), null=True, blank=True)
    changes = models.JSONField(_("changes"), default=dict)

    class Meta(PendingChange.Meta):
        verbose_name = _("reference-data change")
        verbose_name_plural = _("reference-data changes")

    def __str__(self) -> str:
        what = self.get_target_display()
        return f"{what} #{self.object_id}" if self.object_id else f"{what} ({_('new')})"
