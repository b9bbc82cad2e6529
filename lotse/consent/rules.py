"""The consent rule of the policy's layer 4 (lotse/access/policy.py, `decide_category`).

Another office's data of a category reach the user's office with the person's consent when an
active consent (not withdrawn, valid today) names the user's office as recipient, covers the
category (health only with the explicit mark), the purpose and, if it names disclosing offices,
the owning office. The allowing decision names the consent as its basis ("consent #12 of
2026-03-02"), which the audit trail and the person's own report show.

The policy asks this rule only when no statute allows and no statute blocks the flow (§ 88
AufenthG is not opened by a consent), and only after the open-case rule has allowed the user to
see the person at all.

Purpose: a read names its purpose (`decide_category(..., purpose=...)`). A value of `Purpose`
is matched as it is; anything else (the empty string, or free text such as "case work") stands
for the receiving office's own task, derived from the kind of office (`OFFICE_TASK`), so that a
consent for "integration counselling" opens the data to the Integrationsmanagement's case work
but not to an Agentur's job placement.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.access.policy import (
    SPECIAL_CATEGORIES,
    Action,
    Decision,
    register_category_rule,
    register_prefetch,
)
from lotse.consent.models import Consent, Purpose
from lotse.organisations.models import Office, OfficeKind, User

if TYPE_CHECKING:
    from lotse.people.models import Person

_PREFETCHED = "policy_active_consents"  # set by prefetched_for_policy: active consents

# The task an office performs by its kind: the purpose of its everyday case work.
OFFICE_TASK: dict[str, Purpose] = {
    OfficeKind.INTEGRATIONSMANAGEMENT: Purpose.INTEGRATION_COUNSELLING,
    OfficeKind.JOBCENTER: Purpose.JOB_PLACEMENT,
    OfficeKind.AGENTUR: Purpose.JOB_PLACEMENT,
    OfficeKind.SOZIALAMT: Purpose.BENEFIT_APPLICATION,
    OfficeKind.AUSLAENDERBEHOERDE: Purpose.RESIDENCE,
    # youth welfare's help for a young person's integration (SGB VIII)
    OfficeKind.JUGENDAMT: Purpose.INTEGRATION_COUNSELLING,
}


def purpose_of(office: Office, purpose: str) -> str:
    """The consent purpose a read stands for (see the module docstring)."""
    if purpose in Purpose.values:
        return purpose
    return OFFICE_TASK.get(office.kind, "")


def covering_consent(
    *, user: User, person: Person, category: str, owner_office: Office, purpose: str = ""
) -> Consent | None:
    """The newest active consent that covers this read, or None."""
    assert user.office is not None  # the policy asks only members of staff
    wanted = purpose_of(user.office, purpose)
    prefetched = getattr(person, _PREFETCHED, None)
    if prefetched is not None:
        candidates: Iterable[Consent] = [
            consent
            for consent in prefetched
            if any(office.pk == user.office_id for office in consent.recipients.all())
        ]
    else:
        candidates = (
            Consent.objects.active(timezone.localdate())
            .filter(person=person, recipients=user.office)
            .prefetch_related("disclosing_offices")
            .order_by("-given_on", "-pk")
        )
    for consent in candidates:
        if _covers(consent, category, wanted, owner_office):
            return consent  # type: ignore[no-any-return]  # the queryset's model is Consent
    return None


def _covers(consent: Consent, category: str, wanted: str, owner_office: Office) -> bool:
    if category not in consent.categories or wanted not in consent.purposes:
        return False
    if category in SPECIAL_CATEGORIES and not consent.explicit_special_categories:
        return False
    disclosing = {office.pk for office in consent.disclosing_offices.all()}
    return not (disclosing and owner_office.pk not in disclosing)


def consent_rule(
    *, user: User, person: Person, category: str, owner_office: Office, purpose: str
) -> Decision | None:
    consent = covering_consent(
        user=user, person=person, category=category, owner_office=owner_office, purpose=purpose
    )
    if consent is None:
        # No opinion: the policy then refuses ("no legal basis and no consent").
        return None
    return Decision(
        True,
        Action.VIEW_PERSON,
        _("The person's consent covers these data."),
        basis=consent.basis,
        categories=(category,),
    )


def _consent_admits(
    *, user: User, category: str, owner_office: Office, purpose: str, persons: QuerySet[Person]
) -> Q | None:
    """Of `persons`, those whose consent covers the read: their active consents naming the
    user's office as recipient, checked one by one as `covering_consent` checks them."""
    if user.office is None:
        return None
    wanted = purpose_of(user.office, purpose)
    covered = set()
    consents = (
        Consent.objects.active(timezone.localdate())
        .filter(recipients=user.office, person__in=persons.values("pk"))
        .prefetch_related("disclosing_offices")
    )
    for consent in consents:
        if consent.person_id in covered or not _covers(consent, category, wanted, owner_office):
            continue
        covered.add(consent.person_id)
    return Q(pk__in=covered) if covered else None


register_category_rule(consent_rule, name="consent.consent", admits=_consent_admits)


def _prefetch_active_consents(persons: QuerySet[Person]) -> QuerySet[Person]:
    """The person's active consents with their recipients and disclosing offices, newest
    first as `covering_consent` reads them."""
    active = (
        Consent.objects.active(timezone.localdate())
        .prefetch_related("recipients", "disclosing_offices")
        .order_by("-given_on", "-pk")
    )
    return persons.prefetch_related(Prefetch("consents", queryset=active, to_attr=_PREFETCHED))


register_prefetch("people.Person", _prefetch_active_consents)
