"""The acceptance test of a caseworker's day one: a Syrian family of four, from the Sozialamt to
the Jobcenter, in the browser and in German, every step through the pages.

1. A caseworker of the Sozialamt Tübingen signs in (password and second factor) and registers
   Amal Al-Hassan (her names also in Arabic script) with her husband and their two children in
   one go: the family rows of the registration page, the shared address typed once.
2. She records the BAMF's asylum application and its decision (Flüchtlingsschutz) for the whole
   family: the status page offers the same entry for every member of the Bedarfsgemeinschaft;
   the rules engine answers with its reasons and computes the Rechtskreiswechsel.
3. She hands the Bedarfsgemeinschaft over to the Jobcenter Tübingen, as one.
4. A caseworker of the Jobcenter Tübingen signs in, sees the hand-overs waiting on the start
   page, accepts them and sees all four persons in the Bedarfsgemeinschaft.

On every page: the German texts a user sees are asserted, no development reference (issue
numbers, the brief, docs/ files, Python files) and no English sentence shows, and axe-core finds
no violation. Only the users (personas) are set up beforehand; nothing of the journey is done
through the services.

    .venv/bin/python -m pytest lotse/web/tests/test_browser_family_journey.py -x
"""

import re
from functools import cache

import pytest
from django.utils import translation
from playwright.sync_api import expect

from lotse.organisations.models import Role
from lotse.web.tests.browser_support import UI, assert_all_clean, sign_in, t

pytestmark = pytest.mark.browser

JOBCENTER = "jc-tubingen-08416"
ABH = "abh-tubingen-08416"  # for the steps still to come (see the end of the file)
SOZIALAMT_NAME = "Landratsamt Tübingen – Sozialamt (AsylbLG)"
JOBCENTER_NAME = "Jobcenter Landkreis Tübingen"

# The family as the registration page gets it: Amal (the person registered), her husband and
# their two children; the address is typed once for all.
AMAL = {
    "family_name": "Al-Hassan",
    "given_names": "Amal",
    "original_family_name": "الحسن",
    "original_given_names": "أمل",
    "birth_date": "01.01.1990",
}
MEMBERS = [
    # (relation, given names, sex, date of birth)
    ("partner", "Karim", "m", "04.03.1986"),
    ("child", "Lina", "f", "02.06.2011"),
    ("child", "Omar", "m", "09.09.2014"),
]
ADDRESS = {"street": "Schaffhausenstraße 12", "postcode": "72072", "city": "Tübingen"}
EVERYONE = ["Al-Hassan, Amal", "Al-Hassan, Karim", "Al-Hassan, Lina", "Al-Hassan, Omar"]

# What no page may show: development references ...
DEVELOPMENT = re.compile(
    r"\bissue\b|#\d+\b|\bbrief\b|brief\.md|docs/|\.py\b|\bTODO\b|\bFIXME\b|⚠|\[S\d+[a-z]?\]",
    re.IGNORECASE,
)
# ... or an English sentence: words German does not have, in a row with another word.
ENGLISH_WORDS = re.compile(
    r"\b(the|and|of|is|are|this|that|with|your|you|has|have|been|which|cannot|please|"
    r"from|for|into|there|their|record|recorded|person|office|case)\s+\w+"
)


@cache
def english_msgids() -> tuple[str, ...]:
    """The catalogue's English texts that have a German translation of their own: their
    longest piece between placeholders, if long enough to be a sentence."""
    with translation.override("de"):
        catalog = translation.trans_real.translation("de")._catalog
    pieces = set()
    for msgid, msgstr in catalog.items():
        if not isinstance(msgid, str) or not msgid or msgid == msgstr:
            continue
        piece = max(re.split(r"%\(\w+\)[sd]|%[sd]|\{\{[^}]*\}\}", msgid), key=len).strip()
        if len(piece) >= 20 and piece.count(" ") >= 2:
            pieces.add(piece)
    return tuple(sorted(pieces))


def around(text: str, found: re.Match) -> str:
    return text[max(0, found.start() - 60) : found.end() + 60]


def check_page(ui: UI, name: str) -> None:
    """What every page of the journey must pass: German only, no development reference, and
    axe-core without violations (collected, reported at the end)."""
    ui.page.wait_for_load_state("load")
    text = ui.page.title() + "\n" + ui.page.locator("body").inner_text()
    found = DEVELOPMENT.search(text)
    assert not found, f"{name}: a development reference on the page: {around(text, found)!r}"
    found = ENGLISH_WORDS.search(text)
    assert not found, f"{name}: English on the page: {around(text, found)!r}"
    for msgid in english_msgids():
        assert msgid not in text, f"{name}: untranslated English on the page: {msgid!r}"
    assert ui.page.locator("html").get_attribute("lang") == "de", name
    ui.axe(name)


def click_and_load(ui: UI, locator) -> None:
    """Click something that leads to another page (or the same page again, after a POST)."""
    with ui.page.expect_navigation():
        locator.click()
    ui.page.wait_for_load_state("load")


def main(ui: UI):
    return ui.page.locator("main")


def confirmation(ui: UI):
    return ui.page.locator("main [role=status]").first


# --- the steps of the journey, one helper each --------------------------------------------------


def sign_in_as(ui: UI, username: str, office: str) -> None:
    """Password, then the code of the second factor; the start page greets in German."""
    sign_in(ui, username, check=True)
    expect(ui.page.locator("h1")).to_contain_text(t("Welcome, %(name)s") % {"name": "Bea"})
    expect(main(ui)).to_contain_text(t("You are working for %(office)s.") % {"office": office})
    check_page(ui, "start page")


def register_the_family(sozialamt: UI) -> str:
    """Amal and her family through the registration page, in one go; returns her page's URL."""
    page = sozialamt.page
    click_and_load(sozialamt, page.locator("nav.lotse-nav").get_by_role("link", name=t("Persons")))
    click_and_load(sozialamt, main(sozialamt).get_by_role("link", name=t("Register a person")))
    expect(page.locator("h1")).to_have_text(t("Register a person"))
    family = page.locator("main fieldset", has=page.locator("#family-hint"))
    expect(family.locator("legend").first).to_have_text(t("Family members in the same household"))
    check_page(sozialamt, "register a person")

    for field, value in AMAL.items():
        page.fill(f"#id_{field}", value)
    page.select_option("#id_original_script", "Arab")
    page.select_option("#id_sex", "f")
    page.check("#id_birth_date_placeholder")
    page.select_option("#id_nationality", "SYR")
    page.select_option("#id_accommodation", "anschluss")
    for field, value in ADDRESS.items():
        page.fill(f"#id_{field}", value)
    page.fill("#id_address_since", "2016-03-01")
    # the page starts with one family row; each further row comes from "add a family member",
    # which keeps everything entered so far
    for index, (role, given, sex, birth) in enumerate(MEMBERS):
        if index:
            click_and_load(
                sozialamt, main(sozialamt).get_by_role("button", name=t("Add a family member"))
            )
            expect(page.locator("#id_family_name")).to_have_value("Al-Hassan")
            expect(page.locator("#id_original_given_names")).to_have_value("أمل")
            expect(page.locator("#id_city")).to_have_value("Tübingen")
        expect(
            page.get_by_role("group", name=t("Family member %(number)s") % {"number": index + 1})
        ).to_be_visible()
        page.select_option(f"#id_member-{index}-role", role)
        page.fill(f"#id_member-{index}-family_name", "Al-Hassan")
        page.fill(f"#id_member-{index}-given_names", given)
        page.select_option(f"#id_member-{index}-sex", sex)
        page.fill(f"#id_member-{index}-birth_date", birth)
        page.select_option(f"#id_member-{index}-nationality", "SYR")
    check_page(sozialamt, "register a person, the family entered")

    click_and_load(
        sozialamt,
        page.locator("main .lotse-form-actions").get_by_role(
            "button", name=t("Check and register")
        ),
    )
    expect(confirmation(sozialamt)).to_contain_text(
        t("The family was registered as one Bedarfsgemeinschaft and cases opened.")
    )
    assert "/new/" not in page.url
    arabic = page.locator("main bdi[dir=auto]", has_text="أمل").first
    expect(arabic).to_be_visible()
    household = page.locator("section[aria-labelledby=household]")
    expect(household.locator("h2")).to_have_text(t("Bedarfsgemeinschaft"))
    rows = household.locator("tbody tr")
    expect(rows).to_have_count(4)
    for name in EVERYONE:
        expect(household).to_contain_text(name)
    expect(rows.filter(has_text="Karim")).to_contain_text(t("Spouse or partner"))
    expect(rows.filter(has_text="Omar")).to_contain_text(t("Child"))
    check_page(sozialamt, "person, the family registered")
    return page.url


def record_for_the_family(sozialamt: UI, link: str, kind: str, fill, *, choose=None) -> None:
    """One status entry for Amal, ticked for every member of the Bedarfsgemeinschaft (through
    the page asking for the kind of event first, with `choose`)."""
    page = sozialamt.page
    status = page.locator("section[aria-labelledby=status]")
    click_and_load(sozialamt, status.get_by_role("link", name=t(link)))
    if choose:
        expect(page.locator("h1")).to_have_text(t("Record a status event"))
        check_page(sozialamt, "record a status event: the kind")
        page.select_option("#id_kind", choose)
        click_and_load(sozialamt, main(sozialamt).get_by_role("button", name=t("Continue")))
    expect(page.locator("h1")).to_have_text(t(kind))
    members = page.get_by_role("group", name=t("Applies to these family members as well"))
    expect(members).to_be_visible()
    boxes = members.get_by_role("checkbox")
    expect(boxes).to_have_count(3)
    for box in boxes.all():
        expect(box).not_to_be_checked()  # none ticked beforehand: the caseworker says for whom
    check_page(sozialamt, f"record: {t(kind)}")
    fill(page)
    for given in ("Karim", "Lina", "Omar"):
        members.get_by_label(given, exact=False).check()
    click_and_load(sozialamt, main(sozialamt).get_by_role("button", name=t("Save entry")))
    expect(confirmation(sozialamt)).to_contain_text(
        t("The status event was recorded for %(count)s persons.") % {"count": 4}
    )


def record_the_decision_for_the_family(sozialamt: UI, amal_url: str) -> None:
    """The asylum application and the BAMF's decision, each for all four at once; the engine's
    answers and reasons on the person page, the Rechtskreiswechsel proposed."""
    page = sozialamt.page

    def application(page):
        page.fill("#id_date", "2015-11-16")

    def decision(page):
        page.fill("#id_date", "2016-04-14")
        page.get_by_label(t("Flüchtlingsschutz – § 3 AsylG")).check()
        page.select_option("#id_source", "bamf_bescheid")

    def finality(page):
        page.fill("#id_date", "2016-05-03")

    sozialamt.goto(amal_url)
    record_for_the_family(
        sozialamt,
        "Record another status event",
        "Asylum application at the BAMF",
        application,
        choose="asylum_application",
    )
    record_for_the_family(
        sozialamt, "Record a BAMF decision", "Decision on the asylum application", decision
    )
    # the engine waits for the finality, and says so in its reasons
    expect(page.locator("section[aria-labelledby=status]")).to_contain_text(
        "die Entscheidung ist nicht als unanfechtbar erfasst, daher noch kein Wechsel"
    )
    check_page(sozialamt, "person, the decision recorded")
    record_for_the_family(
        sozialamt,
        "Record that the decision became final",
        "Decision final (unanfechtbar)",
        finality,
    )
    status = page.locator("section[aria-labelledby=status]")
    expect(status.locator("h2")).to_have_text(t("Residence status and responsibility"))
    expect(status).to_contain_text(t("Today's answers"))
    expect(status).to_contain_text(t("Rechtskreiswechsel"))
    expect(status).to_contain_text(JOBCENTER_NAME)
    check_page(sozialamt, "person, the decision final")


def hand_over_the_family(sozialamt: UI) -> None:
    """The Rechtskreiswechsel: the hand-over page with the engine's reasons and the checklist,
    sent once for the whole Bedarfsgemeinschaft."""
    page = sozialamt.page
    status = page.locator("section[aria-labelledby=status]")
    click_and_load(sozialamt, status.get_by_role("link", name=t("Hand-over and checklist")).first)
    expect(page.locator("h1")).to_have_text(t("Rechtskreiswechsel"))
    why = page.locator("section[aria-labelledby=why]")
    expect(why.locator("h2")).to_have_text(t("Why these months"))
    # the engine's reasons, in German: the paragraph, what applies, the facts it rests on
    expect(why).to_contain_text("§ 1 Abs. 3 AsylbLG")
    expect(why).to_contain_text("Die Leistungen nach dem AsylbLG enden mit Ablauf des Monats")
    expect(why).to_contain_text("Entscheidung unanfechtbar am 03.05.2016")
    switch = page.locator("main .kern-alert", has_text=t("Rechtskreiswechsel")).first
    expect(switch).to_contain_text("Mai 2016")
    expect(switch).to_contain_text("Juni 2016")
    expect(switch).to_contain_text(t("Taking over: %(office)s.") % {"office": JOBCENTER_NAME})
    checklist = page.locator("section[aria-labelledby=checklist]")
    expect(checklist.locator("h2")).to_have_text("Antrag auf Bürgergeld (SGB II) beim Jobcenter")
    handover = page.locator("section[aria-labelledby=handover]")
    expect(handover.locator("h2")).to_have_text(
        t("Hand over to %(office)s") % {"office": JOBCENTER_NAME}
    )
    together = handover.get_by_role("note")
    expect(together).to_contain_text(t("The Bedarfsgemeinschaft goes as one"))
    for name in EVERYONE[1:]:
        expect(together).to_contain_text(name)
    check_page(sozialamt, "Rechtskreiswechsel, the hand-over")
    click_and_load(sozialamt, handover.get_by_role("button", name=t("Send the hand-over")))
    messages = page.locator("main [role=status]")
    expect(messages.first).to_contain_text(
        t("The hand-over to %(office)s was sent.") % {"office": JOBCENTER_NAME}
    )
    expect(main(sozialamt)).to_contain_text(
        t("It was sent for %(count)s further members of the Bedarfsgemeinschaft as well.")
        % {"count": 3}
    )
    check_page(sozialamt, "person, the family handed over")


def accept_the_family(jobcenter: UI) -> None:
    """The Jobcenter: the four hand-overs wait on the start page; each is accepted; the
    Bedarfsgemeinschaft with all four persons on Amal's page."""
    page = jobcenter.page
    jobcenter.goto("/")
    waiting = page.locator("section[aria-labelledby=start-incoming]")
    expect(waiting.locator("h2")).to_have_text(t("Hand-overs waiting for your office"))
    expect(waiting).to_contain_text("4 Anfragen warten auf Antwort.")
    for name in EVERYONE:
        expect(waiting).to_contain_text(name)
    expect(waiting).to_contain_text(SOZIALAMT_NAME)
    check_page(jobcenter, "start page, the family's hand-overs waiting")
    for index, name in enumerate(EVERYONE):
        jobcenter.goto("/")
        click_and_load(jobcenter, waiting.get_by_role("link", name=name))
        header = page.locator("main .lotse-page-header")
        expect(header).to_contain_text(t("requested"))
        expect(header).to_contain_text(SOZIALAMT_NAME)
        if index == 0:
            check_page(jobcenter, "hand-over, received")
        click_and_load(jobcenter, main(jobcenter).get_by_role("button", name=t("Accept")))
        expect(header).to_contain_text(t("accepted"))
        if index == 0:
            check_page(jobcenter, "hand-over, accepted")
    jobcenter.goto("/")
    expect(waiting).to_contain_text(t("No hand-overs are waiting."))
    check_page(jobcenter, "start page, nothing waiting")

    click_and_load(jobcenter, page.locator("nav.lotse-nav").get_by_role("link", name=t("Cases")))
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(4)
    for name in EVERYONE:
        expect(main(jobcenter)).to_contain_text(name)
    check_page(jobcenter, "caseload, the family")
    click_and_load(jobcenter, rows.filter(has_text="Amal").get_by_role("link").first)
    expect(page.locator("h1")).to_contain_text("Amal")
    check_page(jobcenter, "case at the Jobcenter")
    click_and_load(jobcenter, main(jobcenter).get_by_role("link", name=t("Identity record")))
    household = page.locator("section[aria-labelledby=household]")
    expect(household.locator("tbody tr")).to_have_count(4)
    for name in EVERYONE[1:]:
        expect(household.get_by_role("link", name=name)).to_be_visible()
    check_page(jobcenter, "person at the Jobcenter, the Bedarfsgemeinschaft")


# The journey's last two steps are being built: the Jobcenter asks the Ausländerbehörde to
# correct a wrong entry (the Dublin flag of the decision), and the Ausländerbehörde corrects it.
# They are to come as two more helpers of this kind, appended to the test below:
# ask_the_abh_to_correct_the_dublin_flag (the Jobcenter's request, from Amal's page) and
# correct_the_dublin_flag (the Ausländerbehörde corrects the entry, the Jobcenter sees it)
# (with an Ausländerbehörde caseworker, make_user("sb-abh", Role.CASEWORKER, office=ABH), and
# its tab, open_ui("Ausländerbehörde"), signed in with sign_in_as); each page they pass is
# checked with check_page like the pages above.


def test_a_family_of_four_from_the_sozialamt_to_the_jobcenter(open_ui, make_user):
    make_user("sb-sozialamt", Role.CASEWORKER)
    make_user("sb-jobcenter", Role.CASEWORKER, office=JOBCENTER)
    sozialamt = open_ui("Sozialamt")
    jobcenter = open_ui("Jobcenter")

    assert len(english_msgids()) > 500  # the check for English has the catalogue to go by
    sign_in_as(sozialamt, "sb-sozialamt", SOZIALAMT_NAME)
    amal_url = register_the_family(sozialamt)
    record_the_decision_for_the_family(sozialamt, amal_url)
    hand_over_the_family(sozialamt)

    sign_in_as(jobcenter, "sb-jobcenter", JOBCENTER_NAME)
    accept_the_family(jobcenter)

    # The two last steps of the journey are to come (see the comment above this test):
    #     ask_the_abh_to_correct_the_dublin_flag(jobcenter, amal_url)
    #     correct_the_dublin_flag(abh, amal_url)

    assert_all_clean(sozialamt, jobcenter)
