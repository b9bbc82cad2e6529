"""Forms that help (docs/ui.md, "Forms"): every form of the pages, posted wrong, comes back with
the error summary linked to its fields, the input as typed and "optional" exactly on the
optional fields; legal facts are never pre-ticked; the defaults are sensible (a deadline two
weeks ahead, only colleagues who can hold a case as assignees)."""

import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from lotse.access.policy import case_holders
from lotse.cases.models import Case, ReferralState
from lotse.cases.referrals import ANSWER_WITHIN, default_answer_by, referral_request
from lotse.cases.services import case_open, cases_reassign
from lotse.consent.models import Consent
from lotse.organisations.models import Role
from lotse.organisations.tests.factories import UserFactory, reference_office
from lotse.people.models import HouseholdMember
from lotse.people.tests.factories import register
from lotse.status.models import StatusEvent
from lotse.status.services import switch_referral_defaults
from lotse.subject_rights.models import CorrectionRequest
from lotse.web.templatetags.lotse_ui import error_summary_entries

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(caseworker):
    return Case.objects.get(person=register(caseworker))


@pytest.fixture
def abh():
    return UserFactory(
        username="abh-forms", office=reference_office("abh-tubingen-08416"), roles=[Role.CASEWORKER]
    )


def summary(html: str) -> str:
    """The error summary of the page (it is there exactly once)."""
    found = re.findall(r"<div [^>]*data-error-summary.*?</ul>", html, flags=re.S)
    assert len(found) == 1, f"{len(found)} error summaries"
    assert 'tabindex="-1"' in found[0]
    return found[0]


def links(html: str) -> list[str]:
    return re.findall(r'href="#([^"]+)"', summary(html))


def assert_targets_exist(html: str) -> None:
    for anchor in links(html):
        assert f'id="{anchor}"' in html, f"the summary links to #{anchor}, which is not there"


def label_of(html: str, field_id: str) -> str:
    match = re.search(rf'<label class="kern-label" for="{field_id}">(.*?)</label>', html, re.S)
    assert match, field_id
    return match.group(1)


def legend_of(html: str, first_input_id: str) -> str:
    """The legend of the fieldset holding the input `first_input_id`."""
    start = html.index(f'id="{first_input_id}"')
    fieldset = html.rindex("<fieldset", 0, start)
    return re.search(r"<legend[^>]*>(.*?)</legend>", html[fieldset:start], re.S).group(1)


OPTIONAL = "kern-label__optional"


# --- the partial -------------------------------------------------------------------------------


class _Sample(forms.Form):
    hidden = forms.CharField(widget=forms.HiddenInput)
    name = forms.CharField(label="Name")
    choice = forms.ChoiceField(
        label="Choice", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect
    )
    note = forms.CharField(label="Note", required=False)

    def clean(self):
        raise forms.ValidationError("The whole form is wrong.")


def test_the_summary_lists_every_error_with_a_link_to_its_field():
    form = _Sample({"note": "kept"})
    form.full_clean()
    form._errors["not_a_field"] = form.error_class(["from a service"])  # as a service may name
    entries = error_summary_entries(form)
    anchors = [(e["anchor"], e["message"]) for e in entries]
    assert ("", "The whole form is wrong.") in anchors  # errors of no field first, no link
    assert ("", "from a service") in anchors  # a key that is no field is listed, not lost
    assert ("id_name", "This field is required.") in anchors
    assert ("id_choice_0", "This field is required.") in anchors  # the first radio button
    # the hidden field's error has no field to go to: listed without a link, not dropped
    assert ("", "", "This field is required.") in [
        (e["anchor"], e["label"], e["message"]) for e in entries
    ]
    html = Template("{% load lotse_ui %}{% error_summary form %}").render(Context({"form": form}))
    assert 'href="#id_name"' in html
    assert 'role="alert"' in html


def test_no_summary_for_a_form_not_sent_or_valid():
    template = Template("{% load lotse_ui %}{% error_summary form %}")
    assert "data-error-summary" not in template.render(Context({"form": _Sample()}))
    # the old name of the partial renders the same summary
    old = Template('{% include "lotse/ui/form_errors.html" %}')
    assert "data-error-summary" in old.render(Context({"form": _Sample({})}))


# --- the case page ---------------------------------------------------------------------------


def test_a_follow_up_without_a_date_comes_back_as_typed(caseworker, case, client_for):
    response = client_for(caseworker).post(
        f"/cases/{case.pk}/follow-ups/", {"due_on": "", "title": "Termin Sprachkurs"}
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert links(html) == ["id_due_on"]
    assert_targets_exist(html)
    assert 'value="Termin Sprachkurs"' in html
    assert OPTIONAL not in label_of(html, "id_due_on")
    assert OPTIONAL in label_of(html, "id_summary")  # the case's summary is optional
    assert not case.follow_ups.exists()


def test_a_note_and_the_closing_without_text_come_back(caseworker, case, client_for):
    client = client_for(caseworker)
    response = client.post(f"/cases/{case.pk}/notes/", {"text": "", "visibility": "shared"})
    assert response.status_code == 422
    assert links(response.content.decode()) == ["id_text"]
    assert 'value="shared" selected' in response.content.decode()
    response = client.post(f"/cases/{case.pk}/close/", {"reason": ""})
    assert response.status_code == 422
    assert links(response.content.decode()) == ["id_reason"]
    case.refresh_from_db()
    assert case.status == "open"


def test_the_case_form_refuses_a_planner_as_responsible_and_keeps_the_summary(
    caseworker, planner, case, client_for
):
    response = client_for(caseworker).post(
        f"/cases/{case.pk}/",
        {"version": case.version, "summary": "Antrag SGB II stellen", "responsible": planner.pk},
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert links(html) == ["id_responsible"]
    assert "Antrag SGB II stellen" in html


def test_the_assignees_are_the_colleagues_who_can_hold_a_case(
    caseworker, team_lead, planner, dpo, administrator, other_caseworker, case, client_for
):
    gone = UserFactory(username="gone", office=caseworker.office, roles=[Role.CASEWORKER])
    gone.is_active = False
    gone.save()
    assert set(case_holders(caseworker.office)) == {caseworker, team_lead}
    for url in (f"/cases/{case.pk}/", "/cases/reassign/"):
        client = client_for(team_lead)
        html = client.get(url).content.decode()
        select = re.search(r'<select name="responsible".*?</select>', html, re.S).group(0)
        assert f'value="{caseworker.pk}"' in select
        assert f'value="{team_lead.pk}"' in select
        for other in (planner, dpo, administrator, other_caseworker, gone):
            assert f'value="{other.pk}"' not in select, (url, other)
    # and the service refuses them, whatever is posted
    with pytest.raises(ValidationError) as refused:
        cases_reassign(actor=team_lead, cases=[case], responsible=planner)
    assert list(refused.value.error_dict) == ["responsible"]
    case.refresh_from_db()
    assert case.responsible == caseworker


def test_reassigning_without_a_case_links_to_the_first_case(team_lead, case, client_for):
    response = client_for(team_lead).post("/cases/reassign/", {"responsible": team_lead.pk})
    assert response.status_code == 422
    html = response.content.decode()
    assert links(html) == ["id_cases_0"]
    assert_targets_exist(html)
    assert f'value="{team_lead.pk}" selected' in html


# --- referrals ---------------------------------------------------------------------------------


def test_a_referral_proposes_two_weeks_and_names_the_recipient_an(caseworker, case, client_for):
    assert ANSWER_WITHIN == timedelta(days=14)
    today = timezone.localdate()
    assert default_answer_by() == today + timedelta(days=14)
    assert default_answer_by(at_the_latest=today) == today + timedelta(days=1)  # never today
    html = client_for(caseworker).get(f"/cases/{case.pk}/referrals/new/").content.decode()
    assert label_of(html, "id_to_office").startswith("An")
    assert f'value="{(today + timedelta(days=14)).isoformat()}"' in html
    assert OPTIONAL in label_of(html, "id_due_by")
    assert OPTIONAL not in label_of(html, "id_respond_by")
    assert OPTIONAL in legend_of(html, "id_categories_0")


def test_a_referral_without_purpose_comes_back_as_typed(caseworker, case, client_for):
    jobcenter = reference_office("jc-tubingen-08416")
    response = client_for(caseworker).post(
        f"/cases/{case.pk}/referrals/new/",
        {
            "to_office": jobcenter.pk,
            "kind": "service",
            "purpose": "",
            "categories": ["profile"],
            "respond_by": "",
        },
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert links(html) == ["id_purpose", "id_respond_by"]
    assert_targets_exist(html)
    assert f'value="{jobcenter.pk}" selected' in html
    assert re.search(r'value="profile" id="id_categories_\d" checked', html)


def test_declining_without_a_reason_keeps_the_page(caseworker, case, client_for):
    jobcenter = UserFactory(username="jc-forms", office=reference_office("jc-tubingen-08416"))
    referral = referral_request(
        actor=caseworker,
        case=case,
        to_office=jobcenter.office,
        kind="service",
        purpose="competence check",
        categories=[],
        respond_by=default_answer_by(),
    )
    response = client_for(jobcenter).post(
        f"/referrals/{referral.pk}/", {"step": "decline", "text": ""}
    )
    assert response.status_code == 422
    assert links(response.content.decode()) == ["id_text"]
    referral.refresh_from_db()
    assert referral.state == ReferralState.REQUESTED


# --- persons -----------------------------------------------------------------------------------


def test_a_registration_without_a_name_keeps_everything_entered(caseworker, client_for):
    response = client_for(caseworker).post(
        reverse("web:person_register"),
        {
            "family_name": "",
            "given_names": "",
            "name_source": "self",
            "sex": "f",
            "birth_date": "31.02.1990",
            "birth_place": "Aleppo",
            "member-TOTAL_FORMS": "1",
            "member-INITIAL_FORMS": "0",
            "member-0-role": "child",
            "member-0-family_name": "Al-Hassan",
            "member-0-sex": "unknown",
            "member-0-birth_date": "13.2016",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "id_family_name" in links(html)
    assert "id_birth_date" in links(html)
    assert "id_member-0-birth_date" in links(html)
    assert_targets_exist(html)
    for kept in ("Aleppo", "31.02.1990", "13.2016", "Al-Hassan"):
        assert f'value="{kept}"' in html
    assert OPTIONAL in label_of(html, "id_birth_place")
    assert OPTIONAL not in label_of(html, "id_sex")


def test_adding_a_member_keeps_what_was_typed(caseworker, client_for):
    response = client_for(caseworker).post(
        reverse("web:person_register"),
        {
            "family_name": "Haddad",
            "birth_place": "Homs",
            "add_member": "1",
            "member-TOTAL_FORMS": "1",
            "member-INITIAL_FORMS": "0",
            "member-0-given_names": "Lina",
        },
    )
    html = response.content.decode()
    for kept in ("Haddad", "Homs", "Lina"):
        assert f'value="{kept}"' in html
    assert 'name="member-1-family_name"' in html


def test_an_identifier_without_number_comes_back_on_the_person_page(caseworker, case, client_for):
    response = client_for(caseworker).post(
        reverse("web:person_identifier_add", args=[case.person_id]),
        {"type": "passport", "value": "", "issuer": "Syrien"},
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert links(html) == ["id_value"]
    assert 'value="Syrien"' in html
    assert '<details class="lotse-details" open>' in html  # the form is shown, not folded


def test_a_name_variant_refused_comes_back(caseworker, case, client_for):
    response = client_for(caseworker).post(
        reverse("web:person_name_add", args=[case.person_id]),
        {"family_name": "x" * 201, "given_names": "Amal", "kind": "variant", "script": "Latn"},
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert set(links(html)) == {"id_family_name", "id_source"}
    assert 'value="Amal"' in html


# --- status ------------------------------------------------------------------------------------


@pytest.fixture
def amal(caseworker, abh):
    person = register(caseworker)
    case_open(actor=abh, person=person, reason="residence")
    return person


def test_the_dublin_box_is_not_ticked_for_a_decision(abh, amal, client_for):
    html = (
        client_for(abh)
        .get(reverse("web:status_event_new", args=[amal.pk]) + "?kind=decision")
        .content.decode()
    )
    # "Dublin case": yes, no or not known, and only "not known" preset
    assert re.search(r'value="" id="id_dublin_0" checked', html)
    assert not re.search(r'value="yes" id="id_dublin_1" checked', html)
    assert not re.search(r'name="dublin"[^>]*type="checkbox"', html)
    assert OPTIONAL in legend_of(html, "id_dublin_0")
    assert OPTIONAL not in legend_of(html, "id_outcome_0")
    html = (
        client_for(abh)
        .get(reverse("web:status_event_new", args=[amal.pk]) + "?kind=residence_title")
        .content
    )
    assert not re.search(r'value="yes" id="id_first_issue_1" checked', html.decode())


def test_a_refugee_protection_decision_stores_no_dublin_fact(abh, amal, client_for):
    client = client_for(abh)
    url = reverse("web:status_event_new", args=[amal.pk])
    client.post(f"{url}?kind=entry", {"date": "2015-10-12", "source": "document"})
    client.post(
        f"{url}?kind=asylum_application",
        {"date": "2015-11-16", "source": "document", "kind": "first"},
    )
    response = client.post(
        f"{url}?kind=decision",
        {"date": "2016-04-14", "source": "document", "outcome": "fluechtlingsschutz", "by": "bamf"},
    )
    assert response.status_code == 302, summary(response.content.decode())
    decision = StatusEvent.objects.get(person=amal, kind="decision")
    assert "dublin" not in decision.details


def test_an_inadmissible_decision_asks_about_dublin_and_keeps_the_entry(abh, amal, client_for):
    client = client_for(abh)
    url = reverse("web:status_event_new", args=[amal.pk])
    client.post(f"{url}?kind=entry", {"date": "2015-10-12", "source": "document"})
    response = client.post(
        f"{url}?kind=decision",
        {
            "date": "2016-04-14",
            "source": "document",
            "outcome": "inadmissible",
            "by": "bamf",
            "note": "Bescheid vom 14.04.",
        },
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert links(html) == ["id_dublin_0"]
    assert_targets_exist(html)
    assert re.search(r'value="inadmissible" id="id_outcome_\d+" checked', html)
    assert "Bescheid vom 14.04." in html
    assert not StatusEvent.objects.filter(person=amal, kind="decision").exists()


def test_taking_back_without_a_reason_comes_back(abh, amal, client_for):
    client = client_for(abh)
    client.post(
        reverse("web:status_event_new", args=[amal.pk]) + "?kind=entry",
        {"date": "2015-10-12", "source": "document"},
    )
    entry = StatusEvent.objects.get(person=amal, kind="entry")
    response = client.post(
        reverse("web:status_event_change", args=[amal.pk]) + f"?entry={entry.pk}&do=retract",
        {"reason": ""},
    )
    assert response.status_code == 422
    assert links(response.content.decode()) == ["id_reason"]


# --- consent and subject rights ----------------------------------------------------------------


def test_a_consent_refused_keeps_the_entry_with_links(caseworker, case, client_for):
    jobcenter = reference_office("jc-tubingen-08416")
    response = client_for(caseworker).post(
        reverse("web:consent_record", args=[case.person_id]),
        {
            "recipients": [jobcenter.pk],
            "categories": ["profile"],
            "purposes": [],
            "purpose_details": "Vermittlung in Arbeit",
            "given_on": timezone.localdate().isoformat(),
            "given_how": "written",
            "explained_language": "de",
        },
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert links(html)
    assert_targets_exist(html)
    assert "Vermittlung in Arbeit" in html
    assert re.search(rf'value="{jobcenter.pk}" id="id_recipients_\d+" checked', html)
    assert OPTIONAL in label_of(html, "id_interpreter_name")
    assert not Consent.objects.exists()


def test_the_dpo_start_links_to_the_identifier(dpo, client_for):
    response = client_for(dpo).get(
        reverse("web:dpo_subject_report_start"), {"person_id": "no-uuid"}
    )
    html = response.content.decode()
    assert links(html) == ["id_person_id"]
    assert 'value="no-uuid"' in html


def test_a_correction_request_and_its_answer_come_back_with_links(caseworker, case, client_for):
    client = client_for(caseworker)
    url = reverse("web:correction_record", args=[case.person_id])
    response = client.post(
        url, {"data_item": "name", "requested_value": "Al-Hasan", "evidence": ""}
    )
    assert response.status_code in (200, 400, 422)
    html = response.content.decode()
    assert links(html)
    assert_targets_exist(html)
    assert "Al-Hasan" in html
    client.post(
        url,
        {
            "data_item": "name",
            "current_value": "Al-Hassan, Amal",
            "requested_value": "Al-Hasan, Amal",
            "evidence": "Pass",
            "received_on": timezone.localdate().isoformat(),
        },
    )
    item = CorrectionRequest.objects.get(person_id=case.person_id)
    resolve = reverse("web:correction_resolve", args=[case.person_id]) + f"?request={item.pk}"
    response = client.post(resolve, {"request": item.pk, "status": "", "change_made": "Name"})
    html = response.content.decode()
    assert "id_status_0" in links(html)
    assert_targets_exist(html)
    assert "Name</textarea>" in html
    assert OPTIONAL not in legend_of(html, "id_status_0")
    assert OPTIONAL in label_of(html, "id_rejection_reason")


def test_the_hand_over_at_a_rechtskreiswechsel_is_not_due_today():
    today = timezone.localdate()
    for first_month, answer_by in [
        (today.replace(day=1) + timedelta(days=70), today + timedelta(days=14)),
        (today, today + timedelta(days=1)),  # late: tomorrow, not today
    ]:
        switch = SimpleNamespace(
            kind="asylblg_sgb2",
            first_month=first_month.replace(day=1),
            last_month=first_month.replace(day=1) - timedelta(days=1),
        )
        defaults = switch_referral_defaults(switch)
        assert defaults["respond_by"] == max(
            min(answer_by, switch.first_month - timedelta(days=1)), today + timedelta(days=1)
        )
        assert defaults["respond_by"] > today


def test_leaving_the_household_without_a_reason_comes_back(caseworker, case, client_for):
    client = client_for(caseworker)
    child = register(caseworker, family_name="Haddad", given_names="Lina", original=None)
    added = client.post(
        reverse("web:person_household_add", args=[case.person_id]),
        {"member": child.pk, "role": "child"},
    )
    assert added.status_code == 302
    member = HouseholdMember.objects.get(person=child, valid_to__isnull=True)
    since = timezone.localdate().isoformat()
    response = client.post(
        reverse("web:person_household_remove", args=[case.person_id]),
        {"member": member.pk, "valid_to": since, "reason": ""},
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert links(html) == [f"leave-{member.pk}-reason"]
    assert_targets_exist(html)
    assert f'value="{since}"' in html
    assert '<details class="lotse-details" open>' in html
    member.refresh_from_db()
    assert member.valid_to is None
