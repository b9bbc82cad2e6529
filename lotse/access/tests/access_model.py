"""The access model (docs/access-model.md), written down for the tests.

Written from the model, not computed from lotse.access.policy: test_policy.py and the access
matrix check the policy against this table. Actions by their value (Action.X.value), so the table
reads like the model and holds actions that a branch has not merged yet.
"""

# Actions by their value (lotse.access.policy.Action), so that this table reads like the model.
EVERY_STAFF_MEMBER = {"start.view", "directory.view"}
ROLE_ACTIONS: dict[str, set[str]] = {
    "caseworker": EVERY_STAFF_MEMBER
    | {
        "person.view",
        "person.edit",
        "person.break_glass",
        "registry.edit",
        "case.work",
        "referral.handle",
    },
    "team_lead": EVERY_STAFF_MEMBER
    | {
        "office_staff.view",
        "aggregates.view",
        "person.view",
        "person.edit",
        "person.break_glass",
        "registry.edit",
        "case.work",
        "referral.handle",
        "cases.reassign",
        "duplicates.review",
    },
    "dpo": EVERY_STAFF_MEMBER | {"audit_trail.view"},
    "planner": EVERY_STAFF_MEMBER | {"aggregates.view"},
    # An administrator of an office: its staff and teams; roles that reach person data are
    # requested and approved by a second administrator (neither requester nor grantee).
    # Reference data of the Land is read-only for them.
    "administrator": EVERY_STAFF_MEMBER
    | {"office_staff.view", "users.manage", "role_grant.approve"},
    # A Land administrator (the Land's own office, serving no Kreis): requests changes of
    # reference data and approves those of another Land administrator.
    "land_admin": EVERY_STAFF_MEMBER
    | {
        "office_staff.view",
        "users.manage",
        "role_grant.approve",
        "reference_data.manage",
        "reference_change.approve",
    },
}
ROLE_ACTIONS["other_caseworker"] = ROLE_ACTIONS["caseworker"]
# Actions on an object of another Kreis are refused (the office scope). Staff are managed by
# their own office's administrators only (an object rule, stricter than the Kreis).
SCOPED_ACTIONS = {"office_staff.view", "person.view", "person.edit"}
SCOPED_ACTIONS |= {"cases.reassign", "case.work", "person.break_glass"}

# The personas who reach the admin (/admin/) at all.
ADMIN_PERSONAS = {"administrator", "land_admin"}
# What a POST to the admin's change views does (the access matrix posts each as each persona):
# "requested" — a pending request, nothing changes until a second administrator approves it;
# "refused" — nothing changes and nothing is requested. Every other persona: all "refused".
#   own_user:   roles with person data for oneself
#   user:       roles with person data for a member of staff of the Sozialamt Tübingen
#   other_user: the same for a member of staff of the Jobcenter Ludwigsburg
#   office:     the Sozialamt Tübingen's name
#   jurisdiction: the Sozialamt Tübingen serving the Landkreis Ludwigsburg too
ADMIN_POSTS: dict[str, dict[str, str]] = {
    "administrator": {
        "own_user": "requested",
        "user": "requested",
        "other_user": "refused",
        "office": "refused",
        "jurisdiction": "refused",
    },
    "land_admin": {
        "own_user": "requested",
        "user": "refused",
        "other_user": "refused",
        "office": "requested",
        "jurisdiction": "requested",
    },
}
