"""Operations for migrations that hold SQL of one database only (triggers, extensions, indexes
Django cannot declare)."""

from collections.abc import Callable, Sequence
from typing import Any

from django.db import migrations


def _statements_on(vendor: str, statements: Sequence[str]) -> Callable[[Any, Any], None]:
    def run(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == vendor:
            for statement in statements:
                schema_editor.execute(statement)

    return run


def run_sql_on(
    vendor: str, statements: Sequence[str], reverse: Sequence[str]
) -> migrations.RunPython:
    """Run `statements` (and `reverse` when migrating back) only on the database `vendor`
    ("sqlite", "postgresql"); on the other one the migration does nothing."""
    return migrations.RunPython(_statements_on(vendor, statements), _statements_on(vendor, reverse))
