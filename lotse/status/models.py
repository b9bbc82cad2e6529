"""Status events per person, and the Rechtskreiswechsel as a guided hand-over.

A status event is a dated fact about a person's procedure or residence (the kinds of
`lotse.status.events.EventKind`), recorded by an office from a source. Status data are category
`status` of the access model: the office that recorded an entry owns it; the policy lets benefit
bodies see it by statute, other offices with consent.

Nothing is deleted or overwritten: a correction is a new entry that *replaces* an earlier one, a
retraction is an entry that *retracts* one, each with its reason. The engine reads the entries
that are in force (neither replaced nor retracted).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.core.models import TimeStampedModel
from lotse.status.events import EventKind, Source


class EntryAction(models.TextChoices):
    RECORD = "record", _("recorded")
    CORRECT = "correct", _("correction")
    RETRACT = "retract", _("retraction")


class StatusEvent(TimeStampedModel):
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="status_events"
    )
    action = models.CharField(
        _("entry"), max_length=10, choices=EntryAction.choices, default=EntryAction.RECORD
    )
    kind = models.CharField(_("event"), max_length=40, choices=EventKind.choices)
    date = models.DateField(_("date"))
    # The engine's fields for the kind (docs/rules.md): dates as YYYY-MM-DD, booleans, codes.
    details = models.JSONField(_("details"), default=dict, blank=True)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    note = models.TextField(_("note"), blank=True)
    # A correction replaces, a retraction retracts an earlier entry (never itself replaced).
    target = models.ForeignKey(
        "self",
        verbose_name=_("corrects or retracts"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="followed_by",
    )
    reason = models.TextField(_("reason"), blank=True)
    recorded_by_office = models.ForeignKey(
        "organisations.Office",
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("status event")
        verbose_name_plural = _("status events")
        ordering = ["date", "pk"]
        indexes = [models.Index(fields=["person", "date"], name="status_event_person_date")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(action="record", target__isnull=True)
                | (~models.Q(action="record") & models.Q(target__isnull=False)),
                name="status_event_target_for_changes",
            ),
            # An entry is corrected or retracted once; the correction itself can be corrected.
            models.UniqueConstraint(fields=["target"], name="status_event_changed_once"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()}"


class SwitchState(models.TextChoices):
    PROPOSED = "proposed", _("proposed to the Sozialamt")
    REFERRED = "referred", _("hand-over requested")
    COVERED = "covered", _("taken over")
    CANCELLED = "cancelled", _("no longer due")


class BenefitSwitch(TimeStampedModel):
    """A Rechtskreiswechsel the engine computed: the last month in one benefit regime, the first
    in the next, the office handing over and the one taking over, and the hand-over (a transfer
    referral) that closes the gap. One row per person, direction and last month."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("switch"), max_length=30)  # a key of lotse.status.switch.KINDS
    last_month = models.DateField(_("last month of the old regime"))  # the 1st of that month
    first_month = models.DateField(_("first month of the new regime"))
    from_office = models.ForeignKey(
        "organisations.Office", on_delete=models.PROTECT, related_name="+"
    )
    to_office = models.ForeignKey(
        "organisations.Office", on_delete=models.PROTECT, related_name="+", null=True
    )
    from_case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    follow_up = models.ForeignKey(
        "cases.FollowUp", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    referral = models.ForeignKey(
        "cases.Referral", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    trigger = models.ForeignKey(StatusEvent, on_delete=models.PROTECT, related_name="+")
    reasons = models.JSONField(_("reasons"), default=list)
    state = models.CharField(
        _("state"), max_length=10, choices=SwitchState.choices, default=SwitchState.PROPOSED
    )

    class Meta:
        verbose_name = _("Rechtskreiswechsel")
        verbose_name_plural = _("Rechtskreiswechsel")
        ordering = ["-last_month", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind", "last_month"],
                condition=~models.Q(state="cancelled"),
                name="status_switch_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.last_month:%Y-%m}/{self.first_month:%Y-%m}"
