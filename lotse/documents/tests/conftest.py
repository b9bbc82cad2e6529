"""Offices around one person, as in the profile tests: the Sozialamt registers her, the
Agentur, the Jobcenter, the Integrationsmanagement and the Ausländerbehörde have open cases.
Documents go to a temporary folder."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from lotse.cases.services import case_open
from lotse.documents.tests.fixtures import documents_folder  # noqa: F401 - autouse
from lotse.organisations.models import Role
from lotse.organisations.tests.factories import UserFactory, reference_office
from lotse.people.tests.factories import register

AGENTUR = "aa-balingen-reutlingen"
JOBCENTER = "jc-tubingen-08416"
IM = "im-tubingen-08416"
ABH = "abh-tubingen-08416"


def staff(username: str, office: str, role=Role.CASEWORKER):
    return UserFactory(username=username, office=reference_office(office), roles=[role])


@pytest.fixture(autouse=True)
def in_german():
    """The refusals are read in German, as the staff read them."""
    with translation.override("de"):
        yield


@pytest.fixture
def agentur(db):
    return staff("aa-sb", AGENTUR)


@pytest.fixture
def jobcenter(db):
    return staff("jc-sb", JOBCENTER)


@pytest.fixture
def im(db):
    return staff("im-sb", IM)


@pytest.fixture
def abh(db):
    return staff("abh-sb", ABH)


@pytest.fixture
def person(caseworker, agentur, jobcenter, im, abh):
    person = register(caseworker)
    for actor, reason in (
        (agentur, "Frühintervention"),
        (jobcenter, "Rechtskreiswechsel"),
        (im, "Beratung"),
        (abh, "Aufenthalt"),
    ):
        case_open(actor=actor, person=person, reason=reason)
    return person


def pdf_bytes(*, javascript: bool = False, open_action: bool = False) -> bytes:
    """A one-page PDF made with pypdf, with JavaScript or an automatic action when asked."""
    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if javascript:
        script = DictionaryObject(
            {
                NameObject("/S"): NameObject("/JavaScript"),
                NameObject("/JS"): TextStringObject("app.alert('hallo');"),
            }
        )
        names = DictionaryObject(
            {
                NameObject("/JavaScript"): DictionaryObject(
                    {
                        NameObject("/Names"): ArrayObject(
                            [TextStringObject("start"), writer._add_object(script)]
                        )
                    }
                )
            }
        )
        writer._root_object[NameObject("/Names")] = writer._add_object(names)
    if open_action:
        action = DictionaryObject(
            {
                NameObject("/S"): NameObject("/URI"),
                NameObject("/URI"): TextStringObject("https://example.org"),
            }
        )
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def png_bytes(size=(1, 1), **save) -> bytes:
    """A valid PNG made with Pillow (uploads are decoded: a broken one is refused)."""
    out = io.BytesIO()
    Image.new("RGBA", size, (200, 30, 30, 255)).save(out, "PNG", **save)
    return out.getvalue()


PNG = png_bytes()
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00" + b"\x00" * 200


def upload(name: str, content: bytes, content_type: str = "application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)
