"""The Rechtskreiswechsel checklist says which of its documents are on the platform already:
the Sozialamt taking Amal's case to the Jobcenter sees the BAMF decision the Ausländerbehörde
uploaded (status data reach it by statute) and is told that the Integrationsmanagement holds a
residence document it may not see."""

import pytest
from django.urls import reverse

from lotse.cases.services import case_open
from lotse.documents.models import DocumentKind
from lotse.documents.services import document_upload
from lotse.status.models import BenefitSwitch
from lotse.status.tests.test_status_pages import record_journey

from .conftest import IM, pdf_bytes, staff, upload


@pytest.fixture
def amal(caseworker, abh):
    from lotse.people.tests.factories import register

    person = register(caseworker)
    case_open(actor=abh, person=person, reason="residence")
    return person


def test_the_checklist_shows_the_documents_on_the_platform(client_for, caseworker, abh, amal):
    record_journey(client_for(abh), amal)
    switch = BenefitSwitch.objects.get(person=amal)
    decision = document_upload(
        actor=abh,
        person=amal,
        kind=DocumentKind.BAMF_DECISION,
        file=upload("bescheid.pdf", pdf_bytes()),
    )
    im = staff("im-tue-doc", IM)
    case_open(actor=im, person=amal, reason="Beratung")
    document_upload(
        actor=im, person=amal, kind=DocumentKind.RESIDENCE, file=upload("titel.pdf", pdf_bytes())
    )
    url = reverse("web:status_switch", args=[amal.pk]) + f"?switch={switch.pk}"
    page = client_for(caseworker).get(url).content.decode()
    day = decision.created_at.astimezone().strftime("%d.%m.%Y")
    assert f"liegt auf der Plattform vor (hochgeladen von {abh.office.name} am {day})" in page
    assert reverse("web:document_file", args=[amal.pk, decision.pk]) in page
    assert f"liegt bei {im.office.name} vor" in page
