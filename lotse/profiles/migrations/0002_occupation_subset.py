from django.db import migrations


def load(apps, schema_editor):
    # The hand-verified subset (lotse/profiles/data/README.md), so that a fresh database has
    # occupations to choose from; `manage.py import_occupations` loads the official files.
    from lotse.profiles.occupations import load_subset

    load_subset(apps)


class Migration(migrations.Migration):
    dependencies = [("profiles", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
