"""Suggested matches in the JSON API, on the same selectors, service and policy as the pages:
a person's matching vacancies, a vacancy's candidates (each with score, reasons in words and
codes, and the work-access mark) and recording the caseworker's decision. A refusal of the
service is a 422 with one item per field."""

from typing import Annotated

from django.http import Http404
from ninja import Field, Router, Schema, Status
from pydantic import AfterValidator

from lotse.access.decorators import requires
from lotse.access.policy import Action
from lotse.api.schemas import BODY_ERRORS, errors
from lotse.audit.vocabulary import Purpose
from lotse.core.text import is_storable_text, unstorable_text_message
from lotse.jobs.match_models import MatchDecision
from lotse.jobs.match_selectors import MatchResult, candidates_for_vacancy, matches_for_person
from lotse.jobs.match_services import NOTE_MAX, match_decide
from lotse.jobs.selectors import vacancy_get
from lotse.people.selectors import person_get

router = Router(tags=["matching"])


def _storable(value: str) -> str:
    if not is_storable_text(value):
        raise ValueError(unstorable_text_message())
    return value


ShortCode = Annotated[str, Field(max_length=20), AfterValidator(_storable)]
Note = Annotated[str, Field(max_length=NOTE_MAX * 2), AfterValidator(_storable)]


class ReasonOut(Schema):
    code: str
    text: str
    points: float


class AccessOut(Schema):
    answer: str
    text: str
    paragraphs: list[str]


class DecisionOut(Schema):
    id: int
    person: str
    vacancy: int
    decision: str
    decision_label: str
    reason: str
    reason_label: str
    note: str
    score: float | None
    recorded_by: str
    recorded_at: str
    replaced_at: str | None

    @staticmethod
    def resolve_person(obj: MatchDecision) -> str:
        return str(obj.person_id)

    @staticmethod
    def resolve_vacancy(obj: MatchDecision) -> int:
        return obj.vacancy_id

    @staticmethod
    def resolve_decision_label(obj: MatchDecision) -> str:
        return str(obj.get_decision_display())

    @staticmethod
    def resolve_reason_label(obj: MatchDecision) -> str:
        return str(obj.get_reason_display()) if obj.reason else ""

    @staticmethod
    def resolve_score(obj: MatchDecision) -> float | None:
        return float(obj.score) if obj.score is not None else None

    @staticmethod
    def resolve_recorded_by(obj: MatchDecision) -> str:
        return obj.recorded_by.name

    @staticmethod
    def resolve_recorded_at(obj: MatchDecision) -> str:
        return obj.created_at.isoformat()

    @staticmethod
    def resolve_replaced_at(obj: MatchDecision) -> str | None:
        return obj.replaced_at.isoformat() if obj.replaced_at else None


class MatchOut(Schema):
    person: str
    vacancy: int
    vacancy_title: str
    employer: str
    place: str
    score: float
    access: AccessOut
    reasons: list[ReasonOut]
    decision: DecisionOut | None
    earlier_decisions: list[DecisionOut]


class PersonMatchesOut(Schema):
    person: str
    problem: str
    assumptions: list[str]
    count: int
    results: list[MatchOut]


class VacancyCandidatesOut(Schema):
    vacancy: int
    count: int
    considered: int
    not_judged: int
    results: list[MatchOut]


class DecisionIn(Schema):
    vacancy: int
    decision: ShortCode
    reason: ShortCode = ""
    note: Note = ""


def _match(result: MatchResult) -> dict:
    return {
        "person": str(result.person.pk),
        "vacancy": result.vacancy.pk,
        "vacancy_title": result.vacancy.title,
        "employer": result.vacancy.employer.name,
        "place": result.vacancy.gemeinde.name,
        "score": result.score,
        "access": {
            "answer": result.access.answer,
            "text": result.access.text,
            "paragraphs": [paragraph for paragraph, _summary in result.access.rules if paragraph],
        },
        "reasons": [
            {"code": reason.code, "text": reason.text, "points": reason.points}
            for reason in result.reasons
        ],
        "decision": result.current.decision if result.current else None,
        "earlier_decisions": [view.decision for view in result.earlier],
    }


@router.get("/persons/{person_id}/matches", response={200: PersonMatchesOut, **errors(404)})
@requires(Action.VIEW_PERSON, person_data=True)
def person_matches(request, person_id: str):
    """The open vacancies that fit the person best (at most 10); none when the work access
    cannot be judged (`problem` says why). A suggestion is no decision."""
    person = person_get(actor=request.user, person_id=person_id, purpose=Purpose.MATCHING)
    found = matches_for_person(actor=request.user, person=person)
    return {
        "person": str(person.pk),
        "problem": found.problem,
        "assumptions": found.assumptions,
        "count": found.count,
        "results": [_match(result) for result in found.results],
    }


@router.get(
    "/vacancies/{vacancy_id}/candidates", response={200: VacancyCandidatesOut, **errors(404)}
)
@requires(Action.MANAGE_VACANCIES)
def vacancy_candidates(request, vacancy_id: int):
    """The persons the office may see who fit the vacancy best (at most 50)."""
    vacancy = vacancy_get(actor=request.user, vacancy_id=vacancy_id)
    found = candidates_for_vacancy(actor=request.user, vacancy=vacancy)
    return {
        "vacancy": vacancy.pk,
        "count": found.count,
        "considered": found.considered,
        "not_judged": found.not_judged,
        "results": [_match(result) for result in found.results],
    }


@router.post(
    "/persons/{person_id}/matches/decisions",
    response={201: DecisionOut, **errors(404, *BODY_ERRORS)},
)
@requires(Action.EDIT_PERSON, person_data=True)
def match_decision_create(request, person_id: str, payload: DecisionIn):
    """Record what was done with a suggestion: `proposed` or `set_aside` with a `reason`
    (not_wanted, hours, distance, requirements, taken, other — with a `note`)."""
    person = person_get(
        actor=request.user, person_id=person_id, purpose=Purpose.MATCHING, edit=True
    )
    try:
        vacancy = vacancy_get(actor=request.user, vacancy_id=payload.vacancy)
    except Http404:
        from django.core.exceptions import ValidationError
        from django.utils.translation import gettext as _

        raise ValidationError({"vacancy": _("This vacancy is not open to your office.")}) from None
    made = match_decide(
        actor=request.user,
        person=person,
        vacancy=vacancy,
        decision=payload.decision,
        reason=payload.reason,
        note=payload.note,
    )
    return Status(201, MatchDecision.objects.select_related("recorded_by").get(pk=made.pk))
