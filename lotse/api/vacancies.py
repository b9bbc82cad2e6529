"""Employers and vacancies in the JSON API, on the same services, selectors and policy as the
pages: lists with the page's filters, one employer or vacancy, recording and changing them, and
a vacancy's status. A refusal of a service is a 422 with one item per field. The contact person
of an employer is given to the Agentur and the Jobcenter of its Kreis only (null for others)."""

from contextlib import contextmanager
from datetime import date, datetime
from typing import Annotated

from django.core.exceptions import ValidationError
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import AfterValidator

from lotse.access.decorators import requires
from lotse.access.policy import Action
from lotse.api.pagination import BoundedLimitOffset
from lotse.api.schemas import BODY_ERRORS, errors
from lotse.core.text import is_storable_text, unstorable_text_message
from lotse.jobs.models import SKILLS, Employer, Vacancy
from lotse.jobs.selectors import (
    VacancyFilters,
    employer_get,
    employer_list,
    may_see_contact,
    vacancy_get,
    vacancy_kreise,
    vacancy_list,
    vacancy_places,
)
from lotse.jobs.services import (
    REASON_MAX,
    EmployerInput,
    VacancyInput,
    employer_change,
    employer_record,
    vacancy_change,
    vacancy_record,
    vacancy_set_status,
)
from lotse.organisations.models import Gemeinde, User

router = Router(tags=["vacancies"])


def _storable(value: str) -> str:
    if not is_storable_text(value):
        raise ValueError(unstorable_text_message())
    return value


# Texts whose length the services check (with their message); the schema refuses only what
# cannot be stored, or what is far too long to be meant.
Free = Annotated[str, Field(max_length=5000), AfterValidator(_storable)]
ShortCode = Annotated[str, Field(max_length=20), AfterValidator(_storable)]
Query = Annotated[str, Field(max_length=100), AfterValidator(_storable)]
Reason = Annotated[str, Field(max_length=REASON_MAX * 2), AfterValidator(_storable)]


def _request_user(context) -> User | None:
    request = (context or {}).get("request")
    return getattr(request, "user", None)


class EmployerOut(Schema):
    id: int
    name: str
    place: int
    place_name: str
    kreis: str
    sector: str
    offers: list[str]
    offer_note: str
    contact_name: str | None
    contact_phone: str | None
    contact_email: str | None
    recorded_by: str
    created_at: datetime

    @staticmethod
    def resolve_place(obj) -> int:
        return obj.gemeinde_id

    @staticmethod
    def resolve_place_name(obj) -> str:
        return obj.gemeinde.name

    @staticmethod
    def resolve_kreis(obj) -> str:
        return obj.gemeinde.kreis.code

    @staticmethod
    def resolve_recorded_by(obj) -> str:
        return obj.recorded_by.code

    @staticmethod
    def _contact(obj, context, name: str) -> str | None:
        user = _request_user(context)
        if user is None or not may_see_contact(user, obj):
            return None
        return str(getattr(obj, name))

    @staticmethod
    def resolve_contact_name(obj, context) -> str | None:
        return EmployerOut._contact(obj, context, "contact_name")

    @staticmethod
    def resolve_contact_phone(obj, context) -> str | None:
        return EmployerOut._contact(obj, context, "contact_phone")

    @staticmethod
    def resolve_contact_email(obj, context) -> str | None:
        return EmployerOut._contact(obj, context, "contact_email")


class GermanOut(Schema):
    listening: str
    reading: str
    speaking: str
    writing: str
    firm: bool


class VacancyOut(Schema):
    id: int
    employer: int
    employer_name: str
    kind: str
    title: str
    occupation: str
    occupation_title: str
    isco: str
    place: int
    place_name: str
    kreis: str
    hours_per_week: int
    starts_on: date | None
    german: GermanOut
    driving_licence: str
    shift_work: bool
    recognition_required: bool
    description: str
    status: str
    status_reason: str
    recorded_by: str
    created_at: datetime

    @staticmethod
    def resolve_employer(obj) -> int:
        return obj.employer_id

    @staticmethod
    def resolve_employer_name(obj) -> str:
        return obj.employer.name

    @staticmethod
    def resolve_occupation(obj) -> str:
        return obj.occupation.kldb_code

    @staticmethod
    def resolve_occupation_title(obj) -> str:
        return obj.occupation.title_de

    @staticmethod
    def resolve_isco(obj) -> str:
        return obj.occupation.isco_code

    @staticmethod
    def resolve_place(obj) -> int:
        return obj.gemeinde_id

    @staticmethod
    def resolve_place_name(obj) -> str:
        return obj.gemeinde.name

    @staticmethod
    def resolve_kreis(obj) -> str:
        return obj.gemeinde.kreis.code

    @staticmethod
    def resolve_german(obj) -> dict:
        return {
            **{skill: getattr(obj, f"german_{skill}") for skill in SKILLS},
            "firm": obj.german_firm,
        }

    @staticmethod
    def resolve_recorded_by(obj) -> str:
        return obj.recorded_by.code


class EmployerIn(Schema):
    name: Free
    place: int | None = None
    sector: ShortCode
    contact_name: Free = ""
    contact_phone: Free = ""
    contact_email: Free = ""
    offers: list[ShortCode] = []
    offer_note: Free = ""


class EmployerPatch(Schema):
    name: Free | None = None
    place: int | None = None
    sector: ShortCode | None = None
    contact_name: Free | None = None
    contact_phone: Free | None = None
    contact_email: Free | None = None
    offers: list[ShortCode] | None = None
    offer_note: Free | None = None


class VacancyFields(Schema):
    kind: ShortCode | None = None
    title: Free | None = None
    occupation: ShortCode | None = None  # the KldB 2010 code
    place: int | None = None
    hours_per_week: int | None = None
    starts_on: date | None = None
    german_listening: ShortCode | None = None
    german_reading: ShortCode | None = None
    german_speaking: ShortCode | None = None
    german_writing: ShortCode | None = None
    german_firm: bool | None = None
    driving_licence: ShortCode | None = None
    shift_work: bool | None = None
    recognition_required: bool | None = None
    description: Free | None = None


class VacancyIn(VacancyFields):
    employer: int
    kind: ShortCode = "job"
    title: Free
    occupation: ShortCode


class StatusIn(Schema):
    status: ShortCode
    reason: Reason = ""


@contextmanager
def _fields_as_in_the_api():
    """A service's messages under the API's field names (the Gemeinde is `place` here)."""
    try:
        yield
    except ValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise
        renamed = {("place" if k == "gemeinde" else k): v for k, v in exc.error_dict.items()}
        raise ValidationError(renamed) from exc


def _place(user: User, place: int | None) -> Gemeinde | None:
    """The Gemeinde of the actor's Kreise (an unknown one: None, which the service names)."""
    return vacancy_places(actor=user).filter(pk=place).first() if place else None


# --- vacancies -----------------------------------------------------------------------------------
@router.get("/vacancies", response={200: list[VacancyOut], **errors()})
@paginate(BoundedLimitOffset)
@requires(Action.VIEW_VACANCIES)
def vacancies(
    request,
    kind: ShortCode = "",
    q: Query = "",
    place: int | None = None,
    kreis: ShortCode = "",
    german: ShortCode = "",
    starts_from: date | None = None,
    status: ShortCode = "open",
):
    """The vacancies of the Kreise of the caller's office; `status=all` for every status,
    `german=B1`: those asking no more than B1 in any skill."""
    filters = VacancyFilters(
        kind=kind,
        occupation=q,
        gemeinde=_place(request.user, place),
        kreis=vacancy_kreise(actor=request.user).filter(code=kreis).first() if kreis else None,
        german_up_to=german,
        starts_from=starts_from,
        status="" if status == "all" else status,
    )
    if (place and filters.gemeinde is None) or (kreis and filters.kreis is None):
        return Vacancy.objects.none()
    return vacancy_list(actor=request.user, filters=filters).order_by("starts_on", "pk")


@router.get("/vacancies/{vacancy_id}", response={200: VacancyOut, **errors(404)})
@requires(Action.VIEW_VACANCIES)
def vacancy(request, vacancy_id: int):
    return vacancy_get(actor=request.user, vacancy_id=vacancy_id)


def _vacancy_input(user: User, payload: VacancyFields, current: Vacancy | None) -> VacancyInput:
    """The payload's fields over the vacancy's current ones (a PATCH changes what it names)."""
    given = payload.dict(exclude_unset=True)
    values: dict[str, object] = {}
    if current is not None:
        values = {
            "kind": current.kind,
            "title": current.title,
            "occupation": current.occupation.kldb_code,
            "gemeinde": current.gemeinde,
            "hours_per_week": current.hours_per_week,
            "starts_on": current.starts_on,
            **{f"german_{s}": getattr(current, f"german_{s}") for s in SKILLS},
            "german_firm": current.german_firm,
            "driving_licence": current.driving_licence,
            "shift_work": current.shift_work,
            "recognition_required": current.recognition_required,
            "description": current.description,
        }
    given.pop("employer", None)
    if "place" in given:
        values["gemeinde"] = _place(user, given.pop("place"))
    for name, value in given.items():
        if value is None and name not in ("starts_on", "hours_per_week"):
            continue
        values[name] = value
    return VacancyInput(**values)  # type: ignore[arg-type]  # the schema's types


@router.post("/vacancies", response={201: VacancyOut, **errors(404, *BODY_ERRORS)})
@requires(Action.MANAGE_VACANCIES)
def vacancy_create(request, payload: VacancyIn):
    employer = employer_get(actor=request.user, employer_id=payload.employer)
    data = _vacancy_input(request.user, payload, None)
    with _fields_as_in_the_api():
        return Status(201, vacancy_record(actor=request.user, employer=employer, data=data))


@router.patch("/vacancies/{vacancy_id}", response={200: VacancyOut, **errors(404, *BODY_ERRORS)})
@requires(Action.MANAGE_VACANCIES)
def vacancy_update(request, vacancy_id: int, payload: VacancyFields):
    current = vacancy_get(actor=request.user, vacancy_id=vacancy_id)
    data = _vacancy_input(request.user, payload, current)
    with _fields_as_in_the_api():
        return vacancy_change(actor=request.user, vacancy=current, data=data)


@router.post(
    "/vacancies/{vacancy_id}/status", response={200: VacancyOut, **errors(404, *BODY_ERRORS)}
)
@requires(Action.MANAGE_VACANCIES)
def vacancy_status_set(request, vacancy_id: int, payload: StatusIn):
    current = vacancy_get(actor=request.user, vacancy_id=vacancy_id)
    return vacancy_set_status(
        actor=request.user, vacancy=current, status=payload.status, reason=payload.reason
    )


# --- employers -----------------------------------------------------------------------------------
@router.get("/employers", response={200: list[EmployerOut], **errors()})
@paginate(BoundedLimitOffset)
@requires(Action.VIEW_VACANCIES)
def employers(request, q: Query = ""):
    return employer_list(actor=request.user, query=q).order_by("name", "pk")


@router.get("/employers/{employer_id}", response={200: EmployerOut, **errors(404)})
@requires(Action.VIEW_VACANCIES)
def employer(request, employer_id: int):
    return employer_get(actor=request.user, employer_id=employer_id)


@router.post("/employers", response={201: EmployerOut, **errors(*BODY_ERRORS)})
@requires(Action.MANAGE_VACANCIES)
def employer_create(request, payload: EmployerIn):
    values = payload.dict()
    values["gemeinde"] = _place(request.user, values.pop("place"))
    with _fields_as_in_the_api():
        return Status(201, employer_record(actor=request.user, data=EmployerInput(**values)))


@router.patch("/employers/{employer_id}", response={200: EmployerOut, **errors(404, *BODY_ERRORS)})
@requires(Action.MANAGE_VACANCIES)
def employer_update(request, employer_id: int, payload: EmployerPatch):
    current: Employer = employer_get(actor=request.user, employer_id=employer_id)
    values: dict[str, object] = {
        "name": current.name,
        "gemeinde": current.gemeinde,
        "sector": current.sector,
        "contact_name": current.contact_name,
        "contact_phone": current.contact_phone,
        "contact_email": current.contact_email,
        "offers": current.offers,
        "offer_note": current.offer_note,
    }
    given = payload.dict(exclude_unset=True)
    if "place" in given:
        values["gemeinde"] = _place(request.user, given.pop("place"))
    values.update({k: v for k, v in given.items() if v is not None})
    with _fields_as_in_the_api():
        return employer_change(
            actor=request.user,
            employer=current,
            data=EmployerInput(**values),  # type: ignore[arg-type]  # the schema's types
        )
