"""Reading a person's documents: each document is decided by its data category and the office
that uploaded it (`decide_category`, as profile entries are), once per (category, office). A
document the reader may not see is announced as existing at its office, never described: its
kind is named, except for the special categories (health), where only "a document" is; its
date, title, issuer and file are not. Every read in the audit trail."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import IO

from django.http import Http404

from lotse.access.policy import SPECIAL_CATEGORIES, Action, Decision, authorize, decide_category
from lotse.audit.models import EventType
from lotse.audit.services import audit_record
from lotse.audit.vocabulary import Purpose
from lotse.documents.models import Document, DocumentKind, DocumentState
from lotse.organisations.models import Office, User
from lotse.people.models import Person


@dataclass(frozen=True)
class HiddenDocument:
    """A document that exists at `office` and that the reader may not see (`kind` is "" for a
    special category: not even the kind is told)."""

    office: Office
    kind: str

    @property
    def kind_label(self) -> str:
        return str(DocumentKind(self.kind).label) if self.kind else ""


@dataclass(frozen=True)
class OnRecord:
    """A document of a kind on the platform, for the checklist: who uploaded it and when, and
    whether the reader may open it."""

    kind: str
    office: Office
    uploaded_at: datetime
    visible: bool
    document: Document | None  # only when visible


@dataclass(frozen=True)
class DocumentList:
    person: Person
    documents: list[Document]
    hidden: list[HiddenDocument]

    @property
    def count(self) -> int:
        return len(self.documents)

    @property
    def current(self) -> list[Document]:
        return [d for d in self.documents if d.state == DocumentState.CURRENT]


class _Decisions:
    def __init__(self, actor: User, person: Person, purpose: str) -> None:
        self.actor, self.person, self.purpose = actor, person, purpose
        self.made: dict[tuple[str, int], tuple[Office, Decision]] = {}

    def allows(self, document: Document) -> bool:
        key = (document.category, document.recorded_by_id)
        if key not in self.made:
            decision = decide_category(
                self.actor,
                self.person,
                document.category,
                owner_office=document.recorded_by,
                purpose=self.purpose,
            )
            self.made[key] = (document.recorded_by, decision)
        return bool(self.made[key][1])

    def bases(self) -> list[str]:
        return sorted({d.basis for _, d in self.made.values() if d and d.basis})

    def categories(self) -> list[str]:
        return sorted({c for (c, _), (_, d) in self.made.items() if d})


def _rows(person: Person) -> list[Document]:
    return list(
        Document.objects.filter(person=person)
        .select_related("recorded_by", "recorded_by_user", "withdrawn_by", "replaced_by")
        .order_by("-created_at", "-pk")
    )


def _hidden(document: Document) -> HiddenDocument:
    kind = "" if document.category in SPECIAL_CATEGORIES else document.kind
    return HiddenDocument(document.recorded_by, kind)


def documents_of_person_list(
    *, actor: User, person: Person, purpose: str = Purpose.DOCUMENTS
) -> DocumentList:
    """The person's documents the actor may see (newest first, withdrawn ones with them,
    marked), and those it may not, announced by office. One read event."""
    seen = authorize(actor, Action.VIEW_PERSON, person, purpose=purpose)
    decisions = _Decisions(actor, person, purpose)
    visible: list[Document] = []
    hidden: dict[tuple[int, str], HiddenDocument] = {}
    for document in _rows(person):
        if decisions.allows(document):
            visible.append(document)
        elif document.state == DocumentState.CURRENT:
            item = _hidden(document)
            hidden[(item.office.pk, item.kind)] = item
    if decisions.made:
        audit_record(
            event_type=EventType.PERSON_DATA_READ,
            actor=actor,
            action=Action.VIEW_PERSON,
            obj=person,
            person_id=person.pk,
            purpose=purpose,
            basis=decisions.bases() or seen.basis or "own record",
            categories=decisions.categories() or ["identity"],
            details={
                "data": "documents",
                "documents": [d.pk for d in visible],
                "not_accessible": sorted({h.office.code for h in hidden.values()}),
            },
        )
    return DocumentList(
        person=person,
        documents=visible,
        hidden=sorted(hidden.values(), key=lambda h: (h.office.name, h.kind)),
    )


def document_get(*, actor: User, person: Person, document_id: object) -> Document:
    """One document of the person the actor may see; 404 for any other (an unknown one, one
    of another person, one the reader may not see)."""
    authorize(actor, Action.VIEW_PERSON, person, purpose=Purpose.DOCUMENTS)
    try:
        document = Document.objects.select_related(
            "person", "recorded_by", "recorded_by_user", "withdrawn_by"
        ).get(pk=int(str(document_id)), person=person)
    except (Document.DoesNotExist, ValueError):
        raise Http404 from None
    if not decide_category(actor, person, document.category, owner_office=document.recorded_by):
        raise Http404
    return document


def document_open(*, actor: User, document: Document) -> IO[bytes]:
    """The file of a document the actor may see (`document_get`), opened for reading; the read
    is recorded (kind, category, size, SHA-256 — never the content)."""
    decision = decide_category(
        actor,
        document.person,
        document.category,
        owner_office=document.recorded_by,
        purpose=Purpose.DOCUMENTS,
    )
    if not decision:
        raise Http404
    handle = document.file.storage.open(str(document.file.name), "rb")
    audit_record(
        event_type=EventType.DOCUMENT_READ,
        actor=actor,
        action=Action.VIEW_PERSON,
        obj=document,
        person_id=document.person_id,
        purpose=Purpose.DOCUMENTS,
        basis=decision.basis or "own record",
        categories=[document.category],
        details={
            "kind": document.kind,
            "category": document.category,
            "size": document.size,
            "sha256": document.sha256,
        },
    )
    return handle  # type: ignore[no-any-return]


def documents_on_record(
    *, actor: User, person: Person, kinds: Iterable[str]
) -> dict[str, list[OnRecord]]:
    """{kind: the current documents of that kind on the platform}, newest first, each saying
    whether the actor may open it (for the Rechtskreiswechsel checklist: what need not be
    asked for again). Those it may not see name their office only."""
    wanted = [k for k in kinds if k in DocumentKind.values]
    found: dict[str, list[OnRecord]] = {kind: [] for kind in wanted}
    if not wanted:
        return found
    decisions = _Decisions(actor, person, Purpose.DOCUMENTS)
    rows = (
        Document.objects.filter(person=person, kind__in=wanted, state=DocumentState.CURRENT)
        .select_related("recorded_by", "recorded_by_user")
        .order_by("-created_at", "-pk")
    )
    for document in rows:
        visible = decisions.allows(document)
        found[document.kind].append(
            OnRecord(
                kind=document.kind,
                office=document.recorded_by,
                uploaded_at=document.created_at,
                visible=visible,
                document=document if visible else None,
            )
        )
    return found


def documents_of_person(person: Person) -> list[Document]:
    """Every document of the person, withdrawn ones too, newest first (for the person's own
    report, which shows everything of every office: not scoped)."""
    return _rows(person)
