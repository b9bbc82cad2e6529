"""Close the REPLACE hole of the append-only trail on SQLite.

`REPLACE INTO` / `INSERT OR REPLACE` resolve a primary-key conflict by deleting the old row, and
SQLite fires no DELETE trigger for that unless `PRAGMA recursive_triggers` is on (lotse.core sets
it on every connection). This trigger refuses any INSERT whose id is taken, so that neither
REPLACE nor an UPSERT (`INSERT … ON CONFLICT DO UPDATE`) can rewrite an event, whatever the
pragma. PostgreSQL has no REPLACE; its UPSERT fires the UPDATE trigger of audit.0003.
"""

from django.db import migrations

from lotse.core.migration_ops import run_sql_on

SQLITE = [
    """CREATE TRIGGER audit_auditevent_no_overwrite BEFORE INSERT ON audit_auditevent
       WHEN EXISTS (SELECT 1 FROM audit_auditevent WHERE id = NEW.id)
       BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;""",
]
SQLITE_REVERSE = ["DROP TRIGGER IF EXISTS audit_auditevent_no_overwrite;"]


class Migration(migrations.Migration):
    dependencies = [("audit", "0009_alter_auditevent_event_type")]

    operations = [run_sql_on("sqlite", SQLITE, SQLITE_REVERSE)]
