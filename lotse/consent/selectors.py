"""Reads for the consent pages: the consents of a person, and the profile data other offices
share with the actor's office (on a statute or a consent), each read or refusal logged."""

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from lotse.access.policy import Action, Category, authorize, decide_category
from lotse.audit.models import EventType, Outcome
from lotse.audit.services import audit_record
from lotse.audit.vocabulary import Purpose
from lotse.consent.models import Consent
from lotse.organisations.models import Office
from lotse.people.models import Person, PersonLanguage


def consent_list(*, actor, person: Person) -> QuerySet[Consent]:
    """All consents of the person, withdrawn and expired ones included (they are the record of
    what was shared on which basis). Seeing them needs an open case, like the person page."""
    authorize(actor, Action.VIEW_PERSON, person, purpose=Purpose.CONSENT)
    offices = Office.objects.order_by("name")
    return (
        Consent.objects.filter(person=person)
        .select_related("recorded_by_office", "recorded_by", "withdrawn_by")
        .prefetch_related(
            Prefetch("recipients", queryset=offices),
            Prefetch("disclosing_offices", queryset=offices),
        )
    )


def consent_get(*, actor, person: Person, consent_id) -> Consent:
    try:
        return consent_list(actor=actor, person=person).get(pk=int(consent_id))
    except (Consent.DoesNotExist, TypeError, ValueError):
        raise Http404 from None


def shared_languages(*, actor, person: Person, purpose: str = "") -> list[dict]:
    """Language levels other offices recorded, grouped by office, for the offices the policy
    lets the actor see (§ 69 SGB X between benefit bodies, or a consent).

    Every decision is logged: an allowed read with its basis (the paragraph, or "consent #id of
    <date>"), a refusal with its reason, so that the person's report can say who saw what.
    """
    by_office: dict[int, list[PersonLanguage]] = {}
    rows = (
        PersonLanguage.objects.filter(person=person)
        .exclude(recorded_by=actor.office)
        .select_related("recorded_by")
    )
    for language in rows:
        by_office.setdefault(language.recorded_by_id, []).append(language)
    shared = []
    for languages in by_office.values():
        owner = languages[0].recorded_by
        decision = decide_category(
            actor, person, Category.PROFILE, owner_office=owner, purpose=purpose
        )
        audit_record(
            event_type=EventType.PERSON_DATA_READ if decision else EventType.ACCESS_DENIED,
            actor=actor,
            outcome=Outcome.ALLOWED if decision else Outcome.DENIED,
            action=Action.VIEW_PERSON,
            obj=person,
            person_id=person.pk,
            purpose=purpose,
            basis=decision.basis,
            reason="" if decision else decision.reason,
            categories=[Category.PROFILE],
            details={"owner_office": owner.code, "data": "languages"},
        )
        if decision:
            shared.append({"office": owner, "basis": decision.basis, "languages": languages})
    return sorted(shared, key=lambda entry: entry["office"].name)
