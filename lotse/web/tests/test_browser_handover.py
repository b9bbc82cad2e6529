"""A full hand-over in the browser, two people at two desks, and axe-core on every page of case
work, hand-overs, persons and duplicates.

The Sozialamt of Tübingen registers Amal Al-Hassan (the Ausländerbehörde knows her under another
spelling), writes a shared and an internal note and hands her over to the Jobcenter Tübingen at
the Rechtskreiswechsel, sharing "profile" and "notes". The Jobcenter sees the request, accepts,
sees the shared note with its basis (§ 69 SGB X) and not the internal one, and completes the
hand-over; the Sozialamt sees the outcome and its case closed. Every assertion is on what the
user sees.

    .venv/bin/python -m pytest lotse/web/tests/test_browser_handover.py -x
"""

from datetime import timedelta

import pytest
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from playwright.sync_api import expect

from lotse.cases import referrals as referral_services
from lotse.cases.models import Case, NoteVisibility, ReferralKind
from lotse.cases.services import case_update, follow_up_add, note_add
from lotse.demo.registry_load import load_rows
from lotse.identity.batch import duplicate_run_execute
from lotse.identity.generate import Generator
from lotse.identity.services import duplicate_run_start
from lotse.organisations.models import Office, Role
from lotse.people.models import Person
from lotse.people.tests.factories import register
from lotse.web.tests.browser_support import OFFICE, UI, assert_all_clean, sign_in, t

pytestmark = pytest.mark.browser

JOBCENTER = "jc-tubingen-08416"
ABH = "abh-tubingen-08416"
IM = "im-tubingen-08416"
SHARED_NOTE = "Sprachkurs B1 abgeschlossen; sucht Arbeit in der Altenpflege."
INTERNAL_NOTE = "Intern: Erstattungsanspruch nach § 104 SGB X prüfen."
OUTCOME = "Zuständigkeit übernommen: Leistungen nach dem SGB II ab dem 1. des Monats."
BASIS = "§ 69 Abs. 1 Nr. 1 SGB X"
BASIS_TEXT = "§ 69 Abs. 1 Nr. 1 SGB X (as far as necessary for the statutory task)"


def click_and_load(ui: UI, locator) -> None:
    """Click something that leads to another page (or the same page again, after a POST)."""
    with ui.page.expect_navigation():
        locator.click()
    ui.page.wait_for_load_state("load")


def main(ui: UI):
    return ui.page.locator("main")


def register_amal(sozialamt: UI) -> None:
    """Registration through the page: the duplicate check finds the Ausländerbehörde's record
    (a record exists, held by …), the caseworker confirms it is the same person."""
    page = sozialamt.page
    sozialamt.goto("/persons/new/")
    page.fill("#id_family_name", "Al-Hassan")
    page.fill("#id_given_names", "Amal")
    page.fill("#id_original_family_name", "الحسن")
    page.fill("#id_original_given_names", "أمل")
    page.select_option("#id_original_script", "Arab")
    page.select_option("#id_sex", "f")
    page.fill("#id_birth_date", "01.01.1990")
    page.check("#id_birth_date_placeholder")
    page.select_option("#id_nationality", "SYR")
    click_and_load(sozialamt, page.locator("main form button[type=submit]").last)

    candidates = page.locator("section[aria-labelledby=candidates-title]")
    expect(candidates).to_be_visible()
    candidate = candidates.locator("li.lotse-candidate").first
    expect(candidate).to_contain_text(
        t("A record exists at %(offices)s") % {"offices": "Landratsamt Tübingen – Ausländerbehörde"}
    )
    expect(candidate).to_contain_text(t("possibly the same person"))
    # the other office's record stays hidden: no name, no date of birth of it
    expect(candidate).not_to_contain_text("Al Hasan")
    sozialamt.axe("register a person, a record held elsewhere")
    candidate.locator("details summary").click()
    expect(candidate.locator("details input[name^=emergency_reason]")).to_be_visible()
    sozialamt.axe("register a person, emergency access opened")

    # only possibly the same person: linked with the document seen
    candidate.locator("select[name^=confirm_type]").select_option("passport")
    candidate.locator("input[name^=confirm_value]").fill("N0123456")
    click_and_load(sozialamt, candidate.locator("button[name=decision][value^='link:']"))
    assert "/persons/" in page.url
    assert "/new/" not in page.url
    expect(page.locator("main [role=status]").first).to_contain_text(
        t("The existing record was linked to your office; new spellings were added.")
    )
    arabic = page.locator("main bdi[dir=auto]", has_text="أمل").first
    expect(arabic).to_be_visible()
    assert arabic.evaluate("element => getComputedStyle(element).direction") == "rtl"
    sozialamt.axe("person, linked")


def add_note(ui: UI, text: str, visibility: str) -> None:
    page = ui.page
    notes = page.locator("section[aria-labelledby=notes-title]")
    notes.locator("textarea[name=text]").fill(text)
    notes.locator("select[name=visibility]").select_option(visibility)
    click_and_load(ui, notes.get_by_role("button", name=t("Add note")))
    expect(page.locator("main [role=status]").first).to_contain_text(t("The note was saved."))
    expect(page.locator("section[aria-labelledby=notes-title]")).to_contain_text(text)


def test_handover_from_the_sozialamt_to_the_jobcenter(open_ui, make_user):
    make_user("sb-sozialamt", Role.CASEWORKER)
    make_user("sb-jobcenter", Role.CASEWORKER, office=JOBCENTER)
    abh = make_user("sb-abh", Role.CASEWORKER, office=ABH, second_factor=False)
    # The Ausländerbehörde registered her on arrival, under another spelling.
    register(abh, family_name="Al Hasan", given_names="Amal")

    sozialamt = open_ui("Sozialamt")
    jobcenter = open_ui("Jobcenter")
    sign_in(sozialamt, "sb-sozialamt")
    sign_in(jobcenter, "sb-jobcenter")
    page = sozialamt.page

    # --- the Sozialamt: register, open the case, two notes, hand over ----------------------
    register_amal(sozialamt)
    click_and_load(
        sozialamt,
        page.locator("section[aria-labelledby=cases]").get_by_role("link", name=t("Case")),
    )
    assert "/cases/" in page.url
    case_url = page.url
    expect(page.locator("h1")).to_contain_text("Amal")
    add_note(sozialamt, SHARED_NOTE, NoteVisibility.SHARED)
    add_note(sozialamt, INTERNAL_NOTE, NoteVisibility.OFFICE)
    notes = page.locator("section[aria-labelledby=notes-title]")
    expect(notes).to_contain_text(t("shared with the offices involved"))
    expect(notes).to_contain_text(t("own office only"))
    sozialamt.axe("case, with notes")

    click_and_load(sozialamt, main(sozialamt).get_by_role("link", name=t("Refer or hand over")))
    expect(page.locator("h1")).to_contain_text(t("Refer or hand over"))
    sozialamt.axe("refer or hand over")
    form = page.locator("main form")
    form.locator("#id_to_office").select_option(label="Jobcenter Landkreis Tübingen")
    form.locator("#id_kind").select_option(ReferralKind.TRANSFER)
    form.locator("#id_purpose").fill("Rechtskreiswechsel nach Anerkennung: Leistungen nach SGB II")
    # health data need the person's explicit consent: refused, with the reason, nothing sent
    form.get_by_label(t("health (special category: explicit consent only)")).check()
    click_and_load(sozialamt, form.get_by_role("button", name=t("Send request")))
    expect(page.locator("h1")).to_contain_text(t("Refer or hand over"))
    refusal = page.locator("main fieldset .kern-error")
    expect(refusal).to_contain_text("Jobcenter Landkreis Tübingen")
    expect(page.locator("main fieldset input:checked")).to_have_count(1)  # the entry is kept
    sozialamt.axe("refer or hand over, a category refused")
    form = page.locator("main form")
    form.get_by_label(t("health (special category: explicit consent only)")).uncheck()
    form.get_by_label(t("profile: schooling, work, languages")).check()
    form.get_by_label(t("shared notes")).check()
    click_and_load(sozialamt, form.get_by_role("button", name=t("Send request")))
    assert "/referrals/" in page.url
    referral_url = page.url
    header = page.locator("main .lotse-page-header")
    expect(header).to_contain_text("Jobcenter Landkreis Tübingen")
    expect(header).to_contain_text(t("requested"))
    shared = page.locator("main dl")
    expect(shared).to_contain_text(BASIS)
    expect(shared).to_contain_text(t("profile: schooling, work, languages"))
    expect(shared).to_contain_text(t("shared notes"))
    expect(shared).to_contain_text(t(BASIS_TEXT))
    expect(main(sozialamt).get_by_role("button", name=t("Withdraw request"))).to_be_visible()
    sozialamt.axe("referral, sender, requested")

    # --- the Jobcenter: the request waits on the start page and in the list ----------------
    jc = jobcenter.page
    jobcenter.goto("/")
    waiting = jc.locator("section[aria-labelledby=start-incoming]")
    expect(waiting).to_contain_text("Amal")
    expect(waiting).to_contain_text("Landratsamt Tübingen – Sozialamt (AsylbLG)")
    jobcenter.axe("start, a hand-over waiting")
    click_and_load(jobcenter, jc.locator("nav.lotse-nav").get_by_role("link", name=t("Hand-overs")))
    incoming = jc.locator("section[aria-labelledby=in-title]")
    expect(incoming.locator("tbody tr")).to_have_count(1)
    expect(incoming).to_contain_text(t("requested"))
    jobcenter.axe("hand-overs, one incoming")
    click_and_load(jobcenter, incoming.get_by_role("link", name="Amal"))
    assert jc.url == referral_url
    expect(main(jobcenter).get_by_role("button", name=t("Decline"))).to_be_visible()
    jobcenter.axe("referral, receiver, requested")
    jc.locator("main textarea[name=text]").fill("Wir übernehmen.")
    click_and_load(jobcenter, main(jobcenter).get_by_role("button", name=t("Accept")))
    expect(jc.locator("main .lotse-page-header")).to_contain_text(t("accepted"))
    expect(
        main(jobcenter).get_by_role("button", name=t("Responsibility taken over"))
    ).to_be_visible()
    jobcenter.axe("referral, receiver, accepted")

    # exactly the shared data: the shared note with its basis, not the internal one
    click_and_load(jobcenter, main(jobcenter).get_by_role("link", name=t("Your case")))
    assert "/cases/" in jc.url
    assert jc.url != case_url
    received = jc.locator("section[aria-labelledby=shared-title]")
    expect(received).to_contain_text(SHARED_NOTE)
    expect(received).to_contain_text(BASIS)
    expect(received).to_contain_text("Landratsamt Tübingen – Sozialamt (AsylbLG)")
    assert INTERNAL_NOTE not in jobcenter.main_text()
    assert INTERNAL_NOTE not in jc.content()
    expect(jc.locator("section[aria-labelledby=notes-title]")).not_to_contain_text(SHARED_NOTE)
    jobcenter.axe("case, receiving office, shared data")
    # the identity record is shared with every office that has a case
    click_and_load(jobcenter, main(jobcenter).get_by_role("link", name=t("Identity record")))
    expect(jc.locator("main bdi[dir=auto]", has_text="أمل").first).to_be_visible()
    assert INTERNAL_NOTE not in jc.content()
    jobcenter.axe("person, receiving office")

    # completing the hand-over, with the outcome
    jobcenter.goto(referral_url)
    jc.locator("main textarea[name=text]").fill(OUTCOME)
    click_and_load(
        jobcenter, main(jobcenter).get_by_role("button", name=t("Responsibility taken over"))
    )
    expect(jc.locator("main .lotse-page-header")).to_contain_text(t("closed"))
    expect(jc.locator("main dl")).to_contain_text(OUTCOME)
    jobcenter.axe("referral, receiver, closed")

    # --- the Sozialamt sees the outcome and its case closed --------------------------------
    sozialamt.goto(referral_url)
    expect(page.locator("main .lotse-page-header")).to_contain_text(t("closed"))
    expect(page.locator("main dl")).to_contain_text(OUTCOME)
    timeline = page.locator("section[aria-labelledby=timeline-title]")
    expect(timeline).to_contain_text("Jobcenter Landkreis Tübingen")
    expect(timeline.locator("li")).to_have_count(3)  # requested, accepted, closed
    # nothing left to do: no step, no empty text field
    expect(main(sozialamt).get_by_role("button")).to_have_count(0)
    expect(page.locator("main textarea")).to_have_count(0)
    sozialamt.axe("referral, sender, closed")
    sozialamt.goto("/referrals/")
    expect(page.locator("section[aria-labelledby=out-title]")).to_contain_text(OUTCOME)
    sozialamt.axe("hand-overs, one sent and done")
    sozialamt.goto(case_url)
    expect(page.locator("main .lotse-page-header")).to_contain_text(t("closed"))
    expect(page.locator("main .lotse-page-header")).to_contain_text("Jobcenter Landkreis Tübingen")
    expect(main(sozialamt).get_by_role("link", name=t("Refer or hand over"))).to_have_count(0)
    sozialamt.axe("case, closed by the hand-over")

    assert_all_clean(sozialamt, jobcenter)


# --- every page of case work, hand-overs, persons and duplicates, checked by axe-core --------


def _referrals_in_every_state(sozialamt_sb, jobcenter_sb, im_sb):
    """Referrals sent by the Sozialamt in each state a sender sees, and one the Jobcenter sent
    to the Sozialamt (still requested)."""
    soon = timezone.localdate() + timedelta(days=7)

    def sent(family_name: str, to, kind=ReferralKind.SERVICE):
        person = register(sozialamt_sb, family_name=family_name, given_names="Amal", original=None)
        case = Case.objects.get(person=person, office=sozialamt_sb.office)
        return referral_services.referral_request(
            actor=sozialamt_sb,
            case=case,
            to_office=to.office,
            kind=kind,
            purpose="Kompetenzfeststellung",
            categories=[],  # the identity core only
            respond_by=soon,
        )

    states = {}
    declined = sent("Declined", im_sb)
    referral_services.referral_decline(actor=im_sb, referral=declined, reason="Kein Platz frei.")
    states["declined"] = declined
    in_progress = sent("Progress", im_sb)
    referral_services.referral_accept(actor=im_sb, referral=in_progress)
    referral_services.referral_start(actor=im_sb, referral=in_progress)
    states["in progress"] = in_progress
    returned = sent("Returned", im_sb)
    referral_services.referral_accept(actor=im_sb, referral=returned)
    referral_services.referral_give_back(actor=im_sb, referral=returned, outcome="B1, Pflege.")
    states["returned"] = returned
    withdrawn = sent("Withdrawn", jobcenter_sb, ReferralKind.TRANSFER)
    referral_services.referral_withdraw(actor=sozialamt_sb, referral=withdrawn, reason="Irrtum")
    states["withdrawn"] = withdrawn

    person = register(jobcenter_sb, family_name="Incoming", given_names="Amal", original=None)
    case = Case.objects.get(person=person, office=jobcenter_sb.office)
    note_add(actor=jobcenter_sb, case=case, text="Geteilt vom Jobcenter.", visibility="shared")
    incoming = referral_services.referral_request(
        actor=jobcenter_sb,
        case=case,
        to_office=sozialamt_sb.office,
        kind=ReferralKind.SERVICE,
        purpose="Unterkunft klären",
        categories=["notes"],
        respond_by=soon,
    )
    return states, incoming


def test_case_work_pages_as_team_lead(ui, make_user):
    lead = make_user("tl-sozialamt", Role.TEAM_LEAD)
    caseworker = make_user("sb-sozialamt", Role.CASEWORKER, second_factor=False)
    jobcenter = make_user("sb-jobcenter", Role.CASEWORKER, office=JOBCENTER, second_factor=False)
    im = make_user("sb-im", Role.CASEWORKER, office=IM, second_factor=False)
    sent, incoming = _referrals_in_every_state(caseworker, jobcenter, im)
    # a case of the team lead's own, with a follow-up due today
    own = Case.objects.get(person=sent["declined"].person, office=caseworker.office)
    case_update(actor=lead, case=own, expected_version=own.version, summary="", responsible=lead)
    follow_up_add(actor=lead, case=own, due_on=timezone.localdate(), title="Bescheid prüfen")
    page = ui.page
    sign_in(ui, "tl-sozialamt")

    # the caseload, with each filter
    click_and_load(ui, page.locator("nav.lotse-nav").get_by_role("link", name=t("Cases")))
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(4)
    ui.axe("caseload")
    page.check("#mine")
    page.check("#due")
    click_and_load(ui, main(ui).get_by_role("button", name=t("Filter")))
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Declined")
    expect(rows.first).to_contain_text(t("due"))
    ui.axe("caseload, mine with a follow-up due")
    ui.goto("/cases/?unassigned=1&q=Returned")
    expect(rows).to_have_count(1)
    ui.axe("caseload, unassigned, searched")
    ui.goto("/cases/?closed=1")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(t("No cases."))
    ui.axe("caseload, closed (none)")

    # bulk reassignment: no case chosen, then two cases to the caseworker
    ui.goto("/cases/")
    click_and_load(ui, main(ui).get_by_role("link", name=t("Reassign cases")))
    expect(page.locator("h1")).to_have_text(t("Reassign cases"))
    ui.axe("reassign")
    page.locator("main select[name=responsible]").select_option(str(caseworker.pk))
    click_and_load(ui, main(ui).get_by_role("button", name=t("Reassign")))  # no case chosen
    expect(page.locator("main fieldset .kern-error")).to_be_visible()
    ui.axe("reassign, with errors")
    page.get_by_label("Progress, Amal", exact=False).check()
    page.get_by_label("Returned, Amal", exact=False).check()
    click_and_load(ui, main(ui).get_by_role("button", name=t("Reassign")))
    expect(page.locator("main [role=status]").first).to_contain_text("2")
    expect(page.locator("main table tbody tr", has_text="Progress")).to_contain_text("Bea Browser")
    ui.axe("caseload, after reassigning")

    # the case page: follow-up, notes, referrals; then an edit that meets a newer version
    ui.goto(f"/cases/{own.pk}/")
    expect(page.locator("section[aria-labelledby=fu-title]")).to_contain_text("Bescheid prüfen")
    expect(page.locator("section[aria-labelledby=ref-title]")).to_contain_text(t("declined"))
    ui.axe("case, with a follow-up and a declined referral")
    page.locator("main #id_summary").fill("Meine Fassung")
    own.refresh_from_db()
    case_update(actor=caseworker, case=own, expected_version=own.version, summary="Ihre Fassung")
    click_and_load(ui, page.locator("section[aria-labelledby=case-title] button[type=submit]"))
    conflict = page.locator("main section[aria-labelledby=conflict-title]")
    expect(conflict).to_contain_text("Ihre Fassung")
    expect(page.locator("main #id_summary")).to_have_value("Meine Fassung")
    ui.axe("case, edit conflict")

    # the hand-overs list and each state of a referral, as sender and as receiver
    click_and_load(ui, page.locator("nav.lotse-nav").get_by_role("link", name=t("Hand-overs")))
    expect(page.locator("section[aria-labelledby=in-title] tbody tr")).to_have_count(1)
    expect(page.locator("section[aria-labelledby=out-title] tbody tr")).to_have_count(4)
    ui.axe("hand-overs")
    for state, referral in sent.items():
        ui.goto(f"/referrals/{referral.pk}/")
        expect(page.locator("main .lotse-page-header")).to_contain_text(t(state))
        ui.axe(f"referral, sender, {state}")
    ui.goto(f"/referrals/{sent['returned'].pk}/")
    expect(page.locator("main dl")).to_contain_text("B1, Pflege.")
    expect(main(ui).get_by_role("button", name=t("Close"))).to_be_visible()

    ui.goto(f"/referrals/{incoming.pk}/")
    for step, state in (
        ("Accept", "accepted"),
        ("Start work", "in progress"),
        ("Give back with outcome", "returned"),
    ):
        if step == "Give back with outcome":
            page.locator("main textarea[name=text]").fill("Unterkunft geklärt.")
        click_and_load(ui, main(ui).get_by_role("button", name=t(step)))
        expect(page.locator("main .lotse-page-header")).to_contain_text(t(state))
        ui.axe(f"referral, receiver, {state}")
    # the Jobcenter's shared note reached the Sozialamt's new case, with its basis
    click_and_load(ui, main(ui).get_by_role("link", name=t("Your case")))
    received = page.locator("section[aria-labelledby=shared-title]")
    expect(received).to_contain_text("Geteilt vom Jobcenter.")
    expect(received).to_contain_text(BASIS)
    ui.axe("case, received from the Jobcenter")
    ui.assert_clean()
    print("axe-core checked: " + ", ".join(ui.checked))


def test_person_and_duplicate_pages_as_team_lead(ui, make_user, settings):
    lead = make_user("tl-sozialamt", Role.TEAM_LEAD)
    abh = make_user("sb-abh", Role.CASEWORKER, office=ABH, second_factor=False)
    # the registry as the batch search finds it: generated persons with planted duplicates
    settings.LOTSE_DEMO = True
    load_rows(
        Generator(seed=8416, duplicates=0.3).rows(200), office=Office.objects.get(code=OFFICE)
    )
    run = duplicate_run_start(actor=lead)
    run = duplicate_run_execute(run_id=run.pk, processes=1)
    assert run.pairs_found > 0
    # a record only the Ausländerbehörde holds
    register(abh, family_name="Al Hasan", given_names="Amal")
    page = ui.page
    sign_in(ui, "tl-sozialamt")

    # registration: a variant spelling finds the Ausländerbehörde's record
    ui.goto("/persons/new/")
    page.fill("#id_family_name", "Alhassan")
    page.fill("#id_given_names", "Amal")
    page.fill("#id_birth_date", "1990")
    page.select_option("#id_nationality", "SYR")
    click_and_load(ui, page.locator("main form button[type=submit]").last)
    candidate = page.locator("main li.lotse-candidate").first
    expect(candidate).to_contain_text(
        t("A record exists at %(offices)s") % {"offices": "Landratsamt Tübingen – Ausländerbehörde"}
    )
    candidate.locator("details summary").click()
    ui.axe("register a person, a record held elsewhere, emergency access")
    click_and_load(
        ui, main(ui).get_by_role("button", name=t("None of these: register a new person"))
    )
    expect(page.locator("main [role=status]").first).to_contain_text(
        t("The person was registered and a case opened.")
    )
    person_url = page.url
    ui.axe("person, just registered")

    # the person search: the page and htmx while typing
    ui.goto("/persons/?q=Alhassan")
    # the new record and any generated namesakes of the office (the generator has families)
    namesakes = (
        Person.objects.filter(
            Q(names__family_name__icontains="Alhassan")
            | Q(names__given_names__icontains="Alhassan"),
            cases__office__code=OFFICE,
            cases__status="open",
            merged_into__isnull=True,
        )
        .distinct()
        .count()
    )
    assert namesakes >= 1
    expect(page.locator("main table tbody tr")).to_have_count(namesakes)
    ui.axe("persons, found")
    ui.goto("/persons/")
    ui.axe("persons")

    # consents (lotse/consent): the person's section, recording one (also with errors)
    ui.goto(person_url)
    consents = page.locator("section[aria-labelledby=consents]")
    if consents.count():
        click_and_load(ui, consents.get_by_role("link", name=t("Record a consent")))
        ui.axe("record a consent")
        click_and_load(ui, page.locator("main form button[type=submit]").last)
        ui.axe("record a consent, with errors")

    # possible duplicates: the queue after the batch search, a pair
    click_and_load(
        ui, page.locator("nav.lotse-nav").get_by_role("link", name=t("Possible duplicates"))
    )
    pairs = page.locator("section[aria-labelledby=queue-title] tbody tr")
    expect(pairs.first.get_by_role("link")).to_be_visible()
    ui.axe("possible duplicates, with pairs")
    click_and_load(ui, pairs.first.get_by_role("link"))
    expect(page.locator("h1")).to_have_text(t("Possible duplicate"))
    expect(page.locator("main .lotse-compare section.lotse-section")).to_have_count(2)
    ui.axe("possible duplicate")
    ui.assert_clean()
    print("axe-core checked: " + ", ".join(ui.checked))


# The pages of consent, status and subject rights (lotse/templates/{consent,status,
# subject_rights}), each a GET for one person: (url name, query string). Pages whose URL does
# not exist (yet) are left out.
PERSON_PAGES = [
    ("web:person_detail", ""),
    ("web:consent_record", ""),
    ("web:status_timeline", ""),
    ("web:status_event_new", ""),
    ("web:status_switch", ""),
    ("web:subject_report", ""),
    ("web:correction_record", ""),
    ("web:correction_resolve", ""),
]
DPO_PAGES = [("web:dpo_subject_report_start", ""), ("web:dpo_subject_report", "")]


def _paths(pages, person_id) -> list[tuple[str, str]]:
    found = []
    for name, query in pages:
        for kwargs in ({"person_id": person_id}, {}):
            try:
                found.append((name, reverse(name, kwargs=kwargs) + query))
                break
            except NoReverseMatch:
                continue
    return found


def test_consent_status_and_subject_rights_pages(open_ui, make_user):
    caseworker = make_user("sb-sozialamt", Role.CASEWORKER)
    make_user("dsb-sozialamt", Role.DATA_PROTECTION_OFFICER)
    person = register(caseworker)
    paths = _paths(PERSON_PAGES, person.pk)
    try:
        from lotse.status.events import EventKind
    except ImportError:
        EventKind = None
    if EventKind is not None and ("web:status_event_new", "") in PERSON_PAGES:
        url = reverse("web:status_event_new", kwargs={"person_id": person.pk})
        # the forms differ by kind: a sample of them keeps the test fast
        kinds = EventKind.values[::5]
        paths += [(f"status event: {kind}", f"{url}?kind={kind}") for kind in kinds]
    try:
        paths.append(("web:correction_list", reverse("web:correction_list")))
    except NoReverseMatch:
        pass

    sozialamt = open_ui("caseworker")
    sign_in(sozialamt, "sb-sozialamt")
    for name, path in paths:
        sozialamt.goto(path)
        sozialamt.axe(name)
    dpo = open_ui("data-protection officer")
    sign_in(dpo, "dsb-sozialamt")
    for name, path in _paths(DPO_PAGES, person.pk):
        dpo.goto(path)
        dpo.axe(name)
    assert_all_clean(sozialamt, dpo)
