"""The review queue of possible duplicates, and the record of every merge (so it can be undone)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DuplicateRun(models.Model):
    """One batch search for duplicates over the whole registry (a background task)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    total = models.PositiveIntegerField(_("blocks to compare"), default=0)
    processed = models.PositiveIntegerField(_("blocks compared"), default=0)
    pairs_found = models.PositiveIntegerField(_("pairs found"), default=0)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("duplicate search")
        verbose_name_plural = _("duplicate searches")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.get_status_display()}"

    @property
    def percent(self) -> int:
        return (
            round(100 * self.processed / self.total)
            if self.total
            else (100 if self.status == "done" else 0)
        )


class RejectionReason(models.TextChoices):
    """Why a reviewer decided that a proposed pair are two persons (stored with the decision;
    the engine never proposes the pair again, see selectors.rejected_pairs)."""

    SIBLINGS = "siblings", _("siblings")
    NAMESAKES = "namesakes", _("namesakes (same name, another person)")
    TWINS = "twins", _("twins")
    OTHER_PARENTS = "other_parents", _("different parents")
    OTHER_BIRTH_PLACE = "other_birth_place", _("different place of birth")
    OTHER = "other", _("another reason (described below)")


class DuplicatePair(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("to review")
        REJECTED = "rejected", _("not the same person")
        MERGED = "merged", _("merged")

    person_a = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    person_b = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    score = models.FloatField(_("score"))
    reasons = models.JSONField(_("reasons"), default=list)
    run = models.ForeignKey(
        DuplicateRun, on_delete=models.PROTECT, null=True, blank=True, related_name="pairs"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    review_reason = models.CharField(_("reason"), max_length=300, blank=True)
    rejection_reason = models.CharField(
        _("why different persons"), max_length=20, choices=RejectionReason.choices, blank=True
    )

    class Meta:
        verbose_name = _("possible duplicate")
        verbose_name_plural = _("possible duplicates")
        ordering = ["-score"]
        constraints = [
            models.UniqueConstraint(fields=["person_a", "person_b"], name="identity_pair_once"),
            models.CheckConstraint(
                condition=models.Q(person_a__lt=models.F("person_b")), name="identity_pair_ordered"
            ),
        ]
        indexes = [models.Index(fields=["status", "score"], name="identity_pair_status")]

    def __str__(self) -> str:
        return f"{self.person_a_id} ~ {self.person_b_id} ({self.score:.2f})"


class Merge(models.Model):
    """`merged` was merged into `kept`. `moved` lists, per table, the rows that moved from
    `merged` to `kept`, so that undoing the merge moves exactly these back."""

    kept = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="merges_kept")
    merged = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="merges_merged"
    )
    pair = models.ForeignKey(DuplicatePair, on_delete=models.PROTECT, null=True, blank=True)
    moved = models.JSONField(default=dict)
    reason = models.CharField(_("reason"), max_length=300)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    merged_at = models.DateTimeField(_("merged"))
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    undone_at = models.DateTimeField(_("undone"), null=True, blank=True)
    undo_reason = models.CharField(_("reason for undoing"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("merge")
        verbose_name_plural = _("merges")
        ordering = ["-merged_at"]

    def __str__(self) -> str:
        return f"{self.merged_id} → {self.kept_id}"
