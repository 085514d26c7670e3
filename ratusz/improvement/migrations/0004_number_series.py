"""Start the nonconformity and idea number series where the registers stand."""

from django.db import migrations
from django.db.models import Max


def start_series(apps, schema_editor):
    NumberSeries = apps.get_model("core", "NumberSeries")
    for model, prefix in (("Nonconformity", "nonconformity"), ("Idea", "idea")):
        rows = apps.get_model("improvement", model).objects.values("year").annotate(last=Max("number"))
        for row in rows:
            series, _created = NumberSeries.objects.get_or_create(key=f"{prefix}:{row['year']}")
            if series.last < row["last"]:
                series.last = row["last"]
                series.save(update_fields=["last"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0008_number_series"),
        ("improvement", "0003_failed_verifications"),
    ]

    operations = [migrations.RunPython(start_series, migrations.RunPython.noop)]
