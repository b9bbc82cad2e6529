"""The documents in the API: a multipart upload (refused with the reason, nothing stored), the
list with what other offices hold, the file."""

from lotse.documents.models import Document

from .conftest import ELF, pdf_bytes, upload


def _url(person, suffix=""):
    return f"/api/v1/persons/{person.pk}/documents{suffix}"


def test_upload_list_and_download(agentur, abh, person, client_for):
    client = client_for(agentur)
    content = pdf_bytes()
    response = client.post(
        _url(person),
        {"kind": "school_certificate", "title": "Zeugnis", "file": upload("z.pdf", content)},
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["content_type"] == "application/pdf"
    assert created["category"] == "profile"
    listing = client.get(_url(person)).json()
    assert listing["count"] == 1
    assert listing["documents"][0]["title"] == "Zeugnis"
    file = client.get(_url(person, f"/{created['id']}/file"))
    assert file.status_code == 200
    assert b"".join(file.streaming_content) == content
    assert file["X-Content-Type-Options"] == "nosniff"
    # the Ausländerbehörde may not see profile documents: announced by office, not described
    other = client_for(abh).get(_url(person)).json()
    assert other["count"] == 0
    assert other["hidden"] == [{"office": agentur.office.code, "kind": "school_certificate"}]
    assert client_for(abh).get(_url(person, f"/{created['id']}/file")).status_code == 404


def test_a_renamed_program_is_refused_with_the_reason(agentur, person, client_for):
    response = client_for(agentur).post(
        _url(person), {"kind": "identity", "file": upload("pass.pdf", ELF)}
    )
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert any("kein PDF oder Bild" in item["msg"] for item in detail), detail
    assert not Document.objects.exists()
