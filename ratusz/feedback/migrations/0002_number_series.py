"""Start the feedback number series (feedback:<year>) where the register stands."""

from django.db import migrations
from django.db.models import Max


def start_series(apps, schema_editor):
    NumberSeries = apps.get_model("core", "NumberSeries")
    Submission = apps.get_model("feedback", "Submission")
    for row in Submission.objects.values("year").annotate(last=Max("number")):
        series, _created = NumberSeries.objects.get_or_create(key=f"feedback:{row['year']}")
        if series.last < row["last"]:
            series.last = row["last"]
            series.save(update_fields=["last"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0008_number_series"),
        ("feedback", "0001_initial"),
    ]

    operations = [migrations.RunPython(start_series, migrations.RunPython.noop)]
