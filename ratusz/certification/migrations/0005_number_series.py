"""Start the number series of the certification body's findings per audit."""

from django.db import migrations
from django.db.models import Max


def start_series(apps, schema_editor):
    NumberSeries = apps.get_model("core", "NumberSeries")
    findings = apps.get_model("certification", "ExternalFinding").objects
    for row in findings.values("audit").annotate(last=Max("number")):
        series, _created = NumberSeries.objects.get_or_create(key=f"external-finding:{row['audit']}")
        if series.last < row["last"]:
            series.last = row["last"]
            series.save(update_fields=["last"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0008_number_series"),
        ("certification", "0004_evidence_pack"),
    ]

    operations = [migrations.RunPython(start_series, migrations.RunPython.noop)]
