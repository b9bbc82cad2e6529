"""A case (Fall): one person at one office. An office sees a person only through an open case.

This is the minimum the person registry needs (a registration opens a case at the registering
office); referrals, hand-overs, follow-ups and notes build on it (issue 4).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition
from simple_history.models import HistoricalRecords

from lotse.core.models import TimeStampedModel


class CaseStatus(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class Case(TimeStampedModel):
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="cases")
    office = models.ForeignKey(
        "organisations.Office", on_delete=models.PROTECT, related_name="cases"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible caseworker"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
    )
    team = models.ForeignKey("organisations.Team", on_delete=models.PROTECT, null=True, blank=True)
    opened_at = models.DateTimeField(_("opened"))
    opened_reason = models.CharField(_("reason for opening"), max_length=200)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_reason = models.CharField(_("reason for closing"), max_length=200, blank=True)
    summary = models.TextField(
        _("summary and next step"),
        blank=True,
        help_text=_("What the next colleague needs to know."),
    )
    # Optimistic locking: every edit says which version it started from; a stale edit is
    # refused with the other person's change shown, so that no update is lost silently.
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        constraints = [
            # One open case per person and office: a second registration reuses it.
            models.UniqueConstraint(
                fields=["person", "office"],
                condition=models.Q(status="open"),
                name="cases_case_one_open_per_office",
            )
        ]
        indexes = [
            models.Index(fields=["office", "status"], name="cases_case_office_status"),
            # "does this office have an open case for this person": asked on every person read
            models.Index(fields=["person", "status", "office"], name="cases_case_person_status"),
        ]

    def __str__(self) -> str:
        return f"{self.person} @ {self.office}"


class FollowUp(TimeStampedModel):
    """A Wiedervorlage: something to look at again on a given day."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="follow_ups")
    due_on = models.DateField(_("due on"))
    title = models.CharField(_("what"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["case", "done_at", "due_on"], name="cases_followup_open")]

    def __str__(self) -> str:
        return f"{self.due_on}: {self.title}"


class NoteVisibility(models.TextChoices):
    OFFICE = "office", _("own office only")
    SHARED = "shared", _("shared with the offices involved")


class Note(TimeStampedModel):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="notes")
    text = models.TextField(_("note"))
    visibility = models.CharField(
        _("visible to"),
        max_length=10,
        choices=NoteVisibility.choices,
        default=NoteVisibility.OFFICE,
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.text[:50]


class ReferralKind(models.TextChoices):
    TRANSFER = "transfer", _("hand-over of responsibility")
    SERVICE = "service", _("request for a service")
    # Another Kreis asks the office holding a person's record to let it take the person over
    # (the person moved): the holding office answers, and only its acceptance opens the
    # requesting office's case (`from_case`, empty until then).
    TAKEOVER = "takeover", _("transfer request")


# The kinds an office with a case sends (the transfer request comes from registration).
SENT_KINDS = (ReferralKind.TRANSFER, ReferralKind.SERVICE)


class ReferralState(models.TextChoices):
    REQUESTED = "requested", _("requested")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    IN_PROGRESS = "in_progress", _("in progress")
    RETURNED = "returned", _("returned")
    CLOSED = "closed", _("closed")
    WITHDRAWN = "withdrawn", _("withdrawn")


class Referral(ConcurrentTransitionMixin, TimeStampedModel):
    """A hand-over or a request for a service from one office to another.

    requested → accepted | declined | withdrawn; accepted → in progress → returned → closed
    (a service); a hand-over of responsibility is closed by the receiving office once it has
    taken over, which closes the sending office's case. The state changes only through the
    services (the field is protected), and two offices acting at once cannot both win
    (ConcurrentTransitionMixin).
    """

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="referrals")
    kind = models.CharField(_("kind"), max_length=10, choices=ReferralKind.choices)
    from_case = models.ForeignKey(
        Case, on_delete=models.PROTECT, null=True, blank=True, related_name="referrals_sent"
    )
    from_office = models.ForeignKey(
        "organisations.Office", on_delete=models.PROTECT, related_name="referrals_sent"
    )
    to_office = models.ForeignKey(
        "organisations.Office", on_delete=models.PROTECT, related_name="referrals_received"
    )
    to_case = models.ForeignKey(
        Case, on_delete=models.PROTECT, null=True, blank=True, related_name="referrals_received"
    )
    purpose = models.CharField(_("purpose"), max_length=300)
    # {category: legal basis} — what the receiving office may see of the sender's records.
    shared = models.JSONField(_("data shared"), default=dict)
    respond_by = models.DateField(_("answer by"))
    due_by = models.DateField(_("done by"), null=True, blank=True)
    state = FSMField(
        _("state"), default=ReferralState.REQUESTED, choices=ReferralState.choices, protected=True
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.TextField(_("outcome"), blank=True)
    # A transfer request: the name as the requesting office entered it, which is all that
    # office sees of the person until the holding office accepts.
    entered_name = models.CharField(_("name as entered"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["to_office", "state"], name="cases_referral_inbox"),
            models.Index(fields=["from_office", "state"], name="cases_referral_outbox"),
        ]

    def __str__(self) -> str:
        return f"{self.from_office} → {self.to_office}: {self.purpose}"

    @property
    def is_open(self) -> bool:
        return self.state in {
            ReferralState.REQUESTED,
            ReferralState.ACCEPTED,
            ReferralState.IN_PROGRESS,
        }

    @transition(field=state, source=ReferralState.REQUESTED, target=ReferralState.ACCEPTED)
    def accept(self) -> None:
        pass

    @transition(field=state, source=ReferralState.REQUESTED, target=ReferralState.DECLINED)
    def decline(self) -> None:
        pass

    @transition(field=state, source=ReferralState.REQUESTED, target=ReferralState.WITHDRAWN)
    def withdraw(self) -> None:
        pass

    @transition(field=state, source=ReferralState.ACCEPTED, target=ReferralState.IN_PROGRESS)
    def start(self) -> None:
        pass

    @transition(
        field=state,
        source=[ReferralState.ACCEPTED, ReferralState.IN_PROGRESS],
        target=ReferralState.RETURNED,
    )
    def give_back(self) -> None:
        pass

    @transition(
        field=state,
        source=[ReferralState.ACCEPTED, ReferralState.IN_PROGRESS, ReferralState.RETURNED],
        target=ReferralState.CLOSED,
    )
    def close(self) -> None:
        pass


class ReferralEvent(models.Model):
    """The timeline of a referral, seen by both offices."""

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="events")
    at = models.DateTimeField(_("time"))
    state = models.CharField(_("state"), max_length=12, choices=ReferralState.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    office = models.ForeignKey("organisations.Office", on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("referral event")
        verbose_name_plural = _("referral events")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d} {self.state}"


class BreakGlass(models.Model):
    """Time-limited emergency access of one member of staff to one person, with a reason.

    It ends by itself (`expires_at`); every use is in the audit trail with this as its basis,
    and the data-protection officer sees each one.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reason"))
    started_at = models.DateTimeField(_("from"))
    expires_at = models.DateTimeField(_("until"))

    class Meta:
        verbose_name = _("emergency access")
        verbose_name_plural = _("emergency accesses")
        indexes = [
            models.Index(fields=["user", "person", "expires_at"], name="cases_breakglass_active")
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.person_id} until {self.expires_at:%Y-%m-%d %H:%M}"
