"""manage.py audit_check — can the application's database role switch off the audit triggers?

The same test as `check --deploy` (lotse.audit.W001), on its own for monitoring: exit status 1
while the role owns the audit table, is a member of its owner or is a superuser.
"""

from django.core.management.base import BaseCommand, CommandError

from lotse.audit.checks import audit_table_owner_issues


class Command(BaseCommand):
    help = (
        "Check that the database role cannot disable the audit trail's append-only triggers "
        "(see docs/deployment.md, 'Database roles')."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default", help="connection to check")

    def handle(self, *args, database: str, **options):
        issues = audit_table_owner_issues(database)
        if issues:
            raise CommandError(" ".join(f"{issue.msg} {issue.hint}" for issue in issues))
        self.stdout.write("The audit trail's triggers cannot be disabled by this database role.")
