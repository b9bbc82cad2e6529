"""Migrations run on both databases (the suite's test database is built by them) and match the
models; the reference data and the audit triggers come with them."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from lotse.organisations.models import Kreis, Office

pytestmark = pytest.mark.django_db


def test_the_models_need_no_new_migration():
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exit_:
        pytest.fail(
            f"a model change without its migration:\n{out.getvalue()}" if exit_.code else ""
        )


def test_every_migration_is_applied():
    executor = MigrationExecutor(connection)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []
    applied = executor.loader.applied_migrations
    assert ("audit", "0003_append_only") in applied
    assert ("organisations", "0002_reference_data") in applied


def test_the_data_migration_loaded_the_reference_data():
    assert Kreis.objects.count() == 44
    assert Office.objects.filter(kind="agentur").exists()
    assert Office.objects.filter(code="sozialamt-tubingen-08416").exists()
