"""The audit trail: typed events, written in the same transaction as the change they record.

Append-only. The application offers no way to change or delete an event, the queryset refuses
bulk updates and deletes, and a database trigger (migration 0002) refuses them on SQLite and
PostgreSQL alike, so that not even a bug or a shell session can rewrite history silently.
"""

from collections.abc import Iterable
from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Q
from django.db.models.sql.compiler import SQLCompiler
from django.utils.translation import gettext_lazy as _

from lotse.audit.vocabulary import Purpose, basis_labels, purpose_label


class EventType(models.TextChoices):
    # sign-in
    LOGIN_SUCCEEDED = "auth.login", _("Signed in")
    LOGIN_FAILED = "auth.login_failed", _("Sign-in failed")
    LOGIN_LOCKED_OUT = "auth.locked_out", _("Locked out after failed sign-ins")
    LOGOUT = "auth.logout", _("Signed out")
    MFA_ENABLED = "auth.mfa_enabled", _("Second factor set up")
    MFA_DISABLED = "auth.mfa_disabled", _("Second factor removed")
    # staff and reference data
    USER_CREATED = "user.created", _("User created")
    USER_CHANGED = "user.changed", _("User changed")
    USER_DEACTIVATED = "user.deactivated", _("User deactivated")
    ROLE_GRANTED = "user.role_granted", _("Role granted")
    ROLE_REVOKED = "user.role_revoked", _("Role revoked")
    REFERENCE_DATA_LOADED = "reference.loaded", _("Reference data loaded")
    REFERENCE_DATA_CHANGED = "reference.changed", _("Reference data changed")
    # four eyes: a second administrator decides
    ROLE_GRANT_REQUESTED = "user.role_requested", _("Role requested")
    ROLE_GRANT_APPROVED = "user.role_approved", _("Role request approved")
    ROLE_GRANT_REFUSED = "user.role_refused", _("Role request refused")
    REFERENCE_CHANGE_REQUESTED = "reference.requested", _("Reference-data change requested")
    REFERENCE_CHANGE_APPROVED = "reference.approved", _("Reference-data change approved")
    REFERENCE_CHANGE_REFUSED = "reference.refused", _("Reference-data change refused")
    # access decisions and reads
    ACCESS_DENIED = "access.denied", _("Access refused")
    PERSON_DATA_READ = "person.read", _("Person data read")
    AUDIT_TRAIL_SEARCHED = "audit.searched", _("Audit trail searched")
    EXPORT_CREATED = "export.created", _("Export created")
    # persons and cases
    PERSON_CREATED = "person.created", _("Person registered")
    PERSON_CHANGED = "person.changed", _("Person data changed")
    PERSON_MERGED = "person.merged", _("Person records merged")
    PERSON_UNMERGED = "person.unmerged", _("Merge of person records undone")
    DUPLICATE_CHECKED = "person.duplicate_check", _("Duplicate check at registration")
    DUPLICATE_REVIEWED = "person.duplicate_reviewed", _("Possible duplicate reviewed")
    CASE_OPENED = "case.opened", _("Case opened")
    CASE_CLOSED = "case.closed", _("Case closed")
    CONSENT_RECORDED = "consent.recorded", _("Consent recorded")
    CONSENT_WITHDRAWN = "consent.withdrawn", _("Consent withdrawn")
    CASE_CHANGED = "case.changed", _("Case changed")
    CASE_REASSIGNED = "case.reassigned", _("Case reassigned")
    CASE_EDIT_CONFLICT = "case.edit_conflict", _("Concurrent edit refused")
    FOLLOW_UP_SET = "case.follow_up", _("Follow-up set")
    FOLLOW_UP_DONE = "case.follow_up_done", _("Follow-up done")
    NOTE_ADDED = "case.note", _("Note added")
    REFERRAL_CHANGED = "referral.changed", _("Referral or hand-over changed")
    BREAK_GLASS_OPENED = "access.break_glass", _("Emergency access (break-the-glass) opened")
    STATUS_EVENT_RECORDED = "status.recorded", _("Status event recorded")
    STATUS_EVENT_CORRECTED = "status.corrected", _("Status event corrected")
    STATUS_EVENT_RETRACTED = "status.retracted", _("Status event retracted")
    BENEFIT_SWITCH_DUE = "status.switch_due", _("Rechtskreiswechsel due")
    BENEFIT_SWITCH_REFERRED = "status.switch_referred", _("Rechtskreiswechsel handed over")
    CORRECTION_REQUESTED = "correction.requested", _("Correction requested by the person")
    CORRECTION_RESOLVED = "correction.resolved", _("Correction request answered")
    CORRECTION_ASKED = "correction.asked", _("Correction asked for by another office")
    BENEFIT_SWITCH_CANCELLED = "status.switch_cancelled", _("Rechtskreiswechsel no longer due")
    # the road into work: profile, plan, courses
    PROFILE_RECORDED = "profile.recorded", _("Profile entry recorded")
    PROFILE_REPLACED = "profile.replaced", _("Profile entry replaced by a newer one")
    PLAN_CHANGED = "plan.changed", _("Integration plan changed")
    COURSE_RECORDED = "course.recorded", _("Course recorded")
    COURSE_CHANGED = "course.changed", _("Course changed")
    ENROLMENT_RECORDED = "enrolment.recorded", _("Enrolment or waiting-list place recorded")
    ENROLMENT_CHANGED = "enrolment.changed", _("Enrolment changed")
    ENROLMENT_REFUSED = "enrolment.refused", _("Enrolment refused by the rules")
    ATTENDANCE_RECORDED = "enrolment.attendance", _("Attendance recorded")
    EXAM_RESULT_RECORDED = "enrolment.exam", _("Exam result recorded")
    # the road into work: employers and vacancies
    EMPLOYER_RECORDED = "employer.recorded", _("Employer recorded")
    EMPLOYER_CHANGED = "employer.changed", _("Employer changed")
    VACANCY_RECORDED = "vacancy.recorded", _("Vacancy recorded")
    VACANCY_CHANGED = "vacancy.changed", _("Vacancy changed")
    VACANCY_STATUS_CHANGED = "vacancy.status", _("Vacancy filled, withdrawn or reopened")
    # matching, placements and the youth pathway
    MATCH_DECIDED = "match.decided", _("Decision on a suggested match recorded")
    PLACEMENT_RECORDED = "placement.recorded", _("Placement recorded")
    PLACEMENT_CHANGED = "placement.changed", _("Placement moved on")
    PLACEMENT_FOLLOW_UP = "placement.follow_up", _("Follow-up of a placement recorded")
    CASE_CONFERENCE_RECORDED = "plan.case_conference", _("Case conference recorded")
    # documents of a person (never their content: kind, category, size, SHA-256)
    DOCUMENT_UPLOADED = "document.uploaded", _("Document uploaded")
    DOCUMENT_WITHDRAWN = "document.withdrawn", _("Document withdrawn")
    DOCUMENT_REPLACED = "document.replaced", _("Document replaced by a newer one")
    DOCUMENT_READ = "document.read", _("Document opened")
    # appointments and interpreters
    APPOINTMENT_RECORDED = "appointment.recorded", _("Appointment recorded")
    APPOINTMENT_CHANGED = "appointment.changed", _("Appointment changed")
    INTERPRETER_BOOKED = "interpreter.booked", _("Interpreter booked")
    # letters and messages to the person (the trail names template, language and channel only)
    LETTER_TEMPLATE_CHANGED = "letter.template_changed", _("Letter template changed")
    LETTER_CREATED = "letter.created", _("Letter created")
    CONTACT_CONSENT_RECORDED = "contact.recorded", _("Consent to contact on a channel recorded")
    CONTACT_CONSENT_WITHDRAWN = "contact.withdrawn", _("Consent to contact on a channel withdrawn")
    MESSAGE_QUEUED = "message.queued", _("Message queued")
    MESSAGE_SENT = "message.sent", _("Message sent")
    MESSAGE_FAILED = "message.failed", _("Message could not be sent")
    MESSAGE_CANCELLED = "message.cancelled", _("Message not sent: consent withdrawn")


class Outcome(models.TextChoices):
    ALLOWED = "allowed", _("allowed")
    DENIED = "denied", _("refused")


@models.JSONField.register_lookup
class HasAnyOf(models.Lookup):
    """`persons__has_any_of=[ids]`: the JSON array of strings holds one of the ids.

    PostgreSQL: `?|` (top-level array elements), backed by the GIN index of migration audit.0015;
    SQLite: `json_each`. (Django's `contains` does not work on SQLite, and `has_any_keys` there
    looks for object keys, not array elements.) A NULL array holds nothing."""

    lookup_name = "has_any_of"
    prepare_rhs = False

    def _ids(self) -> list[str]:
        return [str(value) for value in self.rhs]

    def as_sql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper
    ) -> tuple[str, tuple[Any, ...]]:
        raise NotImplementedError(f"has_any_of is not implemented for {connection.vendor}")

    def as_postgresql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper
    ) -> tuple[str, tuple[Any, ...]]:
        lhs, params = compiler.compile(self.lhs)
        return f"{lhs} ?| %s::text[]", (*params, self._ids())

    def as_sqlite(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper
    ) -> tuple[str, tuple[Any, ...]]:
        lhs, params = compiler.compile(self.lhs)
        ids = self._ids()
        if not ids:
            return "0 = 1", ()
        marks = ", ".join(["%s"] * len(ids))
        # the compiled column and placeholders only: the ids are parameters
        sql = f"EXISTS (SELECT 1 FROM json_each({lhs}) WHERE json_each.value IN ({marks}))"  # noqa: S608
        return sql, (*params, *ids)


class AuditEventQuerySet(models.QuerySet):
    def about_persons(self, person_ids: Iterable[str | object]) -> "AuditEventQuerySet":
        """The events about any of these persons: those of one person (`person_id`) and the
        reads of list pages that showed one of them (`persons`)."""
        ids = [str(pk) for pk in person_ids]
        if not ids:
            return self.none()
        return self.filter(Q(person_id__in=ids) | Q(persons__has_any_of=ids))

    def about_person(self, person_id: str | object) -> "AuditEventQuerySet":
        """The events about the person (see about_persons)."""
        return self.about_persons([person_id])

    def update(self, **kwargs: Any) -> NoReturn:
        raise PermissionError("The audit trail is append-only.")

    def delete(self) -> NoReturn:
        raise PermissionError("The audit trail is append-only.")


class AuditEvent(models.Model):
    occurred_at = models.DateTimeField(_("time"), db_index=True)
    event_type = models.CharField(_("event"), max_length=40, choices=EventType.choices)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.ALLOWED
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    # A copy of who acted, so the trail still reads right after a user or office is renamed.
    actor_label = models.CharField(_("user (as recorded)"), max_length=200, blank=True)
    office = models.ForeignKey(
        "organisations.Office",
        verbose_name=_("acting office"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    action = models.CharField(_("action"), max_length=60, blank=True)
    # The purpose and legal basis as text (English; all an event recorded before December 2026
    # has) and, beside them, as codes (lotse.audit.vocabulary): `purpose_code` a Purpose,
    # `legal_bases` a list of {"code": Basis, …references}. Nullable so that adding them kept
    # the table (and its append-only triggers) as it was: older events have NULL.
    purpose = models.CharField(_("purpose"), max_length=200, blank=True)
    basis = models.CharField(_("legal basis"), max_length=200, blank=True)
    purpose_code = models.CharField(
        _("purpose (code)"), max_length=40, choices=Purpose.choices, null=True, blank=True
    )
    legal_bases = models.JSONField(_("legal bases (codes)"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    object_type = models.CharField(_("object type"), max_length=60, blank=True)
    object_id = models.CharField(_("object"), max_length=64, blank=True, db_index=True)
    person_id = models.CharField(_("person"), max_length=64, blank=True, db_index=True)
    # The read of a list page is one event for all the persons it showed: their ids (strings),
    # with `person_id` empty. NULL for every other event (and for every event before December
    # 2026, when a list wrote one event per person). Nullable, so that SQLite adds the column
    # without rebuilding the table (and dropping its append-only triggers). Search by person
    # with AuditEvent.objects.about_person(), which looks at both fields.
    persons = models.JSONField(_("persons shown"), null=True, blank=True)
    categories = models.JSONField(_("data categories"), default=list, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    request_id = models.CharField(_("request"), max_length=36, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["actor", "occurred_at"], name="audit_actor_time"),
            models.Index(fields=["office", "occurred_at"], name="audit_office_time"),
            models.Index(fields=["event_type", "occurred_at"], name="audit_type_time"),
        ]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.event_type} {self.actor_label}"

    @property
    def purpose_display(self) -> str:
        """The purpose in the reader's language (an older event's text as recorded)."""
        return purpose_label(self.purpose_code or "", self.purpose)

    @property
    def basis_display(self) -> list[str]:
        """The legal bases in the reader's language (an older event's text as recorded)."""
        return basis_labels(self.legal_bases, self.basis)
