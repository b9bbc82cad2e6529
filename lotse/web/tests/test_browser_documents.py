"""The documents pages in a real browser, checked by axe-core (WCAG 2.2 AA): the Agentur tries
a renamed program (refused with the reason, nothing stored), uploads a PDF, withdraws it; the
Ausländerbehörde is told only that a document exists at the Agentur. Run on its own with

    .venv/bin/python -m pytest lotse/web/tests/test_browser_documents.py -x
"""

import pytest

from lotse.cases.services import case_open
from lotse.documents.models import Document
from lotse.documents.tests.conftest import ELF, pdf_bytes
from lotse.organisations.models import Role
from lotse.people.tests.factories import register
from lotse.web.tests.browser_support import sign_in

pytestmark = pytest.mark.browser

AGENTUR = "aa-balingen-reutlingen"
ABH = "abh-tubingen-08416"


def test_the_documents_pages_are_accessible(ui, make_user, tmp_path):
    agentur = make_user("aa-doc-browser", Role.CASEWORKER, office=AGENTUR)
    abh = make_user("abh-doc-browser", Role.CASEWORKER, office=ABH)
    # a colleague at the Agentur withdraws it (a second sign-in within one TOTP step is refused)
    make_user("aa-doc-browser-2", Role.CASEWORKER, office=AGENTUR)
    person = register(agentur)
    case_open(actor=abh, person=person, reason="Aufenthalt")
    program = tmp_path / "zeugnis.pdf"
    program.write_bytes(ELF)
    good = tmp_path / "abschluss.pdf"
    good.write_bytes(pdf_bytes())
    page = ui.page

    sign_in(ui, "aa-doc-browser")
    ui.goto(f"/persons/{person.pk}/documents/")
    assert "0 Dokumente" in ui.text("main")
    ui.axe("documents, none yet")

    ui.goto(f"/persons/{person.pk}/documents/new/")
    ui.axe("upload form")
    page.select_option("#id_kind", "school_certificate")
    page.fill("#id_title", "Abschlusszeugnis")
    page.set_input_files("#id_file", str(program))
    page.get_by_role("button", name="Dokument hochladen").click()
    page.wait_for_load_state("load")
    assert "Die Datei ist kein PDF oder Bild" in ui.text("main")
    assert page.input_value("#id_title") == "Abschlusszeugnis"
    assert not Document.objects.exists()
    ui.axe("upload refused")

    page.set_input_files("#id_file", str(good))
    page.get_by_role("button", name="Dokument hochladen").click()
    page.wait_for_load_state("load")
    assert "1 Dokument" in ui.text("main")
    assert "Schulzeugnis: Abschlusszeugnis" in ui.text("main")
    ui.axe("documents, one uploaded")

    ui.page.context.clear_cookies()
    sign_in(ui, "abh-doc-browser")
    ui.goto(f"/persons/{person.pk}/documents/")
    assert "Ein Dokument der Art „Schulzeugnis“ liegt bei" in ui.text("main")
    assert "Abschlusszeugnis" not in ui.text("main")
    ui.axe("documents of another office, announced")

    ui.page.context.clear_cookies()
    sign_in(ui, "aa-doc-browser-2")
    document = Document.objects.get()
    ui.goto(f"/persons/{person.pk}/documents/{document.pk}/withdraw/")
    ui.axe("withdraw form")
    page.get_by_role("button", name="Dokument zurückziehen").click()
    page.wait_for_load_state("load")
    assert "Geben Sie an, warum" in ui.text("main")
    ui.axe("withdraw form with an error")
    page.fill("#id_reason", "für die falsche Person hochgeladen")
    page.get_by_role("button", name="Dokument zurückziehen").click()
    page.wait_for_load_state("load")
    assert "Dokument zurückgezogen" in ui.text("main")
    ui.axe("documents, one withdrawn")
