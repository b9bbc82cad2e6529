"""Corrections between offices through the pages, in German as the caseworkers read them: the
Jobcenter Tübingen asks, the Ausländerbehörde Tübingen sees it on its start page and corrects
the Dublin flag or says why it stays; another Kreis and uninvolved offices see nothing."""

from datetime import date

import pytest
from django.urls import reverse

from lotse.audit.models import AuditEvent, EventType
from lotse.cases.services import case_open
from lotse.organisations.models import Role
from lotse.organisations.tests.factories import UserFactory, reference_office
from lotse.people.tests.factories import register
from lotse.status.models import StatusEvent
from lotse.status.services import status_event_record
from lotse.subject_rights.models import CorrectionRequest, CorrectionStatus

pytestmark = pytest.mark.django_db


def staff(username, office):
    return UserFactory(username=username, office=reference_office(office), roles=[Role.CASEWORKER])


@pytest.fixture
def abh():
    return staff("abh-tue", "abh-tubingen-08416")


@pytest.fixture
def jobcenter():
    return staff("jc-tue", "jc-tubingen-08416")


@pytest.fixture
def amal(caseworker, abh, jobcenter):
    person = register(caseworker)
    for user in (abh, jobcenter):
        case_open(actor=user, person=person, reason="Arbeit")
    for kind, day, details in [
        ("entry", date(2025, 10, 12), {}),
        ("asylum_application", date(2025, 11, 16), {"kind": "first"}),
        ("decision", date(2026, 4, 14), {"outcome": "fluechtlingsschutz", "dublin": True}),
    ]:
        status_event_record(
            actor=abh, person=person, kind=kind, date=day, details=details, source="document"
        )
    return person


def ask_url(person, **query):
    url = reverse("web:office_correction_ask", kwargs={"person_id": person.pk})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def answer_url(person, item=None):
    url = reverse("web:office_correction", kwargs={"person_id": person.pk})
    return f"{url}?request={item.pk}" if item else url


def ask(client, person, entry):
    return client.post(
        ask_url(person, entry=entry.pk),
        {"what_is_wrong": "Im Bescheid steht kein Dublin-Verfahren.", "correct_value": "Nein"},
    )


def test_the_jobcenter_asks_and_the_abh_corrects(jobcenter, abh, amal, client_for):
    decision = StatusEvent.objects.get(person=amal, kind="decision")
    jc = client_for(jobcenter)
    person_page = jc.get(f"/persons/{amal.pk}/").content.decode()
    assert "dieses Amt um Korrektur bitten" in person_page
    choices = jc.get(ask_url(amal)).content.decode()
    assert "Statuseinträge anderer Ämter" in choices
    assert f"?entry={decision.pk}" in choices
    form = jc.get(ask_url(amal, entry=decision.pk)).content.decode()
    assert "Nur dieses Amt kann ihn korrigieren" in form
    assert "Was ist falsch, und woher wissen Sie das?" in form
    # nothing written: the error summary names both fields, the input is kept
    empty = jc.post(ask_url(amal, entry=decision.pk), {"what_is_wrong": "Bescheid gesehen"})
    assert empty.status_code == 200
    assert "Schreiben Sie, was richtig ist." in empty.content.decode()
    assert "Bescheid gesehen" in empty.content.decode()
    assert not CorrectionRequest.objects.exists()
    sent = ask(jc, amal, decision)
    assert sent.status_code == 302
    item = CorrectionRequest.objects.get()
    assert "Ihre Bitte ging an" in jc.get(sent["Location"]).content.decode()

    office = client_for(abh)
    start = office.get("/").content.decode()
    assert "Bitten um Korrektur von anderen Ämtern" in start
    assert "1 Bitte wartet auf Ihre Antwort." in start
    assert answer_url(amal, item).replace("&", "&amp;") in start or answer_url(amal, item) in start
    page = office.get(answer_url(amal, item)).content.decode()
    assert "Eintrag korrigieren" in page
    assert "Im Bescheid steht kein Dublin-Verfahren." in page
    done = office.post(
        answer_url(amal, item),
        {
            "request": item.pk,
            "do": "correct",
            "date": "2026-04-14",
            "outcome": "fluechtlingsschutz",
            "by": "bamf",
            "dublin": "",
            "source": "document",
            "reason": "Dublin-Kennzeichen irrtümlich gesetzt",
        },
    )
    assert done.status_code == 302, done.content.decode()[:2000]
    item.refresh_from_db()
    assert item.status == CorrectionStatus.DONE
    assert item.correction_entry.details.get("dublin") is not True
    assert "Kein anderes Amt wartet auf eine Korrektur." in office.get("/").content.decode()
    # the Jobcenter reads the answer; the history keeps the old entry as corrected
    answer = jc.get(answer_url(amal, item)).content.decode()
    assert "Statuseintrag korrigiert: Dublin-Kennzeichen irrtümlich gesetzt" in answer
    assert "Der alte Eintrag bleibt als korrigiert sichtbar." in answer
    assert "Eintrag korrigieren" not in answer  # no answer forms for the asking office
    timeline = jc.get(f"/persons/{amal.pk}/status/").content.decode()
    assert "Dublin-Kennzeichen irrtümlich gesetzt" in timeline
    assert AuditEvent.objects.filter(event_type=EventType.CORRECTION_RESOLVED).count() == 1


def test_the_abh_refuses_with_a_reason(jobcenter, abh, amal, client_for):
    decision = StatusEvent.objects.get(person=amal, kind="decision")
    ask(client_for(jobcenter), amal, decision)
    item = CorrectionRequest.objects.get()
    office = client_for(abh)
    missing = office.post(answer_url(amal, item), {"request": item.pk, "do": "refuse"})
    assert missing.status_code == 200
    assert "Schreiben Sie, warum der Eintrag so bleibt." in missing.content.decode()
    refused = office.post(
        answer_url(amal, item),
        {"request": item.pk, "do": "refuse", "rejection_reason": "Der Dublin-Bescheid liegt vor."},
    )
    assert refused.status_code == 302
    answer = client_for(jobcenter).get(answer_url(amal, item)).content.decode()
    assert "der Eintrag bleibt so" in answer
    assert "Der Dublin-Bescheid liegt vor." in answer
    assert StatusEvent.objects.filter(person=amal).count() == 3


def test_the_asking_office_cannot_answer(jobcenter, amal, client_for):
    decision = StatusEvent.objects.get(person=amal, kind="decision")
    jc = client_for(jobcenter)
    ask(jc, amal, decision)
    item = CorrectionRequest.objects.get()
    response = jc.post(
        answer_url(amal, item), {"request": item.pk, "do": "refuse", "rejection_reason": "x"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == CorrectionStatus.OPEN
    page = jc.get(answer_url(amal, item)).content.decode()
    assert "beantwortet die Bitte" in page
    # an own entry: the page says to correct it oneself
    own = client_for(
        staff("abh-2", "abh-tubingen-08416")
    )  # a colleague of the ABH: the entry is theirs
    answer = own.post(
        ask_url(amal, entry=decision.pk), {"what_is_wrong": "x", "correct_value": "y"}
    )
    assert "Korrigieren Sie ihn selbst." in answer.content.decode()


def test_others_see_nothing(jobcenter, other_caseworker, caseworker, amal, client_for):
    decision = StatusEvent.objects.get(person=amal, kind="decision")
    ask(client_for(jobcenter), amal, decision)
    item = CorrectionRequest.objects.get()
    stranger = client_for(other_caseworker)
    assert stranger.get(ask_url(amal)).status_code == 404
    assert stranger.get(answer_url(amal, item)).status_code == 404
    start = stranger.get("/").content.decode()
    assert "Kein anderes Amt wartet auf eine Korrektur." in start
    assert "Al-Hassan" not in start
    # the Sozialamt holds the person but is no party to the request
    sozialamt = client_for(caseworker)
    assert sozialamt.get(answer_url(amal, item)).status_code == 404
    assert "Bitte um Korrektur Nr." not in sozialamt.get(f"/persons/{amal.pk}/").content.decode()


def test_the_inbox_of_the_owning_office_leads_to_the_request(jobcenter, abh, amal, client_for):
    decision = StatusEvent.objects.get(person=amal, kind="decision")
    ask(client_for(jobcenter), amal, decision)
    item = CorrectionRequest.objects.get()
    office = client_for(abh)
    inbox = office.get("/corrections/").content.decode()
    assert f"erbeten von {jobcenter.office.name}" in inbox
    assert answer_url(amal, item).replace("&", "&amp;") in inbox or answer_url(amal, item) in inbox
    # the person's answer page sends an office's request to its own page
    resolve = reverse("web:correction_resolve", kwargs={"person_id": amal.pk})
    response = office.get(f"{resolve}?request={item.pk}")
    assert response.status_code == 302
    assert response["Location"] == answer_url(amal, item)
