"""Writing to a person: letters kept with the case, consent to contact per channel, the outbox.

Each service is keyword-only, asks the policy itself, runs in one transaction and writes its
audit event in it. The audit trail names the letter, its language and the channel — never the
text, the address or the filled-in values: the data-protection officer sees that and when a
person was written to, and the letter itself is kept with the case (`Letter.pdf`).
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.access.policy import Action, Category, authorize
from lotse.audit.models import EventType
from lotse.audit.services import atomic_service, audit_record
from lotse.audit.vocabulary import Purpose
from lotse.cases.models import Case, CaseStatus
from lotse.comms.letters import letter_pdf, letter_plain_text, letter_values
from lotse.comms.models import (
    BODY_LENGTH,
    RECIPIENT_LENGTH,
    SUBJECT_LENGTH,
    Channel,
    ContactChannel,
    Letter,
    LetterCode,
    MessageStatus,
    OutboxMessage,
    SentVia,
)
from lotse.comms.templates import letter_texts
from lotse.consent.models import GivenHow
from lotse.core.text import check_length
from lotse.organisations.models import User
from lotse.people.models import Person

PURPOSE = Purpose.LETTERS


# --- letters ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LetterResult:
    letter: Letter
    # Why the letter is in German only although another language was asked for ("" if not).
    german_only_reason: str


@atomic_service
def letter_create(
    *,
    actor: User,
    person: Person,
    template_code: str,
    context: dict[str, Any],
    language: str | None = None,
    allow_stale: bool = False,
    channel: str = "",
) -> LetterResult:
    """Render the letter `template_code` for the person and keep it with the office's case.

    `language` defaults to the person's language from the identity record. Without a current
    translation (none, or out of date and not `allow_stale`) the letter is German only and the
    result says why. `context` holds the values of the placeholders ({name}, {date}, …).
    With `channel` ("email", "sms") the letter also goes into the outbox — refused, and nothing
    kept, when the person has not consented to that channel; without, it is printed.
    """
    decision = authorize(
        actor, Action.EDIT_PERSON, person, purpose=PURPOSE, categories=[Category.IDENTITY]
    )
    assert actor.office is not None  # authorised: a member of staff
    if template_code not in LetterCode.values:
        raise ValidationError({"template_code": _("Choose a letter from the list.")})
    if channel and channel not in Channel.values:
        raise ValidationError({"channel": _("Choose e-mail or text message.")})
    sent_via = SentVia.OUTBOX if channel else SentVia.PRINT
    requested = (person.preferred_language if language is None else language) or "de"
    texts = letter_texts(code=template_code, language=requested, allow_stale=allow_stale)
    values = letter_values(context)
    values.setdefault("office", actor.office.name)
    pdf = letter_pdf(texts=texts, values=values)
    case = (
        Case.objects.filter(person=person, office=actor.office, status=CaseStatus.OPEN)
        .order_by("-opened_at")
        .first()
    )
    used = texts.translation.language if texts.translation else "de"
    letter = Letter.objects.create(
        person=person,
        office=actor.office,
        case=case,
        template_code=template_code,
        language=used,
        german_only=texts.translation is None,
        german_only_reason=texts.german_only_reason,
        pdf=pdf,
        context=values,
        sent_via=sent_via,
        created_by=actor,
    )
    audit_record(
        event_type=EventType.LETTER_CREATED,
        actor=actor,
        action=Action.EDIT_PERSON,
        obj=letter,
        person_id=person.pk,
        purpose=PURPOSE,
        basis=decision.basis,
        categories=[Category.IDENTITY],
        details={
            "template": template_code,
            "language": used,
            "requested_language": texts.requested,
            "german_only": letter.german_only,
            "stale_translation": texts.stale,
            "sent_via": sent_via,
        },
    )
    if channel:
        subject, body = letter_plain_text(texts=texts, values=values)
        message_queue(
            actor=actor,
            person=person,
            channel=channel,
            subject=subject,
            body=body,
            language=used,
            letter=letter,
        )
    return LetterResult(letter, texts.german_only_reason)


# --- consent to contact per channel -------------------------------------------------------------


def _normalised_address(channel: str, address: str) -> str:
    address = address.strip()
    if channel == Channel.EMAIL:
        try:
            validate_email(address)
        except ValidationError:
            raise ValidationError(
                {"address": _("Enter an e-mail address such as name@example.org.")}
            ) from None
        return address
    number = "".join(address.split()).replace("-", "").replace("/", "")
    if number.startswith("00"):
        number = "+" + number[2:]
    elif number.startswith("0"):
        number = "+49" + number[1:]
    if not (number.startswith("+") and number[1:].isdigit() and 8 <= len(number) <= 16):
        raise ValidationError(
            {"address": _("Enter a mobile number such as 0151 2345678 or +49 151 2345678.")}
        )
    return number


def contact_channel_current(
    *, person: Person, office_id: int | None, channel: str
) -> ContactChannel | None:
    """The person's current consent to be contacted by the office on `channel` (or None)."""
    if office_id is None:
        return None
    return (
        ContactChannel.objects.filter(
            person=person, office_id=office_id, channel=channel, withdrawn_at__isnull=True
        )
        .order_by("-consented_on", "-pk")
        .first()
    )


@atomic_service
def contact_channel_record(
    *,
    actor: User,
    person: Person,
    channel: str,
    address: str,
    consented_on: date,
    how: str,
) -> ContactChannel:
    """Record the person's consent to be contacted on `channel` at `address`. A consent already
    recorded for the channel is withdrawn by the new one (one address per channel)."""
    decision = authorize(
        actor, Action.EDIT_PERSON, person, purpose=PURPOSE, categories=[Category.IDENTITY]
    )
    assert actor.office is not None
    errors: dict[str, str] = {}
    if channel not in Channel.values:
        errors["channel"] = _("Choose e-mail or text message.")
    if how not in GivenHow.values:
        errors["how"] = _("Say how the person consented.")
    if consented_on is None:
        errors["consented_on"] = _("Say when the person consented.")
    elif consented_on > timezone.localdate():
        errors["consented_on"] = _("The consent lies in the future: check the date.")
    if len(address) > RECIPIENT_LENGTH:
        errors["address"] = _("At most %(limit)s characters (%(count)s typed).") % {
            "limit": RECIPIENT_LENGTH,
            "count": len(address),
        }
    elif channel in Channel.values:
        try:
            address = _normalised_address(channel, address)
        except ValidationError as error:
            errors.update({k: v[0] for k, v in error.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    previous = contact_channel_current(person=person, office_id=actor.office_id, channel=channel)
    if previous is not None:
        previous.withdrawn_at = timezone.now()
        previous.save(update_fields=["withdrawn_at", "updated_at"])
    contact = ContactChannel.objects.create(
        person=person,
        office=actor.office,
        channel=channel,
        address=address,
        consented_on=consented_on,
        how=how,
        recorded_by=actor,
    )
    audit_record(
        event_type=EventType.CONTACT_CONSENT_RECORDED,
        actor=actor,
        action=Action.EDIT_PERSON,
        obj=contact,
        person_id=person.pk,
        purpose=PURPOSE,
        basis=decision.basis,
        categories=[Category.IDENTITY],
        details={"channel": channel, "how": how, "replaces": previous.pk if previous else None},
    )
    return contact


@atomic_service
def contact_channel_withdraw(*, actor: User, contact: ContactChannel) -> ContactChannel:
    """The person withdraws the consent: nothing more is sent on it; queued messages are
    cancelled."""
    authorize(actor, Action.EDIT_PERSON, contact, purpose=PURPOSE)
    authorize(actor, Action.EDIT_PERSON, contact.person, purpose=PURPOSE)
    contact = ContactChannel.objects.select_for_update().get(pk=contact.pk)
    if contact.withdrawn_at is not None:
        raise ValidationError(_("This consent was withdrawn already."))
    contact.withdrawn_at = timezone.now()
    contact.save(update_fields=["withdrawn_at", "updated_at"])
    cancelled = OutboxMessage.objects.filter(contact=contact, status=MessageStatus.QUEUED).update(
        status=MessageStatus.CANCELLED, next_attempt_at=None, updated_at=timezone.now()
    )
    audit_record(
        event_type=EventType.CONTACT_CONSENT_WITHDRAWN,
        actor=actor,
        action=Action.EDIT_PERSON,
        obj=contact,
        person_id=contact.person_id,
        purpose=PURPOSE,
        categories=[Category.IDENTITY],
        details={"channel": contact.channel, "messages_cancelled": cancelled},
    )
    return contact


# --- the outbox ---------------------------------------------------------------------------------


@atomic_service
def message_queue(
    *,
    actor: User,
    person: Person,
    channel: str,
    subject: str,
    body: str,
    language: str,
    letter: Letter | None = None,
) -> OutboxMessage:
    """Queue a message to the person on `channel`, at the address the person consented to.

    Refused when the person has no current consent to be contacted by the actor's office on
    that channel: no message without consent.
    """
    decision = authorize(
        actor, Action.EDIT_PERSON, person, purpose=PURPOSE, categories=[Category.IDENTITY]
    )
    assert actor.office is not None
    if channel not in Channel.values:
        raise ValidationError({"channel": _("Choose e-mail or text message.")})
    contact = contact_channel_current(person=person, office_id=actor.office_id, channel=channel)
    if contact is None:
        raise ValidationError(
            {
                "channel": _(
                    "The person has not consented to be contacted this way (%(channel)s): "
                    "record the consent first, or send a letter by post."
                )
                % {"channel": Channel(channel).label}
            }
        )
    subject = check_length(subject.strip(), SUBJECT_LENGTH, "subject")
    body = check_length(body.strip(), BODY_LENGTH, "body")
    if not body:
        raise ValidationError({"body": _("Write the message.")})
    if letter is not None and (
        letter.person_id != person.pk or letter.office_id != actor.office_id
    ):
        raise ValidationError({"letter": _("Choose a letter of this person from your office.")})
    message = OutboxMessage.objects.create(
        person=person,
        office=actor.office,
        channel=channel,
        contact=contact,
        recipient=contact.address,
        subject=subject,
        body=body,
        language=language or "de",
        status=MessageStatus.QUEUED,
        next_attempt_at=timezone.now(),
        letter=letter,
        created_by=actor,
    )
    audit_record(
        event_type=EventType.MESSAGE_QUEUED,
        actor=actor,
        action=Action.EDIT_PERSON,
        obj=message,
        person_id=person.pk,
        purpose=PURPOSE,
        basis=decision.basis,
        categories=[Category.IDENTITY],
        details={
            "channel": channel,
            "language": message.language,
            "letter": letter.template_code if letter else None,
        },
    )
    from lotse.comms.tasks import outbox_send

    transaction.on_commit(lambda: outbox_send.enqueue())
    return message
