"""The one access policy of lotse.

Every view, API endpoint and command asks `decide()` (or `authorize()`, which also records a
refusal and raises) whether *this user* may perform *this action* on *this object* for *this
purpose*. Nothing else in the code base makes access decisions.

A decision passes three layers, each of them data rather than code paths in views:

1. **Capability by role** (`CAPABILITIES`): which roles may attempt an action at all, written as
   `rules` predicates.
2. **Scope by office**: an object that belongs to an office (or to a Kreis) is only reachable for
   staff whose office serves the same Kreis, where the action is scoped.
3. **Object rules** registered by the domain apps for their models (`register_object_rule`):
   an open case, the person's consent, a statutory basis, break-the-glass. They are consulted in
   order; the first refusal wins, and an allowing rule names its legal basis, which ends up in the
   audit trail and in the person's own access report.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import rules
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from lotse.audit.vocabulary import Basis, LegalBasis
from lotse.organisations.models import Kreis, Office, OfficeKind, RequestStatus, Role, User

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# Who asks: a member of staff, or (at the door) someone not signed in, whom the policy refuses.
Actor = User | AnonymousUser


class Action(StrEnum):
    VIEW_START = "start.view"
    VIEW_DIRECTORY = "directory.view"
    VIEW_OFFICE_STAFF = "office_staff.view"
    MANAGE_USERS = "users.manage"
    MANAGE_REFERENCE_DATA = "reference_data.manage"
    APPROVE_ROLE_GRANT = "role_grant.approve"
    APPROVE_REFERENCE_CHANGE = "reference_change.approve"
    VIEW_AUDIT_TRAIL = "audit_trail.view"
    VIEW_AGGREGATES = "aggregates.view"
    EDIT_PERSON_REGISTRY = "registry.edit"
    VIEW_PERSON = "person.view"
    EDIT_PERSON = "person.edit"
    BREAK_GLASS = "person.break_glass"
    REASSIGN_CASES = "cases.reassign"
    REVIEW_DUPLICATES = "duplicates.review"
    WORK_ON_CASE = "case.work"
    HANDLE_REFERRAL = "referral.handle"
    VIEW_COURSES = "courses.view"
    MANAGE_COURSES = "courses.manage"
    VIEW_VACANCIES = "vacancies.view"
    MANAGE_VACANCIES = "vacancies.manage"
    RECORD_PLACEMENTS = "placements.record"
    VIEW_YOUTH = "youth.view"
    VIEW_INTERPRETERS = "interpreters.view"
    MANAGE_INTERPRETERS = "interpreters.manage"


class Category(StrEnum):
    """Data categories of a person (access-model.md); the policy decides per category."""

    IDENTITY = "identity"
    STATUS = "status"
    BENEFITS = "benefits"
    PROFILE = "profile"
    PLAN = "plan"
    HEALTH = "health"
    NOTES = "notes"


SPECIAL_CATEGORIES = frozenset({Category.HEALTH})


@rules.predicate
def is_staff_member(user: Actor) -> bool:
    return bool(user.is_authenticated and user.is_active and user.office_id)


def has_role(role: Role) -> rules.Predicate:
    predicate: rules.Predicate = rules.predicate(
        lambda user: user.is_authenticated and user.has_role(role), name=role
    )
    return predicate


is_caseworker = has_role(Role.CASEWORKER)
is_team_lead = has_role(Role.TEAM_LEAD)
is_dpo = has_role(Role.DATA_PROTECTION_OFFICER)
is_planner = has_role(Role.REGIONAL_PLANNER)
is_administrator = has_role(Role.ADMINISTRATOR)


@rules.predicate
def works_for_the_land(user: Actor) -> bool:
    office = getattr(user, "office", None)
    return office is not None and office.kind == OfficeKind.LAND


@rules.predicate
def works_for_employer_service(user: Actor) -> bool:
    """The Agentur (its employer service, Arbeitgeber-Service) or the Jobcenter."""
    office = getattr(user, "office", None)
    return office is not None and office.kind in (OfficeKind.AGENTUR, OfficeKind.JOBCENTER)


# The offices that form a Jugendberufsagentur (docs/youth.md): the Agentur (SGB III), the
# Jobcenter (SGB II) and the Jugendamt (SGB VIII), with the Integrationsmanagement of the Kreis.
YOUTH_ALLIANCE_KINDS = frozenset(
    {
        OfficeKind.JUGENDAMT,
        OfficeKind.AGENTUR,
        OfficeKind.JOBCENTER,
        OfficeKind.INTEGRATIONSMANAGEMENT,
    }
)


@rules.predicate
def works_for_youth_alliance(user: Actor) -> bool:
    office = getattr(user, "office", None)
    return office is not None and office.kind in YOUTH_ALLIANCE_KINDS


# A Land administrator: an administrator of the Land's own office (OfficeKind.LAND), which
# serves no Kreis. Only they change reference data, and only with a second one's approval.
is_land_administrator = is_administrator & works_for_the_land

# Roles that reach person data (persons and cases; the audit trail names persons) or that
# decide on such grants: granting one takes a second administrator (four eyes). Nobody grants
# any role to themselves either; revoking a role takes effect at once.
ROLES_NEEDING_APPROVAL = frozenset(
    {Role.CASEWORKER, Role.TEAM_LEAD, Role.DATA_PROTECTION_OFFICER, Role.ADMINISTRATOR}
)


def role_grant_needs_approval(actor: User, user: User, role: str) -> bool:
    """Does `actor` granting `role` to `user` take a second administrator's approval?"""
    return role in ROLES_NEEDING_APPROVAL or actor.pk == user.pk


@dataclass(frozen=True)
class Capability:
    predicate: rules.Predicate
    # Actions on an object of another Kreis are refused when scoped (office scope, layer 2).
    scoped: bool
    note: "StrOrPromise"  # translatable: shown in refusals


# Who may attempt what. Read as: "<action> needs <predicate>". The notes are shown to the
# data-protection officer (docs/access-model.md is generated from this table's shape).
CAPABILITIES: dict[Action, Capability] = {
    Action.VIEW_START: Capability(is_staff_member, False, _("every member of staff")),
    Action.VIEW_DIRECTORY: Capability(is_staff_member, False, _("offices and regions are public")),
    Action.VIEW_OFFICE_STAFF: Capability(
        is_staff_member & (is_team_lead | is_administrator),
        True,
        _("team leads and administrators"),
    ),
    # Own office only: an object rule (below), not the Kreis scope.
    Action.MANAGE_USERS: Capability(
        is_staff_member & is_administrator, False, _("administrators, own office only")
    ),
    Action.MANAGE_REFERENCE_DATA: Capability(
        is_staff_member & is_land_administrator,
        False,
        _("Land administrators; reference data of the Land"),
    ),
    Action.APPROVE_ROLE_GRANT: Capability(
        is_staff_member & is_administrator,
        False,
        _("a second administrator of the office or of the Land"),
    ),
    Action.APPROVE_REFERENCE_CHANGE: Capability(
        is_staff_member & is_land_administrator, False, _("a second Land administrator")
    ),
    Action.VIEW_AUDIT_TRAIL: Capability(
        is_staff_member & is_dpo, False, _("data-protection officers, for their own controller")
    ),
    Action.VIEW_AGGREGATES: Capability(
        is_staff_member & (is_planner | is_team_lead), False, _("aggregates only, never a person")
    ),
    Action.EDIT_PERSON_REGISTRY: Capability(
        is_staff_member & (is_caseworker | is_team_lead),
        False,
        _("caseworkers and team leads register persons and open cases"),
    ),
    Action.VIEW_PERSON: Capability(
        is_staff_member & (is_caseworker | is_team_lead), True, _("caseworkers and team leads")
    ),
    Action.EDIT_PERSON: Capability(
        is_staff_member & (is_caseworker | is_team_lead), True, _("caseworkers and team leads")
    ),
    # Emergency access to a record that another office of the user's Kreis holds: in scope
    # only when the person has an open case in one of the user's Kreise (cases.rules).
    Action.BREAK_GLASS: Capability(
        is_staff_member & (is_caseworker | is_team_lead),
        True,
        _("caseworkers and team leads, for persons with an open case in their Kreis"),
    ),
    Action.REASSIGN_CASES: Capability(is_staff_member & is_team_lead, True, _("team leads")),
    Action.WORK_ON_CASE: Capability(
        is_staff_member & (is_caseworker | is_team_lead), True, _("caseworkers and team leads")
    ),
    Action.HANDLE_REFERRAL: Capability(
        is_staff_member & (is_caseworker | is_team_lead), False, _("caseworkers and team leads")
    ),
    Action.REVIEW_DUPLICATES: Capability(
        is_staff_member & is_team_lead, False, _("team leads review and merge duplicates")
    ),
    # The course catalogue holds no person data: every member of staff reads the courses of
    # the Kreise their office serves. Participants and waiting lists name persons: they are
    # shown by the person rules (VIEW_PERSON) and to the office that enrolled them only.
    Action.VIEW_COURSES: Capability(
        is_staff_member, True, _("every member of staff, courses in their Kreise")
    ),
    Action.MANAGE_COURSES: Capability(
        is_staff_member & (is_caseworker | is_team_lead),
        True,
        _("caseworkers and team leads record the courses of their Kreise"),
    ),
    # Employers and vacancies hold no refugee's data; the employers' contact persons are
    # personal data, recorded by the Agentur's employer service or the Jobcenter and shared
    # between them within the Kreis. The other offices' caseworkers read the vacancies for
    # counselling (without the contact persons).
    Action.VIEW_VACANCIES: Capability(
        is_staff_member & (is_caseworker | is_team_lead),
        True,
        _("caseworkers and team leads, vacancies in their Kreise"),
    ),
    Action.MANAGE_VACANCIES: Capability(
        is_staff_member & (is_caseworker | is_team_lead) & works_for_employer_service,
        True,
        _("caseworkers and team leads of the Agentur and the Jobcenter, in their Kreise"),
    ),
    # Placements into work or training and their follow-up: recorded by the offices that
    # place people in work (the Agentur and the Jobcenter), for vacancies of their Kreise.
    Action.RECORD_PLACEMENTS: Capability(
        is_staff_member & (is_caseworker | is_team_lead) & works_for_employer_service,
        True,
        _("caseworkers and team leads of the Agentur and the Jobcenter, in their Kreise"),
    ),
    # The Jugendberufsagentur's list of the young people under 25: a page of its partners. It
    # shows only the persons the office sees anyway (VIEW_PERSON scopes the list).
    Action.VIEW_YOUTH: Capability(
        is_staff_member & (is_caseworker | is_team_lead) & works_for_youth_alliance,
        False,
        _(
            "caseworkers and team leads of the Jugendamt, the Agentur, the Jobcenter and the "
            "Integrationsmanagement (Jugendberufsagentur), persons they see"
        ),
    ),
    # The interpreters' pool of a Kreis holds the interpreters' names and contacts (no
    # refugee's data): caseworkers book from it, team leads keep it.
    Action.VIEW_INTERPRETERS: Capability(
        is_staff_member & (is_caseworker | is_team_lead),
        True,
        _("caseworkers and team leads, the pools of their Kreise"),
    ),
    Action.MANAGE_INTERPRETERS: Capability(
        is_staff_member & is_team_lead, True, _("team leads keep the pools of their Kreise")
    ),
}


@dataclass(frozen=True)
class Decision:
    allowed: bool
    action: Action
    reason: str
    basis: str = ""
    categories: tuple[str, ...] = field(default_factory=tuple)

    def __bool__(self) -> bool:
        return self.allowed


ObjectRule = Callable[..., "Decision | None"]
# A rule's answer for a list: the objects it does not refuse, as a condition on the queryset
# (None: it refuses none). Called as admits(user=, action=, purpose=, categories=).
ListRule = Callable[..., "models.Q | None"]

# The order in which the object rules are asked, as data (not the order in which the apps
# load): the first refusal wins, and the basis of the last allowing rule is the one named. A
# rule registered under a name missing here is a configuration error at start-up.
RULE_ORDER: tuple[str, ...] = (
    "audit.same_controller",
    "organisations.own_office_staff",
    "organisations.second_administrator",
    "organisations.second_land_administrator",
    "cases.open_case",
    "subject_rights.report",
    "cases.own_office_case",
    "cases.referral_party",
    "subject_rights.request_party",
    "status.switch_party",
    "comms.office_party",
    "appointments.at_table",
)


@dataclass(frozen=True)
class _ObjectRule:
    name: str
    decide: ObjectRule
    admits: ListRule


@dataclass(frozen=True)
class _Scope:
    kreise: Callable[[Any], Iterable[int]]  # called with an object of the model registered
    admits: Callable[[frozenset[int]], models.Q]


_object_rules: dict[str, list[_ObjectRule]] = {}
_scope_resolvers: dict[str, _Scope] = {}


def register_object_rule(
    model_label: str, rule: ObjectRule, *, name: str, admits: ListRule
) -> None:
    """Add a rule for objects of `model_label` ("app_label.ModelName").

    Every rule answers both questions, and they must agree: `rule` for one object, called as
    rule(user=, action=, obj=, purpose=, categories=), returns a refusing Decision, an allowing
    Decision that names its basis, or None when it has no opinion; `admits`, called as
    admits(user=, action=, purpose=, categories=), returns the condition (a Q) that the objects
    it does not refuse fulfil, or None when it refuses none. `name` places the rule in
    RULE_ORDER. The property test lotse/access/tests/test_policy_scope.py checks that both agree.
    """
    if name not in RULE_ORDER:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(f"object rule {name!r} is not in RULE_ORDER")
    rules_of = _object_rules.setdefault(model_label, [])
    if any(existing.name == name for existing in rules_of):
        return  # a module imported twice registers once
    rules_of.append(_ObjectRule(name, rule, admits))
    rules_of.sort(key=lambda item: RULE_ORDER.index(item.name))


def register_scope(
    model_label: str,
    resolver: Callable[[Any], Iterable[int]],
    *,
    admits: Callable[[frozenset[int]], models.Q],
) -> None:
    """Tell the policy which Kreise (primary keys) an object of `model_label` belongs to:
    `resolver` for one object, `admits(kreis_ids)` as the condition on a queryset that the
    objects of those Kreise fulfil."""
    _scope_resolvers[model_label] = _Scope(resolver, admits)


def offices_serving(kreis_ids: Iterable[int]) -> models.QuerySet:
    """The ids of the offices serving one of `kreis_ids` today (for conditions in `admits`)."""
    from lotse.organisations.models import Jurisdiction

    today = timezone.localdate()
    return (
        Jurisdiction.objects.filter(kreis_id__in=list(kreis_ids), valid_from__lte=today)
        .filter(models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=today))
        .values("office_id")
    )


def register_offices_scope(model_label: str, *fields: str) -> None:
    """The Kreis scope of an object that belongs to the offices in `fields` (e.g. the two
    offices of a referral): the Kreise any of them serves today."""

    def kreise(obj: Any) -> list[int]:
        offices = [getattr(obj, name) for name in fields]
        return [
            pk
            for office in offices
            if office is not None
            for pk in office.kreise_served().values_list("pk", flat=True)
        ]

    def admits(kreis_ids: Iterable[int]) -> models.Q:
        condition = models.Q(pk__in=[])
        for name in fields:
            condition |= models.Q(**{f"{name}_id__in": offices_serving(kreis_ids)})
        return condition

    register_scope(model_label, kreise, admits=admits)


def register_party_rule(model_label: str, *fields: str, name: str, refusal: str) -> None:
    """An object of the offices in `fields` (e.g. the two offices of a referral), in their Kreise
    and seen by those offices only; anyone else is refused with `refusal` (translated when
    refused). Registers the Kreis scope and the object rule, both answers."""
    register_offices_scope(model_label, *fields)

    def party(
        *, user: User, action: Action, obj: Any, purpose: str, categories: tuple[str, ...]
    ) -> "Decision | None":
        if user.office_id not in [getattr(obj, f"{office}_id") for office in fields]:
            return Decision(False, action, gettext(refusal))
        return None

    def admits(
        *, user: User, action: Action, purpose: str, categories: tuple[str, ...]
    ) -> models.Q:
        condition = models.Q(pk__in=[])
        for office in fields:
            condition |= models.Q(**{f"{office}_id": user.office_id})
        return condition

    register_object_rule(model_label, party, name=name, admits=admits)


_prefetchers: dict[str, list[Callable[[models.QuerySet], models.QuerySet]]] = {}


def register_prefetch(
    model_label: str, prefetch: Callable[[models.QuerySet], models.QuerySet]
) -> None:
    """What the scope resolver and rules of `model_label` read, fetched with the objects.
    A rule that finds it on the object reads it from there; without it, it queries."""
    _prefetchers.setdefault(model_label, []).append(prefetch)


def prefetched_for_policy[M: models.Model](queryset: models.QuerySet[M]) -> models.QuerySet[M]:
    """`queryset` with what the policy will read of each object, so that deciding on many
    objects (a list, the candidates of a duplicate check) costs a few queries, not a few each."""
    for prefetch in _prefetchers.get(queryset.model._meta.label, []):
        queryset = prefetch(queryset)
    return queryset


register_scope(
    "organisations.Kreis",
    lambda kreis: [kreis.pk],
    admits=lambda kreis_ids: models.Q(pk__in=kreis_ids),
)
register_scope(
    "organisations.Office",
    lambda office: office.kreise_served().values_list("pk", flat=True),
    admits=lambda kreis_ids: models.Q(pk__in=offices_serving(kreis_ids)),
)
register_scope(
    "organisations.User",
    lambda user: user.office.kreise_served().values_list("pk", flat=True) if user.office else [],
    admits=lambda kreis_ids: models.Q(office_id__in=offices_serving(kreis_ids)),
)


def _same_controller(
    *, user: User, action: Action, obj: Any, purpose: str, categories: tuple[str, ...]
) -> "Decision | None":
    """A data-protection officer sees the trail of the offices of their own data controller."""
    if obj.office is None or obj.office.controller_key != user.office.controller_key:  # type: ignore[union-attr]  # members of staff only
        return Decision(False, action, str(_("This event belongs to another data controller.")))
    return None


def _same_controller_admits(
    *, user: User, action: Action, purpose: str, categories: tuple[str, ...]
) -> models.Q:
    same = [o.pk for o in Office.objects.all() if o.controller_key == user.office.controller_key]  # type: ignore[union-attr]  # members of staff only
    return models.Q(office_id__in=same)


register_object_rule(
    "audit.AuditEvent",
    _same_controller,
    name="audit.same_controller",
    admits=_same_controller_admits,
)


def _own_office_staff(
    *, user: User, action: Action, obj: Any, purpose: str, categories: tuple[str, ...]
) -> "Decision | None":
    """Administrators manage the staff (users, teams) of their own office only."""
    if action != Action.MANAGE_USERS:
        return None
    office_id = obj.pk if isinstance(obj, Office) else obj.office_id
    if office_id is None or office_id != user.office_id:
        return Decision(False, action, str(_("This member of staff belongs to another office.")))
    return None


def _own_office_staff_admits(field: str) -> ListRule:
    def admits(
        *, user: User, action: Action, purpose: str, categories: tuple[str, ...]
    ) -> models.Q | None:
        if action != Action.MANAGE_USERS:
            return None
        return models.Q(**{field: user.office_id}) if user.office_id else models.Q(pk__in=[])

    return admits


for _label, _field in (
    ("organisations.User", "office_id"),
    ("organisations.Office", "pk"),
    ("organisations.Team", "office_id"),
):
    register_object_rule(
        _label,
        _own_office_staff,
        name="organisations.own_office_staff",
        admits=_own_office_staff_admits(_field),
    )


def _pending_for_another(user: User, action: Action, request: Any) -> "Decision | None":
    if request.status != RequestStatus.PENDING:
        return Decision(False, action, str(_("This request has been decided already.")))
    if request.requested_by_id == user.pk:
        return Decision(
            False, action, str(_("You made this request yourself: someone else decides on it."))
        )
    return None


def _second_administrator(
    *, user: User, action: Action, obj: Any, purpose: str, categories: tuple[str, ...]
) -> "Decision | None":
    """Four eyes on a role: neither the requester nor the grantee decides, and only an
    administrator of the grantee's office or a Land administrator."""
    if action != Action.APPROVE_ROLE_GRANT:
        return None
    refusal = _pending_for_another(user, action, obj)
    if refusal is not None:
        return refusal
    if obj.user_id == user.pk:
        return Decision(False, action, str(_("Nobody decides on their own roles.")))
    if obj.user.office_id != user.office_id and not is_land_administrator.test(user):
        return Decision(False, action, str(_("This member of staff belongs to another office.")))
    return None


def _second_land_administrator(
    *, user: User, action: Action, obj: Any, purpose: str, categories: tuple[str, ...]
) -> "Decision | None":
    if action != Action.APPROVE_REFERENCE_CHANGE:
        return None
    return _pending_for_another(user, action, obj)


def _pending_for_another_admits(user: User) -> models.Q:
    return models.Q(status=RequestStatus.PENDING) & ~models.Q(requested_by_id=user.pk)


def _second_administrator_admits(
    *, user: User, action: Action, purpose: str, categories: tuple[str, ...]
) -> models.Q | None:
    if action != Action.APPROVE_ROLE_GRANT:
        return None
    condition = _pending_for_another_admits(user) & ~models.Q(user_id=user.pk)
    if not is_land_administrator.test(user):
        condition &= models.Q(user__office_id=user.office_id)
    return condition


def _second_land_administrator_admits(
    *, user: User, action: Action, purpose: str, categories: tuple[str, ...]
) -> models.Q | None:
    if action != Action.APPROVE_REFERENCE_CHANGE:
        return None
    return _pending_for_another_admits(user)


register_object_rule(
    "organisations.RoleGrantRequest",
    _second_administrator,
    name="organisations.second_administrator",
    admits=_second_administrator_admits,
)
register_object_rule(
    "organisations.ReferenceChangeRequest",
    _second_land_administrator,
    name="organisations.second_land_administrator",
    admits=_second_land_administrator_admits,
)


def user_kreis_ids(user: Actor) -> frozenset[int]:
    office = getattr(user, "office", None)
    if not office:
        return frozenset()
    cached: frozenset[int] | None = getattr(user, "_kreis_cache", None)
    if cached is None:
        cached = frozenset(office.kreise_served().values_list("pk", flat=True))
        user._kreis_cache = cached  # type: ignore[union-attr]  # cached on the user object
    return cached


def _in_scope(user: Actor, obj: models.Model) -> bool:
    resolver = _scope_resolvers.get(obj._meta.label)
    if resolver is None:
        # An object the policy knows nothing about is never in scope: fail closed.
        return False
    return bool(user_kreis_ids(user) & set(resolver.kreise(obj)))


def decide(
    user: Actor,
    action: Action,
    obj: models.Model | None = None,
    *,
    purpose: str = "",
    categories: Iterable[str] = (),
) -> Decision:
    categories = tuple(sorted(str(c) for c in categories))
    capability = CAPABILITIES[action]
    if not getattr(user, "is_authenticated", False):
        return Decision(False, action, str(_("Not signed in.")))
    if not capability.predicate.test(user):
        return Decision(
            False,
            action,
            str(_("Your role does not allow this (%(who)s).") % {"who": capability.note}),
        )
    if obj is not None and capability.scoped and not _in_scope(user, obj):
        return Decision(False, action, str(_("This belongs to another Kreis.")))
    basis = ""
    if obj is not None:
        for rule in _object_rules.get(obj._meta.label, []):
            verdict = rule.decide(
                user=user, action=action, obj=obj, purpose=purpose, categories=categories
            )
            if verdict is None:
                continue
            if not verdict.allowed:
                return verdict
            basis = verdict.basis or basis
    return Decision(True, action, str(_("Allowed.")), basis=basis, categories=categories)


def scope[M: models.Model](
    user: Actor,
    action: Action,
    queryset: models.QuerySet[M],
    *,
    purpose: str = "",
    categories: Iterable[str] = (),
) -> models.QuerySet[M]:
    """The objects of `queryset` on which `user` may perform `action`: the same three layers
    as `decide`, as conditions on the queryset, so that a list shows exactly the objects that
    `decide` allows one by one (lotse/access/tests/test_policy_scope.py checks it). No list
    filters by office or case status itself."""
    categories = tuple(sorted(str(c) for c in categories))
    capability = CAPABILITIES[action]
    if not getattr(user, "is_authenticated", False) or not capability.predicate.test(user):
        return queryset.none()
    label = queryset.model._meta.label
    if capability.scoped:
        resolver = _scope_resolvers.get(label)
        if resolver is None:
            return queryset.none()
        queryset = queryset.filter(resolver.admits(user_kreis_ids(user)))
    for rule in _object_rules.get(label, []):
        condition = rule.admits(user=user, action=action, purpose=purpose, categories=categories)
        if condition is not None:
            queryset = queryset.filter(condition)
    return queryset


def authorize(
    user: Actor,
    action: Action,
    obj: models.Model | None = None,
    *,
    purpose: str = "",
    categories: Iterable[str] = (),
    hide_existence: bool = True,
) -> Decision:
    """decide(), and on refusal record the refusal in the audit trail and raise.

    With hide_existence (the default) an object of another office answers as if it did not
    exist (404), so that a refusal does not reveal that a person is known elsewhere.
    """
    from lotse.audit.services import audit_refusal

    decision = decide(user, action, obj, purpose=purpose, categories=categories)
    if decision.allowed:
        return decision
    # A refusal on a person's record, or on something of a person's (an appointment, a letter),
    # is found in that person's trail.
    person_id = obj.pk if obj is not None and obj._meta.label == "people.Person" else None
    person_id = getattr(obj, "person_id", None) if person_id is None else person_id
    audit_refusal(
        actor=user,
        action=action,
        purpose=purpose,
        reason=decision.reason,
        obj=obj,
        person_id=person_id,
        categories=decision.categories,
    )
    if obj is not None and hide_existence:
        from django.http import Http404

        raise Http404
    raise PermissionDenied(decision.reason)


def may_hold_cases(user: User) -> bool:
    """Can `user` be responsible for a case: an active member of staff whose role works on
    cases (the capability of `Action.WORK_ON_CASE`); not a planner, not a data-protection
    officer, not an administrator only."""
    return bool(user.is_active) and CAPABILITIES[Action.WORK_ON_CASE].predicate.test(user)


def case_holders(office: Office) -> models.QuerySet:
    """The staff of `office` who can hold its cases (the choices for "responsible")."""
    from lotse.organisations.models import RoleGrant, User

    staff = list(User.objects.filter(office=office, is_active=True))
    roles: dict[int, set[str]] = {}
    for user_id, role in RoleGrant.objects.filter(user__in=staff).values_list("user_id", "role"):
        roles.setdefault(user_id, set()).add(role)
    for user in staff:
        user._role_cache = frozenset(roles.get(user.pk, ()))  # as User.role_set caches it
    holders = [user.pk for user in staff if may_hold_cases(user)]
    return User.objects.filter(pk__in=holders).order_by("last_name", "first_name", "username")


def scope_offices(user: Actor) -> models.QuerySet[Office]:
    """The offices that serve at least one of the Kreise the user's office serves."""
    today = timezone.localdate()
    return (
        Office.objects.filter(
            jurisdictions__kreis__in=user_kreis_ids(user),
            jurisdictions__valid_from__lte=today,
        )
        .filter(
            models.Q(jurisdictions__valid_to__isnull=True)
            | models.Q(jurisdictions__valid_to__gte=today)
        )
        .distinct()
    )


def scope_kreise(user: Actor) -> models.QuerySet[Kreis]:
    return Kreis.objects.filter(pk__in=user_kreis_ids(user))


# Django's own permission checks (the admin, {% if perms %}) go through the same predicates:
# administrators manage staff and reference data in the admin without being superusers.
# Reference data of the Land: every administrator reads it, Land administrators change it (by a
# request another one approves). Staff and teams: administrators, own office. Requests are
# "changed" by deciding on them; nobody adds one in the admin.
_ADMIN = is_staff_member & is_administrator
_LAND_ADMIN = is_staff_member & is_land_administrator
_ADMIN_PERMS = {
    **{
        model: {"view": _ADMIN, "add": _LAND_ADMIN, "change": _LAND_ADMIN}
        for model in ("kreis", "gemeinde", "office", "jurisdiction")
    },
    **{model: dict.fromkeys(("view", "add", "change"), _ADMIN) for model in ("team", "user")},
    "rolegrantrequest": {"view": _ADMIN, "change": _ADMIN},
    "referencechangerequest": {"view": _LAND_ADMIN, "change": _LAND_ADMIN},
}
for _model, _perms in _ADMIN_PERMS.items():
    for _verb, _predicate in _perms.items():
        rules.add_perm(f"organisations.{_verb}_{_model}", _predicate)
rules.add_perm("organisations", _ADMIN)
rules.add_perm("audit.view_auditevent", is_staff_member & is_dpo)


# --- Layer 4: data categories owned by other offices ---------------------------------------------
# The identity core is shared by every office with an open case. Every other category belongs to
# the office that recorded it and reaches another office only on a statutory basis or with the
# person's consent (access-model.md). The statutory flows are data, with their paragraph:
# (kinds of the owning office, kinds of the receiving office, categories, basis). The bases are
# LegalBasis codes (audit.vocabulary; English text beside the code in referrals and the audit
# trail, shown by their label in the reader's language); the reasons of blocked flows are stored
# in English and translated where a page shows them (gettext_noop puts them into the catalogue).
BENEFIT_BODIES = frozenset({"sozialamt", "jobcenter", "agentur"})
SHARED_CATEGORIES = frozenset({Category.IDENTITY})

STATUTORY_FLOWS: list[tuple[frozenset[str], frozenset[str], frozenset[str], LegalBasis]] = [
    (
        BENEFIT_BODIES,
        BENEFIT_BODIES,
        # notes: only those their author marked as shared (cases.Note.visibility)
        frozenset(
            {Category.STATUS, Category.BENEFITS, Category.PROFILE, Category.PLAN, Category.NOTES}
        ),
        LegalBasis(Basis.SGB_X_69),
    ),
    (
        frozenset({"auslaenderbehoerde"}),
        BENEFIT_BODIES,
        frozenset({Category.STATUS}),
        LegalBasis(Basis.STATUS_BY_STATUTE),
    ),
    # The Jugendamt is a Leistungsträger too (§ 12 SGB I): the benefit bodies pass it what its
    # task for a young person needs (§ 69 Abs. 1 Nr. 1 SGB X), and the Ausländerbehörde the
    # status. Its own data go nowhere by this table: §§ 64/65 SGB VIII protect what was entrusted
    # to youth welfare, so other offices read the Jugendamt's entries only with consent.
    (
        BENEFIT_BODIES,
        frozenset({"jugendamt"}),
        frozenset({Category.STATUS, Category.PROFILE, Category.PLAN}),
        LegalBasis(Basis.SGB_X_69),
    ),
    (
        frozenset({"auslaenderbehoerde"}),
        frozenset({"jugendamt"}),
        frozenset({Category.STATUS}),
        LegalBasis(Basis.STATUS_BY_STATUTE),
    ),
]
# Flows that no consent opens (§ 88 AufenthG with § 35 SGB I, § 76 SGB X): the policy says no,
# with the reason. (owning kinds, receiving kinds, categories, reason)
BLOCKED_FLOWS: list[tuple[frozenset[str], frozenset[str], frozenset[str], str]] = [
    (
        BENEFIT_BODIES | {"integrationsmanagement", "jugendamt"},
        frozenset({"auslaenderbehoerde"}),
        frozenset({Category.HEALTH}),
        gettext_noop(
            "§ 88 AufenthG with § 35 SGB I and § 76 SGB X: health data do not go to the "
            "Ausländerbehörde (except § 71 Abs. 2 S. 2 SGB X, decided outside lotse)"
        ),
    ),
]

# Rules of other apps for shared categories (e.g. consent): called as
# rule(user=, person=, category=, owner_office=, purpose=) → Decision | None. Asked in this
# order (data, not the order in which the apps load); the first that allows names the basis.
CATEGORY_RULE_ORDER: tuple[str, ...] = (
    "cases.shared_by_referral",
    "consent.consent",
    "status.by_statute",
    "profiles.by_statute",
    "plans.by_statute",
)
_category_rules: list[Callable[..., "Decision | None"]] = []
_category_rule_names: dict[Callable[..., "Decision | None"], str] = {}
# A category rule's answer for a list: the condition on persons it allows, or None for none.
# Called as admits(user=, category=, owner_office=, purpose=, persons=): `persons` are the
# candidates the list chooses from, so that a rule reads only what concerns them (a page of 25
# persons, not every consent or referral of the office).
_category_admits: dict[Callable[..., "Decision | None"], Callable[..., "models.Q | None"]] = {}


def register_category_rule(
    rule: Callable[..., "Decision | None"],
    *,
    name: str,
    admits: Callable[..., "models.Q | None"],
) -> None:
    """Add a rule for data categories of other offices. Like an object rule it answers for one
    person (`rule`) and for a list (`admits`: the persons it allows, as a Q, or None for none),
    and both must agree (lotse/access/tests/test_policy_scope.py)."""
    if name not in CATEGORY_RULE_ORDER:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(f"category rule {name!r} is not in CATEGORY_RULE_ORDER")
    if rule in _category_rule_names:
        return
    _category_rule_names[rule] = name
    _category_admits[rule] = admits
    _category_rules.append(rule)
    _category_rules.sort(key=lambda item: CATEGORY_RULE_ORDER.index(_category_rule_names[item]))


def register_statutory_category_rule(category: str, *, name: str, reason: str) -> None:
    """A category rule that opens `category` of another office exactly where STATUTORY_FLOWS
    names a flow from the owner's kind of office to the reader's (e.g. § 69 Abs. 1 Nr. 1 SGB X
    between the benefit bodies), for one person and for lists alike. `reason` is said in English
    (marked with gettext_noop where the rule is registered) and translated when asked."""

    def by_statute(
        *,
        user: User,
        person: models.Model,
        category: str,
        owner_office: Office | None,
        purpose: str,
    ) -> Decision | None:
        basis = _statutory_basis_for(user, owner_office, category)
        if not basis:
            return None
        return Decision(
            True, Action.VIEW_PERSON, gettext(reason), basis=basis, categories=(wanted,)
        )

    def admits(
        *,
        user: User,
        category: str,
        owner_office: Office | None,
        purpose: str,
        persons: models.QuerySet,
    ) -> models.Q | None:
        return models.Q() if _statutory_basis_for(user, owner_office, category) else None

    def _statutory_basis_for(user: User, owner_office: Office | None, category: str) -> str:
        if str(category) != wanted or owner_office is None or user.office is None:
            return ""
        return statutory_basis(owner_office.kind, user.office.kind, wanted)

    wanted = str(category)
    by_statute.__name__ = by_statute.__qualname__ = f"{wanted}_by_statute"
    register_category_rule(by_statute, name=name, admits=admits)


def _flow_matches(
    flow: tuple[frozenset[str], frozenset[str], frozenset[str], str],
    owner_kind: str,
    receiver_kind: str,
    category: str,
) -> bool:
    owners, receivers, categories, _basis = flow
    return owner_kind in owners and receiver_kind in receivers and category in categories


def statutory_basis(owner_kind: str, receiver_kind: str, category: str) -> str:
    """The paragraph under which an office of `owner_kind` may pass `category` to one of
    `receiver_kind` without consent, or "" if there is none."""
    for flow in STATUTORY_FLOWS:
        if _flow_matches(flow, owner_kind, receiver_kind, category):
            return flow[3]
    return ""


def blocked_reason(owner_kind: str, receiver_kind: str, category: str) -> str:
    """Why no basis and no consent can open this flow, or "" if it is not blocked."""
    for flow in BLOCKED_FLOWS:
        if _flow_matches(flow, owner_kind, receiver_kind, category):
            return flow[3]
    return ""


def decide_category(
    user: User,
    person: models.Model,
    category: str,
    *,
    owner_office: Office | None,
    purpose: str = "",
) -> Decision:
    """May `user` read data of `category` about `person` that `owner_office` recorded?

    The identity core is shared with every office that has an open case. Other categories
    travel deliberately: with a referral that shares them on a statutory basis (STATUTORY_FLOWS
    says which basis may be named) or with the person's consent — each a registered rule that
    names its basis. Blocked flows are refused whatever a rule says.
    """
    seen = decide(user, Action.VIEW_PERSON, person, purpose=purpose, categories=[category])
    if not seen:
        return seen
    if category in SHARED_CATEGORIES or owner_office is None:
        return seen
    if owner_office.pk == user.office_id:
        return Decision(True, Action.VIEW_PERSON, str(_("Own record.")), seen.basis, (category,))
    blocked = blocked_reason(owner_office.kind, user.office.kind, category)  # type: ignore[union-attr]  # members of staff only
    if blocked:
        return Decision(False, Action.VIEW_PERSON, blocked, categories=(category,))
    for rule in _category_rules:
        verdict = rule(
            user=user, person=person, category=category, owner_office=owner_office, purpose=purpose
        )
        if verdict is not None and verdict.allowed:
            return verdict
    return Decision(
        False,
        Action.VIEW_PERSON,
        str(_("No legal basis and no consent covers this data for your office.")),
        categories=(category,),
    )


def scope_category(
    user: User,
    persons: models.QuerySet,
    category: str,
    *,
    owner_office: Office | None,
    purpose: str = "",
) -> models.QuerySet:
    """The persons of `persons` whose data of `category` recorded by `owner_office` the user
    may read: `decide_category` for a list (the same layers, as conditions on the queryset)."""
    candidates = persons
    persons = scope(user, Action.VIEW_PERSON, persons, purpose=purpose, categories=[category])
    if category in SHARED_CATEGORIES or owner_office is None:
        return persons
    if owner_office.pk == user.office_id:
        return persons
    if blocked_reason(owner_office.kind, user.office.kind, category):  # type: ignore[union-attr]  # members of staff only
        return persons.none()
    allowed = [
        condition
        for rule in _category_rules
        if (
            condition := _category_admits[rule](
                user=user,
                category=category,
                owner_office=owner_office,
                purpose=purpose,
                persons=candidates,
            )
        )
        is not None
    ]
    if not allowed:
        return persons.none()
    if any(not condition for condition in allowed):
        return persons  # an empty Q: the rule allows every person (`Q() | x` would drop it)
    either = allowed[0]
    for condition in allowed[1:]:
        either |= condition
    return persons.filter(either)


def registered_category_basis(
    *,
    user: User,
    person: models.Model,
    category: str,
    owner_office: Office | None,
    purpose: str = "",
    exclude: Callable[..., "Decision | None"] | None = None,
) -> str:
    """The basis a registered category rule (e.g. a consent) gives, or "" (`exclude`: a rule
    not to ask, such as the one asking)."""
    for rule in _category_rules:
        if rule is exclude:
            continue
        verdict = rule(
            user=user, person=person, category=category, owner_office=owner_office, purpose=purpose
        )
        if verdict is not None and verdict.allowed:
            return verdict.basis or verdict.reason
    return ""
