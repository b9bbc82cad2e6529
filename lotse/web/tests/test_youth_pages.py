"""The page /youth/ (the Jugendberufsagentur's list): what a caseworker of the Jugendamt sees,
its filters in the URL, the one list read, and who is refused."""

from html import unescape

import pytest
from django.utils import timezone

from lotse.audit.models import AuditEvent, EventType
from lotse.audit.vocabulary import ListRead
from lotse.courses.tests.factories import asylum_seeker
from lotse.people.models import Person

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year


def _teen(actor, family_name: str, years: int, **kwargs) -> Person:
    return asylum_seeker(
        actor,
        nationality="ERI",
        family_name=family_name,
        birth=(YEAR - years, None, None),
        placeholder=False,
        **kwargs,
    )


def test_the_jugendamt_sees_its_young_people_with_age_and_stage(jugendamt_caseworker, client_for):
    filmon = _teen(jugendamt_caseworker, "Tesfay", 16)
    Person.objects.filter(pk=filmon.pk).update(arrived_unaccompanied=True)
    _teen(jugendamt_caseworker, "Haile", 22)
    _teen(jugendamt_caseworker, "Alt", 40)
    response = client_for(jugendamt_caseworker).get("/youth/")
    assert response.status_code == 200
    page = unescape(response.content.decode())
    assert "Junge Menschen unter 25" in page
    assert "2 junge Menschen" in page
    assert "Tesfay" in page
    assert "Haile" in page
    assert "Alt</a>" not in page
    assert "Alter unsicher" in page  # the year of birth alone is known
    assert "noch keine" in page  # no stage recorded yet
    assert "Junge Menschen" in page  # the navigation entry
    event = AuditEvent.objects.get(event_type=EventType.PERSON_DATA_READ, action=ListRead.YOUTH)
    assert len(event.persons) == 2


def test_the_filters_stay_in_the_url(jugendamt_caseworker, client_for):
    _teen(jugendamt_caseworker, "Tesfay", 16)
    _teen(jugendamt_caseworker, "Haile", 22)
    page = unescape(
        client_for(jugendamt_caseworker)
        .get("/youth/?minors=1&stage=none&kreis=08416")
        .content.decode()
    )
    assert "Tesfay" in page
    assert "Haile" not in page
    assert 'name="minors" type="checkbox" value="1" checked' in page
    assert page.count("selected") >= 2  # the stage and the Kreis chosen
    school = unescape(client_for(jugendamt_caseworker).get("/youth/?stage=school").content.decode())
    assert "Tesfay" not in school
    assert "Keine jungen Menschen in dieser Liste." in school


def test_the_sozialamt_is_refused_and_has_no_navigation_entry(caseworker, client_for):
    client = client_for(caseworker)
    assert client.get("/youth/").status_code == 403
    assert "/youth/" not in client.get("/").content.decode()


def test_another_kreis_sees_none_of_them(jugendamt_caseworker, other_caseworker, client_for):
    _teen(jugendamt_caseworker, "Tesfay", 16)
    page = client_for(other_caseworker).get("/youth/").content.decode()
    assert "Tesfay" not in page
    assert "0 junge Menschen" in page


def test_the_jugendamt_records_the_arrival_as_an_unaccompanied_minor(
    jugendamt_caseworker, client_for
):
    teen = _teen(jugendamt_caseworker, "Tesfay", 16)
    client = client_for(jugendamt_caseworker)
    url = f"/persons/{teen.pk}/arrival/"
    refused = client.post(url, {"arrived_unaccompanied": "on", "reason": ""})
    assert refused.status_code == 422
    page = unescape(refused.content.decode())
    assert "Geben Sie den Grund an" in page
    assert 'href="#id_reason"' in page  # the error summary links to the field
    response = client.post(url, {"arrived_unaccompanied": "on", "reason": "Inobhutnahme"})
    assert response.status_code == 302
    teen.refresh_from_db()
    assert teen.arrived_unaccompanied
    assert teen.history.count() >= 2  # the earlier value stays in the history
    event = AuditEvent.objects.filter(event_type=EventType.PERSON_CHANGED, person_id=teen.pk).last()
    assert event is not None
    assert event.details["reason"] == "Inobhutnahme"
    page = unescape(client.get(f"/persons/{teen.pk}/").content.decode())
    assert "als unbegleitete minderjährige Person eingereist" in page
    youth_page = unescape(client.get("/youth/").content.decode())
    assert '<td class="kern-table__cell">ja</td>' in youth_page  # unaccompanied minor: yes


def test_another_office_cannot_record_the_arrival(
    jugendamt_caseworker, other_caseworker, client_for
):
    teen = _teen(jugendamt_caseworker, "Tesfay", 16)
    response = client_for(other_caseworker).post(
        f"/persons/{teen.pk}/arrival/", {"arrived_unaccompanied": "on", "reason": "x"}
    )
    assert response.status_code == 404
    teen.refresh_from_db()
    assert not teen.arrived_unaccompanied
