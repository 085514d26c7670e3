"""Move each document type's counter into the shared number series."""

from django.db import migrations


def move_counters(apps, schema_editor):
    NumberSeries = apps.get_model("core", "NumberSeries")
    for doc_type in apps.get_model("documents", "DocumentType").objects.all():
        series, _created = NumberSeries.objects.get_or_create(key=f"document:{doc_type.pk}")
        if series.last < doc_type.next_number - 1:
            series.last = doc_type.next_number - 1
            series.save(update_fields=["last"])


def restore_counters(apps, schema_editor):
    NumberSeries = apps.get_model("core", "NumberSeries")
    for doc_type in apps.get_model("documents", "DocumentType").objects.all():
        series = NumberSeries.objects.filter(key=f"document:{doc_type.pk}").first()
        doc_type.next_number = (series.last if series else 0) + 1
        doc_type.save(update_fields=["next_number"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0008_number_series"),
        ("documents", "0005_review_rounds"),
    ]

    operations = [
        migrations.RunPython(move_counters, restore_counters),
        migrations.RemoveField(model_name="documenttype", name="next_number"),
    ]
