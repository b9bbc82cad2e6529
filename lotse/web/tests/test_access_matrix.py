"""The access matrix: every URL of the project, for every persona and for an anonymous visitor.

The URLs come from the URL configuration itself (`get_resolver()`, recursively: pages, audit,
the API under /api/v1/, the admin under /admin/ and allauth under /accounts/), so a new URL is
in the matrix the moment it exists:

* a view of ours (a lotse.* module, API endpoints included) must carry the action it performs
  (`@requires(Action.X)`, or `@public`): without the mark its test fails;
* a URL parameter needs a sample value (KIND_OF_PARAM, below): without one its test fails;
* a third-party URL (allauth, admin, Django, ninja) needs an expectation in THIRD_PARTY or the
  admin rules below: without one its test fails.

What each persona may do is written down from the access model (docs/access-model.md) in
lotse/access/tests/access_model.py, not computed by asking the policy: the test checks the
policy against the model, not against itself.
Each (URL, sample object, persona) is its own test; every GET is checked for

* the status: allowed → 200; not signed in → the sign-in page (pages) or 401 (API);
  refused → 403, or 404 where the object's existence must not be revealed;
* no data of a refused object in the response (e.g. not the other office's staff names);
* an ACCESS_DENIED audit event for every refusal by the policy;
* a PERSON_DATA_READ audit event for every allowed view marked `person_data=True`.
"""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cached_property

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from django.utils.regex_helper import normalize

from lotse.access.tests.access_model import (
    ADMIN_PERSONAS,
    ADMIN_POSTS,
    ROLE_ACTIONS,
    SCOPED_ACTIONS,
    WRITES,
)
from lotse.appointments.models import Appointment
from lotse.audit.models import AuditEvent, EventType
from lotse.audit.services import audit_record
from lotse.cases.models import Case, FollowUp, Referral, ReferralKind
from lotse.cases.services import person_register
from lotse.consent.models import Consent, GivenHow
from lotse.courses.models import Course, CourseType, Enrolment, EnrolmentState
from lotse.documents.models import Document, DocumentKind
from lotse.documents.services import document_upload
from lotse.identity.models import DuplicatePair, DuplicateRun, Merge
from lotse.jobs.models import Employer, Vacancy
from lotse.jobs.placement_models import Placement, PlacementFollowUp, PlacementStep
from lotse.organisations.models import (
    Jurisdiction,
    Office,
    ReferenceChangeRequest,
    ReferenceTarget,
    RequestStatus,
    RoleGrantRequest,
    Team,
    User,
)
from lotse.organisations.tests.factories import (
    GemeindeFactory,
    TeamFactory,
    UserFactory,
    reference_kreis,
    reference_office,
)
from lotse.organisations.tests.personas import (
    LUDWIGSBURG,
    PERSONAS,
    TUEBINGEN,
    create_persona,
    force_sign_in,
)
from lotse.people.models import Person
from lotse.people.services import NameInput, PersonInput
from lotse.profiles.models import Occupation
from lotse.status.models import BenefitSwitch, StatusEvent
from lotse.status.services import status_event_record
from lotse.status.switch import KINDS as SWITCH_KINDS
from lotse.subject_rights.models import CorrectionRequest, IdentityField, RequestOrigin
from lotse.subject_rights.services import CorrectionInput, correction_request_record
from lotse.web.tests.german_pages import check_german_page

# --- the access model, written down (lotse/access/tests/access_model.py) --------------------
# The sample objects URLs are filled with, by label: the Kreis they belong to and their data
# controller (the Kreis for its departments and a zkT; a gE Jobcenter is one of its own).
SAMPLE_OFFICES = {
    "tue": "sozialamt-tubingen-08416",
    "tue-jc": "jc-tubingen-08416",  # gE: same Kreis, another controller
    "lb": "jc-ludwigsburg-08118",  # zkT: another Kreis
}
# Referrals go from the sample office to one in its Kreis (the sample staff's own office excluded).
REFERRAL_TO = {
    "tue": "abh-tubingen-08416",
    "tue-jc": "im-tubingen-08416",
    "lb": "abh-ludwigsburg-08118",
}
# Who records the sample employers and vacancies: the Jobcenter of the sample's Kreis.
EMPLOYER_SERVICE = {
    "tue": "jc-tubingen-08416",
    "tue-jc": "jc-tubingen-08416",
    "lb": "jc-ludwigsburg-08118",
}
SAMPLE_KREIS = {"tue": TUEBINGEN, "tue-jc": TUEBINGEN, "lb": LUDWIGSBURG}
SAMPLE_CONTROLLER = {"tue": "kreis-tue", "tue-jc": "jc-tue", "lb": "kreis-lb"}
PERSONA_LABEL = {key: "lb" if key == "other_caseworker" else "tue" for key in PERSONAS}
PERSONA_LABEL["land_admin"] = "land"  # the Land administration: serves no Kreis

# What the parameters of our URLs refer to: URL name → (kind of object, sample labels).
# What a URL parameter refers to. Most parameters say it by their name; OBJECT_OF_URL names
# the kind of object for URLs whose parameter does not ("code"). A URL's object is that of its
# last parameter (…/cases/<case_id>/follow-ups/<follow_up_id>/ → a follow-up).
KIND_OF_PARAM: dict[str, str] = {
    "event_id": "event",
    "person_id": "person",
    "case_id": "case",
    "follow_up_id": "follow_up",
    "referral_id": "referral",
    "run_id": "run",
    "pair_id": "pair",
    "merge_id": "merge",
    "consent_id": "consent",
    "course_id": "course",
    "enrolment_id": "enrolment",
    "step_id": "step",
    "vacancy_id": "vacancy",
    "employer_id": "employer",
    "placement_id": "placement",
    "placement_follow_up_id": "placement_follow_up",
    "document_id": "document",
    "appointment_id": "appointment",
    "letter_id": "letter",
    "contact_id": "contact",
}
# Parameters of ours that are no object: a fixed value.
PLAIN_PARAMS: dict[str, str] = {"step": "accept", "kind": "schooling"}
OBJECT_OF_URL: dict[str, str] = {
    "web:kreis_detail": "kreis",
    "web:office_detail": "office",
    "api:kreis": "kreis",
    "api:office": "office_record",
}
# The sample objects each kind is tried with.
LABELS_OF_KIND: dict[str, tuple[str, ...]] = {
    "kreis": ("tue", "lb"),
    "office": ("tue", "tue-jc", "lb"),
    "office_record": ("tue", "lb"),
    "event": ("tue", "tue-jc", "lb"),
    "person": ("tue", "tue-jc", "lb"),
    "case": ("tue", "tue-jc", "lb"),
    "follow_up": ("tue", "lb"),
    "referral": ("tue", "tue-jc", "lb"),
    "run": ("tue",),  # progress of the registry-wide search: no office's data
    "pair": ("tue", "lb"),
    "merge": ("tue", "lb"),
    "consent": ("tue", "lb"),
    "course": ("tue", "lb"),  # a course of the Kreis, no person data
    "enrolment": ("tue", "tue-jc", "lb"),
    "step": ("tue", "lb"),
    # employers and vacancies of the Kreis (no refugee's data), recorded by a Jobcenter
    "vacancy": ("tue", "lb"),
    "employer": ("tue", "lb"),
    # placements: the sample person hired into the sample vacancy, recorded by the Jobcenter
    "placement": ("tue", "lb"),
    "placement_follow_up": ("tue", "lb"),
    # a document of the sample person, uploaded by the sample office (category identity)
    "document": ("tue", "tue-jc", "lb"),
    # an appointment the sample office organised for its sample person
    "appointment": ("tue", "tue-jc", "lb"),
    # a letter and a consent to be contacted, each of the sample office (lotse/comms)
    "letter": ("tue", "lb"),
    "contact": ("tue", "lb"),
}
# Kinds of object with rules of their own (beyond the role's capability and the Kreis scope).
OBJECT_RULE_KINDS = {
    "event",
    "person",
    "case",
    "follow_up",
    "referral",
    "pair",
    "merge",
    "consent",
    "enrolment",
    "step",
    "placement",
    "placement_follow_up",
    "document",
    "appointment",
    "letter",
    "contact",
    "message",
}
# Pages that list objects: URL name → the kind of object whose tell-tales they may show.
LISTS_OF_URL: dict[str, str] = {
    "audit:search": "event",
    "api:audit_events": "event",
    "web:person_list": "person",
    "web:duplicate_queue": "pair",
    "web:case_list": "case",
    "web:referral_list": "referral",
    "web:vacancy_list": "vacancy",
    "web:employer_list": "employer",
    "api:vacancies": "vacancy",
    "api:employers": "employer",
    "web:placement_board": "placement",
    "api:placements": "placement",
    # the young people under 25: the sample persons (born 1990) are in no one's list
    "web:youth_list": "adult",
    "api:youth": "adult",
    "web:outbox": "message",
    "api:outbox_messages": "message",
}
# Lists of persons' data whose read is recorded only for the persons shown (audit_reads writes
# nothing for a list that showed nobody): the kind of sample object they show. A persona that
# may see none of them (the Jugendamt's caseworker: no case and no referral of its office among
# the samples) reads no person's data there.
PERSON_LISTS_OF_URL: dict[str, str] = {
    "web:case_list": "case",
    "api:cases": "case",
    "web:referral_list": "referral",
    "api:referrals": "referral",
    "api:referral_create": "referral",  # the same path (ninja names it once per operation)
    "web:youth_list": "adult",
    "api:youth": "adult",
    "web:outbox": "message",
    "api:outbox_messages": "message",
}


def shows_someone(route_name: str, persona: str) -> bool:
    kind = PERSON_LISTS_OF_URL.get(route_name)
    return kind is None or any(object_visible(kind, label, persona) for label in SAMPLE_CONTROLLER)


# Lists that show nothing until something is searched: the search that finds every sample.
LIST_SEARCH: dict[str, str] = {"web:person_list": "?q=Geheimname"}


def object_visible(kind: str, label: str, persona: str) -> bool:
    """May `persona` see the sample object `label` of `kind` (given the role allows the action)?"""
    if kind == "adult":  # the sample persons, born 1990: never in the list of the under-25s
        return False
    if kind == "event":  # object rule: a DPO sees the trail of their own controller only
        return SAMPLE_CONTROLLER[label] == SAMPLE_CONTROLLER.get(PERSONA_LABEL[persona])
    if kind in (
        "person",
        "pair",
        "merge",
        "case",
        "follow_up",
        "consent",
        "enrolment",
        "step",
        "document",
        "appointment",
        "letter",
        "contact",
        "message",
    ):
        # object rules: an office sees a person (and a pair of them) through its own open case,
        # and its own cases only
        return SAMPLE_OFFICES[label] == PERSONAS[persona].office
    if kind in ("placement", "placement_follow_up"):
        # the Kreis scope of the vacancy, and only persons the office may see (its own case)
        return SAMPLE_OFFICES[label] == PERSONAS[persona].office and SAMPLE_KREIS[
            label
        ] == SAMPLE_KREIS.get(PERSONA_LABEL[persona])
    if kind in ("vacancy", "employer"):  # the Kreis scope: the vacancies of one's own Kreise
        return SAMPLE_KREIS[label] == SAMPLE_KREIS.get(PERSONA_LABEL[persona])
    if kind == "referral":  # object rule: both offices of a referral, nobody else
        return PERSONAS[persona].office in (SAMPLE_OFFICES[label], REFERRAL_TO[label])
    if kind == "office":  # the office page is public; its staff list is for team leads/admins
        return "office_staff.view" in ROLE_ACTIONS[persona] and SAMPLE_KREIS[
            label
        ] == SAMPLE_KREIS.get(PERSONA_LABEL[persona])
    return True


# --- third-party URLs -----------------------------------------------------------------------
LOGIN = "/accounts/login/"
ADMIN_LOGIN = "/admin/login/"


@dataclass(frozen=True)
class Expect:
    status: int | tuple[int, ...]
    location: str | tuple[str, ...] = ""  # for redirects: where to (prefixes)
    exact_location: bool = False
    contains: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()

    @property
    def statuses(self) -> tuple[int, ...]:
        return self.status if isinstance(self.status, tuple) else (self.status,)


def to_login(prefix: str = LOGIN) -> Expect:
    return Expect(302, prefix)


# URL name → (anonymous, signed-in staff). Pages of allauth, Django and ninja.
THIRD_PARTY: dict[str, tuple[Expect, Expect]] = {
    "account_login": (Expect(200, contains=('name="login"',)), Expect(302, "/")),
    "account_logout": (to_login(), Expect(200)),
    "account_inactive": (Expect(200), Expect(200)),
    # No self-service sign-up: the page says so and offers no form.
    "account_signup": (Expect(200, absent=('name="password1"',)), Expect(302, "/")),
    "account_reauthenticate": (to_login(), Expect(200)),
    "account_email": (to_login(), Expect(200)),
    "account_email_verification_sent": (Expect(200), Expect(200)),
    "account_change_password": (to_login(), Expect(200)),
    "account_set_password": (to_login(), Expect(302, "/accounts/password/change/")),
    "account_reset_password": (Expect(200), Expect(200)),
    "account_confirm_login_code": (to_login(), Expect(302, "/")),
    "account_confirm_email": (Expect(200), Expect(200)),
    "account_reset_password_from_key_done": (Expect(200), Expect(200)),
    "account_reset_password_from_key": (Expect(200), Expect(200)),
    "account_reset_password_done": (Expect(200), Expect(200)),
    "mfa_index": (to_login(), Expect(200)),
    "mfa_authenticate": (to_login(), Expect(302, "/")),
    "mfa_reauthenticate": (to_login(), Expect(200)),
    # The personas have a TOTP authenticator already.
    "mfa_activate_totp": (to_login(), Expect(302, ("/accounts/2fa/", "/accounts/reauth"))),
    "mfa_deactivate_totp": (to_login(), Expect(302, "/accounts/reauthenticate/")),
    # …but no recovery codes.
    "mfa_view_recovery_codes": (to_login(), Expect(404)),
    "mfa_generate_recovery_codes": (to_login(), Expect(302, "/accounts/reauthenticate/")),
    "mfa_download_recovery_codes": (to_login(), Expect(404)),
    # The language can be switched on the sign-in page too.
    "set_language": (Expect(302, "/", exact_location=True), Expect(302, "/", exact_location=True)),
    # The API's root has no page (its description and docs are ours, for signed-in staff).
    "api:api-root": (Expect(404), Expect(404)),
}
# Fixed values for the parameters of third-party URLs.
THIRD_PARTY_PARAMS = {"key": "abc", "uidb36": "1", "app_label": "organisations", "url": "nowhere/"}

# Admin: administrators manage reference data and the staff of their own office, nothing else.
ADMIN_APP = "organisations"
ADMIN_OWN_OFFICE_ONLY = {"user", "team"}
# Reference data of the Land: every administrator reads it, Land administrators change it (by
# request). Requests: role requests for administrators (their office's; a Land administrator's:
# every office's), reference-data changes for Land administrators only. Nobody adds a request.
LAND_REFERENCE_DATA = {"kreis", "gemeinde", "office"}
REQUEST_MODELS = {"rolegrantrequest", "referencechangerequest"}
ADMIN_SITE_PAGES: dict[str, Expect] = {
    "admin:index": Expect(200, contains=("/admin/organisations/",)),
    "admin:login": Expect(302, "/admin/"),
    "admin:logout": Expect(405),  # signing out is a POST
    # One's own password is changed on the staff page (asks the current one, audited).
    "admin:password_change": Expect(302, "/accounts/password/change/", exact_location=True),
    "admin:password_change_done": Expect(302, "/accounts/password/change/", exact_location=True),
    "admin:autocomplete": Expect(403),  # without its parameters
    "admin:jsi18n": Expect(200),
    "admin:view_on_site": Expect(404),  # offices have no page of their own in the admin
    "admin:app_list": Expect(200),
}


# --- the URLs -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Route:
    name: str  # namespaced URL name, "" when the pattern has none
    path_format: str  # "/offices/%(code)s/"
    params: tuple[str, ...]
    callback: Callable

    @property
    def label(self) -> str:
        return re.sub(r"%\((\w+)\)s", r"<\1>", self.path_format)

    @cached_property
    def views(self) -> list[Callable]:
        """The functions that answer a GET: our functions behind ninja's dispatcher too."""
        path_view = _ninja_path_view(self.callback)
        if path_view is None:
            return [self.callback]
        get = [op.view_func for op in path_view.operations if "GET" in op.methods]
        return get or [op.view_func for op in path_view.operations]

    @property
    def is_api(self) -> bool:
        return self.path_format.startswith("/api/")

    @property
    def is_project(self) -> bool:
        """A view of ours (the admin, though customised in lotse.access.admin, is Django's)."""
        return not self.is_admin and any(
            getattr(view, "__module__", "").startswith("lotse.") for view in self.views
        )

    @property
    def is_admin(self) -> bool:
        return self.path_format.startswith("/admin/")

    @property
    def get_allowed(self) -> bool:
        """False for a view limited to other methods (@require_POST and the like)."""
        path_view = _ninja_path_view(self.callback)
        if path_view is not None:
            return any("GET" in op.methods for op in path_view.operations)
        methods = _allowed_methods(self.views[0])
        return methods is None or "GET" in methods

    @property
    def action(self) -> str | None:
        return _mark(self.views[0])[0]

    @property
    def person_data(self) -> bool:
        return any(_mark(view)[1] for view in self.views)

    @property
    def admin_model(self) -> tuple[str, str] | None:
        match = re.fullmatch(r"/admin/(\w+)/(\w+)/.*", self.path_format)
        if not self.is_admin or not match or self.name in ADMIN_SITE_PAGES:
            return None
        return match[1], match[2]


_MISSING = object()


def _mark(view) -> tuple[str | None, bool]:
    action = getattr(view, "lotse_action", _MISSING)
    if action is _MISSING:
        pytest.fail(
            f"{view.__module__}.{view.__qualname__} has no access mark: decorate it with "
            "@requires(Action.…) or @public (lotse/access/decorators.py)"
        )
    return (str(action) if action is not None else None), getattr(view, "lotse_person_data", False)


def _allowed_methods(view) -> set[str] | None:
    """The methods of Django's @require_http_methods (a closure variable), if it wraps `view`."""
    while view is not None:
        code = getattr(view, "__code__", None)
        if code is not None and "request_method_list" in code.co_freevars:
            cell = view.__closure__[code.co_freevars.index("request_method_list")]
            return set(cell.cell_contents)
        view = getattr(view, "__wrapped__", None)
    return None


def _ninja_path_view(callback):
    from ninja.operation import PathView

    for cell in getattr(callback, "__closure__", None) or ():
        if isinstance(cell.cell_contents, PathView):
            return cell.cell_contents
    return None


def _walk(resolver: URLResolver, prefix: str = "", namespaces: tuple[str, ...] = ()):
    for pattern in resolver.url_patterns:
        regex = pattern.pattern.regex.pattern.removeprefix("^")
        if isinstance(pattern, URLResolver):
            inner = (*namespaces, pattern.namespace) if pattern.namespace else namespaces
            yield from _walk(pattern, prefix + regex, inner)
        elif isinstance(pattern, URLPattern):
            path_format, params = normalize(prefix + regex)[0]
            name = ":".join([*namespaces, pattern.name]) if pattern.name else ""
            yield Route(name, "/" + path_format, tuple(params), pattern.callback)


def all_routes() -> list[Route]:
    return list(_walk(get_resolver()))


def _kind_of(route: Route) -> str:
    """The kind of object a URL of ours is about ("" for none or for a third-party URL)."""
    if not route.params or not route.is_project:
        return ""
    objects = [param for param in route.params if param not in PLAIN_PARAMS]
    if not objects:
        return ""
    return OBJECT_OF_URL.get(route.name) or KIND_OF_PARAM.get(objects[-1], "")


def _sample_labels(route: Route) -> tuple[str, ...]:
    """The sample objects a URL is tried with ("" for a URL without object)."""
    kind = _kind_of(route)
    if kind:
        return LABELS_OF_KIND[kind]
    model = route.admin_model
    if model and model[0] == ADMIN_APP and set(route.params) & {"object_id", "_0", "id"}:
        return ("tue", "lb")
    return ("",)


def _cases():
    personas = [None, *PERSONAS]
    for route in all_routes():
        for label in _sample_labels(route):
            for persona in personas:
                test_id = f"{route.label}{f'[{label}]' if label else ''}@{persona or 'anonymous'}"
                yield pytest.param(route, label, persona, id=test_id)


# --- the sample objects ---------------------------------------------------------------------
@dataclass
class Samples:
    """Objects to fill URLs with, each with its tell-tale texts. All are made once per module
    (see `world`); a test that asks for one not made then fails instead of making it."""

    made: dict = field(default_factory=dict)
    frozen: bool = False

    def _once(self, key, make):
        if key not in self.made:
            assert not self.frozen, f"sample {key} was not made by the world fixture"
            self.made[key] = make()
        return self.made[key]

    def office(self, label: str) -> Office:
        return self._once(("office", label), lambda: reference_office(SAMPLE_OFFICES[label]))

    def staff(self, label: str) -> User:
        # A member of staff of the sample office, with a name found nowhere else.
        return self._once(
            ("staff", label),
            lambda: UserFactory(
                username=f"zeugin-{label}",
                first_name="Quirina",
                last_name=f"Zeugin{label.replace('-', '').upper()}",
                office=self.office(label),
            ),
        )

    def event(self, label: str) -> AuditEvent:
        return self._once(
            ("event", label),
            lambda: audit_record(
                event_type=EventType.LOGIN_SUCCEEDED, actor=self.staff(label), reason="sample"
            ),
        )

    def person(self, label: str) -> Person:
        """A person registered by the sample office (which thereby holds an open case)."""
        data = PersonInput(
            names=[NameInput(given_names="Amal", family_name=f"Geheimname{label.upper()}")],
            birth_year=1990,
        )
        return self._once(
            ("person", label),
            lambda: person_register(actor=self.staff(label), data=data, candidates=[]).person,
        )

    def case(self, label: str) -> Case:
        """The sample office's open case of its sample person."""
        return self._once(
            ("case", label),
            lambda: Case.objects.get(person=self.person(label), office=self.office(label)),
        )

    def follow_up(self, label: str) -> FollowUp:
        return self._once(
            ("follow_up", label),
            lambda: FollowUp.objects.create(
                case=self.case(label),
                due_on=timezone.localdate(),
                title="sample",
                created_by=self.staff(label),
            ),
        )

    def referral(self, label: str) -> Referral:
        """A request from the sample office to another office of its Kreis."""
        return self._once(
            ("referral", label),
            lambda: Referral.objects.create(
                person=self.person(label),
                kind=ReferralKind.SERVICE,
                from_case=self.case(label),
                from_office=self.office(label),
                to_office=reference_office(REFERRAL_TO[label]),
                purpose="sample",
                respond_by=timezone.localdate() + timedelta(days=14),
                requested_by=self.staff(label),
            ),
        )

    def consent(self, label: str) -> Consent:
        """A consent the sample person gave at the sample office (the record only)."""
        return self._once(
            ("consent", label),
            lambda: Consent.objects.create(
                person=self.person(label),
                categories=["profile"],
                purposes=["integration"],
                given_on=timezone.localdate(),
                given_how=GivenHow.WRITTEN,
                explained_language="de",
                valid_until=timezone.localdate() + timedelta(days=365),
                recorded_by_office=self.office(label),
                recorded_by=self.staff(label),
                recorded_at=timezone.now(),
            ),
        )

    def course(self, label: str) -> Course:
        """A course in a Gemeinde of the sample Kreis (the catalogue's general course)."""

        def make() -> Course:
            kreis = reference_kreis(SAMPLE_KREIS[label])
            return Course.objects.create(
                course_type=CourseType.objects.get(code="integrationskurs"),
                provider=f"Geheimschule{label.upper()}",
                gemeinde=GemeindeFactory(kreis=kreis, name=f"Kursort {label}"),
                starts_on=timezone.localdate() + timedelta(days=30),
                ends_on=timezone.localdate() + timedelta(days=200),
                seats=12,
                recorded_by=self.office(label),
            )

        return self._once(("course", label), make)

    def enrolment(self, label: str) -> Enrolment:
        """The sample person's seat in the course of the sample office's Kreis (the record only:
        asking the rules is tested in lotse/courses/tests)."""
        course = self.course("lb" if label == "lb" else "tue")
        return self._once(
            ("enrolment", label),
            lambda: Enrolment.objects.create(
                person=self.person(label),
                course=course,
                state=EnrolmentState.ENROLLED,
                entitled_since=timezone.localdate(),
                course_starts_on=course.starts_on,
                recorded_by=self.office(label),
                recorded_by_user=self.staff(label),
            ),
        )

    def employer(self, label: str) -> Employer:
        """An employer in a Gemeinde of the sample Kreis, recorded by its Jobcenter."""

        def make() -> Employer:
            kreis = reference_kreis(SAMPLE_KREIS[label])
            return Employer.objects.create(
                name=f"Geheimbetrieb{label.replace('-', '').upper()}",
                gemeinde=GemeindeFactory(kreis=kreis, name=f"Arbeitsort {label}"),
                sector="crafts",
                contact_name=f"Kontakt {label}",
                recorded_by=reference_office(EMPLOYER_SERVICE[label]),
            )

        return self._once(("employer", label), make)

    def vacancy(self, label: str) -> Vacancy:
        """An open vacancy of the sample employer, in its Gemeinde."""

        def make() -> Vacancy:
            employer = self.employer(label)
            return Vacancy.objects.create(
                employer=employer,
                kind="job",
                title=f"Geheimstelle{label.replace('-', '').upper()}",
                occupation=Occupation.objects.get(kldb_code="26212"),
                gemeinde=employer.gemeinde,
                hours_per_week=39,
                recorded_by=employer.recorded_by,
            )

        return self._once(("vacancy", label), make)

    def placement(self, label: str) -> Placement:
        """The sample person hired into the sample vacancy two months ago (recorded by the
        Jobcenter of the Kreis), with a follow-up due."""

        def make() -> Placement:
            today = timezone.localdate()
            office = reference_office(EMPLOYER_SERVICE[label])
            placement = Placement.objects.create(
                person=self.person(label),
                vacancy=self.vacancy(label),
                source="direct",
                stage="hired",
                stage_since=today - timedelta(days=70),
                start_date=today - timedelta(days=60),
                contract_type="permanent",
                recorded_by=office,
            )
            for stage in ("proposed", "applied", "interview", "offer", "hired"):
                PlacementStep.objects.create(
                    placement=placement,
                    stage=stage,
                    on=today - timedelta(days=70),
                    recorded_by=office,
                )
            return placement

        return self._once(("placement", label), make)

    def placement_follow_up(self, label: str) -> PlacementFollowUp:
        return self._once(
            ("placement_follow_up", label),
            lambda: PlacementFollowUp.objects.create(
                placement=self.placement(label),
                months=1,
                due_on=timezone.localdate() - timedelta(days=30),
            ),
        )

    def document(self, label: str) -> Document:
        """An identity document of the sample person, uploaded by the sample office."""

        def make() -> Document:
            from lotse.documents.tests.conftest import pdf_bytes, upload

            return document_upload(
                actor=self.staff(label),
                person=self.person(label),
                kind=DocumentKind.IDENTITY,
                file=upload("pass.pdf", pdf_bytes()),
            )

        return self._once(("document", label), make)

    def appointment(self, label: str) -> Appointment:
        """An appointment the sample office organised for its sample person (begun two hours
        ago, so that its attendance can be recorded)."""
        begun = timezone.now() - timedelta(hours=2)
        return self._once(
            ("appointment", label),
            lambda: Appointment.objects.create(
                person=self.person(label),
                kind="counselling",
                starts_at=begun,
                ends_at=begun + timedelta(hours=1),
                place="Raum 1",
                office=self.office(label),
                organiser=self.staff(label),
            ),
        )

    def letter(self, label: str):
        """A letter of the sample office to the sample person (lotse/comms)."""
        from lotse.comms.models import Letter

        return self._once(
            ("letter", label),
            lambda: Letter.objects.create(
                person=self.person(label),
                office=self.office(label),
                template_code="invitation",
                language="de",
                pdf=b"%PDF-1.7 sample",
                sent_via="print",
                created_by=self.staff(label),
            ),
        )

    def contact(self, label: str):
        """The sample person's consent to text messages from the sample office."""
        from lotse.comms.models import ContactChannel

        return self._once(
            ("contact", label),
            lambda: ContactChannel.objects.create(
                person=self.person(label),
                office=self.office(label),
                channel="sms",
                address="+491512345678",
                consented_on=timezone.localdate(),
                how="signed_form",
                recorded_by=self.staff(label),
            ),
        )

    def message(self, label: str):
        """A message of the sample office's outbox to the sample person."""
        from lotse.comms.models import ContactChannel, OutboxMessage

        def make():
            contact = ContactChannel.objects.create(
                person=self.person(label),
                office=self.office(label),
                channel="email",
                address="geheim@example.org",
                consented_on=timezone.localdate(),
                how="signed_form",
                recorded_by=self.staff(label),
            )
            return OutboxMessage.objects.create(
                person=contact.person,
                office=contact.office,
                channel="email",
                contact=contact,
                recipient=contact.address,
                subject=f"Geheimnachricht{label.replace('-', '').upper()}",
                body="Termin",
                language="de",
                status="sent",
                created_by=self.staff(label),
            )

        return self._once(("message", label), make)

    def step(self, label: str):
        """A step of the sample person's plan, recorded by the sample office (with its goal)."""
        return self._once(("step", label), lambda: _plan_step(self, label))

    def twin(self, label: str) -> Person:
        """A second person at the sample office, a possible duplicate of the first."""
        data = PersonInput(
            names=[NameInput(given_names="Amal", family_name=f"Zwilling{label.upper()}")],
            birth_year=1990,
        )
        return self._once(
            ("twin", label),
            lambda: person_register(actor=self.staff(label), data=data, candidates=[]).person,
        )

    def run(self, label: str) -> DuplicateRun:
        return self._once(
            ("run", label),
            lambda: DuplicateRun.objects.create(
                started_by=self.staff(label), status=DuplicateRun.Status.DONE
            ),
        )

    def pair(self, label: str) -> DuplicatePair:
        def make():
            a, b = sorted([self.person(label), self.twin(label)], key=lambda p: str(p.pk))
            return DuplicatePair.objects.create(person_a=a, person_b=b, score=0.9)

        return self._once(("pair", label), make)

    def merge(self, label: str) -> Merge:
        # Only the record of a merge (the merge itself is tested in lotse/identity/tests).
        return self._once(
            ("merge", label),
            lambda: Merge.objects.create(
                kept=self.person(label),
                merged=self.twin(label),
                reason="sample",
                merged_by=self.staff(label),
                merged_at=timezone.now(),
            ),
        )

    def team(self, label: str) -> Team:
        return self._once(
            ("team", label),
            lambda: TeamFactory(office=self.office(label), name=f"Geheimteam {label}"),
        )

    def admin_object(self, model: str, label: str):
        makers = {
            "kreis": lambda: self._once(
                ("kreis", label), lambda: _with_history(reference_kreis(SAMPLE_KREIS[label]))
            ),
            "office": lambda: self._once(
                ("admin-office", label), lambda: _with_history(self.office(label))
            ),
            "user": lambda: self.staff(label),
            "team": lambda: self.team(label),
            "rolegrantrequest": lambda: self._once(
                ("rolegrantrequest", label),
                lambda: RoleGrantRequest.objects.create(
                    user=self.staff(label), role="team_lead", requested_by=self.staff(label)
                ),
            ),
            "referencechangerequest": lambda: self._once(
                ("referencechangerequest", label),
                lambda: ReferenceChangeRequest.objects.create(
                    target=ReferenceTarget.OFFICE,
                    object_id=self.office(label).pk,
                    changes={"name": f"Geheimamt {label}"},
                    requested_by=self.staff(label),
                ),
            ),
            "gemeinde": lambda: self._once(
                ("gemeinde", label),
                lambda: GemeindeFactory(
                    kreis=reference_kreis(SAMPLE_KREIS[label]), name=f"Geheimdorf {label}"
                ),
            ),
        }
        return makers[model]()

    def make(self, kind: str, label: str):
        return getattr(self, kind)(label)

    def make_all(self) -> "Samples":
        for label in SAMPLE_OFFICES:
            for kind in ("staff", "event", "person", "case", "referral", "twin", "run", "pair"):
                self.make(kind, label)
            self.enrolment(label)
            self.vacancy(label)
            self.placement_follow_up(label)
            self.document(label)
            self.appointment(label)
            self.message(label)
        for label in ("tue", "lb"):
            self.letter(label)
            self.contact(label)
            self.merge(label)
            self.follow_up(label)
            self.consent(label)
            self.step(label)
            for model in ("kreis", "office", "user", "team", "gemeinde", *REQUEST_MODELS):
                self.admin_object(model, label)
        self.frozen = True
        return self

    def telltales(self, kind: str, label: str) -> list[str]:
        """Texts that show the object's data; absent wherever the object is refused."""
        if kind in ("office", "event", "user", "rolegrantrequest"):
            return [self.staff(label).last_name]
        if kind == "person":
            return [self.person(label).names.get(is_primary=True).family_name]
        if kind in OF_THE_PERSON:
            return self.telltales("person", label)
        if kind in ("placement", "placement_follow_up"):
            return [*self.telltales("person", label), self.vacancy(label).title]
        if kind in ("pair", "merge"):
            return [*self.telltales("person", label), f"Zwilling{label.upper()}"]
        named = {
            "course": lambda: self.course(label).provider,
            "vacancy": lambda: self.vacancy(label).title,
            "employer": lambda: self.employer(label).name,
            "message": lambda: self.message(label).subject,
            "team": lambda: self.team(label).name,
        }
        return [named[kind]()] if kind in named else []


# Kinds of object whose tell-tale is the name of their person.
OF_THE_PERSON = frozenset(
    {
        "case",
        "follow_up",
        "referral",
        "consent",
        "enrolment",
        "step",
        "adult",
        "document",
        "appointment",
        "letter",
        "contact",
    }
)


def _with_history(obj):
    obj.save()  # reference data loaded by migration has no history yet
    return obj


# How a sample object of each kind goes into its URL: (parameter, value).
# How a sample object of each kind fills its URL's parameters.
URL_VALUES: dict[str, Callable[[Samples, str], dict[str, object]]] = {
    "kreis": lambda samples, label: {"code": SAMPLE_KREIS[label]},
    "office": lambda samples, label: {"code": samples.office(label).code},
    "office_record": lambda samples, label: {"code": samples.office(label).code},
    "event": lambda samples, label: {"event_id": samples.event(label).pk},
    "person": lambda samples, label: {"person_id": samples.person(label).pk},
    "case": lambda samples, label: {"case_id": samples.case(label).pk},
    "follow_up": lambda samples, label: {
        "case_id": samples.case(label).pk,
        "follow_up_id": samples.follow_up(label).pk,
    },
    "referral": lambda samples, label: {"referral_id": samples.referral(label).pk},
    "run": lambda samples, label: {"run_id": samples.run(label).pk},
    "pair": lambda samples, label: {"pair_id": samples.pair(label).pk},
    "merge": lambda samples, label: {"merge_id": samples.merge(label).pk},
    "consent": lambda samples, label: {
        "person_id": samples.person(label).pk,
        "consent_id": samples.consent(label).pk,
    },
    "course": lambda samples, label: {"course_id": samples.course(label).pk},
    "enrolment": lambda samples, label: {"enrolment_id": samples.enrolment(label).pk},
    "step": lambda samples, label: {
        "person_id": samples.person(label).pk,
        "step_id": samples.step(label).pk,
    },
    "vacancy": lambda samples, label: {"vacancy_id": samples.vacancy(label).pk},
    "employer": lambda samples, label: {"employer_id": samples.employer(label).pk},
    "placement": lambda samples, label: {"placement_id": samples.placement(label).pk},
    "placement_follow_up": lambda samples, label: {
        "placement_id": samples.placement(label).pk,
        "placement_follow_up_id": samples.placement_follow_up(label).pk,
    },
    "document": lambda samples, label: {
        "person_id": samples.person(label).pk,
        "document_id": samples.document(label).pk,
    },
    "appointment": lambda samples, label: {"appointment_id": samples.appointment(label).pk},
    "letter": lambda samples, label: {
        "person_id": samples.person(label).pk,
        "letter_id": samples.letter(label).pk,
    },
    "contact": lambda samples, label: {
        "person_id": samples.person(label).pk,
        "contact_id": samples.contact(label).pk,
    },
}


def _fill(route: Route, label: str, samples: Samples) -> tuple[str, str, list[str]]:
    """The concrete path, the kind of its object and the object's tell-tales."""
    if not route.params:
        return route.path_format, "", []
    kind = _kind_of(route)
    if route.is_project:
        if not kind:
            pytest.fail(
                f"{route.label} ({route.name or 'unnamed'}) takes {route.params}: say what they "
                "refer to in KIND_OF_PARAM or OBJECT_OF_URL, with sample objects (Samples) of "
                "the persona's own office and Kreis and of others"
            )
        values = {**PLAIN_PARAMS, **URL_VALUES[kind](samples, label)}
        missing = set(route.params) - set(values)
        assert not missing, f"{route.label}: no sample value for {missing} (see URL_VALUES)"
        return route.path_format % values, kind, samples.telltales(kind, label)
    values = dict(THIRD_PARTY_PARAMS)
    model = route.admin_model
    if route.name == "admin:view_on_site":
        office = samples.office("tue")
        values.update(content_type_id=ContentType.objects.get_for_model(Office).pk)
        values.update(object_id=office.pk)
    elif model and label:
        obj = samples.admin_object(model[1], label)
        history = obj.history.order_by("-history_id").first() if hasattr(obj, "history") else None
        values.update(
            object_id=obj.pk, _0=obj.pk, id=obj.pk, _1=history.history_id if history else 1
        )
        telltales = (
            samples.telltales(model[1], label)
            if model[1] in ("user", "team", "rolegrantrequest")
            else []
        )
        return route.path_format % values, f"admin.{model[1]}", telltales
    elif model:
        values.update(object_id="1", _0="1", _1="1", id="1")
    missing = set(route.params) - set(values)
    assert not missing, f"{route.label}: no sample value for {missing} (see THIRD_PARTY_PARAMS)"
    return route.path_format % values, model[1] if model else "", []


# --- expectations ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Outcome:
    expect: Expect
    denied_event: str | None = None  # the action of the expected ACCESS_DENIED event
    visible: bool = True  # may the object's tell-tales appear?


def _project_outcome(route: Route, kind: str, label: str, persona: str | None) -> Outcome:
    action = route.action
    if action is None:
        return Outcome(Expect(200))
    if route.is_api and not route.get_allowed:
        return Outcome(Expect(405), visible=False)  # ninja answers before it authenticates
    if persona is None:
        return Outcome(Expect(401) if route.is_api else to_login(), visible=False)
    if not route.get_allowed:
        return Outcome(Expect(405), visible=False)  # refused before any data is read
    if action not in ROLE_ACTIONS[persona]:
        return Outcome(Expect(403), denied_event=action, visible=False)
    if kind and label:
        out_of_scope = action in SCOPED_ACTIONS and (
            SAMPLE_KREIS[label] != SAMPLE_KREIS.get(PERSONA_LABEL[persona])
        )
        object_refused = kind in OBJECT_RULE_KINDS and not object_visible(kind, label, persona)
        if out_of_scope or object_refused:
            # The object of another Kreis or controller answers as if it did not exist.
            return Outcome(Expect(404), denied_event=action, visible=False)
        return Outcome(Expect(200), visible=object_visible(kind, label, persona))
    return Outcome(Expect(200))


def _admin_outcome(route: Route, kind: str, label: str, persona: str | None) -> Outcome:
    if route.name == "admin:login":
        # The staff sign-in (with the second factor) is the admin's too.
        if persona is None:
            return Outcome(to_login(), visible=False)
        if persona not in ADMIN_PERSONAS:
            return Outcome(Expect(403), visible=False)
        return Outcome(ADMIN_SITE_PAGES[route.name])
    if persona is None:
        # The admin's own pages send to its sign-in, the model pages to the staff sign-in.
        return Outcome(Expect(302, location=(ADMIN_LOGIN, LOGIN)), visible=False)
    if persona not in ADMIN_PERSONAS:
        if route.name == "admin:logout":
            return Outcome(Expect(302, "/admin/"))
        return Outcome(Expect(302, ADMIN_LOGIN), visible=False)
    if route.name in ADMIN_SITE_PAGES:
        return Outcome(ADMIN_SITE_PAGES[route.name])
    if route.admin_model is None:
        return Outcome(Expect(404))  # the admin's catch-all
    return _admin_model_outcome(route, label, persona)


def _admin_model_outcome(route: Route, label: str, persona: str) -> Outcome:
    """The administrator on the pages of one model."""
    app, name = route.admin_model
    redirect_to_change = route.name == "" and route.path_format.endswith("%(object_id)s/")
    if app == "comms":
        # The letter texts: Land administrators maintain them; nothing is deleted.
        if persona != "land_admin" or route.name.endswith("_delete"):
            return Outcome(Expect((403, 302), location=("/admin/",)), visible=False)
        if route.params:  # a made-up id: no such text
            return Outcome(Expect((302, 404), location=("/admin/",)), visible=False)
        return Outcome(Expect(200))
    if app != ADMIN_APP:
        # Not the administrators' business: refused, or "not found" for a made-up object id.
        allowed = (302,) if redirect_to_change else (403, 302)
        return Outcome(Expect(allowed, location=("/admin/",)), visible=False)
    if redirect_to_change:
        return Outcome(Expect(302, "/admin/"))
    if route.name.endswith("_delete"):
        return Outcome(Expect(403), visible=False)  # nothing is deleted; validity ends instead
    land = persona == "land_admin"
    if name == "referencechangerequest" and not land:
        return Outcome(Expect(403), visible=False)
    if route.name.endswith("_add") and (
        name in REQUEST_MODELS or (name in LAND_REFERENCE_DATA and not land)
    ):
        return Outcome(Expect(403), visible=False)
    own_office_only = ADMIN_OWN_OFFICE_ONLY | ({"rolegrantrequest"} if not land else set())
    if name in own_office_only and label and label != PERSONA_LABEL[persona]:
        # Staff and teams of another office: as if they did not exist.
        return Outcome(Expect((302, 404), location=("/admin/",)), visible=False)
    return Outcome(Expect(200))


def expected_outcome(route: Route, kind: str, label: str, persona: str | None) -> Outcome:
    if route.is_project:
        return _project_outcome(route, kind, label, persona)
    if route.is_admin:
        return _admin_outcome(route, kind, label, persona)
    if route.name not in THIRD_PARTY:
        pytest.fail(
            f"{route.label} ({route.name or 'unnamed'}) is a third-party URL without an "
            "expectation: add one to THIRD_PARTY"
        )
    anonymous, signed_in = THIRD_PARTY[route.name]
    return Outcome(anonymous if persona is None else signed_in)


# --- the test -------------------------------------------------------------------------------
@dataclass(frozen=True)
class World:
    users: dict[str, User]
    samples: Samples
    sessions: dict[str, str]  # persona → session key of a signed-in session


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The personas and sample objects, made once for the ~2000 tests of this module.

    They live in a transaction that is rolled back when the module is done; each test runs in a
    savepoint inside it (pytest-django's `db`), so what a test writes is gone after it.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        users = {key: create_persona(key) for key in PERSONAS}
        sessions = {}
        for key, user in users.items():
            client = force_sign_in(Client(), user)
            sessions[key] = client.cookies[settings.SESSION_COOKIE_NAME].value
        yield World(users=users, samples=Samples().make_all(), sessions=sessions)
        transaction.set_rollback(True)


@pytest.mark.parametrize(("route", "label", "persona"), list(_cases()))
def test_access(route: Route, label: str, persona: str | None, world: World, db, client_for):
    user = world.users[persona] if persona else None
    samples = world.samples
    path, kind, telltales = _fill(route, label, samples)
    path += LIST_SEARCH.get(route.name, "")
    list_kind = LISTS_OF_URL.get(route.name)
    outcome = expected_outcome(route, kind, label, persona)
    before = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    client = client_for(None)
    if persona:  # signed in once per module, past the second factor (see client_for)
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[persona]
    response = client.get(path)

    body = _body(response)
    _check_response(response, body, outcome.expect, f"GET {path} as {persona or 'anonymous'}")
    html_page = response.get("Content-Type", "").startswith("text/html")
    if response.status_code == 200 and html_page and (route.is_project or route.is_admin):
        # German by default: no English left untranslated, no note for developers.
        check_german_page(body, f"GET {path} as {persona or 'anonymous'}")

    # Data of an object never appears where it is refused; where allowed, the test must see it
    # (or the absence check proves nothing).
    for text in telltales:
        readable = response.get("Content-Type", "").startswith("text/html")
        if outcome.visible and response.status_code == 200 and readable:
            assert text in body, f"{text!r} should be shown by GET {path} to {persona}"
        elif not outcome.visible:
            assert text not in body, f"{text!r} leaked by GET {path} to {persona}"
    if list_kind and persona:
        _check_list(samples, list_kind, persona, body, response.status_code, path)

    new_events = AuditEvent.objects.filter(pk__gt=before)
    if outcome.denied_event:
        refusals = new_events.filter(event_type=EventType.ACCESS_DENIED, actor=user)
        if response.status_code == 403:  # refused by the view's own mark
            refusals = refusals.filter(action=outcome.denied_event)
        assert refusals.exists(), (
            f"GET {path} by {persona} was refused without an ACCESS_DENIED event"
        )
    if (
        route.is_project
        and route.person_data
        and response.status_code == 200
        and user
        and shows_someone(route.name, persona or "")
    ):
        assert new_events.filter(event_type=EventType.PERSON_DATA_READ, actor=user).exists(), (
            f"GET {path} shows person data to {persona} without a PERSON_DATA_READ event"
        )


def _body(response) -> str:
    """The answer's text; a streamed file (a document's download) read to its end. Reading it
    to the end closes it: the test client's wrapper does so without firing the end of the
    request, which would close the database connection of the test's transaction (PostgreSQL;
    no explicit `response.close()` here)."""
    if getattr(response, "streaming", False):
        content = b"".join(response.streaming_content)
        return content.decode(errors="replace")
    return response.content.decode(errors="replace")


def _check_response(response, body: str, expect: Expect, what: str) -> None:
    assert response.status_code in expect.statuses, (
        f"{what}: {response.status_code}, expected {expect.status} {response.get('Location', '')}"
    )
    if response.status_code == 302 and expect.location:
        prefixes = expect.location if isinstance(expect.location, tuple) else (expect.location,)
        if expect.exact_location:
            assert response["Location"] in prefixes, response["Location"]
        else:
            assert response["Location"].startswith(prefixes), response["Location"]
    for text in expect.contains:
        assert text in body, f"{text!r} missing: {what}"
    for text in expect.absent:
        assert text not in body, f"{text!r} shown: {what}"


def _check_list(samples: Samples, kind: str, persona: str, body: str, status: int, path: str):
    """A list shows the objects the persona may see, and no other."""
    for label in SAMPLE_CONTROLLER:
        text = samples.telltales(kind, label)[0]
        if status == 200 and object_visible(kind, label, persona):
            assert text in body, f"{text!r} ({label}) missing from GET {path} for {persona}"
        else:
            assert text not in body, f"{text!r} ({label}) leaked by GET {path} to {persona}"


# --- the table itself -----------------------------------------------------------------------
def test_the_matrix_reaches_every_part_of_the_project():
    routes = all_routes()
    prefixes = {"/", "/accounts/", "/admin/", "/api/v1/", "/audit/", "/i18n/"}
    for prefix in prefixes:
        assert any(r.path_format.startswith(prefix) for r in routes), prefix
    project = [r for r in routes if r.is_project]
    assert {r.name for r in project} >= {"web:start", "audit:detail", "api:me", "api:office"}
    assert all(r.action is not None or r.name == "web:health" for r in project)


# --- writes through the admin's change views ------------------------------------------------
ADMIN_POST_TARGETS = ["own_user", "user", "other_user", "office", "jurisdiction"]


def _user_post(user: User) -> dict:
    return {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "office": user.office_id,
        "team": user.team_id or "",
        "roles": ["admin", "caseworker", "team_lead", "dpo"],
        "is_active": "on",
        "_save": "Save",
    }


def _office_post(office: Office, new_kreis=None, name: str | None = None) -> dict:
    served = list(office.jurisdictions.order_by("pk"))
    data = {
        "kind": office.kind,
        "name": name or office.name,
        "code": office.code,
        "jobcenter_form": office.jobcenter_form,
        "kreis": office.kreis_id or "",
        "gemeinde": "",
        "valid_from": office.valid_from.isoformat(),
        "valid_to": "",
        "jurisdictions-TOTAL_FORMS": len(served) + (1 if new_kreis else 0),
        "jurisdictions-INITIAL_FORMS": len(served),
        "jurisdictions-MIN_NUM_FORMS": 0,
        "jurisdictions-MAX_NUM_FORMS": 1000,
        "_save": "Save",
    }
    for i, jurisdiction in enumerate([*served, *([None] if new_kreis else [])]):
        data |= {
            f"jurisdictions-{i}-id": jurisdiction.pk if jurisdiction else "",
            f"jurisdictions-{i}-office": office.pk,
            f"jurisdictions-{i}-kreis": jurisdiction.kreis_id if jurisdiction else new_kreis.pk,
            f"jurisdictions-{i}-valid_from": (
                jurisdiction.valid_from.isoformat() if jurisdiction else "2026-01-01"
            ),
            f"jurisdictions-{i}-valid_to": "",
        }
    return data


@pytest.mark.parametrize("target", ADMIN_POST_TARGETS)
@pytest.mark.parametrize("persona", [None, *PERSONAS])
def test_admin_change_views_write_nothing_directly(
    target: str, persona: str | None, world: World, db, client_for
):
    """A POST to the admin's change views (users, offices with their jurisdictions) changes no
    role and no reference data at once, for any persona: at most it requests the change."""
    samples = world.samples
    user = world.users[persona] if persona else None
    office = samples.office("tue")
    if target in ("own_user", "user", "other_user"):
        subject = {
            "own_user": user,
            "user": samples.staff("tue"),
            "other_user": samples.staff("lb"),
        }[target] or samples.staff("tue")
        path, data = f"/admin/organisations/user/{subject.pk}/change/", _user_post(subject)
    else:
        subject = None
        ludwigsburg = reference_kreis(LUDWIGSBURG) if target == "jurisdiction" else None
        path = f"/admin/organisations/office/{office.pk}/change/"
        data = _office_post(office, ludwigsburg, "Umbenannt" if target == "office" else None)
    roles_before = set(subject.role_grants.values_list("role", flat=True)) if subject else set()

    client = client_for(None)
    if persona:
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[persona]
    response = client.post(path, data)

    expected = ADMIN_POSTS.get(persona or "", {}).get(target, "refused")
    assert response.status_code in ((302,) if expected == "requested" else (302, 403, 404))
    if subject is not None:
        assert set(subject.role_grants.values_list("role", flat=True)) == roles_before
        requests = RoleGrantRequest.objects.filter(user=subject, status=RequestStatus.PENDING)
    else:
        assert Office.objects.get(pk=office.pk).name == office.name
        assert not Jurisdiction.objects.filter(office=office, kreis__code=LUDWIGSBURG).exists()
        requests = ReferenceChangeRequest.objects.filter(status=RequestStatus.PENDING)
    requests = requests.filter(requested_by=user) if user else requests.none()
    assert requests.exists() is (expected == "requested"), f"POST {path} by {persona}"


# --- writes: every state-changing URL of ours, POSTed as every persona -------------------------
WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
SAFE_METHODS = {"GET", "HEAD"}
# An allowed write is answered with a success or with a validation error, never "forbidden".
ALLOWED_WRITE = Expect((200, 201, 204, 302, 400, 409, 422))
# Tables a refused request may change: the audit trail (its ACCESS_DENIED event, checked apart),
# the sessions (the messages of the next page) and the cache.
UNWATCHED_TABLES = {"django_session", "django_migrations"}


@dataclass(frozen=True)
class WriteRoute:
    key: str  # "<METHOD> <URL name>", as in access_model.WRITES
    route: Route
    method: str
    view: Callable

    @property
    def label(self) -> str:
        return f"{self.method} {self.route.label}"


def _methods_of(route: Route) -> list[tuple[str, Callable]]:
    """(method, function) for every method a URL of ours answers (HEAD left out)."""
    path_view = _ninja_path_view(route.callback)
    if path_view is not None:
        return [(m, op.view_func) for op in path_view.operations for m in op.methods]
    methods = _allowed_methods(route.views[0])
    if methods is None:
        pytest.fail(
            f"{route.label} ({route.name}) answers every method: say which with @require_safe "
            "(a page that only shows) or @require_http_methods/@require_POST (one that changes)"
        )
    return [(m, route.views[0]) for m in sorted(methods - {"HEAD"})]


def write_routes() -> list[WriteRoute]:
    """Every state-changing (URL, method) of ours, once (ninja names a path once per operation)."""
    seen, writes = set(), []
    for route in all_routes():
        if not route.is_project:
            continue
        for method, view in _methods_of(route):
            if method not in WRITE_METHODS or (route.path_format, method) in seen:
                continue
            seen.add((route.path_format, method))
            name = f"api:{view.__name__}" if _ninja_path_view(route.callback) else route.name
            writes.append(WriteRoute(f"{method} {name}", route, method, view))
    return writes


def read_only_routes() -> list[Route]:
    """The URLs of ours that only show: a POST to them answers 405."""
    seen, routes = set(), []
    for route in all_routes():
        if not route.is_project or route.path_format in seen:
            continue
        seen.add(route.path_format)
        if {method for method, _view in _methods_of(route)} <= SAFE_METHODS:
            routes.append(route)
    return routes


def test_every_write_has_a_body_and_an_action():
    """A new state-changing URL needs its entry in access_model.WRITES (so test_write tries it),
    with the action the view is marked with; an entry without a URL is stale."""
    writes = {write.key: write for write in write_routes()}
    missing = sorted(set(writes) - set(WRITES))
    assert not missing, (
        f"state-changing URLs without an entry in lotse/access/tests/access_model.py WRITES "
        f"(the action and a sample body): {missing}"
    )
    assert not set(WRITES) - set(writes), f"stale WRITES entries: {set(WRITES) - set(writes)}"
    for key, write in writes.items():
        assert str(_mark(write.view)[0]) == WRITES[key]["action"], (
            f"{key}: the view is marked {_mark(write.view)[0]}, WRITES says {WRITES[key]['action']}"
        )
        assert isinstance(WRITES[key]["body"], dict), key
    assert len(writes) >= 30  # the enumeration finds the pages' POSTs and the API's writes
    assert {"PATCH api:case_change", "PUT api:household_replace", "POST web:case_note"} <= set(
        writes
    )


def _write_cases():
    personas = [None, *PERSONAS]
    for write in write_routes():
        for label in _sample_labels(write.route):
            for persona in personas:
                test_id = f"{write.label}{f'[{label}]' if label else ''}@{persona or 'anonymous'}"
                yield pytest.param(write, label, persona, id=test_id)


def _placeholders(samples: Samples, label: str) -> dict[str, object]:
    """The values of the placeholders in WRITES' bodies, for the sample object `label`."""
    today = timezone.localdate()
    case = Case.objects.get(pk=samples.case(label).pk)
    to_office = reference_office(REFERRAL_TO[label])
    follow_up = samples.made.get(("follow_up", label))
    consent = samples.made.get(("consent", label))
    return {
        "today": today.isoformat(),
        "in_two_weeks": (today + timedelta(days=14)).isoformat(),
        "in_a_year": (today + timedelta(days=365)).isoformat(),
        "staff": samples.staff(label).pk,
        "staff_username": samples.staff(label).username,
        "case": case.pk,
        "case_version": case.version,
        "follow_up": follow_up.pk if follow_up else 0,
        "office_code": samples.office(label).code,
        "referral_to": to_office.pk,
        "referral_to_code": to_office.code,
        "person": str(samples.person(label).pk),
        "twin": str(samples.twin(label).pk),
        # an office of the Kreis with no request of the sample office pending yet
        "new_referral_to": Office.objects.filter(kreis=samples.office(label).kreis)
        .exclude(pk__in=[samples.office(label).pk, to_office.pk])
        .order_by("code")
        .values_list("pk", flat=True)
        .first(),
        "consent": consent.pk if consent else 0,
        "course": samples.course("lb" if label == "lb" else "tue").pk,
        "course_type": CourseType.objects.get(code="integrationskurs").pk,
        "gemeinde": samples.course("lb" if label == "lb" else "tue").gemeinde_id,
        "in_a_month": (today + timedelta(days=30)).isoformat(),
        "in_half_a_year": (today + timedelta(days=180)).isoformat(),
        "employer": samples.employer(label).pk,
        "work_place": samples.employer(label).gemeinde_id,
        "vacancy": samples.vacancy(label).pk,
        "placement": samples.placement(label).pk,
        "placement_follow_up": samples.placement_follow_up(label).pk,
    }


def _status_entry(samples: Samples, label: str) -> StatusEvent:
    return status_event_record(
        actor=samples.staff(label),
        person=samples.person(label),
        kind="entry",
        date=timezone.localdate() - timedelta(days=400),
        source="self",
    )


def _switch(samples: Samples, label: str) -> BenefitSwitch:
    today = timezone.localdate().replace(day=1)
    return BenefitSwitch.objects.create(
        person=samples.person(label),
        kind=next(iter(SWITCH_KINDS)),
        last_month=today,
        first_month=(today + timedelta(days=32)).replace(day=1),
        from_office=samples.office(label),
        to_office=reference_office(REFERRAL_TO[label]),
        from_case=samples.case(label),
        trigger=_status_entry(samples, label),
    )


def _correction(samples: Samples, label: str) -> CorrectionRequest:
    data = CorrectionInput(
        data_item="name",
        current_value="Geheimname",
        requested_value="Geheimnahme",
        received_on=timezone.localdate(),
    )
    return correction_request_record(
        actor=samples.staff(label), person=samples.person(label), data=data
    )


def _office_correction(samples: Samples, label: str) -> CorrectionRequest:
    """An open request of another office of the Kreis that the sample office correct the
    person's name (made directly: the write under test is the answer)."""
    return CorrectionRequest.objects.create(
        person=samples.person(label),
        data_item="name",
        current_value="Geheimname",
        requested_value="Geheimnahme",
        received_on=timezone.localdate(),
        received_by_office=samples.office(label),
        recorded_by=samples.staff(label),
        recorded_at=timezone.now(),
        origin=RequestOrigin.OFFICE,
        requested_by_office=reference_office(REFERRAL_TO[label]),
        identity_field=IdentityField.NAME,
    )


def _plan_goal(samples: Samples, label: str):
    """A goal of the sample person, recorded and owned by the sample office."""
    from lotse.plans.models import Goal

    return Goal.objects.create(
        person=samples.person(label),
        text="Geheimziel",
        area="language",
        owner=samples.office(label),
        recorded_by=samples.office(label),
        recorded_by_user=samples.staff(label),
    )


def _plan_step(samples: Samples, label: str):
    from lotse.plans.models import Step

    goal = _plan_goal(samples, label)
    return Step.objects.create(
        goal=goal,
        person=goal.person,
        text="Geheimschritt",
        due_on=timezone.localdate() + timedelta(days=7),
        responsible=samples.office(label),
        recorded_by=samples.office(label),
        recorded_by_user=samples.staff(label),
    )


# Objects a write is about that the world does not hold: made in the test's savepoint (and so
# gone after it), before the state that must not change is taken.
WRITE_OBJECTS: dict[str, Callable[[Samples, str], dict[str, object]]] = {
    "POST web:status_event_change": lambda s, label: {"status_entry": _status_entry(s, label).pk},
    "POST web:status_switch": lambda s, label: {"switch": _switch(s, label).pk},
    "POST web:correction_resolve": lambda s, label: {"correction": _correction(s, label).pk},
    "POST web:office_correction": lambda s, label: {"correction": _office_correction(s, label).pk},
    "POST web:plan_goal_change": lambda s, label: {"plan_goal": _plan_goal(s, label).pk},
    "POST web:plan_step_new": lambda s, label: {"plan_goal": _plan_goal(s, label).pk},
    "POST api:plan_step_create": lambda s, label: {"plan_goal": _plan_goal(s, label).pk},
    "POST web:plan_step_change": lambda s, label: {"plan_step": _plan_step(s, label).pk},
    "POST web:plan_step_status": lambda s, label: {"plan_step": _plan_step(s, label).pk},
}


def _filled(value, values: dict[str, object]):
    if isinstance(value, dict):
        return {key: _filled(item, values) for key, item in value.items()}
    if isinstance(value, list):
        return [_filled(item, values) for item in value]
    if isinstance(value, str) and (match := re.fullmatch(r"\{(\w+)\}", value)):
        return values[match[1]]
    if isinstance(value, str):
        return value.format_map(values)
    return value


def world_state() -> dict[str, int]:
    """A fingerprint of every table (the audit trail and the sessions aside): what a refused
    request must leave as it was."""
    from django.db import connection

    audit_tables = {AuditEvent._meta.db_table}
    skip = UNWATCHED_TABLES | audit_tables | {settings.CACHES["default"].get("LOCATION", "")}
    state = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table in skip:
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)} ORDER BY 1")  # noqa: S608 - our tables
            state[table] = hash(tuple(cursor.fetchall()))
    return state


def _changed(before: dict[str, int], after: dict[str, int]) -> list[str]:
    return sorted(
        table for table in before.keys() | after.keys() if before.get(table) != after.get(table)
    )


def _write_outcome(write: WriteRoute, kind: str, label: str, persona: str | None) -> Outcome:
    action = WRITES[write.key]["action"]
    if persona is None:
        return Outcome(Expect(401) if write.route.is_api else to_login(), visible=False)
    if action not in ROLE_ACTIONS[persona]:
        return Outcome(Expect(403), denied_event=action, visible=False)
    if kind and label:
        other_kreis = SAMPLE_KREIS[label] != SAMPLE_KREIS.get(PERSONA_LABEL[persona])
        if WRITES[write.key].get("object_rule") == "kreis":
            if other_kreis:  # answered like an id that names no one
                return Outcome(Expect(302, "/persons/new/"), denied_event=action, visible=False)
            return Outcome(ALLOWED_WRITE)
        out_of_scope = action in SCOPED_ACTIONS and other_kreis
        object_refused = kind in OBJECT_RULE_KINDS and not object_visible(kind, label, persona)
        if out_of_scope or object_refused:
            return Outcome(Expect(404), denied_event=action, visible=False)
    elif body_kind := WRITES[write.key].get("body_object"):
        own = "lb" if persona == "other_caseworker" else "tue"
        if not object_visible(body_kind, own, persona):
            return Outcome(Expect(404), denied_event=action, visible=False)
    return Outcome(ALLOWED_WRITE)


def _upload(kind: str):
    """A file for a write that uploads one (WRITES' "files"): a one-page PDF."""
    from lotse.documents.tests.conftest import pdf_bytes, upload

    assert kind == "pdf", kind
    return upload("dokument.pdf", pdf_bytes())


def _send(client: Client, method: str, path: str, body: dict, *, api: bool, files=None):
    if files:  # multipart, for the web form and the API alike
        return client.post(path, {**body, **{name: _upload(k) for name, k in files.items()}})
    if api:
        return client.generic(method, path, json.dumps(body), content_type="application/json")
    return client.post(path, body)


def _check_answer_in_german(client: Client, response, what: str) -> None:
    """The page that answers a write (its form again, or where it leads, with the message of
    success or of the error) is German too."""
    if response.status_code == 302 and response["Location"].startswith("/"):
        response = client.get(response["Location"])
    if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
        check_german_page(response.content.decode(errors="replace"), f"the answer to {what}")


@pytest.mark.parametrize(("write", "label", "persona"), list(_write_cases()))
def test_write(write: WriteRoute, label: str, persona: str | None, world: World, db, client_for):
    """Every write as every persona: a refusal changes nothing (only its ACCESS_DENIED event is
    written); an allowed write is done or refused as invalid, never as forbidden. What an allowed
    write changes is rolled back after the test (the savepoint of `db` inside the world's
    transaction)."""
    samples, user = world.samples, world.users[persona] if persona else None
    path, kind, telltales = _fill(write.route, label, samples)
    entry = WRITES[write.key]
    own = label or ("lb" if persona == "other_caseworker" else "tue")
    values = _placeholders(samples, own)
    if write.key in WRITE_OBJECTS:
        values |= WRITE_OBJECTS[write.key](samples, own)
    body = _filled(entry["body"], values)
    query = _filled(entry.get("query", ""), values)
    outcome = _write_outcome(write, kind, label, persona)
    before_event = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    before = world_state()

    client = client_for(None)
    if persona:
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[persona]
    response = _send(
        client,
        write.method,
        path + query,
        body,
        api=write.route.is_api,
        files=entry.get("files"),
    )

    what = f"{write.method} {path} as {persona or 'anonymous'}"
    _check_response(response, response.content.decode(errors="replace"), outcome.expect, what)
    if outcome.expect is ALLOWED_WRITE:
        _check_answer_in_german(client, response, what)
        return
    changed = _changed(before, world_state())
    assert not changed, f"{what} was refused but changed {changed}"
    new_events = AuditEvent.objects.filter(pk__gt=before_event)
    assert set(new_events.values_list("event_type", flat=True)) <= {EventType.ACCESS_DENIED}, (
        f"{what} was refused but wrote {set(new_events.values_list('event_type', flat=True))}"
    )
    for text in telltales:
        assert text not in response.content.decode(errors="replace"), f"{text!r} leaked by {what}"
    if outcome.denied_event:
        assert new_events.filter(event_type=EventType.ACCESS_DENIED, actor=user).exists(), (
            f"{what} was refused without an ACCESS_DENIED event"
        )


@pytest.mark.parametrize("persona", [None, *PERSONAS])
@pytest.mark.parametrize("route", read_only_routes(), ids=lambda route: route.label)
def test_post_to_a_read_only_page(route: Route, persona: str | None, world: World, db, client_for):
    """A page that only shows answers a POST with 405 (@require_safe), before it reads anything,
    and nothing changes."""
    label = _sample_labels(route)[0]
    path, _kind, _telltales = _fill(route, label, world.samples)
    before = world_state()
    before_events = AuditEvent.objects.count()
    client = client_for(None)
    if persona:
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[persona]
    response = client.post(path, {"q": "Geheimname", "name": "Umbenannt"})
    expected = Expect(405) if persona or route.is_api or route.action is None else to_login()
    _check_response(response, "", expected, f"POST {path} as {persona or 'anonymous'}")
    assert not _changed(before, world_state()), f"POST {path} changed data"
    assert AuditEvent.objects.count() == before_events
