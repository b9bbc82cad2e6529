"""`manage.py check --deploy`: the application's database role must not be able to switch off
the audit trail's append-only triggers (docs/deployment.md)."""

from django.core.checks import Warning, register
from django.db import DatabaseError, connections

_OWNER_QUERY = """
    SELECT pg_get_userbyid(c.relowner), pg_has_role(current_user, c.relowner, 'USAGE'),
           r.rolsuper, current_user
    FROM pg_class c JOIN pg_roles r ON r.rolname = current_user
    WHERE c.oid = to_regclass('audit_auditevent')
"""


def audit_table_owner_issues(using: str = "default") -> list[Warning]:
    connection = connections[using]
    if connection.vendor != "postgresql":
        return []
    try:
        with connection.cursor() as cursor:
            cursor.execute(_OWNER_QUERY)
            row = cursor.fetchone()
    except DatabaseError as exc:
        return [
            Warning(
                f"Cannot check who owns the audit table: {exc}".strip(),
                hint="Run the check against the production database (DATABASE_URL).",
                id="lotse.audit.W002",
            )
        ]
    if row is None:  # not migrated yet: nothing to own
        return []
    owner, owns, superuser, role = row
    if not (owns or superuser):
        return []
    why = "is a superuser" if superuser else f"owns the audit table (owner: {owner})"
    return [
        Warning(
            f"The application's database role {role!r} {why}, so it can switch off the "
            "append-only triggers of the audit trail (ALTER TABLE … DISABLE TRIGGER).",
            hint=(
                "Let a separate role own the tables and run the migrations; the application "
                "connects as a role with only SELECT, INSERT, UPDATE, DELETE on the tables "
                "(see docs/deployment.md, 'Database roles')."
            ),
            obj="audit_auditevent",
            id="lotse.audit.W001",
        )
    ]


@register(deploy=True)
def check_audit_table_owner(
    app_configs: object = None, databases: object = None, **kwargs: object
) -> list[Warning]:
    return audit_table_owner_issues()
