"""Reading letters, contact channels and the outbox: scoped by the policy (the office's own)."""

from django.db.models import QuerySet
from django.http import Http404

from lotse.access.policy import Action, Category, authorize, scope
from lotse.audit.services import audit_reads
from lotse.audit.vocabulary import ListRead, Purpose
from lotse.comms.models import ContactChannel, Letter, MessageStatus, OutboxMessage
from lotse.organisations.models import User
from lotse.people.models import Person

PURPOSE = Purpose.LETTERS


def letters_of(*, actor: User, person: Person) -> QuerySet[Letter]:
    """The letters the actor's office wrote to the person (the person was read by the caller)."""
    return scope(
        actor, Action.VIEW_PERSON, Letter.objects.filter(person=person), purpose=PURPOSE
    ).select_related("created_by")


def letter_get(*, actor: User, person: Person, letter_id: int | str) -> Letter:
    letter = Letter.objects.filter(pk=letter_id, person=person).first()
    if letter is None:
        raise Http404
    authorize(actor, Action.VIEW_PERSON, letter, purpose=PURPOSE, categories=[Category.IDENTITY])
    return letter


def contact_channels_of(*, actor: User, person: Person) -> QuerySet[ContactChannel]:
    """The person's consents to be contacted by the actor's office, current and withdrawn."""
    return scope(
        actor,
        Action.VIEW_PERSON,
        ContactChannel.objects.filter(person=person),
        purpose=PURPOSE,
    ).order_by("withdrawn_at", "channel", "-consented_on", "-pk")


def contact_channel_get(*, actor: User, person: Person, contact_id: int | str) -> ContactChannel:
    contact = ContactChannel.objects.filter(pk=contact_id, person=person).first()
    if contact is None:
        raise Http404
    authorize(actor, Action.EDIT_PERSON, contact, purpose=PURPOSE)
    return contact


def outbox(*, actor: User, status: str = "") -> QuerySet[OutboxMessage]:
    """The messages of the actor's office, newest first; `status` narrows them. Log the rows a
    page shows with `outbox_listed`."""
    authorize(actor, Action.VIEW_PERSON)
    messages = scope(actor, Action.VIEW_PERSON, OutboxMessage.objects.all(), purpose=PURPOSE)
    if status in MessageStatus.values:
        messages = messages.filter(status=status)
    return messages.select_related("person", "letter")


def outbox_listed(*, actor: User, messages: list[OutboxMessage]) -> list[OutboxMessage]:
    audit_reads(
        actor=actor,
        objects=messages,
        person_of=lambda message: message.person_id,
        purpose=PURPOSE,
        basis="",
        action=ListRead.MESSAGES,
    )
    return messages
