"""The consent section of the person page (lotse/templates/consent/_person_section.html).

An inclusion tag, so that the person page needs one include line and no view of another app has
to know about consents; the data come from the consent selectors, which ask the policy.
"""

from django import template
from django.utils import timezone

from lotse.access.policy import Action, decide
from lotse.consent.form_texts import document_languages, language_name
from lotse.consent.forms import WithdrawForm
from lotse.consent.rules import purpose_of
from lotse.consent.selectors import consent_list, shared_languages

register = template.Library()


def _status(consent, today) -> str:
    if consent.is_withdrawn:
        return "withdrawn"
    if consent.valid_until < today:
        return "expired"
    if consent.given_on > today:
        return "pending"
    return "active"


@register.inclusion_tag("consent/_section.html", takes_context=True)
def consent_person_section(context) -> dict:
    actor = context["request"].user
    person = context["person"]
    today = timezone.localdate()
    consents = []
    # A refused withdrawal comes back as typed: (consent id, bound form) from the view.
    withdrawing = context.get("withdrawing")
    for consent in consent_list(actor=actor, person=person):
        status = _status(consent, today)
        form = None
        if withdrawing and withdrawing[0] == consent.pk and status in ("active", "pending"):
            form = withdrawing[1]
        elif status in ("active", "pending"):
            form = WithdrawForm(
                initial={"consent": consent.pk}, auto_id=f"id_withdraw_{consent.pk}_%s"
            )
        consents.append({"consent": consent, "status": status, "withdraw_form": form})
    languages = document_languages(person.preferred_language)
    return {
        "request": context["request"],
        "person": person,
        "consents": consents,
        "can_edit": bool(decide(actor, Action.EDIT_PERSON, person)),
        "shared_languages": shared_languages(
            actor=actor, person=person, purpose=purpose_of(actor.office, "")
        ),
        "form_language": language_name(languages.other or "de"),
        "form_language_missing": languages.missing,
        "csrf_token": context.get("csrf_token"),
    }
