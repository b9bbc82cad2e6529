"""The demo's letters and documents: Amal's invitation in German and Arabic kept with the
Jobcenter's case, her consent to e-mail, her school and course certificates, and Mohammad Rahimi's
BAMF decision shown on the checklist of his Rechtskreiswechsel as on the platform."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from lotse.appointments.models import Appointment
from lotse.comms.models import ContactChannel, Letter
from lotse.demo.appointments import demo_appointments_seed
from lotse.demo.documents import demo_documents_seed
from lotse.demo.letters import demo_letters_seed
from lotse.demo.persons import demo_persons_seed
from lotse.demo.region import demo_region_seed
from lotse.demo.work import demo_work_seed
from lotse.documents.models import Document
from lotse.organisations.models import User
from lotse.status.models import BenefitSwitch

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    demo_region_seed()
    demo_persons_seed()
    demo_work_seed()  # the status of Amal's husband: seeded before, as seed_demo does
    demo_appointments_seed()
    assert demo_letters_seed() == 2
    assert demo_documents_seed() == 3
    assert (demo_letters_seed(), demo_documents_seed()) == (0, 0)  # once only


def test_amal_is_invited_in_german_and_arabic_and_may_be_e_mailed(seeded):
    letter = Letter.objects.get(person__names__given_names="Amal")
    assert (letter.office.code, letter.language, letter.german_only) == (
        "jc-tubingen-08416",
        "ar",
        False,
    )
    assert letter.case is not None
    assert letter.case.office == letter.office  # kept with the Jobcenter's case
    appointment = Appointment.objects.get(person=letter.person)
    assert letter.context["place"] == appointment.place
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(letter.pdf)).pages)
    assert "Einladung zu einem Termin" in text
    assert "Frau Al-Hassan" in text
    contact = ContactChannel.objects.get(person=letter.person)
    assert (contact.channel, contact.office.code) == ("email", "jc-tubingen-08416")
    assert contact.address.endswith("@example.org")


def test_the_documents_are_valid_pdfs_of_the_offices(seeded):
    rows = {d.kind: d for d in Document.objects.select_related("recorded_by")}
    assert set(rows) == {"school_certificate", "course_certificate", "bamf_decision"}
    assert rows["school_certificate"].recorded_by.code == "im-tubingen-08416"
    assert rows["course_certificate"].recorded_by.code == "aa-balingen-reutlingen"
    assert rows["bamf_decision"].recorded_by.code == "sozialamt-reutlingen-08415"
    with rows["school_certificate"].file.open("rb") as handle:
        assert "Musterdokument der Demo" in PdfReader(handle).pages[0].extract_text()


def test_the_switch_checklist_shows_the_bamf_decision_on_the_platform(seeded, client_for):
    switch = BenefitSwitch.objects.get(person__cases__office__code="abh-reutlingen-08415")
    assert switch.to_office.code == "jc-reutlingen-08415"
    assert not BenefitSwitch.objects.exclude(pk=switch.pk).exists()  # Amal's family: none
    sozialamt = User.objects.get(username="rt-sozialamt-sb")
    url = reverse("web:status_switch", args=[switch.person_id]) + f"?switch={switch.pk}"
    page = client_for(sozialamt).get(url, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert page.count("liegt auf der Plattform vor") == 1
    assert "liegt auf der Plattform vor (hochgeladen von Landratsamt Reutlingen – Sozialamt" in page
