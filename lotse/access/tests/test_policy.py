"""The one access policy: capability by role, scope by Kreis, object rules."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import translation

from lotse.access import policy
from lotse.access.policy import Action, Decision, authorize, decide, scope_kreise, scope_offices
from lotse.access.tests.access_model import ROLE_ACTIONS, SCOPED_ACTIONS
from lotse.audit.models import AuditEvent, EventType, Outcome
from lotse.audit.services import audit_record
from lotse.organisations.models import Role, RoleGrant, Team, User
from lotse.organisations.tests.factories import (
    TeamFactory,
    UserFactory,
    reference_kreis,
    reference_office,
)
from lotse.organisations.tests.personas import (
    ABH_TUEBINGEN,
    JOBCENTER_LUDWIGSBURG,
    JOBCENTER_TUEBINGEN,
    LUDWIGSBURG,
    SOZIALAMT_TUEBINGEN,
    TUEBINGEN,
)

ROLES = ["caseworker", "team_lead", "dpo", "planner", "administrator", "land_admin"]


@pytest.fixture(autouse=True)
def _english():
    # The reasons are shown to users in their language; these tests read the English ones.
    with translation.override("en"):
        yield


# --- layer 1: capability by role -------------------------------------------------------------
@pytest.mark.parametrize("persona", ROLES)
@pytest.mark.parametrize("action", list(Action), ids=str)
def test_capability_by_role(persona, action, make_persona):
    user = make_persona(persona)
    expected = str(action) in ROLE_ACTIONS[persona]
    decision = decide(user, action)
    assert decision.allowed is expected, decision.reason
    if not expected:
        assert "role does not allow" in decision.reason


def test_every_action_has_a_place_in_the_model():
    granted = set().union(*ROLE_ACTIONS.values())
    missing = {str(action) for action in Action} - granted
    assert not missing, f"actions missing from access_model.ROLE_ACTIONS: {missing}"


def test_roles_add_up(db):
    user = UserFactory(roles=[Role.CASEWORKER, Role.DATA_PROTECTION_OFFICER])
    assert decide(user, Action.VIEW_PERSON)
    assert decide(user, Action.VIEW_AUDIT_TRAIL)
    assert not decide(user, Action.MANAGE_USERS)


def test_nobody_without_sign_in_office_or_active_account(db):
    from django.contrib.auth.models import AnonymousUser

    assert not decide(AnonymousUser(), Action.VIEW_START)
    assert decide(AnonymousUser(), Action.VIEW_START).reason == "Not signed in."

    # Only a superuser created on the command line has no office; the services require one.
    homeless = User.objects.create(username="root-like")
    RoleGrant.objects.create(user=homeless, role=Role.CASEWORKER)
    assert not decide(homeless, Action.VIEW_START)
    assert not decide(homeless, Action.VIEW_PERSON)

    leaver = UserFactory(roles=[Role.ADMINISTRATOR])
    leaver.is_active = False
    leaver.save()
    assert not decide(leaver, Action.VIEW_DIRECTORY)
    assert not decide(leaver, Action.MANAGE_USERS)


def test_superuser_flag_grants_nothing_by_itself(db):
    # Django's superuser is not a role: the policy asks for roles only.
    user = UserFactory(roles=[])
    user.is_superuser = True
    user.save()
    assert decide(user, Action.VIEW_START)
    assert not decide(user, Action.VIEW_AUDIT_TRAIL)
    assert not decide(user, Action.VIEW_PERSON)


# --- layer 2: office scope by Kreis ----------------------------------------------------------
def test_scoped_actions_are_those_of_the_model():
    scoped = {str(a) for a, capability in policy.CAPABILITIES.items() if capability.scoped}
    assert scoped == SCOPED_ACTIONS


@pytest.mark.parametrize(
    ("office_code", "allowed"),
    [
        (SOZIALAMT_TUEBINGEN, True),  # own office
        (JOBCENTER_TUEBINGEN, True),  # another office serving the same Kreis
        ("aa-balingen-reutlingen", True),  # the Agentur serving Tübingen since 2026-01-01
        ("aa-reutlingen", False),  # its predecessor: served Tübingen until 2025-12-31
        (JOBCENTER_LUDWIGSBURG, False),  # another Kreis
        ("sozialamt-reutlingen-08415", False),  # the neighbouring Kreis
    ],
)
def test_office_scope_is_the_kreis(team_lead, office_code, allowed):
    decision = decide(team_lead, Action.VIEW_OFFICE_STAFF, reference_office(office_code))
    assert decision.allowed is allowed
    if not allowed:
        assert decision.reason == "This belongs to another Kreis."


def test_an_agentur_sees_every_kreis_it_serves(db):
    lead = UserFactory(office=reference_office("aa-balingen-reutlingen"), roles=[Role.TEAM_LEAD])
    for code in ("08415", "08416", "08417", "08437"):  # Reutlingen, Tübingen, Zollernalb, Sig.
        assert decide(lead, Action.VIEW_OFFICE_STAFF, reference_kreis(code)), code
    assert not decide(lead, Action.VIEW_OFFICE_STAFF, reference_kreis(LUDWIGSBURG))
    assert set(scope_kreise(lead).values_list("code", flat=True)) == {
        "08415",
        "08416",
        "08417",
        "08437",
    }


def test_other_kreis_is_refused_for_every_scoped_action(other_caseworker, team_lead):
    tuebingen = reference_kreis(TUEBINGEN)
    for action in (Action.VIEW_PERSON, Action.EDIT_PERSON):
        assert decide(team_lead, action, tuebingen)
        assert not decide(other_caseworker, action, tuebingen)
        assert decide(other_caseworker, action, reference_kreis(LUDWIGSBURG))


def test_unscoped_actions_ignore_the_kreis(dpo, caseworker):
    ludwigsburg = reference_kreis(LUDWIGSBURG)
    assert decide(caseworker, Action.VIEW_DIRECTORY, ludwigsburg)
    assert decide(dpo, Action.VIEW_DIRECTORY, reference_office(JOBCENTER_LUDWIGSBURG))


def test_staff_are_in_the_scope_of_their_office(team_lead, other_caseworker):
    colleague = UserFactory(office=reference_office(ABH_TUEBINGEN))
    assert decide(team_lead, Action.VIEW_OFFICE_STAFF, colleague)
    assert not decide(team_lead, Action.VIEW_OFFICE_STAFF, other_caseworker)


def test_unknown_objects_are_never_in_scope(team_lead):
    # Teams have no scope resolver: a scoped action on one fails closed.
    team = TeamFactory(office=team_lead.office)
    assert "organisations.Team" not in policy._scope_resolvers
    assert not decide(team_lead, Action.VIEW_OFFICE_STAFF, team)
    assert isinstance(team, Team)


def test_scope_offices_lists_the_offices_serving_the_users_kreise(caseworker):
    codes = set(scope_offices(caseworker).values_list("code", flat=True))
    assert {SOZIALAMT_TUEBINGEN, ABH_TUEBINGEN, JOBCENTER_TUEBINGEN} <= codes
    assert "aa-balingen-reutlingen" in codes
    assert "aa-reutlingen" not in codes  # ended 2025-12-31
    assert JOBCENTER_LUDWIGSBURG not in codes


# --- layer 3: object rules -------------------------------------------------------------------
@pytest.fixture
def rules_registry(monkeypatch):
    """A private copy of the object-rule registry, so that test rules do not leak."""
    registry = {label: list(rules) for label, rules in policy._object_rules.items()}
    monkeypatch.setattr(policy, "_object_rules", registry)
    monkeypatch.setattr(policy, "RULE_ORDER", (*policy.RULE_ORDER, *TEST_RULES))
    return registry


TEST_RULES = ("test.first", "test.second", "test.third", "test.fourth")


def _register(rule, name: str = "test.first") -> None:
    policy.register_object_rule(
        "organisations.Kreis", rule, name=name, admits=lambda **kwargs: None
    )


def test_object_rules_first_refusal_wins(rules_registry, team_lead):
    calls = []

    def no_opinion(**kwargs):
        calls.append("no_opinion")

    def allow(*, action, **kwargs):
        calls.append("allow")
        return Decision(True, action, "ok", basis="§ 1 Test")

    def refuse(*, action, **kwargs):
        calls.append("refuse")
        return Decision(False, action, "not today")

    def never(**kwargs):
        calls.append("never")

    # Registered in reverse: RULE_ORDER, not the order of registration, decides.
    for rule, name in reversed(
        list(zip((no_opinion, allow, refuse, never), TEST_RULES, strict=True))
    ):
        _register(rule, name)
    decision = decide(team_lead, Action.VIEW_OFFICE_STAFF, reference_kreis(TUEBINGEN))
    assert not decision.allowed
    assert decision.reason == "not today"
    assert calls == ["no_opinion", "allow", "refuse"]


def test_object_rules_name_the_legal_basis(rules_registry, team_lead):
    def allow(*, action, purpose, categories, **kwargs):
        assert purpose == "case work"
        assert categories == ("health", "identity")
        return Decision(True, action, "ok", basis="Art. 9 (2) (h) GDPR")

    _register(allow)
    decision = decide(
        team_lead,
        Action.VIEW_OFFICE_STAFF,
        reference_kreis(TUEBINGEN),
        purpose="case work",
        categories=["identity", "health"],
    )
    assert decision.allowed
    assert decision.basis == "Art. 9 (2) (h) GDPR"
    assert decision.categories == ("health", "identity")


def test_a_rule_missing_from_the_order_is_refused_at_start_up(rules_registry):
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="not in RULE_ORDER"):
        policy.register_object_rule(
            "organisations.Kreis", lambda **kwargs: None, name="test.unknown", admits=None
        )


def test_object_rules_are_not_asked_when_the_role_or_scope_refuses(rules_registry, team_lead):
    asked = []
    _register(lambda **kwargs: asked.append(1))
    assert not decide(team_lead, Action.VIEW_OFFICE_STAFF, reference_kreis(LUDWIGSBURG))
    assert not decide(team_lead, Action.VIEW_AUDIT_TRAIL, reference_kreis(TUEBINGEN))
    assert asked == []


# --- the data-protection officer's rule: same data controller --------------------------------
def _event_by(office_code: str) -> AuditEvent:
    return audit_record(
        event_type=EventType.LOGIN_SUCCEEDED,
        actor=UserFactory(office=reference_office(office_code)),
    )


@pytest.mark.parametrize(
    ("dpo_office", "event_office", "allowed"),
    [
        (SOZIALAMT_TUEBINGEN, SOZIALAMT_TUEBINGEN, True),
        (SOZIALAMT_TUEBINGEN, ABH_TUEBINGEN, True),  # departments of one Kreis: one controller
        (SOZIALAMT_TUEBINGEN, "im-tubingen-08416", True),
        (SOZIALAMT_TUEBINGEN, JOBCENTER_TUEBINGEN, False),  # gE: a controller of its own
        (JOBCENTER_TUEBINGEN, SOZIALAMT_TUEBINGEN, False),
        (JOBCENTER_TUEBINGEN, JOBCENTER_TUEBINGEN, True),
        (SOZIALAMT_TUEBINGEN, "aa-balingen-reutlingen", False),  # an Agentur: its own
        ("sozialamt-ludwigsburg-08118", JOBCENTER_LUDWIGSBURG, True),  # zkT shares the Kreis
        (JOBCENTER_LUDWIGSBURG, "abh-ludwigsburg-08118", True),
        (JOBCENTER_LUDWIGSBURG, SOZIALAMT_TUEBINGEN, False),
        # the Jobcenter Ludwigsburg was a gE until 2011: its records are not the Kreis's
        ("sozialamt-ludwigsburg-08118", "jc-ludwigsburg-08118-ge", False),
    ],
)
def test_dpo_sees_the_trail_of_their_own_controller(db, dpo_office, event_office, allowed):
    dpo = UserFactory(office=reference_office(dpo_office), roles=[Role.DATA_PROTECTION_OFFICER])
    decision = decide(dpo, Action.VIEW_AUDIT_TRAIL, _event_by(event_office))
    assert decision.allowed is allowed
    if not allowed:
        assert decision.reason == "This event belongs to another data controller."


def test_system_events_belong_to_no_controller(dpo):
    event = audit_record(event_type=EventType.REFERENCE_DATA_LOADED, actor=None)
    assert event.office is None
    assert not decide(dpo, Action.VIEW_AUDIT_TRAIL, event)


def test_controller_keys(db):
    assert reference_office(SOZIALAMT_TUEBINGEN).controller_key == (
        reference_office(ABH_TUEBINGEN).controller_key
    )
    gE = reference_office(JOBCENTER_TUEBINGEN)
    assert gE.controller_key == f"office:{gE.pk}"
    zkT = reference_office(JOBCENTER_LUDWIGSBURG)
    assert zkT.controller_key == f"kreis:{zkT.kreis_id}"
    agentur = reference_office("aa-ludwigsburg")
    assert agentur.controller_key == f"office:{agentur.pk}"


# --- authorize: refusals are recorded --------------------------------------------------------
def test_authorize_records_a_refusal_and_raises_403(caseworker):
    with pytest.raises(PermissionDenied, match="role does not allow"):
        authorize(caseworker, Action.VIEW_AUDIT_TRAIL, purpose="curiosity")
    event = AuditEvent.objects.get(event_type=EventType.ACCESS_DENIED, actor=caseworker)
    assert event.outcome == Outcome.DENIED
    assert event.action == "audit_trail.view"
    assert event.purpose == "curiosity"
    assert event.office == caseworker.office
    assert "role does not allow" in event.reason


def test_authorize_hides_objects_of_others_as_404(team_lead):
    office = reference_office(JOBCENTER_LUDWIGSBURG)
    with pytest.raises(Http404):
        authorize(team_lead, Action.VIEW_OFFICE_STAFF, office)
    event = AuditEvent.objects.get(event_type=EventType.ACCESS_DENIED, actor=team_lead)
    assert (event.object_type, event.object_id) == ("organisations.Office", str(office.pk))
    with pytest.raises(PermissionDenied):
        authorize(team_lead, Action.VIEW_OFFICE_STAFF, office, hide_existence=False)


def test_authorize_allows_silently(caseworker):
    decision = authorize(caseworker, Action.VIEW_DIRECTORY)
    assert decision.allowed
    assert not AuditEvent.objects.filter(event_type=EventType.ACCESS_DENIED).exists()
