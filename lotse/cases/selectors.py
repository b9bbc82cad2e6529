"""Reads of cases and referrals, each asking the policy first; person data read is logged."""

from collections.abc import Iterable
from dataclasses import dataclass
from uuid import UUID

from django.db.models import Case as CaseWhen
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery, When
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import pgettext

from lotse.access.policy import (
    Action,
    Category,
    Decision,
    authorize,
    decide,
    decide_category,
    scope,
)
from lotse.audit.models import EventType
from lotse.audit.services import audit_reads, audit_record
from lotse.audit.vocabulary import Basis, LegalBasis, ListRead, Purpose
from lotse.cases.models import (
    Case,
    CaseStatus,
    FollowUp,
    Note,
    NoteVisibility,
    Referral,
    ReferralKind,
    ReferralState,
)
from lotse.organisations.models import Office, OfficeKind, User
from lotse.people.models import Person, PersonLanguage
from lotse.people.selectors import primary_family_name


@dataclass(frozen=True)
class CaseloadFilters:
    mine: bool = False
    unassigned: bool = False
    due: bool = False
    closed: bool = False
    query: str = ""


def caseload(*, actor: User, filters: CaseloadFilters) -> QuerySet[Case]:
    """The cases of the actor's office, with the next due follow-up."""
    authorize(actor, Action.WORK_ON_CASE)
    today = timezone.localdate()
    # Not the cases left on a merged record. Asked as "not among the merged persons" (a few,
    # found by the index on merged_into), not as a join to every person: PostgreSQL answered
    # the join by reading the whole registry, for the count of every caseload page.
    merged = Person.objects.filter(merged_into__isnull=False).values("pk")
    cases = scope(actor, Action.WORK_ON_CASE, Case.objects.exclude(person__in=merged))
    cases = cases.filter(status=CaseStatus.CLOSED if filters.closed else CaseStatus.OPEN)
    if filters.mine:
        cases = cases.filter(responsible=actor)
    if filters.unassigned:
        cases = cases.filter(responsible__isnull=True)
    due = FollowUp.objects.filter(case=OuterRef("pk"), done_at__isnull=True, due_on__lte=today)
    open_steps = FollowUp.objects.filter(case=OuterRef("pk"), done_at__isnull=True).order_by(
        "due_on", "pk"
    )
    cases = cases.annotate(
        has_due=Exists(due),
        next_due_on=Subquery(open_steps.values("due_on")[:1]),
        next_step=Subquery(open_steps.values("title")[:1]),
        person_name=primary_family_name("person"),
    )
    if filters.due:
        cases = cases.filter(has_due=True)
    if filters.query:
        q = filters.query
        cases = cases.filter(
            Q(person__names__family_name__icontains=q) | Q(person__names__given_names__icontains=q)
        ).distinct()
    # The persons of the page's cases in a query of their own (by their ids), not joined: a
    # join to the persons made PostgreSQL read the whole registry to sort the office's cases.
    return (
        cases.select_related("responsible", "team")
        .prefetch_related("person", "person__names")
        .order_by("-has_due", "opened_at")
    )


def caseload_per_responsible(*, actor: User) -> list[dict]:
    """For a team lead: the open cases of the office per responsible caseworker (None: not
    assigned), with how many have an overdue or due follow-up."""
    authorize(actor, Action.REASSIGN_CASES)
    cases = caseload(actor=actor, filters=CaseloadFilters()).order_by()
    rows = cases.values("responsible", "responsible__first_name", "responsible__last_name")
    return list(
        rows.annotate(  # type: ignore[arg-type]  # rows of dicts (values())
            open=Count("pk", distinct=True), due=Count("pk", filter=Q(has_due=True))
        ).order_by("responsible__last_name", "responsible__first_name")
    )


def case_get(*, actor: User, case_id: int, purpose: str = Purpose.CASE_WORK) -> Case:
    case = get_object_or_404(
        Case.objects.select_related("person", "office", "responsible"), pk=case_id
    )
    decision = authorize(actor, Action.WORK_ON_CASE, case, purpose=purpose)
    audit_record(
        event_type=EventType.PERSON_DATA_READ,
        actor=actor,
        obj=case,
        person_id=case.person_id,
        purpose=purpose,
        basis=decision.basis or "own case",
        categories=["identity", "notes", "plan"],
    )
    return case


def shared_with_office(*, actor: User, case: Case) -> dict:
    """Other offices' data about the case's person that reach the actor's office — through a
    referral that shares them or the person's consent — each with its basis, and logged."""
    person = case.person
    decisions: dict[tuple[str, int], Decision] = {}

    def allowed(category: str, owner: Office) -> Decision:
        # One policy decision per category and owning office, not one per row.
        key = (category, owner.pk)
        if key not in decisions:
            decisions[key] = decide_category(actor, person, category, owner_office=owner)
        return decisions[key]

    other_languages = (
        PersonLanguage.objects.filter(person=person)
        .exclude(recorded_by=actor.office)
        .select_related("recorded_by")
    )
    languages = [
        (language, allowed(Category.PROFILE, language.recorded_by).basis)
        for language in other_languages
        if allowed(Category.PROFILE, language.recorded_by)
    ]
    shared_notes = (
        Note.objects.filter(case__person=person, visibility=NoteVisibility.SHARED)
        .exclude(case__office=actor.office)
        .select_related("case__office", "author")
    )
    notes = [
        (note, allowed(Category.NOTES, note.case.office).basis)
        for note in shared_notes
        if allowed(Category.NOTES, note.case.office)
    ]
    bases = sorted({basis for _, basis in languages + notes})
    if bases:
        audit_record(
            event_type=EventType.PERSON_DATA_READ,
            actor=actor,
            obj=person,
            person_id=person.pk,
            purpose=Purpose.CASE_WORK,
            basis=bases,
            categories=[c for c, found in (("profile", languages), ("notes", notes)) if found],
        )
    return {"languages": languages, "notes": notes}


def _log_listed(
    actor: User, objects: Iterable[Case | Referral], *, purpose: str, action: str
) -> None:
    """A list names persons: each listed one is logged as read (as the person search does)."""
    objects = list(objects)
    for kind, basis in ((Case, "own case"), (Referral, "party to the referral")):
        audit_reads(
            actor=actor,
            objects=[o for o in objects if isinstance(o, kind)],
            person_of=lambda o: o.person_id,
            purpose=purpose,
            basis=basis,
            action=action,
        )


def cases_listed(
    *, actor: User, cases: Iterable[Case], purpose: str = Purpose.CASELOAD
) -> list[Case]:
    """The cases a page lists (of `caseload`); their persons are logged as read."""
    listed = list(cases)
    _log_listed(actor, listed, purpose=purpose, action=ListRead.CASES)
    return listed


def _label(actor: User, referral: Referral) -> Referral:
    """`person_label`: what the actor's office may see of the person. The office that sent a
    transfer request sees only the name it entered until the holding office accepted."""
    referral.person_label = (  # type: ignore[attr-defined]  # for the page only
        referral.entered_name if _before_acceptance(actor, referral) else referral.person
    )
    return referral


def _before_acceptance(actor: User, referral: Referral) -> bool:
    return (
        referral.kind == ReferralKind.TAKEOVER
        and referral.from_case_id is None
        and actor.office_id == referral.from_office_id
    )


def _referrals(actor: User) -> QuerySet[Referral]:
    authorize(actor, Action.HANDLE_REFERRAL)
    # The name a list sorts by is the one it shows: the sender of a transfer request sees only
    # the name it entered until the holding office accepted.
    shown_name = CaseWhen(
        When(
            kind=ReferralKind.TAKEOVER,
            from_case__isnull=True,
            from_office=actor.office,
            then="entered_name",
        ),
        default=primary_family_name("person"),
    )
    return (
        scope(actor, Action.HANDLE_REFERRAL, Referral.objects.all())
        .select_related("person", "from_office", "to_office")
        .prefetch_related("person__names")
        .annotate(person_name=shown_name)
    )


def referrals_incoming(*, actor: User) -> QuerySet[Referral]:
    return _referrals(actor).filter(to_office=actor.office).order_by("state", "respond_by")


def referrals_outgoing(*, actor: User) -> QuerySet[Referral]:
    return _referrals(actor).filter(from_office=actor.office).order_by("-updated_at")


def referrals_listed(
    *, actor: User, referrals: Iterable[Referral], purpose: str = Purpose.REFERRALS
) -> list[Referral]:
    """The referrals a page lists, each with `person_label`; the persons shown are logged as
    read."""
    labelled = [_label(actor, referral) for referral in referrals]
    _log_listed(
        actor,
        [r for r in labelled if not _before_acceptance(actor, r)],
        purpose=purpose,
        action=ListRead.REFERRALS,
    )
    return labelled


def incoming_waiting(*, actor: User) -> QuerySet[Referral]:
    authorize(actor, Action.HANDLE_REFERRAL)
    return (
        scope(actor, Action.HANDLE_REFERRAL, Referral.objects.all())
        .filter(to_office=actor.office, state=ReferralState.REQUESTED)
        .select_related("from_office", "person")
        .prefetch_related("person__names")
        .order_by("respond_by")
    )


def referral_get(*, actor: User, referral_id: int) -> Referral:
    referral = get_object_or_404(
        Referral.objects.select_related(
            "person", "from_office", "to_office", "from_case", "to_case"
        ),
        pk=referral_id,
    )
    authorize(actor, Action.HANDLE_REFERRAL, referral, purpose=Purpose.REFERRAL)
    _label(actor, referral)
    if _before_acceptance(actor, referral):
        return referral  # no person data shown, none read
    audit_record(
        event_type=EventType.PERSON_DATA_READ,
        actor=actor,
        obj=referral,
        person_id=referral.person_id,
        purpose=Purpose.REFERRAL,
        basis=LegalBasis(Basis.REFERRAL_PARTY),
        categories=["identity"],
    )
    return referral


def follow_ups_due(*, actor: User) -> QuerySet[FollowUp]:
    authorize(actor, Action.WORK_ON_CASE)
    return (
        FollowUp.objects.filter(
            case__in=scope(actor, Action.WORK_ON_CASE, Case.objects.filter(status=CaseStatus.OPEN)),
            done_at__isnull=True,
            due_on__lte=timezone.localdate(),
        )
        .filter(Q(case__responsible=actor) | Q(case__responsible__isnull=True))
        .select_related("case__person")
        .prefetch_related("case__person__names")
    )


def start_page_work(*, actor: User, limit: int = 10) -> dict:
    """What a caseworker's start page shows: hand-overs waiting for the office, follow-ups due,
    and the own open cases with their next step, each with its full count; for a team lead the
    open cases per caseworker. The listed persons are logged as read."""
    if not decide(actor, Action.WORK_ON_CASE):
        return {}
    incoming_all = incoming_waiting(actor=actor)
    due_all = follow_ups_due(actor=actor).order_by("due_on", "pk")
    mine_all = caseload(actor=actor, filters=CaseloadFilters(mine=True)).order_by(
        F("next_due_on").asc(nulls_last=True), "opened_at"
    )
    incoming, due, mine = (
        list(incoming_all[:limit]),
        list(due_all[:limit]),
        list(mine_all[:limit]),
    )
    _log_listed(actor, incoming, purpose=Purpose.START_PAGE, action=ListRead.REFERRALS)
    _log_listed(
        actor, [f.case for f in due] + mine, purpose=Purpose.START_PAGE, action=ListRead.CASES
    )
    return {
        "incoming": incoming,
        "incoming_count": incoming_all.count(),
        "due": due,
        "due_count": due_all.count(),
        "mine": mine,
        "mine_count": mine_all.count(),
        "per_responsible": caseload_per_responsible(actor=actor)
        if decide(actor, Action.REASSIGN_CASES)
        else None,
        "today": timezone.localdate(),
    }


# --- after a hand-over ----------------------------------------------------------------------
FEMININE_OFFICE_KINDS = frozenset({OfficeKind.AUSLAENDERBEHOERDE, OfficeKind.AGENTUR})


def handed_over_text(referral: Referral) -> str:
    """ "Handed over to the Jobcenter Tübingen on 1 December 2026; your case is closed." (the
    article of the office's kind: das Jobcenter, die Ausländerbehörde)."""
    day = referral.from_case.closed_at if referral.from_case else referral.updated_at
    values = {
        "office": referral.to_office.name,
        "day": date_format(timezone.localtime(day).date(), "DATE_FORMAT"),
    }
    if referral.to_office.kind in FEMININE_OFFICE_KINDS:
        text = pgettext(
            "office with a feminine article",
            "Handed over to %(office)s on %(day)s; your case is closed.",
        )
    else:
        text = pgettext(
            "office with a neuter article",
            "Handed over to %(office)s on %(day)s; your case is closed.",
        )
    return text % values


def case_handed_over(case: Case) -> Referral | None:
    """The completed hand-over that closed `case`, if it was closed by one."""
    if case.status != CaseStatus.CLOSED:
        return None
    return (
        Referral.objects.filter(
            from_case=case, kind=ReferralKind.TRANSFER, state=ReferralState.CLOSED
        )
        .select_related("to_office", "from_case")
        .order_by("-updated_at")
        .first()
    )


def handed_over_get(*, actor: User, person_id: UUID | str) -> Referral | None:
    """For an office that may no longer see a person because it handed the person over (a
    completed hand-over of responsibility, no open case of its own left): that hand-over, and
    the page that says so logged as a read of what the office still holds (its closed case).
    None for a record the office never held, or holds no longer for another reason."""
    if not decide(actor, Action.WORK_ON_CASE):
        return None
    person = Person.objects.filter(pk=person_id).first()
    while person is not None and person.merged_into_id:
        person = person.merged_into
    if person is None:
        return None
    if decide(actor, Action.EDIT_PERSON, person):
        return None  # the office works on the person (an open case of its own)
    referral = (
        Referral.objects.filter(
            person=person,
            from_office=actor.office,
            kind=ReferralKind.TRANSFER,
            state=ReferralState.CLOSED,
            from_case__isnull=False,
        )
        .select_related("to_office", "from_case", "person")
        .order_by("-updated_at", "-pk")
        .first()
    )
    if referral is None:
        return None
    audit_record(
        event_type=EventType.PERSON_DATA_READ,
        actor=actor,
        action=Action.WORK_ON_CASE,
        obj=referral.from_case,
        person_id=person.pk,
        purpose="hand-over completed",
        basis=LegalBasis(Basis.OWN_CLOSED_CASE),
        categories=["identity"],
    )
    return referral
