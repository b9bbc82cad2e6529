"""Close the REPLACE hole of the append-only trail on SQLite.

`REPLACE INTO` / `INSERT OR REPLACE` resolve a primary-key conflict by deleting the old row, and
SQLite fires no DELETE trigger for that unless `PRAGMA recursive_triggers` is on (lotse.core sets
it on every connection). This trigger refuses any INSERT whose id is taken, so that neither
REPLACE nor an UPSERT (`INSERT … ON CONFLICT DO UPDATE`) can rewrite an event, whatever the
pragma. PostgreSQL has no REPLACE; its UPSERT fires the UPDATE trigger of audit.0003.
"""

from django.db import migrations

SQLITE = [
    """CREATE TRIGGER audit_auditevent_no_overwrite BEFORE INSERT ON audit_auditevent
       WHEN EXISTS (SELECT 1 FROM audit_auditevent WHERE id = NEW.id)
       BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;""",
]
SQLITE_REVERSE = ["DROP TRIGGER IF EXISTS audit_auditevent_no_overwrite;"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("audit", "0009_alter_auditevent_event_type")]

    operations = [migrations.RunPython(_run(SQLITE), _run(SQLITE_REVERSE))]
