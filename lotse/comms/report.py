"""What the person's report (Art. 15 GDPR, lotse/subject_rights) lists of letters and messages:
which letter or message, its language, date, channel and status, and the consents to be
contacted — never the text. Values in German, as the offices recorded them."""

from collections.abc import Iterable

from lotse.audit.vocabulary import in_language
from lotse.comms.models import ContactChannel, Letter, LetterLanguage, OutboxMessage


def _german_and(letter: Letter) -> str:
    german = str(LetterLanguage.GERMAN.label)
    if letter.german_only:
        return german
    return f"{german} + {letter.get_language_display()}"


def letters_and_messages(person_ids: Iterable) -> dict[str, list[dict]]:
    ids = list(person_ids)
    rows = [
        {
            "at": letter.created_at,
            "kind": in_language("de", letter.get_template_code_display),
            "language": in_language("de", _german_and, letter),
            "channel": in_language("de", letter.get_sent_via_display),
            "status": "",
            "office": letter.office.name,
        }
        for letter in Letter.objects.filter(person_id__in=ids).select_related("office")
    ]
    rows += [
        {
            "at": message.created_at,
            "kind": message.subject,
            "language": message.language,
            "channel": in_language("de", message.get_channel_display),
            "status": in_language("de", message.get_status_display),
            "office": message.office.name,
        }
        for message in OutboxMessage.objects.filter(person_id__in=ids).select_related("office")
    ]
    contacts = [
        {
            "channel": in_language("de", contact.get_channel_display),
            "address": contact.address,
            "office": contact.office.name,
            "consented_on": contact.consented_on,
            "withdrawn_at": contact.withdrawn_at,
        }
        for contact in ContactChannel.objects.filter(person_id__in=ids)
        .select_related("office")
        .order_by("consented_on", "pk")
    ]
    return {"letters": sorted(rows, key=lambda row: row["at"]), "contact_channels": contacts}
