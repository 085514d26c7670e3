"""Seed the ISO 9001:2015 clause registry and the audit chain head.

The registry is reference data every installation needs, so it ships as a
migration rather than as demo data.
"""

from django.db import migrations


def seed(apps, schema_editor):
    from ratusz.core.reference_data import seed_clause_registry

    seed_clause_registry(apps.get_model("core", "Clause"), apps.get_model("core", "AuditChainHead"))


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
