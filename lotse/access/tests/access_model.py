"""The access model (docs/access-model.md), written down for the tests.

Written from the model, not computed from lotse.access.policy: test_policy.py and the access
matrix check the policy against this table. Actions by their value (Action.X.value), so the table
reads like the model and holds actions that a branch has not merged yet.
"""

# Actions by their value (lotse.access.policy.Action), so that this table reads like the model.
EVERY_STAFF_MEMBER = {"start.view", "directory.view"}
ROLE_ACTIONS: dict[str, set[str]] = {
    "caseworker": EVERY_STAFF_MEMBER
    | {"person.view", "person.edit", "registry.edit", "case.work", "referral.handle"},
    "team_lead": EVERY_STAFF_MEMBER
    | {
        "office_staff.view",
        "aggregates.view",
        "person.view",
        "person.edit",
        "registry.edit",
        "case.work",
        "referral.handle",
        "cases.reassign",
        "duplicates.review",
    },
    "dpo": EVERY_STAFF_MEMBER | {"audit_trail.view"},
    "planner": EVERY_STAFF_MEMBER | {"aggregates.view"},
    "administrator": EVERY_STAFF_MEMBER
    | {"office_staff.view", "users.manage", "reference_data.manage"},
}
ROLE_ACTIONS["other_caseworker"] = ROLE_ACTIONS["caseworker"]
# Actions on an object of another Kreis are refused (the office scope).
SCOPED_ACTIONS = {"office_staff.view", "users.manage", "person.view", "person.edit"}
SCOPED_ACTIONS |= {"cases.reassign", "case.work"}
