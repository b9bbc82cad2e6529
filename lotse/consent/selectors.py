"""Reads for the consent pages: the consents of a person, and the profile data other offices
share with the actor's office (on a statute or a consent), each read or refusal logged."""

from datetime import date

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from lotse.access.policy import Action, Category, authorize, decide, decide_category
from lotse.audit.models import EventType, Outcome
from lotse.audit.services import audit_record
from lotse.audit.vocabulary import Purpose
from lotse.consent.form_texts import document_languages, language_name
from lotse.consent.forms import WithdrawForm
from lotse.consent.models import Consent
from lotse.consent.rules import purpose_of
from lotse.organisations.models import Office, User
from lotse.people.models import Person, PersonLanguage


def consent_list(*, actor: User, person: Person) -> QuerySet[Consent]:
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


def consent_get(*, actor: User, person: Person, consent_id: str | int) -> Consent:
    try:
        return consent_list(actor=actor, person=person).get(pk=int(consent_id))
    except (Consent.DoesNotExist, TypeError, ValueError):
        raise Http404 from None


def shared_languages(*, actor: User, person: Person, purpose: str = "") -> list[dict]:
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


def _consent_status(consent: Consent, today: date) -> str:
    if consent.is_withdrawn:
        return "withdrawn"
    if consent.valid_until < today:
        return "expired"
    if consent.given_on > today:
        return "pending"
    return "active"


def consent_section(
    *, actor: User, person: Person, withdrawing: tuple[int, WithdrawForm] | None = None
) -> dict:
    """The consent section of the person page: the consents the actor may see (read and logged
    by `consent_list`), a withdrawal form for each that can be withdrawn (a refused withdrawal
    comes back as typed: `withdrawing` is (consent id, bound form)), the languages of the form."""
    today = timezone.localdate()
    consents = []
    for consent in consent_list(actor=actor, person=person):
        status = _consent_status(consent, today)
        form = None
        if withdrawing and withdrawing[0] == consent.pk and status in ("active", "pending"):
            form = withdrawing[1]
        elif status in ("active", "pending"):
            form = WithdrawForm(
                initial={"consent": consent.pk}, auto_id=f"id_withdraw_{consent.pk}_%s"
            )
        consents.append({"consent": consent, "status": status, "withdraw_form": form})
    languages = document_languages(person.preferred_language)
    assert actor.office is not None  # consent_list has let a member of staff through
    return {
        "consents": consents,
        "can_edit": bool(decide(actor, Action.EDIT_PERSON, person)),
        "shared_languages": shared_languages(
            actor=actor, person=person, purpose=purpose_of(actor.office, "")
        ),
        "form_language": language_name(languages.other or "de"),
        "form_language_missing": languages.missing,
    }
