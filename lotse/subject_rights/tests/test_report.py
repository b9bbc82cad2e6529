"""The person's own report (Art. 15 GDPR): what it shows, who may produce it, how it is logged."""

import shutil
import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from lotse.audit.models import AuditEvent, EventType
from lotse.cases.models import Case
from lotse.cases.services import case_close
from lotse.consent.form_texts import document_languages
from lotse.people.tests.factories import register
from lotse.subject_rights.documents import report_html
from lotse.subject_rights.selectors import subject_report_data
from lotse.subject_rights.services import subject_report_create


def pdf_text(pdf: bytes) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    result = subprocess.run(  # noqa: S603 - a fixed binary reading bytes we made
        [shutil.which("pdftotext"), "-enc", "UTF-8", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    )
    return result.stdout.decode()


def test_the_report_lists_reads_by_other_offices_with_their_basis(
    person, referred, caseworker, jc_caseworker
):
    data = subject_report_data(actor=caseworker, person=person)
    jc = jc_caseworker.office.name
    jc_lines = [line for line in data["access"] if line.office == jc]
    assert jc_lines, "the Jobcenter's reads are in the report"
    bases = {line.basis for line in jc_lines if line.kind == "read"}
    assert any("§ 69 Abs. 1 Nr. 1 SGB X" in basis for basis in bases), bases
    assert any("profile" in line.categories for line in jc_lines if line.kind == "read")
    assert all(line.count >= 1 and line.first <= line.last for line in data["access"])
    # the referral with what it shared and on which basis
    (referral,) = data["referrals"]
    assert referral["to_office"] == jc
    assert referral["shared"][0][0] == "profile"
    assert "§ 69" in referral["shared"][0][1]
    assert referral["state"] == "accepted"
    # every office's case, not only the producer's
    assert {case["office"] for case in data["cases"]} == {caseworker.office.name, jc}


def test_the_report_holds_the_identity_core_with_sources(person, caseworker):
    data = subject_report_data(actor=caseworker, person=person)
    sources = {(n["family_name"], n["source"], n["recorded_by"]) for n in data["names"]}
    assert ("Al-Hassan", "bamf", caseworker.office.name) in sources
    assert ("الحسن", "bamf", caseworker.office.name) in sources
    assert data["languages"][0]["recorded_by"] == caseworker.office.name
    assert data["addresses"][0]["accommodation"] == "vorlaeufig"


@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_pdf_renders_in_german_and_the_persons_language(person, caseworker, language):
    pdf = subject_report_create(
        actor=caseworker, person=person, language=language, request_reference="Antrag 02.03."
    )
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    assert "Al-Hassan" in text
    assert "Auskunft über Ihre gespeicherten Daten" in text
    if language == "ar":
        assert "ترجمة. النص الألماني هو المعتمد." in text or "المعتمد" in text


@pytest.mark.parametrize("language", ["fa", "uk", "tr", "ti", "en", "xx"])
def test_every_translated_report_renders(person, referred, caseworker, language):
    pdf = subject_report_create(
        actor=caseworker, person=person, language=language, request_reference="Antrag"
    )
    assert pdf.startswith(b"%PDF")


def test_every_report_is_logged_as_an_export(person, caseworker):
    subject_report_create(
        actor=caseworker, person=person, language="ar", request_reference="Antrag vom 02.03.2026"
    )
    event = AuditEvent.objects.get(event_type=EventType.EXPORT_CREATED)
    assert event.person_id == str(person.pk)
    assert event.actor == caseworker
    assert event.reason == "Antrag vom 02.03.2026"
    assert event.details["document"] == "subject access report"
    assert event.details["languages"] == ["de", "ar"]
    assert "health" in event.categories


def test_a_report_needs_the_persons_request(person, caseworker):
    with pytest.raises(ValidationError):
        subject_report_create(actor=caseworker, person=person, language="de", request_reference=" ")
    assert not AuditEvent.objects.filter(event_type=EventType.EXPORT_CREATED).exists()


def test_the_team_lead_and_the_dpo_of_the_controller_may_produce_it(person, team_lead, dpo):
    for actor in (team_lead, dpo):
        pdf = subject_report_create(
            actor=actor, person=person, language="de", request_reference="Antrag"
        )
        assert pdf.startswith(b"%PDF")
    assert AuditEvent.objects.filter(event_type=EventType.EXPORT_CREATED).count() == 2


def test_the_dpo_may_produce_it_after_the_case_is_closed(person, caseworker, dpo):
    case_close(actor=caseworker, case=Case.objects.get(person=person), reason="moved away")
    assert subject_report_create(
        actor=dpo, person=person, language="de", request_reference="Antrag"
    ).startswith(b"%PDF")


@pytest.mark.parametrize("who", ["other_caseworker", "planner", "administrator", "jc"])
def test_forbidden_producers(person, make_persona, jc_caseworker, who):
    actor = jc_caseworker if who == "jc" else make_persona(who)
    with pytest.raises((Http404, Exception)) as refused:
        subject_report_create(actor=actor, person=person, language="de", request_reference="x")
    assert refused.type.__name__ in ("Http404", "PermissionDenied")
    assert not AuditEvent.objects.filter(event_type=EventType.EXPORT_CREATED).exists()
    assert AuditEvent.objects.filter(event_type=EventType.ACCESS_DENIED, actor=actor).exists()


def test_a_dpo_of_another_controller_may_not(person, referred, make_persona):
    """The Jobcenter Tübingen (gE) is a controller of its own: the Kreis's DPO may not report
    on a person only the Jobcenter holds — here the other way round: the DPO of Ludwigsburg."""
    from lotse.organisations.models import Role
    from lotse.organisations.tests.factories import UserFactory, reference_office

    other_dpo = UserFactory(
        username="lb-dsb",
        office=reference_office("jc-ludwigsburg-08118"),
        roles=[Role.DATA_PROTECTION_OFFICER],
    )
    with pytest.raises(Http404):
        subject_report_create(actor=other_dpo, person=person, language="de", request_reference="x")


def test_an_office_without_a_case_may_not(caseworker, jc_caseworker):
    person = register(caseworker, family_name="Ohnefall")
    with pytest.raises(Http404):
        subject_report_create(
            actor=jc_caseworker, person=person, language="de", request_reference="x"
        )


def test_the_report_names_the_bedarfsgemeinschaft(caseworker):
    from lotse.cases.services import FamilyMemberInput, family_register
    from lotse.people.tests.factories import person_input

    case = family_register(
        actor=caseworker,
        data=person_input(),
        candidates=[],
        decision="new",
        members=[
            FamilyMemberInput(
                role="child",
                data=person_input(
                    "Al-Hassan", "Omar", original=None, birth=(2014, 9, 9), placeholder=False
                ),
            )
        ],
    )
    data = subject_report_data(actor=caseworker, person=case.person)
    assert {"kind": "parent", "relative": "Al-Hassan, Omar", "household": True} in data["relations"]


def test_the_report_says_the_persons_name_appeared_in_a_list(person, caseworker, client_for):
    """A caseload page is one event for all the persons it lists; the report of each of them
    says that their name appeared in that office's list, when and for which purpose."""
    other = register(caseworker, family_name="Nebenperson")
    assert client_for(caseworker).get("/cases/").status_code == 200
    data = subject_report_data(actor=caseworker, person=person)
    (line,) = [line for line in data["access"] if line.kind == "list"]
    assert line.office == caseworker.office.name
    assert line.purpose_code == "caseload"
    assert line.count == 1
    assert any(
        line.kind == "list"
        for line in subject_report_data(actor=caseworker, person=other)["access"]
    )
    html = report_html(
        data=data, languages=document_languages("en"), office=caseworker.office, reference="A"
    )
    assert "Ihr Name erschien in einer Liste (zum Beispiel einer Fallliste)" in html
    assert "your name appeared in a list (for example a caseload)" in html  # the English part
    pdf = subject_report_create(
        actor=caseworker, person=person, language="en", request_reference="Antrag"
    )
    assert "Ihr Name" in pdf_text(pdf)


def test_the_report_lists_the_case_conferences_on_the_plan(person, caseworker):
    from django.utils import timezone

    from lotse.plans.conferences import ConferenceInput, case_conference_record

    case_conference_record(
        actor=caseworker,
        person=person,
        data=ConferenceInput(
            held_on=timezone.localdate(),
            offices=[caseworker.office],
            other_participants="Gewerbliche Schule Tübingen",
            external_consent=True,
            agreed="VABO ab September",
        ),
    )
    data = subject_report_data(actor=caseworker, person=person)
    [row] = data["plan"]["conferences"]
    assert row["agreed"] == "VABO ab September"
    assert "Gewerbliche Schule Tübingen" in row["participants"]
    text = pdf_text(
        subject_report_create(actor=caseworker, person=person, language="ar", request_reference="A")
    )
    assert "Fallkonferenzen zu Ihrem Plan" in text
    assert "VABO" in text
