"""Seed the ISO 9001:2015 clause registry and the audit chain head.

The registry is reference data every installation needs, so it ships as a
migration rather than as demo data.
"""

from django.db import migrations


def seed(apps, schema_editor):
    from ratusz.core.clause_data import ISO_9001_2015

    Clause = apps.get_model("core", "Clause")
    AuditChainHead = apps.get_model("core", "AuditChainHead")
    AuditChainHead.objects.get_or_create(pk=1)
    by_number = {}
    for number, title_en, title_pl in ISO_9001_2015:
        parent = by_number.get(number.rsplit(".", 1)[0]) if "." in number else None
        clause, _ = Clause.objects.get_or_create(
            standard="ISO 9001",
            edition="2015",
            number=number,
            defaults={
                "title_en": title_en,
                "title_pl": title_pl,
                "parent": parent,
                "sort_key": ".".join(f"{int(p):03d}" for p in number.split(".")),
            },
        )
        by_number[number] = clause


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
