"""A family's status: the BAMF decision recorded for the members it applies to, the engine
judging the children with the household it has on record, and the Rechtskreiswechsel handing
over the whole Bedarfsgemeinschaft."""

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import in_english
from lotse.audit.models import AuditEvent, EventType
from lotse.cases.models import Referral
from lotse.cases.services import FamilyMemberInput, case_open, family_register
from lotse.organisations.models import Role
from lotse.organisations.tests.factories import UserFactory, reference_office
from lotse.people.models import HouseholdRole
from lotse.people.tests.factories import person_input
from lotse.status import facts as status_facts
from lotse.status.models import BenefitSwitch, StatusEvent, SwitchState
from lotse.status.services import status_event_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_for(client_for):
    return in_english(client_for)


@pytest.fixture
def abh():
    return UserFactory(
        username="abh-tue", office=reference_office("abh-tubingen-08416"), roles=[Role.CASEWORKER]
    )


def _member(role, given, birth, sex="f"):
    return FamilyMemberInput(
        role=role,
        data=person_input(
            "Al-Hassan", given, original=None, birth=birth, placeholder=False, sex=sex
        ),
    )


@pytest.fixture
def family(caseworker, abh):
    """Amal, Karim and two children (born 2011 and 2014), registered by the Sozialamt Tübingen
    in one go; the ABH holds them in cases of its own."""
    case = family_register(
        actor=caseworker,
        data=person_input(),
        candidates=[],
        decision="new",
        members=[
            _member(HouseholdRole.PARTNER, "Karim", (1986, 3, 4), "m"),
            _member(HouseholdRole.CHILD, "Lina", (2011, 6, 2)),
            _member(HouseholdRole.CHILD, "Omar", (2014, 9, 9), "m"),
        ],
    )
    amal = case.person
    from lotse.people.selectors import family_persons

    persons = [amal, *family_persons(amal)]
    for person in persons:
        case_open(actor=abh, person=person, reason="residence")
        for kind, day in [("entry", "2015-10-12"), ("buema", "2015-10-12")]:
            status_event_record(
                actor=abh, person=person, kind=kind, date=_d(day), source="document"
            )
    return persons


def _d(value):
    from datetime import date

    return date.fromisoformat(value)


def _url(person, kind):
    return reverse("web:status_event_new", kwargs={"person_id": person.pk}) + f"?kind={kind}"


def _record_for_all(client, person, others, event_kind, **data):
    response = client.post(
        _url(person, event_kind),
        {"source": "bamf_bescheid", "applies_to": [str(o.pk) for o in others], **data},
    )
    assert response.status_code == 302, response.content.decode()[:3000]


def _journey_for_all(client, amal, others):
    _record_for_all(client, amal, others, "asylum_application", date="2015-11-16", kind="first")
    _record_for_all(
        client, amal, others, "decision", date="2016-04-14", outcome="fluechtlingsschutz", by="bamf"
    )
    _record_for_all(client, amal, others, "finality", date="2016-05-03")


def test_the_decision_form_offers_the_family_with_none_ticked(client_for, abh, family):
    amal, *others = family
    page = client_for(abh).get(_url(amal, "decision")).content.decode()
    assert "Applies to these family members as well" in page
    for other in others:
        assert f'value="{other.pk}"' in page
    choices = page.split("Applies to these family members as well", 1)[1].split("</fieldset>")[0]
    assert choices.count('name="applies_to"') == 3
    assert "checked" not in choices
    # a kind the BAMF does not decide for a family has no such choice
    assert "applies_to" not in client_for(abh).get(_url(amal, "duldung")).content.decode()


def test_a_bamf_decision_is_recorded_for_the_whole_family_in_one_go(client_for, abh, family):
    amal, *others = family
    _journey_for_all(client_for(abh), amal, others)
    for person in family:
        decision = StatusEvent.objects.get(person=person, kind="decision")
        assert decision.details["outcome"] == "fluechtlingsschutz"
        assert (
            AuditEvent.objects.filter(
                event_type=EventType.STATUS_EVENT_RECORDED, person_id=str(person.pk)
            ).count()
            == 5
        )


def test_a_member_the_entry_does_not_fit_stops_the_whole_family(client_for, abh, family):
    amal, karim, lina, omar = family
    # Omar's finality without his decision contradicts his history: nothing is stored for anyone
    _record_for_all(
        client_for(abh),
        amal,
        [karim, lina, omar],
        "asylum_application",
        date="2015-11-16",
        kind="first",
    )
    _record_for_all(
        client_for(abh),
        amal,
        [karim, lina],
        "decision",
        date="2016-04-14",
        outcome="fluechtlingsschutz",
        by="bamf",
    )
    response = client_for(abh).post(
        _url(amal, "finality"),
        {
            "source": "bamf_bescheid",
            "date": "2016-05-03",
            "applies_to": [str(karim.pk), str(omar.pk)],
        },
    )
    assert response.status_code == 422
    assert "Nothing was saved" in response.content.decode()
    assert not StatusEvent.objects.filter(kind="finality").exists()


def test_a_person_outside_the_household_cannot_be_ticked(client_for, abh, family, caseworker):
    amal, *others = family
    from lotse.people.tests.factories import register

    stranger = register(caseworker, family_name="Yilmaz", given_names="Ayse", original=None)
    case_open(actor=abh, person=stranger, reason="residence")
    response = client_for(abh).post(
        _url(amal, "asylum_application"),
        {
            "source": "bamf_bescheid",
            "date": "2015-11-16",
            "kind": "first",
            "applies_to": [str(stranger.pk)],
        },
    )
    assert response.status_code == 422
    assert not StatusEvent.objects.filter(kind="asylum_application").exists()


def test_the_engine_judges_the_children_with_the_household_on_record(client_for, abh, family):
    amal, karim, lina, omar = family
    _journey_for_all(client_for(abh), amal, [karim, lina, omar])
    today = timezone.localdate()

    def answers(person):
        entries = StatusEvent.objects.filter(person=person).select_related("recorded_by_office")
        return status_facts.answers_on(status_facts.gather(person, entries), today)

    # Omar is under 15: Sozialgeld in his parents' Bedarfsgemeinschaft (SGB II), not refused
    assert answers(omar)["benefit_regime"] == "sgb2"
    assert any(r["rule"] == "sgb2.sozialgeld" for r in answers(omar)["reasons"])
    assert answers(lina)["benefit_regime"] == "sgb2"
    assert answers(amal)["benefit_regime"] == "sgb2"
    page = client_for(abh).get(reverse("web:person_detail", args=[omar.pk])).content.decode()
    assert "lotse cannot judge here yet" not in page


def test_the_switch_hands_over_the_whole_bedarfsgemeinschaft(client_for, caseworker, abh, family):
    amal, *others = family
    _journey_for_all(client_for(abh), amal, others)
    switches = {s.person_id: s for s in BenefitSwitch.objects.all()}
    assert set(switches) == {p.pk for p in family}  # the children's switches too
    switch = switches[amal.pk]
    client = client_for(caseworker)
    url = reverse("web:status_switch", args=[amal.pk]) + f"?switch={switch.pk}"
    page = client.get(url).content.decode()
    assert "The Bedarfsgemeinschaft goes as one" in page
    assert "Al-Hassan, Omar" in page
    form = client.get(url).context["form"]
    response = client.post(
        url,
        {
            "switch": switch.pk,
            "purpose": form.initial["purpose"],
            "categories": form.initial["categories"],
            "respond_by": form.initial["respond_by"].isoformat(),
            "due_by": form.initial["due_by"].isoformat(),
        },
    )
    assert response.status_code == 302
    for person in family:
        current = BenefitSwitch.objects.get(person=person)
        assert current.state == SwitchState.REFERRED
        assert current.referral.to_office.code == "jc-tubingen-08416"
    assert Referral.objects.filter(kind="transfer").count() == 4
