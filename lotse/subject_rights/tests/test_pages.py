"""The report and correction pages: who reaches them, the flow open → done / rejected."""

from django.utils import timezone

from lotse.audit.models import AuditEvent, EventType
from lotse.people.services import NameInput, person_name_add
from lotse.subject_rights.models import CorrectionRequest, CorrectionStatus


def correction_data(**overrides) -> dict:
    data = {
        "data_item": "name",
        "current_value": "Al-Hassan, Amal",
        "requested_value": "Al-Hasan, Amal (as in the passport)",
        "evidence": "Syrian passport shown",
        "received_on": timezone.localdate().isoformat(),
    }
    data.update(overrides)
    return data


def test_the_report_page_produces_a_pdf_and_logs_an_export(person, caseworker, client_for):
    client = client_for(caseworker)
    url = f"/persons/{person.pk}/subject-report/"
    page = client.get(url)
    assert page.status_code == 200
    assert "Al-Hassan" in page.content.decode()
    response = client.post(url, {"request_reference": "Brief vom 02.03.", "language": "ar"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "Al-Hassan" not in response["Content-Disposition"]
    event = AuditEvent.objects.get(event_type=EventType.EXPORT_CREATED, actor=caseworker)
    assert event.person_id == str(person.pk)


def test_the_report_page_wants_the_request(person, caseworker, client_for):
    response = client_for(caseworker).post(
        f"/persons/{person.pk}/subject-report/", {"request_reference": "", "language": "de"}
    )
    assert response.status_code == 200
    assert "Name the person&#x27;s request" in response.content.decode()
    assert not AuditEvent.objects.filter(event_type=EventType.EXPORT_CREATED).exists()


def test_the_dpo_reaches_the_report_through_the_data_protection_page(person, dpo, client_for):
    client = client_for(dpo)
    start = client.get("/data-protection/subject-report/", {"person_id": str(person.pk)})
    assert start.status_code == 302
    assert start["Location"] == f"/data-protection/subject-report/{person.pk}/"
    response = client.post(start["Location"], {"request_reference": "x", "language": "de"})
    assert response.content.startswith(b"%PDF")


def test_forbidden_pages(person, planner, administrator, other_caseworker, dpo, client_for):
    url = f"/persons/{person.pk}/subject-report/"
    for user in (planner, administrator, dpo):
        assert client_for(user).get(url).status_code == 403
    assert client_for(other_caseworker).get(url).status_code == 404
    dpo_url = f"/data-protection/subject-report/{person.pk}/"
    assert client_for(other_caseworker).get(dpo_url).status_code == 403


def test_a_correction_goes_from_open_to_done_through_the_pages(person, caseworker, client_for):
    client = client_for(caseworker)
    response = client.post(f"/persons/{person.pk}/corrections/new/", correction_data())
    assert response.status_code == 302
    item = CorrectionRequest.objects.get(person=person)
    assert item.status == CorrectionStatus.OPEN
    assert item.received_by_office == caseworker.office
    assert AuditEvent.objects.filter(
        event_type=EventType.CORRECTION_REQUESTED, person_id=str(person.pk)
    ).exists()
    assert (
        f"Correction request no. {item.pk}" in client.get(f"/persons/{person.pk}/").content.decode()
    )
    listing = client.get("/corrections/").content.decode()
    assert "Al-Hassan" in listing

    # the correction itself, with the person registry's service
    person_name_add(
        actor=caseworker,
        person=person,
        name=NameInput(given_names="Amal", family_name="Al-Hasan", source="passport"),
    )
    change = AuditEvent.objects.filter(
        event_type=EventType.PERSON_CHANGED, person_id=str(person.pk)
    ).latest("pk")
    url = f"/persons/{person.pk}/corrections/?request={item.pk}"
    page = client.get(url).content.decode()
    assert "Answer the request" in page
    response = client.post(
        url,
        {
            "request": item.pk,
            "status": "done",
            "change_made": "Spelling Al-Hasan added as in the passport",
            "change_events": [change.pk],
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == CorrectionStatus.DONE
    assert item.resolved_by == caseworker
    assert item.change_events == [change.pk]
    assert AuditEvent.objects.filter(event_type=EventType.CORRECTION_RESOLVED).exists()


def test_a_rejection_without_reason_is_refused(person, caseworker, client_for):
    client = client_for(caseworker)
    client.post(f"/persons/{person.pk}/corrections/new/", correction_data())
    item = CorrectionRequest.objects.get(person=person)
    url = f"/persons/{person.pk}/corrections/?request={item.pk}"
    response = client.post(url, {"request": item.pk, "status": "rejected", "rejection_reason": ""})
    assert response.status_code == 200
    assert "A rejection needs a reason" in response.content.decode()
    item.refresh_from_db()
    assert item.status == CorrectionStatus.OPEN

    client.post(
        url,
        {
            "request": item.pk,
            "status": "rejected",
            "rejection_reason": "The passport says Al-Hassan.",
        },
    )
    item.refresh_from_db()
    assert item.status == CorrectionStatus.REJECTED
    assert "Baden-Württemberg" in item.supervisory_authority
    assert "may complain to" in client.get(url).content.decode()


def test_open_requests_come_first_in_the_office_list(person, caseworker, client_for):
    client = client_for(caseworker)
    old = (timezone.localdate() - timezone.timedelta(days=40)).isoformat()
    client.post(f"/persons/{person.pk}/corrections/new/", correction_data(received_on=old))
    client.post(f"/persons/{person.pk}/corrections/new/", correction_data())
    first, second = CorrectionRequest.objects.order_by("pk")
    client.post(
        f"/persons/{person.pk}/corrections/?request={first.pk}",
        {"request": first.pk, "status": "rejected", "rejection_reason": "no evidence"},
    )
    html = client.get("/corrections/").content.decode()
    assert html.index(f"request={second.pk}") < html.index(f"request={first.pk}")


def test_another_kreis_cannot_record_a_correction(person, other_caseworker, client_for):
    response = client_for(other_caseworker).post(
        f"/persons/{person.pk}/corrections/new/", correction_data()
    )
    assert response.status_code == 404
    assert not CorrectionRequest.objects.exists()
