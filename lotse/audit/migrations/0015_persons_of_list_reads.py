"""The read of a list page is one event, with the ids of all the persons it showed (`persons`).

Until now a list page wrote one PERSON_DATA_READ event per person shown. Existing events are not
rewritten (the trail is append-only); they keep NULL. The column is nullable so that SQLite adds
it with ALTER TABLE ADD COLUMN instead of rebuilding the table (a rebuild would drop the
append-only triggers of 0003 and 0010). On PostgreSQL a GIN index serves the search by person
(`persons ?| …`, AuditEventQuerySet.about_person); SQLite has no such index and reads the
arrays with json_each.
"""

from django.db import migrations, models

from lotse.core.migration_ops import run_sql_on

POSTGRES = [
    "CREATE INDEX IF NOT EXISTS audit_persons_gin ON audit_auditevent USING GIN (persons);",
]
POSTGRES_REVERSE = ["DROP INDEX IF EXISTS audit_persons_gin;"]


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0014_event_type_switch_cancelled"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="persons",
            field=models.JSONField(blank=True, null=True, verbose_name="persons shown"),
        ),
        run_sql_on("postgresql", POSTGRES, POSTGRES_REVERSE),
    ]
