"""Start the audit and finding number series where the registers stand."""

from django.db import migrations
from django.db.models import Max


def _raise(NumberSeries, key, last):
    series, _created = NumberSeries.objects.get_or_create(key=key)
    if series.last < last:
        series.last = last
        series.save(update_fields=["last"])


def start_series(apps, schema_editor):
    NumberSeries = apps.get_model("core", "NumberSeries")
    audits = apps.get_model("audits", "Audit").objects.values("year").annotate(last=Max("number"))
    for row in audits:
        _raise(NumberSeries, f"audit:{row['year']}", row["last"])
    findings = apps.get_model("audits", "Finding").objects.values("audit").annotate(last=Max("number"))
    for row in findings:
        _raise(NumberSeries, f"finding:{row['audit']}", row["last"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0008_number_series"),
        ("audits", "0002_initial"),
    ]

    operations = [migrations.RunPython(start_series, migrations.RunPython.noop)]
