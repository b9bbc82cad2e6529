"""Letters and the outbox in the JSON API: a person's letters, a new one, the office's outbox —
on the same selectors, services and policy as the pages. Messages are listed without their text."""

import datetime as dt
from typing import Annotated, Literal
from uuid import UUID

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from pydantic import AfterValidator

from lotse.access.decorators import requires
from lotse.access.policy import Action
from lotse.api.pagination import MAX_LIMIT, MAX_OFFSET
from lotse.api.schemas import BODY_ERRORS, errors
from lotse.comms.appointment_letters import letter_appointments, letter_context
from lotse.comms.models import LetterCode, LetterLanguage, MessageStatus
from lotse.comms.selectors import PURPOSE, letters_of, outbox, outbox_listed
from lotse.comms.services import letter_create
from lotse.core.text import is_storable_text, unstorable_text_message
from lotse.people.selectors import person_get

router = Router(tags=["letters"])


def _storable(value: str) -> str:
    if not is_storable_text(value):
        raise ValueError(unstorable_text_message())
    return value


Place = Annotated[str, Field(max_length=200), AfterValidator(_storable)]
Interpreter = Annotated[str, Field(max_length=100), AfterValidator(_storable)]


class LetterOut(Schema):
    id: int
    template: str
    language: str  # the language beside the German text ("de": German only)
    german_only: bool
    german_only_reason: str
    sent_via: str
    created_at: dt.datetime
    pdf: str  # the URL of the PDF


class LettersOut(Schema):
    person: UUID
    letters: list[LetterOut]


class LetterIn(Schema):
    template: Literal[tuple(LetterCode.values)]  # type: ignore[valid-type]
    # Default: the person's language from the record.
    language: Literal[tuple(LetterLanguage.values)] | None = None  # type: ignore[valid-type]
    # The appointment the letter is about (one of the person's planned appointments still to
    # come at the office's table): date, time, place and interpreting are taken from it, the
    # values given below win.
    appointment: int | None = None
    date: dt.date | None = None
    time: dt.time | None = None
    place: Place = ""
    interpreter: Interpreter = ""
    allow_stale: bool = False  # use an out-of-date translation all the same
    # "email" or "sms": also into the outbox (only with the person's consent); "": printed
    channel: Literal["", "email", "sms"] = ""


class MessageOut(Schema):
    id: int
    person: UUID
    channel: str
    subject: str
    language: str
    status: str
    attempts: int
    next_attempt_at: dt.datetime | None
    sent_at: dt.datetime | None
    last_error: str
    letter: int | None
    created_at: dt.datetime


class MessagePageOut(Schema):
    count: int
    items: list[MessageOut]


def _letter_out(letter) -> dict:
    return {
        "id": letter.pk,
        "template": letter.template_code,
        "language": letter.language,
        "german_only": letter.german_only,
        "german_only_reason": letter.german_only_reason,
        "sent_via": letter.sent_via,
        "created_at": letter.created_at,
        "pdf": f"/persons/{letter.person_id}/letters/{letter.pk}/pdf",
    }


@router.get("/persons/{person_id}/letters", response={200: LettersOut, **errors(404)})
@requires(Action.VIEW_PERSON, person_data=True)
def letter_list(request, person_id: UUID):
    person = person_get(actor=request.user, person_id=person_id, purpose=PURPOSE)
    return {
        "person": person.pk,
        "letters": [
            _letter_out(letter) for letter in letters_of(actor=request.user, person=person)
        ],
    }


@router.post("/persons/{person_id}/letters", response={201: LetterOut, **errors(404, *BODY_ERRORS)})
@requires(Action.EDIT_PERSON, person_data=True)
def letter_new(request, person_id: UUID, payload: LetterIn):
    person = person_get(actor=request.user, person_id=person_id, purpose=PURPOSE, edit=True)
    appointment = None
    if payload.appointment is not None:
        upcoming = letter_appointments(actor=request.user, person=person)
        appointment = next((a for a in upcoming if a.pk == payload.appointment), None)
        if appointment is None:
            raise ValidationError(
                {
                    "appointment": _(
                        "Choose one of the person's planned appointments still to come at your "
                        "office's table."
                    )
                }
            )
    result = letter_create(
        actor=request.user,
        person=person,
        template_code=payload.template,
        language=payload.language,
        allow_stale=payload.allow_stale,
        channel=payload.channel,
        context=letter_context(
            person=person,
            typed={
                "date": payload.date,
                "time": payload.time,
                "place": payload.place,
                "interpreter": payload.interpreter,
            },
            appointment=appointment,
        ),
    )
    return Status(201, _letter_out(result.letter))


@router.get("/outbox", response={200: MessagePageOut, **errors()})
@requires(Action.VIEW_PERSON, person_data=True)
def outbox_messages(
    request,
    status: Literal[("", *MessageStatus.values)] = "",  # type: ignore[valid-type]
    limit: int = Query(100, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
):
    """The messages of the caller's office, newest first (`count`: all of the list); the persons
    on the page are logged as read. The subject, not the text or the recipient."""
    listed = outbox(actor=request.user, status=status).order_by("-created_at", "-pk")
    page = outbox_listed(actor=request.user, messages=list(listed[offset : offset + limit]))
    return {
        "count": listed.count(),
        "items": [
            {
                "id": m.pk,
                "person": m.person_id,
                "channel": m.channel,
                "subject": m.subject,
                "language": m.language,
                "status": m.status,
                "attempts": m.attempts,
                "next_attempt_at": m.next_attempt_at,
                "sent_at": m.sent_at,
                "last_error": m.last_error,
                "letter": m.letter_id,
                "created_at": m.created_at,
            }
            for m in page
        ],
    }
