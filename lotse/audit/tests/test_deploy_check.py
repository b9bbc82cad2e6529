"""`check --deploy` warns when the application's database role could switch off the audit
trail's triggers (lotse/audit/checks.py, docs/deployment.md)."""

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from lotse.audit.checks import audit_table_owner_issues, check_audit_table_owner

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="table owners are a PostgreSQL matter"
)


@on_postgresql
def test_the_check_warns_when_the_role_owns_the_audit_table():
    # The test server's role owns every table (and is a superuser): exactly the hole.
    issues = check_audit_table_owner()
    assert [issue.id for issue in issues] == ["lotse.audit.W001"]
    assert "DISABLE TRIGGER" in issues[0].msg
    assert "docs/deployment.md" in issues[0].hint


@on_postgresql
def test_the_deploy_check_command_reports_it():
    from django.core.management.base import SystemCheckError

    with pytest.raises(SystemCheckError, match="lotse.audit.W001"):
        call_command("check", "--deploy", "--fail-level", "WARNING")


@on_postgresql
def test_a_role_with_only_table_rights_passes():
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("CREATE ROLE lotse_app_test NOLOGIN")
        cursor.execute("GRANT SELECT, INSERT ON audit_auditevent TO lotse_app_test")
        cursor.execute("SET LOCAL ROLE lotse_app_test")
        assert audit_table_owner_issues() == []
        cursor.execute("RESET ROLE")
        transaction.set_rollback(True)


@on_postgresql
def test_a_member_of_the_owning_role_is_warned():
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("CREATE ROLE lotse_owner_test NOLOGIN")
        cursor.execute("CREATE ROLE lotse_member_test NOLOGIN IN ROLE lotse_owner_test")
        cursor.execute("ALTER TABLE audit_auditevent OWNER TO lotse_owner_test")
        cursor.execute("SET LOCAL ROLE lotse_member_test")
        assert [issue.id for issue in audit_table_owner_issues()] == ["lotse.audit.W001"]
        cursor.execute("RESET ROLE")
        transaction.set_rollback(True)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite has no roles")
def test_sqlite_has_nothing_to_check():
    assert check_audit_table_owner() == []


@on_postgresql
def test_the_audit_check_command_fails_while_the_role_owns_the_table():
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="can switch off the append-only triggers"):
        call_command("audit_check")


@on_postgresql
def test_the_audit_check_command_passes_for_a_role_with_table_rights_only():
    import io

    out = io.StringIO()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("CREATE ROLE lotse_app_test NOLOGIN")
        cursor.execute("SET LOCAL ROLE lotse_app_test")
        call_command("audit_check", stdout=out)
        cursor.execute("RESET ROLE")
        transaction.set_rollback(True)
    assert "cannot be disabled" in out.getvalue()
