# ruff: noqa: E501 - translated texts: a sentence is kept on one line for the translator
"""The printable integration plan (PDF, WeasyPrint): German first, then the person's language,
with the machinery of the consent form (lotse/consent/documents.py): the document languages and
their right-to-left direction (consent.form_texts), the base stylesheet (lotse/core/pdf), each
language's part rendered with that language active so its texts come from that language's
catalogue (context "plan document"). German is binding; the other part says it is a courtesy
translation. Goals and steps are printed as the offices typed them (in German, as a rule).

The print shows what the printing office may see of the plan (plan_get), like the plan page,
and is logged as an export of the person's plan data.
"""

from pathlib import Path
from typing import TYPE_CHECKING

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import pgettext, pgettext_lazy

from lotse.access.policy import Action, Category
from lotse.audit.models import EventType
from lotse.audit.services import audit_record
from lotse.audit.vocabulary import Purpose
from lotse.consent.documents import _names
from lotse.consent.form_texts import RTL_LANGUAGES, document_languages
from lotse.core.pdf import stylesheets
from lotse.organisations.models import User
from lotse.people.models import Person
from lotse.plans.models import GoalArea, GoalStatus, StepStatus
from lotse.plans.selectors import Plan, plan_get

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

STYLESHEET = Path(__file__).parent / "pdf" / "plan.css"

AREA_TEXTS: "dict[str, StrOrPromise]" = {
    GoalArea.LANGUAGE: pgettext_lazy("plan document", "Language"),
    GoalArea.EDUCATION: pgettext_lazy("plan document", "School and education"),
    GoalArea.RECOGNITION: pgettext_lazy("plan document", "Recognition of qualifications"),
    GoalArea.TRAINING: pgettext_lazy("plan document", "Vocational training"),
    GoalArea.WORK: pgettext_lazy("plan document", "Work"),
    GoalArea.PARTICIPATION: pgettext_lazy("plan document", "Participation and everyday life"),
    GoalArea.OTHER: pgettext_lazy("plan document", "Other"),
}
GOAL_STATUS_TEXTS: "dict[str, StrOrPromise]" = {
    GoalStatus.OPEN: pgettext_lazy("plan document", "open"),
    GoalStatus.IN_PROGRESS: pgettext_lazy("plan document", "in progress"),
    GoalStatus.REACHED: pgettext_lazy("plan document", "reached"),
    GoalStatus.DROPPED: pgettext_lazy("plan document", "dropped"),
}
STEP_STATUS_TEXTS: "dict[str, StrOrPromise]" = {
    StepStatus.OPEN: pgettext_lazy("plan document", "open"),
    StepStatus.DONE: pgettext_lazy("plan document", "done"),
    StepStatus.CANCELLED: pgettext_lazy("plan document", "cancelled"),
}


def plan_texts() -> dict[str, str]:
    """The document's fixed texts in the active language (call under translation.override)."""
    return {
        "title": pgettext("plan document", "Integration plan"),
        "subtitle": pgettext(
            "plan document", "The goals agreed with you and the steps towards them"
        ),
        "translation_note": pgettext(
            "plan document", "Translation for your information. The German version is binding."
        ),
        "name": pgettext("plan document", "Name"),
        "birth": pgettext("plan document", "Date of birth"),
        "as_of": pgettext("plan document", "As of"),
        "goal": pgettext("plan document", "Goal"),
        "area": pgettext("plan document", "Area"),
        "owner": pgettext("plan document", "Office in charge"),
        "target": pgettext("plan document", "Target date"),
        "status": pgettext("plan document", "Status"),
        "step": pgettext("plan document", "Step"),
        "due": pgettext("plan document", "Due by"),
        "responsible": pgettext("plan document", "Office responsible"),
        "no_steps": pgettext("plan document", "No steps yet."),
        "no_goals": pgettext("plan document", "No goals have been agreed yet."),
        "partial": pgettext(
            "plan document",
            "This print shows the entries the printing office may see. Other offices may hold further entries of your plan; ask them for those.",
        ),
        "printed_by": pgettext("plan document", "Printed by"),
    }


def _page(code: str, plan: Plan) -> dict:
    with translation.override(code):
        return {
            "lang": code,
            "dir": "rtl" if code in RTL_LANGUAGES else "ltr",
            "is_german": code == "de",
            "t": plan_texts(),
            "goals": [
                {
                    "goal": view.goal,
                    "area": str(AREA_TEXTS[view.goal.area]),
                    "status": str(GOAL_STATUS_TEXTS[view.goal.status]),
                    "steps": [
                        {"step": s.step, "status": str(STEP_STATUS_TEXTS[s.step.status])}
                        for s in view.steps
                    ],
                }
                for view in plan.goals
            ],
        }


def plan_pdf(*, actor: User, person: Person, language: str = "") -> bytes:
    """The plan as PDF bytes (what the actor's office may see), logged as an export."""
    import weasyprint  # imported here: loading Pango costs time that only this page needs

    plan = plan_get(actor=actor, person=person, purpose=Purpose.PLAN)
    languages = document_languages(language or person.preferred_language)
    latin, original, original_lang = _names(person)
    context = {
        "person": person,
        "name": latin,
        "original_name": original,
        "original_lang": original_lang,
        "partial": bool(plan.hidden_offices),
        "pages": [_page(code, plan) for code in languages.codes],
        "printed_on": timezone.localdate(),
        "office": actor.office,
    }
    html = render_to_string("plans/plan_pdf.html", context)
    pdf: bytes = weasyprint.HTML(string=html).write_pdf(
        stylesheets=stylesheets(STYLESHEET), pdf_variant="pdf/ua-1"
    )
    audit_record(
        event_type=EventType.EXPORT_CREATED,
        actor=actor,
        action=Action.VIEW_PERSON,
        obj=person,
        person_id=person.pk,
        purpose=Purpose.PLAN,
        categories=[Category.IDENTITY, Category.PLAN],
        details={"document": "integration plan", "languages": languages.codes},
    )
    return pdf
