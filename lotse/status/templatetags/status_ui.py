"""The status section of the person page and the Rechtskreiswechsel warnings of the start page,
as inclusion tags: the pages need one include line each and no view of another app has to know
about status data. The data come from the status selectors, which ask the policy."""

from django import template

from lotse.status.selectors import status_overview, switch_warnings

register = template.Library()


@register.inclusion_tag("status/_section.html", takes_context=True)
def status_person_section(context) -> dict:
    request = context["request"]
    person = context["person"]
    return {
        "request": request,
        "person": person,
        "overview": status_overview(actor=request.user, person=person),
    }


@register.inclusion_tag("status/_start_warnings.html", takes_context=True)
def status_switch_warnings(context) -> dict:
    request = context["request"]
    return {"request": request, "warnings": switch_warnings(actor=request.user)}
