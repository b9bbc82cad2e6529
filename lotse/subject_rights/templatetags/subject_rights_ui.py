"""The person page's section on the person's rights (report and corrections), as an inclusion
tag so that the person page needs one include line; the data come from the selectors."""

from django import template

from lotse.access.policy import Action, decide
from lotse.subject_rights.selectors import correction_requests_of_person, report_decide

register = template.Library()


@register.inclusion_tag("subject_rights/_section.html", takes_context=True)
def subject_rights_person_section(context) -> dict:
    actor = context["request"].user
    person = context["person"]
    return {
        "person": person,
        "corrections": correction_requests_of_person(actor=actor, person=person),
        "can_report": bool(report_decide(actor=actor, person=person)),
        "can_edit": bool(decide(actor, Action.EDIT_PERSON, person)),
    }
