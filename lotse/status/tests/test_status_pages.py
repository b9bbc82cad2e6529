"""Status events through the pages: recording, the answers and the timeline, forbidden paths,
and the Rechtskreiswechsel as a guided hand-over (Amal's journey, a gE and a zkT Kreis)."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from lotse.audit.models import AuditEvent, EventType
from lotse.cases.models import Case, CaseStatus, FollowUp, Referral, ReferralState
from lotse.cases.referrals import referral_accept
from lotse.cases.services import case_open
from lotse.organisations.models import Role
from lotse.organisations.tests.factories import UserFactory, reference_office
from lotse.people.tests.factories import register
from lotse.status.models import BenefitSwitch, EntryAction, StatusEvent, SwitchState
from lotse.status.services import status_event_record

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
def amal(caseworker, abh):
    """Registered by the Sozialamt Tübingen; the ABH opens its own case."""
    person = register(caseworker)
    case_open(actor=abh, person=person, reason="residence")
    return person


def new_url(person, kind=""):
    url = reverse("web:status_event_new", kwargs={"person_id": person.pk})
    return f"{url}?kind={kind}" if kind else url


def post_event(client, person, event_kind, **data):
    return client.post(new_url(person, event_kind), {"source": "document", **data})


def record_journey(client, person, *, finality=True):
    for kind, data in [
        ("entry", {"date": "2015-10-12"}),
        ("buema", {"date": "2015-10-12"}),
        ("asylum_application", {"date": "2015-11-16", "kind": "first"}),
        (
            "decision",
            {"date": "2016-04-14", "outcome": "fluechtlingsschutz", "by": "bamf", "dublin": "no"},
        ),
    ] + ([("finality", {"date": "2016-05-03"})] if finality else []):
        response = post_event(client, person, kind, **data)
        assert response.status_code == 302, response.content.decode()[:3000]


def test_the_abh_records_a_bamf_decision_through_the_page(client_for, abh, amal):
    client = client_for(abh)
    page = client.get(new_url(amal, "decision")).content.decode()
    # the outcome as radio buttons with the paragraph; today and the Bescheid as defaults
    assert 'type="radio"' in page
    assert "§ 3 AsylG" in page
    assert "Art. 16a GG" in page
    assert timezone.localdate().isoformat() in page
    assert 'value="bamf_bescheid" selected' in page
    record_journey(client, amal)
    entries = StatusEvent.objects.filter(person=amal)
    assert entries.count() == 5
    decision = entries.get(kind="decision")
    assert decision.details["outcome"] == "fluechtlingsschutz"
    assert decision.recorded_by_office.code == "abh-tubingen-08416"
    assert (
        AuditEvent.objects.filter(
            event_type=EventType.STATUS_EVENT_RECORDED, person_id=str(amal.pk)
        ).count()
        == 5
    )


def test_the_person_page_shows_todays_answers_with_reasons(client_for, abh, amal):
    record_journey(client_for(abh), amal)
    page = client_for(abh).get(reverse("web:person_detail", args=[amal.pk])).content.decode()
    assert "Today" in page or "Heute" in page
    assert "SGB II" in page
    assert "§ 1 Abs. 3 AsylbLG" in page
    # the switch as a sentence, the months in words (German by default)
    assert "Leistungen nach dem AsylbLG bis einschließlich Mai 2016" in page
    assert "ab Juni 2016 Bürgergeld vom Jobcenter" in page
    assert "2016-05" not in page


def test_the_timeline_shows_how_the_answers_changed(client_for, abh, amal):
    record_journey(client_for(abh), amal)
    page = client_for(abh).get(reverse("web:status_timeline", args=[amal.pk])).content.decode()
    assert "AsylbLG" in page
    assert "SGB II" in page
    assert page.count("kern-badge--info") >= 2  # at least the switch and the regime changed


def test_a_contradiction_is_refused_in_plain_words_and_nothing_is_stored(client_for, abh, amal):
    response = post_event(
        client_for(abh),
        amal,
        "decision",
        date="2016-04-14",
        outcome="fluechtlingsschutz",
        by="bamf",
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "Eine Entscheidung am 14.04.2016 setzt einen vorher gestellten Asylantrag voraus" in page
    assert 'value="2016-04-14"' in page  # the input is kept
    assert not StatusEvent.objects.filter(person=amal).exists()


def test_a_date_in_the_future_is_refused(client_for, abh, amal):
    response = post_event(client_for(abh), amal, "entry", date="2999-01-01")
    assert response.status_code == 422
    assert not StatusEvent.objects.filter(person=amal).exists()


def test_correct_and_retract_keep_everything(client_for, abh, amal):
    client = client_for(abh)
    record_journey(client, amal, finality=False)
    decision = StatusEvent.objects.get(person=amal, kind="decision")
    change = reverse("web:status_event_change", args=[amal.pk])
    response = client.post(
        f"{change}?entry={decision.pk}&do=correct",
        {
            "date": "2016-04-15",
            "outcome": "subsidiaerer_schutz",
            "by": "bamf",
            "source": "bamf_bescheid",
            "reason": "misread the Bescheid",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    correction = StatusEvent.objects.get(target=decision)
    assert correction.action == EntryAction.CORRECT
    assert correction.details["outcome"] == "subsidiaerer_schutz"
    response = client.post(f"{change}?entry={correction.pk}&do=retract", {"reason": "wrong person"})
    assert response.status_code == 302
    assert StatusEvent.objects.filter(person=amal, kind="decision").count() == 3
    page = client.get(reverse("web:person_detail", args=[amal.pk])).content.decode()
    assert "misread the Bescheid" in page
    assert "wrong person" in page


def test_only_the_recording_office_changes_an_entry(client_for, caseworker, abh, amal):
    record_journey(client_for(abh), amal, finality=False)
    decision = StatusEvent.objects.get(person=amal, kind="decision")
    change = reverse("web:status_event_change", args=[amal.pk])
    response = client_for(caseworker).post(
        f"{change}?entry={decision.pk}&do=retract", {"reason": "not ours"}
    )
    assert response.status_code == 422
    assert not StatusEvent.objects.filter(target=decision).exists()


# --- who sees what --------------------------------------------------------------------------


def test_the_sozialamt_sees_the_abh_entries_by_statute(client_for, caseworker, abh, amal):
    record_journey(client_for(abh), amal)
    page = client_for(caseworker).get(reverse("web:person_detail", args=[amal.pk]))
    assert "Flüchtlingsschutz" in page.content.decode()
    reads = AuditEvent.objects.filter(event_type=EventType.PERSON_DATA_READ, actor=caseworker)
    assert any("status" in e.categories and "§ 71 SGB X" in e.basis for e in reads)


def test_the_integrationsmanagement_without_consent_sees_no_status(client_for, abh, amal):
    record_journey(client_for(abh), amal)
    im = staff("im-tue", "im-tubingen-08416")
    case_open(actor=im, person=amal, reason="counselling")
    page = client_for(im).get(reverse("web:person_detail", args=[amal.pk])).content.decode()
    assert "Flüchtlingsschutz" not in page
    assert "not open to your office" in page or "nicht" in page
    refusals = AuditEvent.objects.filter(event_type=EventType.ACCESS_DENIED, actor=im)
    assert any("status" in e.categories for e in refusals)


def test_no_case_and_another_kreis_see_nothing(client_for, abh, amal, other_caseworker):
    record_journey(client_for(abh), amal)
    no_case = staff("jc-tue-2", "jc-tubingen-08416")
    for user in (no_case, other_caseworker):
        client = client_for(user)
        for name in ("status_timeline", "status_event_new", "status_switch"):
            assert client.get(reverse(f"web:{name}", args=[amal.pk])).status_code == 404
        assert post_event(client, amal, "entry", date="2015-10-12").status_code == 404
    assert StatusEvent.objects.filter(person=amal).count() == 5


# --- the Rechtskreiswechsel ---------------------------------------------------------------------


def test_amal_switch_in_tuebingen_goes_to_the_jobcenter_tuebingen(
    client_for, caseworker, abh, jobcenter, amal
):
    record_journey(client_for(abh), amal)
    switch = BenefitSwitch.objects.get(person=amal)
    assert (switch.last_month, switch.first_month) == (date(2016, 5, 1), date(2016, 6, 1))
    assert switch.from_office.code == "sozialamt-tubingen-08416"
    assert switch.to_office.code == "jc-tubingen-08416"
    sozialamt_case = Case.objects.get(person=amal, office=switch.from_office)
    follow_up = FollowUp.objects.get(case=sozialamt_case)
    assert "Rechtskreiswechsel" in follow_up.title
    assert "Mai 2016" in follow_up.title

    # the Sozialamt sees the proposal, the checklist and the warning
    url = reverse("web:status_switch", args=[amal.pk]) + f"?switch={switch.pk}"
    client = client_for(caseworker)
    page = client.get(url).content.decode()
    assert "AZR" in page
    assert "✓" in page
    assert "✗" in page
    assert 'value="status" checked' in page or 'value="status"' in page
    person_page = client.get(reverse("web:person_detail", args=[amal.pk])).content.decode()
    assert "kern-alert--warning" in person_page

    # one click: the pre-filled hand-over is sent
    form = client.get(url).context["form"]
    data = {
        "switch": switch.pk,
        "purpose": form.initial["purpose"],
        "categories": form.initial["categories"],
        "respond_by": form.initial["respond_by"].isoformat(),
        "due_by": form.initial["due_by"].isoformat(),
    }
    assert client.post(url, data).status_code == 302
    switch.refresh_from_db()
    referral = switch.referral
    assert referral.kind == "transfer"
    assert referral.to_office == switch.to_office
    assert set(referral.shared) == {"status", "benefits", "profile"}
    assert switch.state == SwitchState.REFERRED
    follow_up.refresh_from_db()
    assert follow_up.done_at is not None

    # both start pages warn until the Jobcenter accepts
    from django.template import Context, Template
    from django.test import RequestFactory

    from lotse.status.selectors import switch_warnings

    def start_warning(user):
        request = RequestFactory().get("/")
        request.user = user
        html = Template('{% include "status/_start_include.html" %}').render(
            Context({"request": request, "switch_warnings": switch_warnings(actor=user)})
        )
        return "kern-alert--warning" in html

    assert start_warning(caseworker)
    assert start_warning(jobcenter)
    referral_accept(actor=jobcenter, referral=Referral.objects.get(pk=referral.pk))
    assert not start_warning(caseworker)
    assert not start_warning(jobcenter)
    person_page = client.get(reverse("web:person_detail", args=[amal.pk])).content.decode()
    assert "kern-alert--warning" not in person_page
    assert Referral.objects.get(pk=referral.pk).state == ReferralState.ACCEPTED


def test_a_zkt_kreis_hands_over_to_the_kommunales_jobcenter(client_for):
    sozialamt = staff("soz-lb", "sozialamt-ludwigsburg-08118")
    abh_lb = staff("abh-lb", "abh-ludwigsburg-08118")
    person = register(sozialamt, postcode="71634")
    case_open(actor=abh_lb, person=person, reason="residence")
    record_journey(client_for(abh_lb), person)
    switch = BenefitSwitch.objects.get(person=person)
    assert switch.to_office.code == "jc-ludwigsburg-08118"
    assert switch.to_office.jobcenter_form == "zkT"


def test_the_wohnsitzregelung_decides_the_kreis_of_the_jobcenter(client_for, abh, amal):
    client = client_for(abh)
    record_journey(client, amal)
    BenefitSwitch.objects.all().update(state=SwitchState.CANCELLED)
    response = post_event(client, amal, "wohnsitzregelung", date="2016-08-10", kreis="08118")
    assert response.status_code == 302
    # the switch of 05/2016 is already recorded; a new one is not invented
    assert BenefitSwitch.objects.exclude(state=SwitchState.CANCELLED).count() <= 1


def test_no_switch_without_finality_for_fluechtlingsschutz(client_for, abh, amal):
    record_journey(client_for(abh), amal, finality=False)
    assert not BenefitSwitch.objects.filter(person=amal).exists()


def test_asylberechtigung_switches_in_the_month_of_the_decision(abh, amal):
    for kind, day, details in [
        ("asylum_application", date(2015, 11, 16), {}),
        ("decision", date(2016, 4, 14), {"outcome": "asylberechtigung"}),
    ]:
        status_event_record(
            actor=abh, person=amal, kind=kind, date=day, details=details, source="document"
        )
    switch = BenefitSwitch.objects.get(person=amal)
    assert (switch.last_month, switch.first_month) == (date(2016, 4, 1), date(2016, 5, 1))


def test_retracting_the_decision_withdraws_the_proposal(client_for, abh, amal):
    record_journey(client_for(abh), amal)
    from lotse.status.services import status_event_retract

    finality = StatusEvent.objects.get(person=amal, kind="finality")
    status_event_retract(actor=abh, entry=finality, reason="recorded for the wrong person")
    switch = BenefitSwitch.objects.get(person=amal)
    assert switch.state == SwitchState.CANCELLED
    # The withdrawal is in the audit trail, attributed to the office whose entry caused it.
    from lotse.audit.models import AuditEvent, EventType

    cancelled = AuditEvent.objects.get(event_type=EventType.BENEFIT_SWITCH_CANCELLED)
    assert (cancelled.person_id, cancelled.actor_id) == (str(amal.pk), abh.pk)


def test_the_switch_kinds_carry_the_reverse_switch():
    from lotse.status.switch import KINDS, kind_of

    kind = kind_of({"last_sgb2_month": "2026-09", "first_asylblg_month": "2026-10"})
    assert kind is KINDS["sgb2_asylblg"]
    assert (kind.from_kind, kind.to_kind, kind.checklist) == (
        "jobcenter",
        "sozialamt",
        "asylblg_application",
    )


def test_no_open_sozialamt_case_means_no_follow_up(client_for, abh):
    person = register(abh)
    record_journey(client_for(abh), person)
    switch = BenefitSwitch.objects.get(person=person)
    assert switch.from_case is None
    assert switch.follow_up is None
    assert not Case.objects.filter(person=person, office=switch.from_office).exists()
    assert CaseStatus.OPEN


def test_an_answer_resting_on_an_unverified_rule_says_so_on_the_page(client_for, abh, amal):
    # Amal has Flüchtlingsschutz and no AE recorded: work from the decision is a reading that
    # could not be checked against a source (labour.protection_decision, verified = false).
    record_journey(client_for(abh), amal)
    page = client_for(abh).get(reverse("web:person_detail", args=[amal.pk])).content.decode()
    assert "nicht anhand des Gesetzes oder einer amtlichen Quelle überprüft werden" in page


# --- a missing fact leaves open only the answers that need it --------------------------------


def test_an_open_answer_names_the_missing_fact_in_german_and_the_others_are_given(
    client_for, caseworker, abh
):
    """A § 23 Abs. 1 permit without the record whether it was granted because of war: the
    benefits cannot be judged, the labour-market access and the course can."""
    person = register(caseworker)
    case_open(actor=abh, person=person, reason="residence")
    for kind, day, details in [
        ("entry", date(2016, 1, 1), {}),
        ("residence_title", date(2016, 1, 1), {"title": "23_1"}),
    ]:
        status_event_record(
            actor=abh, person=person, kind=kind, date=day, details=details, source="document"
        )
    page = client_for(abh).get(reverse("web:person_detail", args=[person.pk])).content.decode()
    assert "Keine Antworten" not in page
    assert (
        "Nicht zu beurteilen ohne: ob die Aufenthaltserlaubnis wegen Krieges im Herkunftsland "
        "erteilt wurde" in page
    )
    assert "because_of_war" not in page
    assert "residence_title.because_of_war" not in page
    # benefits, office and switch are open; labour-market access and the course are answered
    assert page.count("Nicht zu beurteilen ohne") == 3
    assert "Arbeitsmarktzugang" in page


def test_the_timeline_of_an_asylum_seeker_2019_names_the_closeness_to_the_labour_market(
    client_for, caseworker, abh
):
    """Iraq, entered before 1 August 2019: the course then depends on closeness to the labour
    market, which lotse does not record; the benefits of those days are given."""
    person = register(caseworker, nationality="IRQ")
    case_open(actor=abh, person=person, reason="residence")
    for kind, day, details in [
        ("entry", date(2019, 1, 10), {}),
        ("ankunftsnachweis", date(2019, 1, 10), {}),
        ("asylum_application", date(2019, 1, 15), {"kind": "first"}),
        ("decision", date(2019, 9, 2), {"outcome": "fluechtlingsschutz", "by": "bamf"}),
    ]:
        status_event_record(
            actor=abh, person=person, kind=kind, date=day, details=details, source="document"
        )
    page = client_for(abh).get(reverse("web:status_timeline", args=[person.pk])).content.decode()
    assert "Nicht zu beurteilen ohne: Nähe zum Arbeitsmarkt" in page
    assert "labour_market_close" not in page
    assert "Grundleistungen" in page


def test_the_person_page_says_where_a_60d_may_apply_and_never_granted(client_for, abh, amal):
    amal.nationalities.update(country="AFG")
    for kind, day, details in [
        ("entry", date(2021, 4, 20), {}),
        ("asylum_application", date(2021, 5, 1), {"kind": "first"}),
        ("decision", date(2022, 6, 1), {"outcome": "rejected_unfounded"}),
        ("finality", date(2022, 7, 1), {}),
        ("duldung", date(2022, 8, 1), {"variant": "60a"}),
        ("employment_start", date(2024, 9, 1), {"hours_per_week": 25}),
    ]:
        status_event_record(
            actor=abh, person=amal, kind=kind, date=day, details=details, source="document"
        )
    page = client_for(abh).get(reverse("web:person_detail", args=[amal.pk])).content.decode()
    assert "Ausbildungs- oder Beschäftigungsduldung" in page
    assert "Beschäftigungsduldung (§ 60d) kann in Frage kommen – Voraussetzungen prüfen" in page
    assert "§ 60d Abs. 1 AufenthG" in page
    assert "Beschäftigungsduldung erteilt" not in page
    assert "VABO-Klasse an einer beruflichen Schule" in page
