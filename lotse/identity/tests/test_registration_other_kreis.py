"""Registration never reaches a record held only in another Kreis: the check announces that a
record exists at office X, and the way in is a transfer request that office answers."""

import re

import pytest

from conftest import in_english
from lotse.audit.models import AuditEvent, EventType, Outcome
from lotse.cases.models import Case, Referral, ReferralKind, ReferralState
from lotse.identity.registry import candidate_ref
from lotse.organisations.models import Role
from lotse.organisations.tests.factories import UserFactory, reference_office
from lotse.people.models import Person, PersonName
from lotse.people.tests.factories import register

AZR = "123456789012"
BLANK = {
    "name_source": "self",
    "original_family_name": "",
    "original_given_names": "",
    "original_script": "",
    "sex": "f",
    "birth_date": "",
    "birth_place": "",
    "birth_country": "",
    "nationality": "",
    "identifier_type": "",
    "identifier_value": "",
    "accommodation": "",
    "street": "",
    "postcode": "",
    "city": "",
    "address_since": "",
}
NAME_AND_YEAR = {**BLANK, "family_name": "Al-Hassan", "given_names": "Amal", "birth_date": "1990"}
NAME_ONLY = {**BLANK, "family_name": "Al-Hassan", "given_names": "Amal"}
AZR_ONLY = {
    **BLANK,
    "family_name": "Unbekannt",
    "given_names": "X",
    "identifier_type": "azr",
    "identifier_value": AZR,
}
REASON = "Moved to Ludwigsburg on 1 December, now lives in Anschlussunterbringung there"


@pytest.fixture
def client_for(client_for):
    return in_english(client_for)


@pytest.fixture
def tuebingen_person(caseworker):
    """Amal Al-Hassan, held only by the Sozialamt Tübingen."""
    return register(caseworker, identifiers=(("azr", AZR),))


def _decisions(html: str) -> list[str]:
    return re.findall(r'name="decision" value="([^"]+)"', html)


@pytest.mark.parametrize(
    "entry", [NAME_AND_YEAR, NAME_ONLY, AZR_ONLY], ids=["name+year", "name", "azr"]
)
def test_the_check_announces_the_record_without_a_link_or_its_details(
    tuebingen_person, other_caseworker, client_for, entry
):
    client = client_for(other_caseworker)
    html = client.post("/persons/new/", entry).content.decode()
    assert "A record exists" in html
    assert "Sozialamt (AsylbLG)" in html
    assert not any(d.startswith("link:") for d in _decisions(html))
    ref = candidate_ref(other_caseworker, tuebingen_person.pk)
    assert f"transfer:{ref}:sozialamt-tubingen-08416" in _decisions(html)
    assert str(tuebingen_person.pk) not in html
    assert "Emergency access" not in html  # only within the own Kreis
    # Nothing of the other record: no names, spellings, score reasons, birth date.
    for shown in ("الحسن", "أمل", "Aleppo", "01.01.1990", "name variant", "same birth", "Match:"):
        assert shown not in html
    assert client.get(f"/persons/{tuebingen_person.pk}/").status_code == 404
    if entry is AZR_ONLY:
        assert "Ask the office holding the record to hand the person over" in html


@pytest.mark.parametrize("entry", [NAME_AND_YEAR, AZR_ONLY], ids=["name+year", "azr"])
def test_a_link_posted_by_hand_is_refused_and_creates_nothing(
    tuebingen_person, other_caseworker, dpo, client_for, entry
):
    client = client_for(other_caseworker)
    response = client.post("/persons/new/", {**entry, "decision": f"link:{tuebingen_person.pk}"})
    assert response.status_code == 400
    assert "held by an office of another Kreis" in response.content.decode()
    assert not Case.objects.filter(office=other_caseworker.office).exists()
    assert Person.objects.count() == 1
    assert not PersonName.objects.filter(person=tuebingen_person, kind="variant").exists()
    assert client.get(f"/persons/{tuebingen_person.pk}/").status_code == 404
    # The Tübingen data-protection officer finds the attempt in the search of the office.
    refused = AuditEvent.objects.get(
        event_type=EventType.ACCESS_DENIED,
        actor=other_caseworker,
        person_id=str(tuebingen_person.pk),
        purpose="registration",
    )
    assert refused.office.code == "sozialamt-tubingen-08416"
    assert refused.outcome == Outcome.DENIED
    html = (
        client_for(dpo)
        .get("/audit/", {"person": str(tuebingen_person.pk), "outcome": "denied"})
        .content.decode()
    )
    assert "Ortsfremd" in html


def test_a_transfer_request_to_an_office_not_holding_the_record_is_refused(
    tuebingen_person, other_caseworker, client_for
):
    client = client_for(other_caseworker)
    for decision in (
        f"transfer:{tuebingen_person.pk}:jc-tubingen-08416",
        "transfer:00000000-0000-0000-0000-000000000000:sozialamt-tubingen-08416",
    ):
        response = client.post(
            "/persons/new/",
            {
                **NAME_AND_YEAR,
                "decision": decision,
                f"transfer_reason-{tuebingen_person.pk}": REASON,
            },
        )
        assert response.status_code == 400
    assert not Referral.objects.exists()


def test_a_transfer_request_needs_a_reason(tuebingen_person, other_caseworker, client_for):
    response = client_for(other_caseworker).post(
        "/persons/new/",
        {**NAME_AND_YEAR, "decision": f"transfer:{tuebingen_person.pk}:sozialamt-tubingen-08416"},
    )
    assert response.status_code == 400
    assert "Say why your office takes the person over" in response.content.decode()
    assert not Referral.objects.exists()


def test_the_transfer_request_goes_to_the_holding_office_which_accepts_it(
    tuebingen_person, caseworker, other_caseworker, dpo, client_for
):
    ludwigsburg = client_for(other_caseworker)
    response = ludwigsburg.post(
        "/persons/new/",
        {
            **NAME_AND_YEAR,
            "decision": f"transfer:{tuebingen_person.pk}:sozialamt-tubingen-08416",
            f"transfer_reason-{tuebingen_person.pk}": REASON,
        },
    )
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.kind == ReferralKind.TAKEOVER
    assert referral.from_office == other_caseworker.office
    assert referral.to_office == caseworker.office
    assert response.url == f"/referrals/{referral.pk}/"
    # Nothing is open yet, and the requesting office sees only the name it entered.
    assert not Case.objects.filter(office=other_caseworker.office).exists()
    assert ludwigsburg.get(f"/persons/{tuebingen_person.pk}/").status_code == 404
    for page in (f"/referrals/{referral.pk}/", "/referrals/"):
        html = ludwigsburg.get(page).content.decode()
        assert "Amal Al-Hassan" in html  # as entered
        assert "الحسن" not in html
        assert "Aleppo" not in html

    # Tübingen sees the request on its start page and in its hand-overs, with the person.
    tuebingen = client_for(caseworker)
    assert f"/referrals/{referral.pk}/" in tuebingen.get("/").content.decode()
    html = tuebingen.get("/referrals/").content.decode()
    assert f"/referrals/{referral.pk}/" in html
    assert "Jobcenter" in html
    # The Tübingen data-protection officer finds the request in the office's audit search.
    html = client_for(dpo).get("/audit/", {"q": "Moved to Ludwigsburg"}).content.decode()
    assert "Ortsfremd" in html
    assert "Referral or hand-over changed" in html

    response = tuebingen.post(f"/referrals/{referral.pk}/", {"step": "accept", "text": "ok"})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.state == ReferralState.CLOSED
    case = Case.objects.get(office=other_caseworker.office, person=tuebingen_person)
    assert case.responsible == other_caseworker
    assert referral.from_case == case
    assert "الحسن" in ludwigsburg.get(f"/persons/{tuebingen_person.pk}/").content.decode()
    assert [e.state for e in referral.events.all()] == ["requested", "accepted", "closed"]


def test_a_refused_transfer_request_leaves_nothing(
    tuebingen_person, caseworker, other_caseworker, client_for
):
    ludwigsburg = client_for(other_caseworker)
    ludwigsburg.post(
        "/persons/new/",
        {
            **AZR_ONLY,
            "decision": f"transfer:{tuebingen_person.pk}:sozialamt-tubingen-08416",
            f"transfer_reason-{tuebingen_person.pk}": REASON,
        },
    )
    referral = Referral.objects.get()
    tuebingen = client_for(caseworker)
    tuebingen.post(f"/referrals/{referral.pk}/", {"step": "decline", "text": ""})
    referral.refresh_from_db()
    assert referral.state == ReferralState.REQUESTED  # a refusal needs a reason
    tuebingen.post(
        f"/referrals/{referral.pk}/", {"step": "decline", "text": "Still lives in Tübingen"}
    )
    referral.refresh_from_db()
    assert referral.state == ReferralState.DECLINED
    assert not Case.objects.filter(office=other_caseworker.office).exists()
    assert ludwigsburg.get(f"/persons/{tuebingen_person.pk}/").status_code == 404
    html = ludwigsburg.get(f"/referrals/{referral.pk}/").content.decode()
    assert "Still lives in Tübingen" in html
    assert "الحسن" not in html


def test_the_requesting_office_cannot_answer_its_own_request(
    tuebingen_person, other_caseworker, client_for
):
    ludwigsburg = client_for(other_caseworker)
    ludwigsburg.post(
        "/persons/new/",
        {
            **NAME_AND_YEAR,
            "decision": f"transfer:{tuebingen_person.pk}:sozialamt-tubingen-08416",
            f"transfer_reason-{tuebingen_person.pk}": REASON,
        },
    )
    referral = Referral.objects.get()
    ludwigsburg.post(f"/referrals/{referral.pk}/", {"step": "accept", "text": ""})
    referral.refresh_from_db()
    assert referral.state == ReferralState.REQUESTED
    assert not Case.objects.filter(office=other_caseworker.office).exists()


def test_within_the_own_kreis_the_proposed_record_is_still_linked(tuebingen_person, client_for):
    abh = UserFactory(
        username="abh-sb", office=reference_office("abh-tubingen-08416"), roles=[Role.CASEWORKER]
    )
    client = client_for(abh)
    html = client.post("/persons/new/", NAME_AND_YEAR).content.decode()
    assert f"link:{candidate_ref(abh, tuebingen_person.pk)}" in _decisions(html)
    assert not any(d.startswith("transfer:") for d in _decisions(html))
    assert "Emergency access" in html
    assert "Aleppo" not in html
    assert "Match:" not in html
    # A possible match only: linked with the identifier seen (registration_candidates tests).
    response = client.post(
        "/persons/new/",
        {
            **NAME_AND_YEAR,
            "decision": f"link:{tuebingen_person.pk}",
            f"confirm_type-{tuebingen_person.pk}": "azr",
            f"confirm_value-{tuebingen_person.pk}": AZR,
        },
    )
    assert response.status_code == 302
    assert Case.objects.filter(office=abh.office, person=tuebingen_person).exists()
