"""Reads of employers and vacancies.

No refugee's data: the policy scopes the lists to the Kreise of the actor's office
(Action.VIEW_VACANCIES). The employers' contact persons are shown only to those who record them
(Action.MANAGE_VACANCIES: the Agentur and the Jobcenter of the Kreis).
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.http import Http404

from lotse.access.policy import Action, authorize, decide, scope, user_kreis_ids
from lotse.audit.vocabulary import Purpose
from lotse.jobs.models import SKILLS, Change, Employer, Vacancy, VacancyStatus
from lotse.jobs.services import REQUIRED_LEVELS
from lotse.organisations.models import Gemeinde, Kreis, User
from lotse.profiles.occupations import search_key

CONTACT_FIELDS = ("contact_name", "contact_phone", "contact_email")


@dataclass
class VacancyFilters:
    kind: str = ""
    occupation: str = ""  # words of the occupation's name (or the vacancy's title), or a code
    gemeinde: Gemeinde | None = None
    kreis: Kreis | None = None
    german_up_to: str = ""  # a CEFR level: vacancies asking no more than it in any skill
    starts_from: date | None = None
    status: str = VacancyStatus.OPEN  # "" for every status
    employer: Employer | None = None


def _vacancies() -> QuerySet[Vacancy]:
    return Vacancy.objects.select_related(
        "employer", "occupation", "gemeinde__kreis", "recorded_by"
    )


def vacancy_list(*, actor: User, filters: VacancyFilters | None = None) -> QuerySet[Vacancy]:
    """The vacancies of the actor's Kreise, as the filters narrow them."""
    filters = filters or VacancyFilters()
    vacancies = scope(actor, Action.VIEW_VACANCIES, _vacancies(), purpose=Purpose.VACANCIES)
    if filters.kind:
        vacancies = vacancies.filter(kind=filters.kind)
    words = search_key(filters.occupation).split() if filters.occupation else []
    for word in words[:8]:
        vacancies = vacancies.filter(
            Q(occupation__search_key__contains=word)
            | Q(title__icontains=word)
            | Q(occupation__kldb_code__startswith=word)
        )
    if filters.gemeinde is not None:
        vacancies = vacancies.filter(gemeinde=filters.gemeinde)
    if filters.kreis is not None:
        vacancies = vacancies.filter(gemeinde__kreis=filters.kreis)
    if filters.german_up_to in REQUIRED_LEVELS:
        above = list(REQUIRED_LEVELS[REQUIRED_LEVELS.index(filters.german_up_to) + 1 :])  # type: ignore[arg-type]  # a level, checked above
        for skill in SKILLS:
            vacancies = vacancies.exclude(**{f"german_{skill}__in": above})
    if filters.starts_from is not None:
        vacancies = vacancies.filter(Q(starts_on__gte=filters.starts_from))
    if filters.status:
        vacancies = vacancies.filter(status=filters.status)
    if filters.employer is not None:
        vacancies = vacancies.filter(employer=filters.employer)
    return vacancies


def _pk(value: object) -> int:
    try:
        return int(str(value))
    except ValueError as exc:
        raise Http404 from exc


def vacancy_get(*, actor: User, vacancy_id: object) -> Vacancy:
    vacancy = _vacancies().filter(pk=_pk(vacancy_id)).first()
    if vacancy is None:
        raise Http404
    authorize(actor, Action.VIEW_VACANCIES, vacancy, purpose=Purpose.VACANCIES)
    return vacancy


def employer_list(*, actor: User, query: str = "") -> QuerySet[Employer]:
    employers = scope(
        actor,
        Action.VIEW_VACANCIES,
        Employer.objects.select_related("gemeinde__kreis", "recorded_by"),
        purpose=Purpose.VACANCIES,
    )
    for word in query.split()[:8]:
        employers = employers.filter(name__icontains=word)
    return employers


def employer_get(*, actor: User, employer_id: object) -> Employer:
    employer = (
        Employer.objects.select_related("gemeinde__kreis", "recorded_by")
        .filter(pk=_pk(employer_id))
        .first()
    )
    if employer is None:
        raise Http404
    authorize(actor, Action.VIEW_VACANCIES, employer, purpose=Purpose.VACANCIES)
    return employer


def may_see_contact(actor: User, employer: Employer) -> bool:
    """The contact person: for the Agentur and the Jobcenter of the employer's Kreis."""
    return bool(decide(actor, Action.MANAGE_VACANCIES, employer))


def history(*, actor: User, employer: Employer, vacancy: Vacancy | None = None) -> list[Change]:
    """The change log of an employer (its own changes) or of one vacancy, newest first; the
    contact person's changes only for those who may see the contact person."""
    changes = Change.objects.select_related("office", "user").filter(employer=employer)
    changes = changes.filter(vacancy=vacancy) if vacancy else changes.filter(vacancy__isnull=True)
    entries = list(changes)
    if not may_see_contact(actor, employer):
        for entry in entries:
            entry.changes = {k: v for k, v in entry.changes.items() if k not in CONTACT_FIELDS}
    return entries


def vacancy_places(*, actor: User) -> QuerySet[Gemeinde]:
    """The Gemeinden of the actor's Kreise (where vacancies are recorded and looked for)."""
    return (
        Gemeinde.objects.valid_on()
        .filter(kreis_id__in=user_kreis_ids(actor))
        .select_related("kreis")
        .order_by("name")
    )


def vacancy_kreise(*, actor: User) -> QuerySet[Kreis]:
    return Kreis.objects.filter(pk__in=user_kreis_ids(actor)).order_by("name")
