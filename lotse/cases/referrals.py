"""Referrals and hand-overs between offices.

A referral says what it is for and which of the sending office's data the receiving office may
see, each category with its legal basis: a statutory flow (policy.STATUTORY_FLOWS) or the
person's consent (checked through the policy's category rules). The identity core needs no
basis: every office with a case shares it. Both offices see the referral and its timeline.
"""

from datetime import date, timedelta
from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.access.policy import (
    SHARED_CATEGORIES,
    Action,
    authorize,
    blocked_reason,
    registered_category_basis,
    scope_offices,
    statutory_basis,
)
from lotse.audit.models import EventType
from lotse.audit.services import atomic_service, audit_record
from lotse.audit.vocabulary import Purpose
from lotse.cases.models import (
    SENT_KINDS,
    Case,
    CaseStatus,
    FollowUp,
    Referral,
    ReferralEvent,
    ReferralKind,
    ReferralState,
)
from lotse.cases.services import case_open, close_case, held_elsewhere, open_case_at
from lotse.organisations.models import Office, User
from lotse.people.models import Person

TRANSFER_REQUEST_DAYS = 14  # the holding office's time to answer a transfer request

PURPOSE_MAX_LENGTH = Referral._meta.get_field("purpose").max_length


class ReferralConflict(ValidationError):
    """The step is not possible in the referral's state, typically because someone else took
    a step first (two accepts at once): nothing was changed. The API answers 409."""


# The proposed "answer by" of a request: two weeks, never today itself (a request sent in the
# afternoon would be overdue the same evening). docs/cases-and-handovers.md, "Deadlines".
ANSWER_WITHIN = timedelta(days=14)


def default_answer_by(*, at_the_latest: date | None = None) -> date:
    """Today + ANSWER_WITHIN, or `at_the_latest` when that is sooner, but never before
    tomorrow."""
    today = timezone.localdate()
    proposed = today + ANSWER_WITHIN
    if at_the_latest is not None:
        proposed = min(proposed, at_the_latest)
    return max(proposed, today + timedelta(days=1))


def _timeline(referral: Referral, actor: User, note: str = "", *, office=None) -> None:
    ReferralEvent.objects.create(
        referral=referral,
        at=timezone.now(),
        state=referral.state,
        actor=actor,
        office=actor.office,
        note=note.strip(),
    )
    audit_record(
        event_type=EventType.REFERRAL_CHANGED,
        actor=actor,
        obj=referral,
        person_id=referral.person_id,
        reason=note,
        details={"state": referral.state, "to": referral.to_office.code},
        categories=sorted(referral.shared),
    )
    if office is not None:
        # The same event for the other office's data controller (a transfer request concerns
        # the holding office's record): its data-protection officer finds it.
        audit_record(
            event_type=EventType.REFERRAL_CHANGED,
            actor=actor,
            obj=referral,
            person_id=referral.person_id,
            reason=note,
            details={
                "state": referral.state,
                "from": referral.from_office.code,
                "to": referral.to_office.code,
            },
            office=office,
        )


def sharing_bases(*, person, sender: Office, receiver: Office, categories, purpose: str) -> dict:
    """{category: basis} for the categories asked for, or a ValidationError naming the first
    category that cannot go to `receiver` and why."""
    bases = {}
    # The receiving office, as the consent rules see a member of staff of it.
    receiving_staff = SimpleNamespace(office=receiver, office_id=receiver.pk, is_authenticated=True)
    for category in categories:
        if category in SHARED_CATEGORIES:
            continue
        blocked = blocked_reason(sender.kind, receiver.kind, category)
        basis = "" if blocked else statutory_basis(sender.kind, receiver.kind, category)
        if not basis and not blocked:
            basis = registered_category_basis(
                user=receiving_staff,
                person=person,
                category=category,
                owner_office=sender,
                purpose=purpose,
            )
        if not basis:
            label = str(category)
            raise ValidationError(
                {
                    # the reason is kept in English in the policy: translated here
                    "categories": (_(blocked) if blocked else "")
                    or _(
                        "No legal basis lets %(office)s receive %(category)s data, and no "
                        "consent of the person covers it. Record a consent first, or leave "
                        "the category out."
                    )
                    % {"office": receiver, "category": label}
                }
            )
        bases[str(category)] = basis
    return bases


@atomic_service
def referral_request(
    *,
    actor: User,
    case: Case,
    to_office: Office,
    kind: str,
    purpose: str,
    categories,
    respond_by: date,
    due_by: date | None = None,
) -> Referral:
    authorize(actor, Action.WORK_ON_CASE, case)
    if case.status != CaseStatus.OPEN:
        raise ValidationError(_("Only an open case can be referred."))
    if kind not in SENT_KINDS:
        raise ValidationError({"kind": _("Choose a hand-over or a request for a service.")})
    if to_office.pk == case.office_id or not to_office.is_valid_on(timezone.localdate()):
        raise ValidationError({"to_office": _("Choose another office that exists today.")})
    # The same offices the page offers: those serving a Kreis of the actor's office.
    if not scope_offices(actor).filter(pk=to_office.pk).exists():
        raise ValidationError({"to_office": _("Choose an office that serves your Kreis.")})
    if not purpose.strip():
        raise ValidationError({"purpose": _("Say what the referral is for.")})
    if len(purpose.strip()) > PURPOSE_MAX_LENGTH:
        raise ValidationError(
            {"purpose": _("At most %(count)s characters.") % {"count": PURPOSE_MAX_LENGTH}}
        )
    if respond_by < timezone.localdate():
        raise ValidationError({"respond_by": _("The answer cannot be due in the past.")})
    if due_by and due_by < respond_by:
        raise ValidationError({"due_by": _("The work cannot be due before the answer.")})
    if Referral.objects.filter(
        from_case=case, to_office=to_office, state=ReferralState.REQUESTED
    ).exists():
        raise ValidationError(_("A request to this office is already waiting for an answer."))
    shared = sharing_bases(
        person=case.person,
        sender=case.office,
        receiver=to_office,
        categories=categories,
        purpose=purpose,
    )
    referral = Referral.objects.create(
        person=case.person,
        kind=kind,
        from_case=case,
        from_office=case.office,
        to_office=to_office,
        purpose=purpose.strip(),
        shared=shared,
        respond_by=respond_by,
        due_by=due_by,
        requested_by=actor,
    )
    _timeline(referral, actor, purpose)
    return referral


@atomic_service
def transfer_request(
    *,
    actor: User,
    person_id: str,
    to_office_code: str,
    reason: str,
    entered_name: str,
    candidates: list,
) -> Referral:
    """Ask the office holding a record in another Kreis to let the actor's office take the
    person over (the person moved) — a transfer request (Übernahmeersuchen). Nothing is opened
    until the holding office accepts (referral_accept); it may refuse with a reason.

    Only a record that the duplicate check proposed, and only its holding office: the request
    reveals no more than the check did ("a record exists at office X")."""
    authorize(actor, Action.EDIT_PERSON_REGISTRY, purpose=Purpose.TRANSFER_REQUEST)
    if str(person_id) not in {c.person_id for c in candidates}:
        raise ValidationError(_("This record was not proposed by the duplicate check."))
    holders = held_elsewhere(actor=actor, person_id=person_id)
    if holders is None:
        raise ValidationError(
            _("This record is held in your Kreis: link it with “This is the same person”.")
        )
    to_office = next((o for o in holders if o.code == to_office_code), None)
    if to_office is None:
        raise ValidationError(_("Send the transfer request to an office holding the record."))
    if len(reason.strip()) < 15:
        raise ValidationError(
            {"transfer_reason": _("Say why your office takes the person over (a sentence).")}
        )
    if len(reason.strip()) > PURPOSE_MAX_LENGTH:
        raise ValidationError(
            {"transfer_reason": _("At most %(count)s characters.") % {"count": PURPOSE_MAX_LENGTH}}
        )
    entered_name_max = Referral._meta.get_field("entered_name").max_length
    if len(entered_name.strip()) > entered_name_max:
        raise ValidationError(_("At most %(count)s characters.") % {"count": entered_name_max})
    person = Person.objects.get(pk=person_id)
    if Referral.objects.filter(
        person=person,
        kind=ReferralKind.TAKEOVER,
        from_office=actor.office,
        state=ReferralState.REQUESTED,
    ).exists():
        raise ValidationError(_("A transfer request for this person is waiting for an answer."))
    referral = Referral.objects.create(
        person=person,
        kind=ReferralKind.TAKEOVER,
        from_case=None,
        from_office=actor.office,
        to_office=to_office,
        to_case=Case.objects.filter(
            person=person, office=to_office, status=CaseStatus.OPEN
        ).first(),
        purpose=reason.strip(),
        shared={},
        respond_by=timezone.localdate() + timedelta(days=TRANSFER_REQUEST_DAYS),
        requested_by=actor,
        entered_name=entered_name.strip(),
    )
    _timeline(referral, actor, reason, office=to_office)
    return referral


def _accept_transfer_request(actor: User, referral: Referral, note: str) -> Referral:
    """The holding office agrees: the requesting office's case opens (for the caseworker who
    asked), as an accepted referral opens the receiver's; the request is then done."""
    referral.from_case = open_case_at(
        actor=actor,
        person=referral.person,
        office=referral.from_office,
        responsible=referral.requested_by,
        reason=_("transfer request accepted by %(office)s") % {"office": referral.to_office},
    )
    referral.save(update_fields=["from_case", "updated_at"])
    _timeline(referral, actor, note, office=referral.from_office)
    _move(referral, referral.close)
    _timeline(referral, actor)
    return referral


def _locked(referral: Referral) -> None:
    """Lock the referral's row for the step's transaction and take its current state, so that
    of two steps at once the second waits and then finds the state the first left."""
    current = Referral.objects.select_for_update().get(pk=referral.pk)
    # The state field is protected; refresh_from_db() lifts the protection for every thread
    # at once (django-fsm), so the state is taken over through the field itself.
    Referral._meta.get_field("state").set_state(referral, current.state)
    referral._update_initial_state()
    referral.to_case_id = current.to_case_id
    referral.outcome = current.outcome


def _as_receiver(actor: User, referral: Referral) -> None:
    authorize(actor, Action.HANDLE_REFERRAL, referral)
    _locked(referral)
    if actor.office_id != referral.to_office_id:
        raise ValidationError(_("Only the receiving office can do this."))


def _as_sender(actor: User, referral: Referral) -> None:
    authorize(actor, Action.HANDLE_REFERRAL, referral)
    _locked(referral)
    if actor.office_id != referral.from_office_id:
        raise ValidationError(_("Only the sending office can do this."))


def _move(referral: Referral, transition) -> None:
    from django_fsm import ConcurrentTransition, TransitionNotAllowed

    try:
        transition()
    except TransitionNotAllowed:
        raise ReferralConflict(
            _("This step is not possible in the state “%(state)s”.")
            % {"state": referral.get_state_display()}
        ) from None
    try:
        referral.save()
    except ConcurrentTransition:
        # Another step was taken since this referral was read (a second tab, a double click).
        raise ValidationError(
            _("The referral was changed in the meantime. Reload the page and look again.")
        ) from None


@atomic_service
def referral_accept(*, actor: User, referral: Referral, note: str = "") -> Referral:
    """The receiving office takes the person on: its case opens (or the open one is used)."""
    _as_receiver(actor, referral)
    _move(referral, referral.accept)
    if referral.kind == ReferralKind.TAKEOVER:
        return _accept_transfer_request(actor, referral, note)
    referral.to_case = case_open(
        actor=actor,
        person=referral.person,
        reason=_("referral from %(office)s") % {"office": referral.from_office},
    )
    referral.save(update_fields=["to_case", "updated_at"])
    _timeline(referral, actor, note)
    return referral


@atomic_service
def referral_decline(*, actor: User, referral: Referral, reason: str) -> Referral:
    _as_receiver(actor, referral)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the request is declined.")})
    _move(referral, referral.decline)
    _timeline(referral, actor, reason)
    return referral


@atomic_service
def referral_withdraw(*, actor: User, referral: Referral, reason: str) -> Referral:
    _as_sender(actor, referral)
    _move(referral, referral.withdraw)
    _timeline(referral, actor, reason)
    return referral


@atomic_service
def referral_start(*, actor: User, referral: Referral, note: str = "") -> Referral:
    _as_receiver(actor, referral)
    if referral.kind == ReferralKind.TAKEOVER:
        raise ValidationError(_("A transfer request is only accepted or refused."))
    _move(referral, referral.start)
    _timeline(referral, actor, note)
    return referral


@atomic_service
def referral_give_back(*, actor: User, referral: Referral, outcome: str) -> Referral:
    """The service is done: the outcome goes back to the sending office."""
    _as_receiver(actor, referral)
    if referral.kind == ReferralKind.TAKEOVER:
        raise ValidationError(_("A transfer request is only accepted or refused."))
    if not outcome.strip():
        raise ValidationError({"outcome": _("Say what came of it.")})
    _move(referral, referral.give_back)
    referral.outcome = outcome.strip()
    referral.save(update_fields=["outcome", "updated_at"])
    _timeline(referral, actor, outcome)
    return referral


@atomic_service
def referral_close(*, actor: User, referral: Referral, outcome: str = "") -> Referral:
    """Close the referral. A hand-over is closed by the receiving office once it has taken over
    responsibility, and that closes the sending office's case; a service is closed by the
    sending office after it was given back (or by the receiving office)."""
    authorize(actor, Action.HANDLE_REFERRAL, referral)
    if referral.kind == ReferralKind.TAKEOVER:
        raise ValidationError(_("A transfer request is done once it is answered."))
    _locked(referral)
    if referral.kind == ReferralKind.TRANSFER and actor.office_id != referral.to_office_id:
        raise ValidationError(_("A hand-over is completed by the receiving office."))
    _move(referral, referral.close)
    if outcome.strip():
        referral.outcome = outcome.strip()
        referral.save(update_fields=["outcome", "updated_at"])
    _timeline(referral, actor, outcome)
    if referral.kind == ReferralKind.TRANSFER and referral.from_case.status == CaseStatus.OPEN:
        # The receiving office completes the hand-over, so it closes the sender's case on the
        # sender's behalf.
        reason = _("responsibility handed over to %(office)s") % {"office": referral.to_office}
        close_case(referral.from_case, actor=actor, reason=reason)
    return referral


# The steps a referral can take, by name: (service, name of its text argument). Pages and the
# API offer the same steps.
REFERRAL_STEPS = {
    "accept": (referral_accept, "note"),
    "decline": (referral_decline, "reason"),
    "withdraw": (referral_withdraw, "reason"),
    "start": (referral_start, "note"),
    "give_back": (referral_give_back, "outcome"),
    "close": (referral_close, "outcome"),
}


def referral_step(*, actor: User, referral: Referral, step: str, text: str = "") -> Referral:
    """Take the named step (see REFERRAL_STEPS) with its reason, note or outcome."""
    if step not in REFERRAL_STEPS:
        raise ValidationError(_("Unknown step."))
    service, argument = REFERRAL_STEPS[step]
    return service(actor=actor, referral=referral, **{argument: text})


__all__ = [
    "REFERRAL_STEPS",
    "ReferralConflict",
    "referral_step",
    "referral_accept",
    "referral_close",
    "referral_decline",
    "referral_give_back",
    "referral_request",
    "referral_start",
    "referral_withdraw",
    "sharing_bases",
    "transfer_request",
]


@atomic_service
def referral_reminders_create(*, today: date | None = None) -> int:
    """For every referral whose answer or work is overdue, a follow-up on the sending office's
    case (once per referral and deadline), so that the sender chases it from its caseload.
    Run daily (`manage.py remind_referrals`, cron or a systemd timer)."""
    today = today or timezone.localdate()
    overdue = Referral.objects.filter(
        state=ReferralState.REQUESTED, respond_by__lt=today
    ) | Referral.objects.filter(
        state__in=[ReferralState.ACCEPTED, ReferralState.IN_PROGRESS], due_by__lt=today
    )
    created = 0
    for referral in overdue.select_related("from_case", "to_office"):
        deadline = (
            referral.respond_by if referral.state == ReferralState.REQUESTED else referral.due_by
        )
        title = (
            _("Referral #%(id)s to %(office)s overdue since %(day)s")
            % {
                "id": referral.pk,
                "office": referral.to_office,
                "day": deadline.strftime("%d.%m.%Y"),
            }
        )[:200]
        case = referral.from_case
        if case is None:  # a transfer request: the requesting office has no case yet
            continue
        if case.status != CaseStatus.OPEN or case.follow_ups.filter(title=title).exists():
            continue
        FollowUp.objects.create(
            case=case, due_on=today, title=title, created_by=referral.requested_by
        )
        audit_record(
            event_type=EventType.FOLLOW_UP_SET,
            actor=None,
            obj=case,
            person_id=case.person_id,
            details={"referral": referral.pk, "reminder": True},
        )
        created += 1
    return created
