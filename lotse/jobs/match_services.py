"""Recording what a caseworker did with a suggested match (Art. 22 GDPR: the engine
suggests, a person decides): proposed the vacancy to the person, or set it aside with a reason.

A later decision on the same person and vacancy replaces the earlier one, which is kept and
marked replaced. The score and the reasons at the time are stored with the decision. A vacancy
the person may not take (no work access on its start, or an access that cannot be judged) is
never proposed, whatever the caseworker chooses; setting it aside is always possible.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.access.policy import Action, Category, authorize
from lotse.audit.models import EventType
from lotse.audit.services import atomic_service, audit_record
from lotse.audit.vocabulary import Purpose
from lotse.jobs import matching as m
from lotse.jobs.candidates import candidate_build, start_day, vacancy_record
from lotse.jobs.match_models import MatchDecision, MatchDecisionKind, SetAsideReason
from lotse.jobs.models import Vacancy, VacancyStatus
from lotse.jobs.placements import placement_from_proposal
from lotse.jobs.reasons import as_data
from lotse.organisations.models import User
from lotse.people.models import Person

NOTE_MAX = 500


@dataclass(frozen=True)
class Snapshot:
    score: float | None
    reasons: list[dict]


def _validate(decision: str, reason: str, note: str) -> None:
    errors: dict[str, str] = {}
    if decision not in MatchDecisionKind.values:
        errors["decision"] = _("Choose whether the vacancy was proposed or set aside.")
    elif decision == MatchDecisionKind.SET_ASIDE:
        if not reason:
            errors["reason"] = _("Say why the suggestion is set aside.")
        elif reason not in SetAsideReason.values:
            errors["reason"] = _("Unknown reason.")
        elif reason == SetAsideReason.OTHER and not note.strip():
            errors["note"] = _("Describe the other reason in the note.")
    elif reason:
        errors["reason"] = _("A reason is given only when the suggestion is set aside.")
    if len(note) > NOTE_MAX:
        errors["note"] = _("At most %(max)s characters (now %(length)s).") % {
            "max": NOTE_MAX,
            "length": len(note),
        }
    if errors:
        raise ValidationError(errors)


def _snapshot(actor: User, person: Person, vacancy: Vacancy, decision: str) -> Snapshot:
    """The score and reasons of the pair now; for a proposal, the check that the person may
    take the work on its start."""
    today = timezone.localdate()
    build = candidate_build(
        actor=actor, person=person, purpose=Purpose.MATCHING, days=[start_day(vacancy, today)]
    )
    proposing = decision == MatchDecisionKind.PROPOSED
    if proposing and vacancy.status != VacancyStatus.OPEN:
        raise ValidationError({"decision": _("The vacancy is no longer open.")})
    if build.candidate is None:
        if proposing:
            raise ValidationError({"decision": build.problem})
        return Snapshot(None, [])
    access = build.candidate.access_on(start_day(vacancy, today))
    if proposing and access.answer is m.Access.NO_ACCESS:
        raise ValidationError(
            {"decision": _("The person may not take this work on its start: it is not proposed.")}
        )
    record = vacancy_record(vacancy)
    match = (
        m.explain(m.PreparedCandidate(build.candidate), m.PreparedVacancy(record))
        if record is not None
        else None
    )
    if match is None:
        return Snapshot(None, [])
    return Snapshot(match.score, as_data(match.reasons))


@atomic_service
def match_decide(
    *,
    actor: User,
    person: Person,
    vacancy: Vacancy,
    decision: str,
    reason: str = "",
    note: str = "",
) -> MatchDecision:
    """Record the caseworker's decision on the suggestion of `vacancy` for `person`; a
    decision recorded earlier on the pair is marked replaced by it."""
    authorize(
        actor,
        Action.EDIT_PERSON,
        person,
        purpose=Purpose.MATCHING,
        categories=[Category.PROFILE],
    )
    authorize(actor, Action.VIEW_VACANCIES, vacancy, purpose=Purpose.MATCHING)
    assert actor.office is not None  # the policy admits members of staff only
    office = actor.office
    reason = reason.strip()
    _validate(decision, reason, note)
    snapshot = _snapshot(actor, person, vacancy, decision)
    now = timezone.now()
    earlier = (
        MatchDecision.objects.select_for_update()
        .filter(person=person, vacancy=vacancy, replaced_at__isnull=True)
        .first()
    )
    if earlier is not None:
        earlier.replaced_at = now
        earlier.save(update_fields=["replaced_at", "updated_at"])
    made = MatchDecision.objects.create(
        person=person,
        vacancy=vacancy,
        decision=decision,
        reason=reason if decision == MatchDecisionKind.SET_ASIDE else "",
        note=note.strip(),
        score=snapshot.score,
        reasons=snapshot.reasons,
        recorded_by=office,
        recorded_by_user=actor,
    )
    if earlier is not None:
        earlier.replaced_by = made
        earlier.save(update_fields=["replaced_by", "updated_at"])
    # A proposal starts the placement (unless one is open for the pair), in this transaction.
    placement_from_proposal(actor=actor, decision=made)
    audit_record(
        event_type=EventType.MATCH_DECIDED,
        actor=actor,
        action=Action.EDIT_PERSON,
        obj=made,
        person_id=person.pk,
        purpose=Purpose.MATCHING,
        categories=[Category.PROFILE],
        details={
            "vacancy": vacancy.pk,
            "decision": decision,
            "reason": made.reason,
            "score": snapshot.score,
            "replaces": earlier.pk if earlier is not None else None,
        },
    )
    return made
