"""Photos of documents lose their metadata: the GPS position, the device and the time in a
JPEG's EXIF, the text chunks of a PNG. The picture stays, turned upright by its orientation;
the document and its audit event say that metadata was removed; a broken image is refused
and nothing is stored."""

import io

import pytest
from django.urls import reverse
from PIL import Image, PngImagePlugin

from lotse.audit.models import AuditEvent, EventType
from lotse.documents.models import Document, DocumentKind
from lotse.documents.services import document_upload

from .conftest import png_bytes, upload
from .test_upload import refused, stored_files

pytestmark = pytest.mark.django_db

GPS_IFD, ORIENTATION, MAKE, MODEL, DATETIME = 0x8825, 0x0112, 0x010F, 0x0110, 0x0132


def jpeg_with_gps(size=(40, 20), orientation=1) -> bytes:
    """A photo as a phone takes it: wider than high, with the position, the phone and the
    time in its EXIF; `orientation` 6: to be shown turned by 90°."""
    image = Image.new("RGB", size, (10, 120, 200))
    image.paste((250, 250, 0), (0, 0, 10, 10))  # a mark in the top left corner
    exif = Image.Exif()
    exif[MAKE] = "Phonemaker"
    exif[MODEL] = "Phone 12"
    exif[DATETIME] = "2026:11:30 09:12:00"
    exif[ORIENTATION] = orientation
    exif[GPS_IFD] = {1: "N", 2: (48.0, 31.0, 12.0), 3: "E", 4: (9.0, 3.0, 20.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, quality=95)
    return out.getvalue()


def stored(document: Document) -> Image.Image:
    with document.file.open("rb") as handle:
        image = Image.open(io.BytesIO(handle.read()))
        image.load()
    return image


def photo(actor, person, content, name="ausweis.jpg"):
    return document_upload(
        actor=actor,
        person=person,
        kind=DocumentKind.SCHOOL_CERTIFICATE,
        file=upload(name, content, "image/jpeg"),
    )


def test_the_test_photo_carries_its_position():
    image = Image.open(io.BytesIO(jpeg_with_gps()))
    assert image.getexif().get_ifd(GPS_IFD)[1] == "N"
    assert image.getexif()[MODEL] == "Phone 12"


def test_a_jpeg_is_stored_without_gps_and_device(agentur, person):
    content = jpeg_with_gps()
    document = photo(agentur, person, content)
    image = stored(document)
    assert image.format == "JPEG"
    assert image.size == (40, 20)
    assert len(image.getexif()) == 0
    assert "exif" not in image.info
    with document.file.open("rb") as handle:
        raw = handle.read()
    for trace in (b"Phone 12", b"Phonemaker", b"Exif"):
        assert trace not in raw
    assert document.metadata_removed is True
    assert document.size == len(raw)
    event = AuditEvent.objects.get(event_type=EventType.DOCUMENT_UPLOADED, object_id=document.pk)
    assert event.details["metadata_removed"] == ["exif", "gps"]
    assert event.details["sha256"] == document.sha256
    assert event.details["uploaded_sha256"] != document.sha256


def test_the_orientation_is_applied_before_it_is_dropped(agentur, person):
    document = photo(agentur, person, jpeg_with_gps(orientation=6))
    image = stored(document)
    assert image.size == (20, 40)  # upright: turned by 90°, as the phone showed it
    assert ORIENTATION not in image.getexif()
    # The yellow mark of the top left corner is now at the top right.
    red, green, blue = image.convert("RGB").getpixel((17, 2))
    assert (red > 200, green > 200, blue < 80) == (True, True, True)


def test_a_png_loses_its_text_chunks(agentur, person):
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Handy von Amal")
    info.add_itxt("Location", "48.52 N, 9.05 E")
    document = photo(agentur, person, png_bytes((8, 6), pnginfo=info), name="zeugnis.png")
    image = stored(document)
    assert (image.format, image.size, image.mode) == ("PNG", (8, 6), "RGBA")
    assert image.text == {}
    with document.file.open("rb") as handle:
        raw = handle.read()
    for trace in (b"Handy von Amal", b"tEXt", b"iTXt"):
        assert trace not in raw
    assert document.metadata_removed is True


def test_a_photo_without_metadata_says_none_was_removed(agentur, person):
    document = photo(agentur, person, png_bytes((3, 3)), name="scan.png")
    assert document.metadata_removed is False
    assert stored(document).size == (3, 3)


def test_a_broken_image_is_refused_and_nothing_stored(agentur, person, documents_folder):
    content = jpeg_with_gps()
    broken = content[:200] + b"\x00" * 50  # the header of a JPEG, then nothing of the picture
    message = refused(
        agentur, person, upload("ausweis.jpg", broken, "image/jpeg"), documents_folder
    )
    assert (
        message == "Das Bild kann nicht gelesen werden (es ist beschädigt oder kein gültiges Bild)."
    )
    assert stored_files(documents_folder) == []


def test_the_upload_page_says_so(agentur, person, client_for):
    client = client_for(agentur)
    url = reverse("web:document_new", kwargs={"person_id": person.pk})
    response = client.post(
        url,
        {"kind": DocumentKind.SCHOOL_CERTIFICATE, "file": upload("foto.jpg", jpeg_with_gps())},
        follow=True,
    )
    assert response.status_code == 200
    assert "Standortdaten und Gerätedaten des Fotos wurden entfernt." in response.content.decode()


def test_a_heic_photo_is_refused_with_what_to_do(agentur, person, documents_folder):
    """HEIC cannot be decoded, so its position could not be removed: refused, nothing stored."""
    heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 200
    photo = upload("IMG_0001.HEIC", heic, "image/heic")
    message = refused(agentur, person, photo, documents_folder)
    assert message.startswith("Fotos im HEIC-Format können nicht ohne den Ort gespeichert werden")
    assert "Maximale Kompatibilität" in message
