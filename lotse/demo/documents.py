"""Documents of the demo (docs/documents.md), small PDFs made here (no files in the repository):

- Amal Al-Hassan's school certificate from Aleppo, uploaded by the Integrationsmanagement
  Tübingen, and her certificate of the first-orientation course, uploaded by the Agentur für
  Arbeit Balingen-Reutlingen;
- Mohammad Rahimi's BAMF decision (Reutlingen), uploaded by the Sozialamt Reutlingen. His
  status as the Sozialamt Reutlingen saw it in his papers (entry and asylum application in 2016,
  refugee protection two months ago, final since some weeks) makes the engine propose his
  Rechtskreiswechsel from the Sozialamt to the Jobcenter Reutlingen; its checklist then shows
  the BAMF decision as on the platform (docs/rules.md, docs/documents.md).

Through the services, as the offices would; running it again adds nothing.
"""

from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from lotse.cases.models import Case
from lotse.documents.models import Document, DocumentKind
from lotse.documents.services import document_upload
from lotse.organisations.models import User
from lotse.people.models import Person
from lotse.status.events import Source
from lotse.status.models import StatusEvent
from lotse.status.services import status_event_record

ABH_REUTLINGEN = "abh-reutlingen-08415"


def demo_pdf(title: str, *lines: str) -> bytes:
    """A one-page PDF saying it is a demo document, with `title` and `lines`."""
    import weasyprint  # imported here: loading Pango costs time only the seed needs

    body = "".join(f"<p>{escape(line)}</p>" for line in lines)
    html = (
        '<html lang="de"><head><meta charset="utf-8"><title>'
        f"{escape(title)}</title></head><body><h1>{escape(title)}</h1>{body}"
        "<p><strong>Musterdokument der Demo – kein echtes Dokument.</strong></p></body></html>"
    )
    pdf: bytes = weasyprint.HTML(string=html).write_pdf()
    return pdf


def _person(family_name: str, given_names: str) -> Person | None:
    return (
        Person.objects.filter(
            names__family_name=family_name, names__given_names=given_names, merged_into__isnull=True
        )
        .distinct()
        .first()
    )


def _rahimi_of_reutlingen() -> Person | None:
    """Mohammad Rahimi of Reutlingen (the ABH registered him), not his namesake in Tübingen."""
    held = Case.objects.filter(office__code=ABH_REUTLINGEN).values("person_id")
    return (
        Person.objects.filter(
            names__family_name="Rahimi",
            names__given_names="Mohammad",
            merged_into__isnull=True,
            pk__in=held,
        )
        .distinct()
        .first()
    )


def _upload(
    username: str, person: Person, kind: str, name: str, title: str, lines: list[str], **fields
) -> int:
    actor = User.objects.get(username=username)
    if Document.objects.filter(person=person, kind=kind, recorded_by=actor.office).exists():
        return 0
    document_upload(
        actor=actor,
        person=person,
        kind=kind,
        file=ContentFile(demo_pdf(title, *lines), name=name),
        title=title,
        **fields,
    )
    return 1


def _rahimi_status(rahimi: Person, sozialamt: User) -> None:
    """Entry and asylum application in 2016; refugee protection two months ago, final since
    some weeks: the engine proposes the switch from AsylbLG to Bürgergeld."""
    if StatusEvent.objects.filter(person=rahimi).exists():
        return
    today = timezone.localdate()
    for kind, day, details in (
        ("entry", date(2016, 1, 10), {}),
        ("asylum_application", date(2016, 1, 25), {"kind": "first"}),
        (
            "decision",
            today - timedelta(days=70),
            {"outcome": "fluechtlingsschutz", "by": "bamf"},
        ),
        ("finality", today - timedelta(days=50), {}),
    ):
        status_event_record(
            actor=sozialamt,
            person=rahimi,
            kind=kind,
            date=day,
            details=details,
            source=Source.DOCUMENT,
        )


@transaction.atomic
def demo_documents_seed() -> int:
    """The documents (and Mohammad Rahimi's status), once. Returns the documents added."""
    amal = _person("Al-Hassan", "Amal")
    rahimi = _rahimi_of_reutlingen()
    if amal is None or rahimi is None:
        return 0
    added = _upload(
        "tue-im-sb",
        amal,
        DocumentKind.SCHOOL_CERTIFICATE,
        "zeugnis-aleppo.pdf",
        "Abschlusszeugnis der Sekundarstufe (Demo)",
        ["Amal Al-Hassan, geboren 1990", "Schule in Aleppo, Syrien, 2008"],
        issued_on=date(2008, 7, 1),
        issuer="Schule in Aleppo (Demo)",
    )
    added += _upload(
        "aa-rt-sb",
        amal,
        DocumentKind.COURSE_CERTIFICATE,
        "teilnahme-erstorientierung.pdf",
        "Teilnahmebescheinigung Erstorientierungskurs (Demo)",
        ["Amal Al-Hassan hat am Erstorientierungskurs teilgenommen."],
        issued_on=date(2025, 12, 12),
        issuer="Volkshochschule Tübingen (Demo)",
    )
    _rahimi_status(rahimi, User.objects.get(username="rt-sozialamt-sb"))
    decision = StatusEvent.objects.filter(person=rahimi, kind="decision").first()
    added += _upload(
        "rt-sozialamt-sb",
        rahimi,
        DocumentKind.BAMF_DECISION,
        "bescheid-bamf.pdf",
        "Bescheid des BAMF: Flüchtlingseigenschaft zuerkannt (Demo)",
        ["Mohammad Rahimi, geboren 1994", "Az. 6234567-423 (Demo)"],
        issued_on=decision.date if decision else None,
        issuer="Bundesamt für Migration und Flüchtlinge (Demo)",
    )
    return added
