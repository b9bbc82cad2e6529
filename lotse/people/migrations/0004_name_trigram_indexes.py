"""Trigram indexes for the registry search by a part of a name (PostgreSQL only).

The search matches any part of a family or given name (`icontains`, on PostgreSQL
`UPPER(col) LIKE UPPER('%…%')`); without an index the database reads every name of the
registry (about a second at a million persons). `pg_trgm` is a trusted extension since
PostgreSQL 13, so the database's owner may create it. SQLite has no such index and scans.
"""

from django.db import migrations

from lotse.core.migration_ops import run_sql_on

POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm;",
    "CREATE INDEX IF NOT EXISTS people_name_family_trgm ON people_personname "
    "USING GIN (UPPER(family_name) gin_trgm_ops);",
    "CREATE INDEX IF NOT EXISTS people_name_given_trgm ON people_personname "
    "USING GIN (UPPER(given_names) gin_trgm_ops);",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS people_name_family_trgm;",
    "DROP INDEX IF EXISTS people_name_given_trgm;",
]


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0003_household"),
    ]

    operations = [
        run_sql_on("postgresql", POSTGRES, POSTGRES_REVERSE),
    ]
