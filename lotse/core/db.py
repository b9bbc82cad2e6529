"""Settings of every database connection that Django's OPTIONS cannot express for all cases."""

from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.signals import connection_created


def _sqlite_recursive_triggers(
    sender: type[BaseDatabaseWrapper], connection: BaseDatabaseWrapper, **kwargs: Any
) -> None:
    """SQLite fires DELETE triggers for the rows that `REPLACE` removes only with
    recursive_triggers on; the audit trail's append-only triggers rely on it."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA recursive_triggers = ON")


def connect_signals() -> None:
    connection_created.connect(_sqlite_recursive_triggers, dispatch_uid="lotse_sqlite_pragmas")
