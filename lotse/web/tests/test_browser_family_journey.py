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
5. A caseworker of the Ausländerbehörde Tübingen links Amal's record through the registration
   page and records her residence permit, its end date typed wrong; the Jobcenter sees the
   entry on Amal's page and asks the Ausländerbehörde for a correction (sent empty once: the
   error summary).
6. The Ausländerbehörde sees the request on its start page and corrects the entry; the
   Jobcenter reads the answer, and the old entry stays, marked as corrected.

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
ABH = "abh-tubingen-08416"
SOZIALAMT_NAME = "Landratsamt Tübingen – Sozialamt (AsylbLG)"
JOBCENTER_NAME = "Jobcenter Landkreis Tübingen"
ABH_NAME = "Landratsamt Tübingen – Ausländerbehörde"

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
# The residence permit the Ausländerbehörde records for Amal, its end typed wrong (2018 for 2019)
# and put right on the Jobcenter's request.
ISSUED = "2016-05-20"
REFUGEE_TITLE = "AE § 25 Abs. 2 S. 1 Alt. 1 AufenthG (refugees)"
WRONG_VALID_UNTIL = "2018-05-19"
RIGHT_VALID_UNTIL = "2019-05-19"
WHAT_IS_WRONG = "Auf der Karte, die Frau Al-Hassan vorgelegt hat, steht gültig bis 19.05.2019."
WHAT_IS_CORRECT = "gültig bis 19.05.2019"
REASON = "Ablaufdatum beim Erfassen vertippt"
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


def link_amal_at_the_abh(abh: UI) -> str:
    """The Ausländerbehörde Tübingen: the registration page finds Amal's record of its Kreis (a
    strong match it cannot see yet) and links it, which opens its case; returns her page's URL."""
    page = abh.page
    click_and_load(abh, page.locator("nav.lotse-nav").get_by_role("link", name=t("Persons")))
    click_and_load(abh, main(abh).get_by_role("link", name=t("Register a person")))
    expect(page.locator("h1")).to_have_text(t("Register a person"))
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
    check_page(abh, "register a person at the Ausländerbehörde")
    click_and_load(
        abh,
        page.locator("main .lotse-form-actions").get_by_role(
            "button", name=t("Check and register")
        ),
    )
    candidates = page.locator("section[aria-labelledby=candidates-title]")
    expect(candidates).to_be_visible()
    strong = candidates.locator("li.lotse-candidate", has_text=t("very likely the same person"))
    expect(strong).to_have_count(1)
    expect(strong).to_contain_text(JOBCENTER_NAME)
    expect(strong).to_contain_text(
        t(
            "You cannot see it; if it is the same person, link it to open a case at your "
            "office (logged)."
        )
    )
    check_page(abh, "register a person: the record found")
    click_and_load(abh, strong.get_by_role("button", name=t("This is the same person")))
    expect(confirmation(abh)).to_contain_text(
        t("The existing record was linked to your office; new spellings were added.")
    )
    expect(page.locator("h1")).to_contain_text("Amal")
    check_page(abh, "person at the Ausländerbehörde, linked")
    return page.url


def record_the_residence_title(abh: UI) -> None:
    """The Ausländerbehörde records the Aufenthaltserlaubnis it issued, on Amal's status page,
    with one wrong value: the card is valid until 2019, typed is 2018."""
    page = abh.page
    status = page.locator("section[aria-labelledby=status]")
    click_and_load(abh, status.get_by_role("link", name=t("Record another status event")))
    expect(page.locator("h1")).to_have_text(t("Record a status event"))
    page.select_option("#id_kind", "residence_title")
    click_and_load(abh, main(abh).get_by_role("button", name=t("Continue")))
    expect(page.locator("h1")).to_have_text(t("Residence title"))
    check_page(abh, "record: the residence title")
    page.fill("#id_date", ISSUED)
    page.get_by_label(t(REFUGEE_TITLE)).check()
    page.fill("#id_valid_until", WRONG_VALID_UNTIL)
    page.select_option("#id_source", "abh_file")
    click_and_load(abh, main(abh).get_by_role("button", name=t("Save entry")))
    expect(confirmation(abh)).to_contain_text(t("The status event was recorded."))
    row = status.locator("tbody tr", has_text=t("Residence title"))
    expect(row).to_contain_text("19.05.2018")
    expect(row).to_contain_text(ABH_NAME)
    check_page(abh, "person at the Ausländerbehörde, the residence title recorded")


def ask_the_abh_to_correct_the_residence_title(jobcenter: UI, amal_url: str) -> str:
    """The Jobcenter sees the Ausländerbehörde's entry on Amal's page and asks it for a
    correction: sent empty once (the error summary), then with what is wrong and what is
    correct. Returns the request's page."""
    page = jobcenter.page
    jobcenter.goto(amal_url)
    status = page.locator("section[aria-labelledby=status]")
    expect(status.locator("tbody tr", has_text=t("Residence title"))).to_contain_text(ABH_NAME)
    check_page(jobcenter, "person at the Jobcenter, the residence title of the ABH")
    click_and_load(
        jobcenter,
        status.get_by_role(
            "link", name=t("An entry of another office is wrong: ask that office for a correction")
        ),
    )
    expect(page.locator("h1")).to_have_text(t("Ask another office for a correction"))
    check_page(jobcenter, "ask for a correction: choose the entry")
    entries = page.locator("section[aria-labelledby=ask-status] li", has_text=t("Residence title"))
    expect(entries).to_have_count(1)
    expect(entries).to_contain_text(ABH_NAME)
    click_and_load(jobcenter, entries.get_by_role("link"))
    expect(main(jobcenter)).to_contain_text(
        t(
            "This entry was recorded by %(office)s. Only that office can correct it. Say what "
            "is wrong and what is correct; %(office)s sees your request on its start page and "
            "answers it."
        )
        % {"office": ABH_NAME}
    )
    check_page(jobcenter, "ask for a correction: the request form")

    send = main(jobcenter).get_by_role("button", name=t("Send the request"))
    click_and_load(jobcenter, send)
    summary = page.locator("main .lotse-error-summary")
    expect(summary).to_contain_text(t("Please check your entries"))
    expect(summary).to_contain_text(t("Say what is wrong and how you know."))
    expect(summary).to_contain_text(t("Say what is correct."))
    check_page(jobcenter, "ask for a correction: sent empty")
    page.fill("#id_what_is_wrong", WHAT_IS_WRONG)
    page.fill("#id_correct_value", WHAT_IS_CORRECT)
    click_and_load(jobcenter, send)
    expect(confirmation(jobcenter)).to_contain_text(
        t("Your request was sent to %(office)s. You see the answer here.") % {"office": ABH_NAME}
    )
    request = main(jobcenter)
    expect(request).to_contain_text(WHAT_IS_WRONG)
    expect(request).to_contain_text(t("not answered yet"))
    check_page(jobcenter, "the request for correction, sent")
    return page.url


def correct_the_residence_title(abh: UI, jobcenter: UI, amal_url: str, request_url: str) -> None:
    """The Ausländerbehörde finds the request on its start page and corrects the entry; the
    Jobcenter reads the answer and sees the corrected entry beside the old one."""
    page = abh.page
    abh.goto("/")
    tile = page.locator("section[aria-labelledby=start-corrections]")
    expect(tile).to_contain_text(t("Requests for correction from other offices"))
    expect(tile).to_contain_text(JOBCENTER_NAME)
    check_page(abh, "start page, the request for correction waiting")
    click_and_load(abh, tile.locator("a").first)
    expect(main(abh)).to_contain_text(WHAT_IS_WRONG)
    expect(main(abh)).to_contain_text(WHAT_IS_CORRECT)
    correct = page.locator("section[aria-labelledby=answer-correct]")
    expect(correct.locator("h2")).to_have_text(t("Correct the entry"))
    expect(correct.locator("#id_valid_until")).to_have_value(WRONG_VALID_UNTIL)
    check_page(abh, "the request for correction, at the Ausländerbehörde")
    correct.locator("#id_valid_until").fill(RIGHT_VALID_UNTIL)
    correct.locator("#id_reason").fill(REASON)
    click_and_load(abh, correct.get_by_role("button", name=t("Save the correction")))
    expect(confirmation(abh)).to_contain_text(
        t("The entry was corrected and the request answered. %(office)s is told.")
        % {"office": JOBCENTER_NAME}
    )
    expect(page.locator("section[aria-labelledby=answer-correct]")).to_have_count(0)
    check_page(abh, "the request for correction, answered")
    abh.goto("/")
    expect(tile).to_contain_text(t("No other office waits for a correction."))
    check_page(abh, "start page, no request waiting")

    page = jobcenter.page
    jobcenter.goto(request_url)
    answer = main(jobcenter)
    expect(answer).to_contain_text(t("corrected"))
    expect(answer).to_contain_text(REASON)
    check_page(jobcenter, "the answer to the request for correction")
    jobcenter.goto(amal_url)
    rows = page.locator("section[aria-labelledby=status] tbody tr", has_text=t("Residence title"))
    expect(rows).to_have_count(2)
    old = rows.filter(has_text="19.05.2018")
    expect(old).to_contain_text(t("corrected later"))
    new = rows.filter(has_text="19.05.2019")
    expect(new).to_contain_text(t("correction"))
    expect(new).to_contain_text(REASON)
    check_page(jobcenter, "person at the Jobcenter, the residence title corrected")


def test_a_family_of_four_from_the_sozialamt_to_the_jobcenter(open_ui, make_user):
    make_user("sb-sozialamt", Role.CASEWORKER)
    make_user("sb-jobcenter", Role.CASEWORKER, office=JOBCENTER)
    make_user("sb-abh", Role.CASEWORKER, office=ABH)
    sozialamt = open_ui("Sozialamt")
    jobcenter = open_ui("Jobcenter")
    abh = open_ui("Ausländerbehörde")

    assert len(english_msgids()) > 500  # the check for English has the catalogue to go by
    sign_in_as(sozialamt, "sb-sozialamt", SOZIALAMT_NAME)
    amal_url = register_the_family(sozialamt)
    record_the_decision_for_the_family(sozialamt, amal_url)
    hand_over_the_family(sozialamt)

    sign_in_as(jobcenter, "sb-jobcenter", JOBCENTER_NAME)
    accept_the_family(jobcenter)

    sign_in_as(abh, "sb-abh", ABH_NAME)
    assert link_amal_at_the_abh(abh) == amal_url
    record_the_residence_title(abh)
    request_url = ask_the_abh_to_correct_the_residence_title(jobcenter, amal_url)
    correct_the_residence_title(abh, jobcenter, amal_url, request_url)

    assert_all_clean(sozialamt, jobcenter, abh)
