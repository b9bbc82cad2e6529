from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from lotse.access.policy import Action, decide
from lotse.organisations.models import Role

# The label of every main navigation entry, by its key in `nav_items`.
NAV_LABELS = {
    "start": _("Start"),
    "cases": _("Cases"),
    "referrals": _("Hand-overs"),
    "persons": _("Persons"),
    "duplicates": _("Possible duplicates"),
    "courses": _("Courses"),
    "vacancies": _("Vacancies"),
    "placements": _("Placements"),
    "youth": _("Young people"),
    "appointments": _("Appointments"),
    "directory": _("Kreise and offices"),
    "corrections": _("Correction requests"),
    "audit": _("Audit trail"),
    "subject_report": _("Report for a person (Art. 15)"),
    "admin": _("Administration"),
}
# Pages below a main entry: (url name, label); shown as the section's own navigation.
NAV_CHILDREN = {
    "directory": [("web:kreis_list", _("Kreise")), ("web:office_list", _("Offices"))],
    "vacancies": [("web:vacancy_list", _("Vacancies")), ("web:employer_list", _("Employers"))],
    "appointments": [
        ("web:appointment_calendar", _("My appointments")),
        ("web:appointment_office_calendar", _("Appointments of my office")),
        ("web:interpreter_list", _("Interpreters' pool")),
    ],
}
# Which resolved views belong to which main entry, to mark the current one (aria-current).
_SECTIONS = {
    "start": {"web:start"},
    "youth": {"web:youth_list"},
    "cases": {
        "web:case_list",
        "web:case_detail",
        "web:case_reassign",
        "web:case_follow_up",
        "web:case_follow_up_done",
        "web:case_note",
        "web:case_close",
        "web:referral_new",
    },
    "referrals": {"web:referral_list", "web:referral_detail"},
    "persons": {
        "web:person_list",
        "web:person_register",
        "web:person_detail",
        "web:person_name_add",
        "web:person_identifier_add",
    },
    "duplicates": {
        "web:duplicate_queue",
        "web:duplicate_run_start",
        "web:duplicate_run_progress",
        "web:duplicate_pair",
        "web:duplicate_merge_undo",
    },
    "corrections": {"web:correction_list"},
    "courses": {
        "web:course_list",
        "web:course_new",
        "web:course_detail",
        "web:course_change",
        "web:course_enrol",
        "web:enrolment_detail",
        "web:course_waiting_times",
    },
    "vacancies": {
        "web:vacancy_list",
        "web:vacancy_detail",
        "web:vacancy_change",
        "web:vacancy_status",
        "web:vacancy_new",
        "web:employer_list",
        "web:employer_new",
        "web:employer_detail",
        "web:employer_change",
    },
    "placements": {"web:placement_board"},
    "appointments": {
        "web:appointment_calendar",
        "web:appointment_office_calendar",
        "web:appointment_detail",
        "web:appointment_attendance",
        "web:appointment_cancel",
        "web:person_appointments",
        "web:interpreter_list",
        "web:interpreter_new",
    },
    "subject_report": {"web:dpo_subject_report_start", "web:dpo_subject_report"},
    "directory": {
        "web:kreis_list",
        "web:kreis_detail",
        "web:office_list",
        "web:office_detail",
    },
}
_SECTION_NAMESPACES = {"audit": "audit", "admin": "admin"}
_CHILD_CURRENT = {
    "web:kreis_list": "web:kreis_list",
    "web:kreis_detail": "web:kreis_list",
    "web:office_list": "web:office_list",
    "web:office_detail": "web:office_list",
    "web:vacancy_list": "web:vacancy_list",
    "web:vacancy_detail": "web:vacancy_list",
    "web:vacancy_change": "web:vacancy_list",
    "web:vacancy_status": "web:vacancy_list",
    "web:employer_list": "web:employer_list",
    "web:employer_new": "web:employer_list",
    "web:employer_detail": "web:employer_list",
    "web:employer_change": "web:employer_list",
    "web:vacancy_new": "web:employer_list",
    "web:appointment_calendar": "web:appointment_calendar",
    "web:appointment_detail": "web:appointment_calendar",
    "web:appointment_office_calendar": "web:appointment_office_calendar",
    "web:interpreter_list": "web:interpreter_list",
    "web:interpreter_new": "web:interpreter_list",
}


def _view_name(request) -> str:
    match = getattr(request, "resolver_match", None)
    return match.view_name if match else ""


def _is_current(key: str, view_name: str) -> bool:
    if view_name in _SECTIONS.get(key, ()):
        return True
    namespace = _SECTION_NAMESPACES.get(key)
    return bool(namespace and view_name.startswith(f"{namespace}:"))


def _nav_links(nav: list[tuple[str, str]], view_name: str) -> list[dict]:
    links = []
    for url_name, key in nav:
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue
        children = [
            {
                "url": reverse(child_url),
                "label": label,
                "current": _CHILD_CURRENT.get(view_name) == child_url,
                "exact": view_name == child_url,
            }
            for child_url, label in NAV_CHILDREN.get(key, [])
        ]
        links.append(
            {
                "key": key,
                "url": url,
                "label": NAV_LABELS.get(key, key),
                "current": _is_current(key, view_name),
                "exact": view_name == url_name,
                "children": children,
            }
        )
    return links


def layout(request):
    """What the page frame needs: the acting office, the user's roles and the navigation the
    user may use, and in the demo the current second-factor code."""
    user = getattr(request, "user", None)
    nav = []
    roles = []
    if user is not None and user.is_authenticated:
        candidates = [
            ("web:start", "start", Action.VIEW_START),
            ("web:case_list", "cases", Action.WORK_ON_CASE),
            ("web:referral_list", "referrals", Action.HANDLE_REFERRAL),
            ("web:person_list", "persons", Action.EDIT_PERSON_REGISTRY),
            ("web:duplicate_queue", "duplicates", Action.REVIEW_DUPLICATES),
            ("web:course_list", "courses", Action.VIEW_COURSES),
            ("web:vacancy_list", "vacancies", Action.VIEW_VACANCIES),
            ("web:placement_board", "placements", Action.RECORD_PLACEMENTS),
            ("web:youth_list", "youth", Action.VIEW_YOUTH),
            ("web:appointment_calendar", "appointments", Action.WORK_ON_CASE),
            ("web:correction_list", "corrections", Action.WORK_ON_CASE),
            ("web:kreis_list", "directory", Action.VIEW_DIRECTORY),
            ("audit:search", "audit", Action.VIEW_AUDIT_TRAIL),
            ("web:dpo_subject_report_start", "subject_report", Action.VIEW_AUDIT_TRAIL),
        ]
        nav = [(url, key) for url, key, action in candidates if decide(user, action)]
        if user.is_staff:
            nav.append(("admin:index", "admin"))
        roles = [Role(role).label for role in Role.values if user.has_role(role)]
    view_name = _view_name(request)
    context = {
        "nav_items": nav,
        "nav_links": _nav_links(nav, view_name),
        "user_roles": roles,
        "lotse_demo": settings.LOTSE_DEMO,
    }
    if settings.LOTSE_DEMO:
        # Imported only in the demo; a callable, so the code is computed only where a page
        # shows it (the second-factor step of signing in).
        from lotse.demo.region import current_demo_code

        context["lotse_demo_code"] = current_demo_code
    return context
