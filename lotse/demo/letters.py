"""Writing to Amal Al-Hassan in the demo (docs/letters.md, docs/outbox.md):

- her consent to be written to by e-mail by the Jobcenter Tübingen (given in writing);
- the invitation to her joint appointment of the Jobcenter and the Integrationsmanagement
  (lotse/demo/appointments.py), in German and Arabic, kept with the Jobcenter's case as the
  caseworker prints it for her.

Written through the comms services, as the Jobcenter's caseworker; running it again adds
nothing.
"""

from django.db import transaction
from django.utils import timezone

from lotse.appointments.models import Appointment, AppointmentStatus
from lotse.comms.models import Channel, ContactChannel, Letter, LetterCode, LetterTemplate
from lotse.comms.services import contact_channel_record, letter_create
from lotse.comms.templates import letter_templates_load
from lotse.consent.models import GivenHow
from lotse.organisations.models import User
from lotse.people.models import Person

AMAL_EMAIL = "amal.al-hassan@example.org"  # example.org: never a real address


def _amal() -> Person | None:
    return (
        Person.objects.filter(
            names__family_name="Al-Hassan", names__given_names="Amal", merged_into__isnull=True
        )
        .distinct()
        .first()
    )


def _consent(amal: Person, jc: User) -> int:
    if ContactChannel.objects.filter(person=amal, office=jc.office).exists():
        return 0
    contact_channel_record(
        actor=jc,
        person=amal,
        channel=Channel.EMAIL,
        address=AMAL_EMAIL,
        consented_on=timezone.localdate(),
        how=GivenHow.WRITTEN,
    )
    return 1


def _invitation(amal: Person, jc: User) -> int:
    if Letter.objects.filter(
        person=amal, office=jc.office, template_code=LetterCode.INVITATION
    ).exists():
        return 0
    appointment = (
        Appointment.objects.filter(person=amal, office=jc.office, status=AppointmentStatus.PLANNED)
        .order_by("starts_at")
        .first()
    )
    if appointment is None:
        return 0
    if not LetterTemplate.objects.filter(code=LetterCode.INVITATION, language="ar").exists():
        letter_templates_load()  # the shipped texts, when the reference data was not loaded
    starts_at = timezone.localtime(appointment.starts_at)
    letter_create(
        actor=jc,
        person=amal,
        template_code=LetterCode.INVITATION,
        language="ar",
        context={
            "name": "Frau Al-Hassan",
            "date": starts_at.date(),
            "time": starts_at.time(),
            "place": appointment.place,
            "interpreter": "Arabisch – ist gebucht",
        },
    )
    return 1


@transaction.atomic
def demo_letters_seed() -> int:
    """Amal's contact consent and her invitation letter, once. Returns the rows added."""
    amal = _amal()
    jc = User.objects.filter(username="tue-jc-sb").first()
    if amal is None or jc is None:
        return 0
    return _consent(amal, jc) + _invitation(amal, jc)
