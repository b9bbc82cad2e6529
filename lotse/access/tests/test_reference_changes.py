"""Reference data of the Land (jurisdictions, an office's Kreis and kind, Kreise, Gemeinden) widen
or narrow who sees whom. An office administrator only reads them; a Land administrator's change
is a request that takes effect when a second Land administrator approves it."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import english
from lotse.access.services import (
    reference_change_approve,
    reference_change_refuse,
    reference_change_request,
)
from lotse.audit.models import AuditEvent, EventType
from lotse.cases.services import break_glass_open, person_register
from lotse.organisations.models import (
    Jurisdiction,
    Office,
    ReferenceChangeRequest,
    ReferenceTarget,
    RequestStatus,
    Role,
    User,
)
from lotse.organisations.tests.factories import UserFactory, reference_kreis, reference_office
from lotse.organisations.tests.personas import LAND_OFFICE, LUDWIGSBURG, SOZIALAMT_TUEBINGEN
from lotse.people.services import NameInput, PersonInput

REASON = "Die Person steht am Schalter, das Amt in Ludwigsburg ist nicht erreichbar."


def office_form(office: Office, new_kreis=None, **fields) -> dict:
    """The office's change form as posted, its jurisdictions inline (and one new one)."""
    served = list(office.jurisdictions.order_by("pk"))
    data = {
        "kind": office.kind,
        "name": office.name,
        "code": office.code,
        "jobcenter_form": office.jobcenter_form,
        "kreis": office.kreis_id or "",
        "gemeinde": office.gemeinde_id or "",
        "valid_from": office.valid_from.isoformat(),
        "valid_to": office.valid_to.isoformat() if office.valid_to else "",
        "jurisdictions-TOTAL_FORMS": len(served) + (1 if new_kreis else 0),
        "jurisdictions-INITIAL_FORMS": len(served),
        "jurisdictions-MIN_NUM_FORMS": 0,
        "jurisdictions-MAX_NUM_FORMS": 1000,
        "_save": "Save",
        **fields,
    }
    for i, jurisdiction in enumerate(served):
        data |= {
            f"jurisdictions-{i}-id": jurisdiction.pk,
            f"jurisdictions-{i}-office": office.pk,
            f"jurisdictions-{i}-kreis": jurisdiction.kreis_id,
            f"jurisdictions-{i}-valid_from": jurisdiction.valid_from.isoformat(),
            f"jurisdictions-{i}-valid_to": "",
        }
    if new_kreis:
        n = len(served)
        data |= {
            f"jurisdictions-{n}-office": office.pk,
            f"jurisdictions-{n}-kreis": new_kreis.pk,
            f"jurisdictions-{n}-valid_from": "2026-01-01",
            f"jurisdictions-{n}-valid_to": "",
        }
    return data


def _office_url(office: Office) -> str:
    return f"/admin/organisations/office/{office.pk}/change/"


def _serves_ludwigsburg(office: Office) -> bool:
    return Jurisdiction.objects.filter(office=office, kreis__code=LUDWIGSBURG).exists()


@pytest.fixture
def land_admin(make_persona) -> User:
    return make_persona("land_admin")


@pytest.fixture
def second_land_admin(db) -> User:
    return UserFactory(
        username="land-zwei", office=reference_office(LAND_OFFICE), roles=[Role.ADMINISTRATOR]
    )


@pytest.fixture
def person_in_ludwigsburg(other_caseworker):
    data = PersonInput(names=[NameInput(given_names="Amal", family_name="Fremdkreis")])
    return person_register(actor=other_caseworker, data=data, candidates=[]).person


def _break_glass(caseworker: User, person):
    # A fresh instance: the policy keeps the Kreise served for the length of a request.
    return break_glass_open(actor=User.objects.get(pk=caseworker.pk), person=person, reason=REASON)


def test_an_office_administrator_cannot_widen_their_office(
    administrator, caseworker, person_in_ludwigsburg, client_for
):
    office = administrator.office
    ludwigsburg = reference_kreis(LUDWIGSBURG)
    response = client_for(administrator).post(_office_url(office), office_form(office, ludwigsburg))

    assert response.status_code == 403
    assert not _serves_ludwigsburg(office)
    assert not ReferenceChangeRequest.objects.exists()
    with pytest.raises(ValidationError):
        _break_glass(caseworker, person_in_ludwigsburg)
    with pytest.raises(PermissionDenied):
        reference_change_request(
            actor=administrator,
            target=ReferenceTarget.JURISDICTION,
            object_id=None,
            changes={"office": office, "kreis": ludwigsburg, "valid_from": date(2026, 1, 1)},
        )


@pytest.mark.parametrize(
    "path",
    [
        "/admin/organisations/kreis/{kreis}/change/",
        "/admin/organisations/office/{office}/change/",
    ],
)
def test_an_office_administrator_reads_reference_data_only(administrator, client_for, path):
    url = path.format(kreis=reference_kreis(LUDWIGSBURG).pk, office=administrator.office_id)
    response = client_for(administrator).get(url)
    assert response.status_code == 200
    assert 'name="_save"' not in response.content.decode()
    assert client_for(administrator).get("/admin/organisations/office/add/").status_code == 403
    assert (
        client_for(administrator).get("/admin/organisations/referencechangerequest/").status_code
        == 403
    )


def test_a_land_administrators_change_waits_for_a_second_one(
    land_admin, second_land_admin, caseworker, person_in_ludwigsburg, client_for
):
    office = reference_office(SOZIALAMT_TUEBINGEN)
    response = client_for(land_admin).post(
        _office_url(office), office_form(office, reference_kreis(LUDWIGSBURG))
    )

    assert response.status_code == 302
    assert response["Location"] == "/admin/organisations/referencechangerequest/"
    assert not _serves_ludwigsburg(office)
    request = ReferenceChangeRequest.objects.get()
    assert (request.target, request.object_id, request.status) == (
        ReferenceTarget.JURISDICTION,
        None,
        RequestStatus.PENDING,
    )
    assert request.changes["kreis"] == reference_kreis(LUDWIGSBURG).pk
    requested = AuditEvent.objects.get(event_type=EventType.REFERENCE_CHANGE_REQUESTED)
    assert requested.actor == land_admin
    # Before the approval the caseworker's emergency access still fails.
    with pytest.raises(ValidationError):
        _break_glass(caseworker, person_in_ludwigsburg)

    listing = english(client_for(second_land_admin)).get(
        "/admin/organisations/referencechangerequest/"
    )
    assert listing.status_code == 200
    assert "jurisdiction" in listing.content.decode()
    decided = client_for(second_land_admin).post(
        f"/admin/organisations/referencechangerequest/{request.pk}/change/",
        {"decision": "approve", "note": "", "_save": "Save"},
    )

    assert decided.status_code == 302
    assert _serves_ludwigsburg(office)
    request.refresh_from_db()
    assert (request.status, request.decided_by) == (RequestStatus.APPROVED, second_land_admin)
    jurisdiction = Jurisdiction.objects.get(office=office, kreis__code=LUDWIGSBURG)
    assert request.object_id == jurisdiction.pk
    approved = AuditEvent.objects.get(event_type=EventType.REFERENCE_CHANGE_APPROVED)
    assert (approved.actor, approved.details) == (
        second_land_admin,
        {"requested_by": land_admin.pk},
    )
    changed = AuditEvent.objects.get(
        event_type=EventType.REFERENCE_DATA_CHANGED, object_id=str(jurisdiction.pk)
    )
    assert changed.actor == second_land_admin
    assert _break_glass(caseworker, person_in_ludwigsburg).person == person_in_ludwigsburg


def test_a_land_administrator_cannot_approve_their_own_change(land_admin, client_for):
    office = reference_office(SOZIALAMT_TUEBINGEN)
    request = reference_change_request(
        actor=land_admin,
        target=ReferenceTarget.OFFICE,
        object_id=office.pk,
        changes={"name": "Umbenannt"},
    )
    page = english(client_for(land_admin)).get(
        f"/admin/organisations/referencechangerequest/{request.pk}/change/"
    )
    assert f"name: {office.name} → Umbenannt" in page.content.decode()
    response = english(client_for(land_admin)).post(
        f"/admin/organisations/referencechangerequest/{request.pk}/change/",
        {"decision": "approve", "note": "", "_save": "Save"},
    )
    assert response.status_code == 200
    assert "You made this request yourself" in response.content.decode()
    with pytest.raises(PermissionDenied):
        reference_change_approve(actor=land_admin, request=request)
    assert reference_office(SOZIALAMT_TUEBINGEN).name == office.name


def test_an_office_change_is_applied_on_approval_and_a_refusal_changes_nothing(
    land_admin, second_land_admin, client_for
):
    office = reference_office(SOZIALAMT_TUEBINGEN)
    client_for(land_admin).post(_office_url(office), office_form(office, name="Neuer Name"))
    request = ReferenceChangeRequest.objects.get()
    assert (request.target, request.changes) == (ReferenceTarget.OFFICE, {"name": "Neuer Name"})
    assert reference_office(SOZIALAMT_TUEBINGEN).name == office.name

    with pytest.raises(ValidationError):
        reference_change_refuse(actor=second_land_admin, request=request, note=" ")
    reference_change_refuse(actor=second_land_admin, request=request, note="Name bleibt")
    request.refresh_from_db()
    assert request.status == RequestStatus.REFUSED
    assert reference_office(SOZIALAMT_TUEBINGEN).name == office.name
    refused = AuditEvent.objects.get(event_type=EventType.REFERENCE_CHANGE_REFUSED)
    assert (refused.actor, refused.reason) == (second_land_admin, "Name bleibt")
    with pytest.raises(PermissionDenied):
        reference_change_approve(actor=second_land_admin, request=request)

    again = reference_change_request(
        actor=land_admin, target=ReferenceTarget.OFFICE, object_id=office.pk, changes={"name": "X"}
    )
    reference_change_approve(actor=second_land_admin, request=again)
    assert reference_office(SOZIALAMT_TUEBINGEN).name == "X"


def test_a_bad_change_is_refused_when_requested(land_admin):
    office = reference_office(SOZIALAMT_TUEBINGEN)
    with pytest.raises(ValidationError):
        reference_change_request(
            actor=land_admin,
            target=ReferenceTarget.OFFICE,
            object_id=office.pk,
            changes={"valid_to": "1900-01-01"},  # before its start
        )
    with pytest.raises(ValidationError):  # the Land administration serves no Kreis
        reference_change_request(
            actor=land_admin,
            target=ReferenceTarget.JURISDICTION,
            object_id=None,
            changes={
                "office": reference_office(LAND_OFFICE),
                "kreis": reference_kreis(LUDWIGSBURG),
                "valid_from": date(2026, 1, 1),
            },
        )
    with pytest.raises(ValidationError):  # an office of a Kreis becomes no Land administration
        reference_change_request(
            actor=land_admin,
            target=ReferenceTarget.OFFICE,
            object_id=office.pk,
            changes={"kind": "land", "kreis": None},
        )
    assert not ReferenceChangeRequest.objects.exists()


def test_a_land_administrator_reverts_no_history_past_the_second_one(land_admin, client_for):
    office = reference_office(SOZIALAMT_TUEBINGEN)
    office.save()  # a first history row
    history = office.history.order_by("-history_id").first()
    response = client_for(land_admin).post(
        f"/admin/organisations/office/{office.pk}/history/{history.history_id}/",
        office_form(office, name="Zurück"),
    )
    assert response.status_code == 403
    assert reference_office(SOZIALAMT_TUEBINGEN).name == office.name
