"""The open-case rule: an office sees a person's data only through an open case of its own.

Registered with the one policy module at start-up, so that no view has to know about it.
Consent and statutory sharing between offices (§ 69 SGB X) arrive as further rules (issue 4).
"""

from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from lotse.access.policy import (
    Action,
    Decision,
    offices_serving,
    register_category_rule,
    register_object_rule,
    register_party_rule,
    register_prefetch,
    register_scope,
    registered_category_basis,
    statutory_basis,
)
from lotse.audit.vocabulary import Basis, LegalBasis
from lotse.cases.models import BreakGlass, Case, CaseStatus, Referral, ReferralState
from lotse.organisations.models import Jurisdiction, Office, User
from lotse.people.models import Person

OWN_CASE_BASIS = LegalBasis(Basis.OWN_CASE)


_PREFETCHED = "policy_open_cases"  # set by prefetched_for_policy: open cases, offices' Kreise
_PREFETCHED_REFERRALS = "policy_running_referrals"  # the same: the person's running referrals
_RUNNING = [ReferralState.ACCEPTED, ReferralState.IN_PROGRESS, ReferralState.RETURNED]


def _current_jurisdictions() -> QuerySet[Jurisdiction]:
    today = timezone.localdate()
    return Jurisdiction.objects.filter(valid_from__lte=today).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=today)
    )


def _prefetch_open_cases(persons: QuerySet[Person]) -> QuerySet[Person]:
    cases = (
        Case.objects.filter(status=CaseStatus.OPEN)
        .select_related("office")
        .prefetch_related(
            Prefetch(
                "office__jurisdictions",
                queryset=_current_jurisdictions().order_by(),
                to_attr="current_jurisdictions",
            )
        )
    )
    return persons.prefetch_related(Prefetch("cases", queryset=cases, to_attr=_PREFETCHED))


def _kreise_with_open_case(person: Person) -> list[int]:
    prefetched = getattr(person, _PREFETCHED, None)
    if prefetched is not None:
        return [j.kreis_id for case in prefetched for j in case.office.current_jurisdictions]
    # Two small indexed queries; a join of cases and jurisdictions makes SQLite scan.
    offices = list(
        Case.objects.filter(person=person, status=CaseStatus.OPEN).values_list(
            "office_id", flat=True
        )
    )
    return list(
        _current_jurisdictions()
        .filter(office_id__in=offices)
        .order_by()
        .values_list("kreis_id", flat=True)
    )


def _has_open_case(person: Person, office: Office) -> bool:
    prefetched = getattr(person, _PREFETCHED, None)
    if prefetched is not None:
        return any(case.office_id == office.pk for case in prefetched)
    return Case.objects.filter(person=person, office=office, status=CaseStatus.OPEN).exists()


def _open_case(
    *, user: User, action: Action, obj: Any, purpose: str, categories: tuple[str, ...]
) -> Decision | None:
    if action not in (Action.VIEW_PERSON, Action.EDIT_PERSON):
        return None
    assert user.office is not None  # the policy asks its rules about members of staff only
    has_case = _has_open_case(obj, user.office)
    if has_case:
        return Decision(True, action, _("Open case."), basis=OWN_CASE_BASIS)
    emergency = (
        BreakGlass.objects.filter(user=user, person=obj, expires_at__gt=timezone.now())
        .order_by("-expires_at")
        .first()
    )
    if emergency is not None and action == Action.VIEW_PERSON:
        until = f"{timezone.localtime(emergency.expires_at):%H:%M}"
        basis = LegalBasis.break_glass(number=emergency.pk, until=until, reason=emergency.reason)
        return Decision(True, action, _("Emergency access."), basis=basis)
    return Decision(False, action, _("Your office has no open case for this person."))


def _open_case_somewhere_in(kreis_ids: Iterable[int]) -> Q:
    """Persons with an open case at an office serving one of `kreis_ids` (the Kreis scope).
    Written as `pk IN (subquery)`, not as a correlated EXISTS, so that the database reads the
    (indexed) cases once instead of probing them for every person of the registry."""
    cases = Case.objects.filter(status=CaseStatus.OPEN, office_id__in=offices_serving(kreis_ids))
    return Q(pk__in=cases.values("person_id"))


def _open_case_admits(
    *, user: User, action: Action, purpose: str, categories: tuple[str, ...]
) -> Q | None:
    if action not in (Action.VIEW_PERSON, Action.EDIT_PERSON):
        return None
    assert user.office_id is not None  # the policy asks its rules about members of staff only
    own = Case.objects.filter(office_id=user.office_id, status=CaseStatus.OPEN)
    condition = Q(pk__in=own.values("person_id"))
    if action == Action.VIEW_PERSON:
        emergency = BreakGlass.objects.filter(user=user, expires_at__gt=timezone.now())
        condition |= Q(pk__in=emergency.values("person_id"))
    return condition


register_scope("people.Person", _kreise_with_open_case, admits=_open_case_somewhere_in)
register_object_rule("people.Person", _open_case, name="cases.open_case", admits=_open_case_admits)
register_prefetch("people.Person", _prefetch_open_cases)


def _kreise_of_case(case: Case) -> list[int]:
    return list(case.office.kreise_served().values_list("pk", flat=True))


def _own_office_case(
    *, user: User, action: Action, obj: Any, purpose: str, categories: tuple[str, ...]
) -> Decision | None:
    if obj.office_id != user.office_id:
        return Decision(False, action, _("This case belongs to another office."))
    return None


register_scope(
    "cases.Case",
    _kreise_of_case,
    admits=lambda kreis_ids: Q(office_id__in=offices_serving(kreis_ids)),
)
register_object_rule(
    "cases.Case",
    _own_office_case,
    name="cases.own_office_case",
    admits=lambda *, user, action, purpose, categories: Q(office_id=user.office_id),
)


# Both offices of a referral see it; nobody else.
register_party_rule(
    "cases.Referral",
    "from_office",
    "to_office",
    name="cases.referral_party",
    refusal=gettext_noop("This referral concerns other offices."),
)


def _shared_by_referral(
    *, user: User, person: Person, category: str, owner_office: Office, purpose: str
) -> Decision | None:
    """Data the sending office shared with an accepted referral, for as long as it runs."""
    prefetched = getattr(person, _PREFETCHED_REFERRALS, None)
    if prefetched is not None:
        referrals: Iterable[Referral] = [
            referral
            for referral in prefetched
            if referral.from_office_id == owner_office.pk
            and referral.to_office_id == user.office_id
        ]
    else:
        referrals = Referral.objects.filter(
            person=person,
            from_office=owner_office,
            to_office_id=user.office_id,
            state__in=_RUNNING,
        )
    for referral in referrals:
        basis = referral.shared.get(str(category))
        assert user.office is not None  # the policy asks its rules about members of staff only
        if basis and not statutory_basis(owner_office.kind, user.office.kind, str(category)):
            # Shared on the person's consent: it must still hold today — a withdrawal ends the
            # access at once, even for a referral made while the consent was valid.
            basis = (
                registered_category_basis(
                    user=user,
                    person=person,
                    category=str(category),
                    owner_office=owner_office,
                    purpose=purpose,
                    exclude=_shared_by_referral,
                )
                and basis
            )
        if basis:
            return Decision(
                True,
                Action.VIEW_PERSON,
                _("Shared with referral %(id)s.") % {"id": referral.pk},
                LegalBasis.shared_by_referral(referral=referral.pk, via=basis),
                (str(category),),
            )
    return None


def _shared_by_referral_admits(
    *, user: User, category: str, owner_office: Office, purpose: str, persons: QuerySet[Person]
) -> Q | None:
    """Of `persons`, those of the running referrals from `owner_office` to the user's office,
    each checked as `_shared_by_referral` checks it (a shared category, a consent still valid)."""
    if owner_office is None or user.office_id is None:
        return None
    candidates = (
        Referral.objects.filter(
            from_office=owner_office,
            to_office_id=user.office_id,
            state__in=_RUNNING,
            person__in=persons.values("pk"),
        )
        .values_list("person_id", "shared")
        .distinct()
    )
    shared_with = {
        person_id
        for person_id, shared in candidates
        if str(category) in (shared or {})
        and _shared_by_referral(
            user=user,
            person=Person(pk=person_id),
            category=category,
            owner_office=owner_office,
            purpose=purpose,
        )
    }
    return Q(pk__in=shared_with) if shared_with else None


register_category_rule(
    _shared_by_referral, name="cases.shared_by_referral", admits=_shared_by_referral_admits
)


def _prefetch_running_referrals(persons: QuerySet[Person]) -> QuerySet[Person]:
    running = Referral.objects.filter(state__in=_RUNNING)
    return persons.prefetch_related(
        Prefetch("referrals", queryset=running, to_attr=_PREFETCHED_REFERRALS)
    )


register_prefetch("people.Person", _prefetch_running_referrals)


def holding_offices(person_ids: Iterable[object]) -> dict[str, list[Office]]:
    """person id → the offices holding the person's record: those with an open case; for a
    person without one, the office of the most recent case, else the registering office. In
    three queries for any number of persons (the registration check asks for up to ten)."""
    ids = [str(pk) for pk in person_ids]
    held: dict[str, set[int]] = {}
    for person_pk, office_pk in Case.objects.filter(
        person_id__in=ids, status=CaseStatus.OPEN
    ).values_list("person_id", "office_id"):
        held.setdefault(str(person_pk), set()).add(office_pk)
    rest = [pk for pk in ids if pk not in held]
    if rest:
        last = Case.objects.filter(person_id__in=rest).order_by("person_id", "-opened_at", "-pk")
        for person_pk, office_pk in last.values_list("person_id", "office_id"):
            held.setdefault(str(person_pk), {office_pk})
        for person_pk, office_pk in Person.objects.filter(pk__in=rest).values_list(
            "pk", "created_by_office_id"
        ):
            if office_pk is not None:
                held.setdefault(str(person_pk), {office_pk})
    offices = Office.objects.in_bulk({pk for pks in held.values() for pk in pks})
    return {
        pk: sorted((offices[o] for o in pks), key=lambda office: office.name)
        for pk, pks in held.items()
    }


def offices_in_kreise(offices: Iterable[Office], kreis_ids: Iterable[int]) -> set[int]:
    """The ids of those of `offices` that serve one of the Kreise `kreis_ids` today (one query)."""
    return set(
        _current_jurisdictions()
        .filter(office__in=[office.pk for office in offices], kreis_id__in=list(kreis_ids))
        .values_list("office_id", flat=True)
    )


def held_in_kreise(offices: list[Office], kreis_ids: Iterable[int]) -> bool:
    """Whether one of `offices` serves one of the Kreise `kreis_ids` today: then the record
    is held in the user's own Kreis, and the registration rules of the Kreis apply (linking
    a proposed record directly, emergency access). A record held by nobody is in no Kreis."""
    return bool(offices) and bool(offices_in_kreise(offices, kreis_ids))
