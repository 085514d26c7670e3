from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0007_attachment_text_jobs_and_workers"),
    ]

    operations = [
        migrations.CreateModel(
            name="NumberSeries",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("key", models.CharField(max_length=100, unique=True, verbose_name="series")),
                (
                    "last",
                    models.PositiveIntegerField(default=0, verbose_name="last number taken"),
                ),
            ],
            options={
                "verbose_name": "number series",
                "verbose_name_plural": "number series",
                "ordering": ["key"],
            },
        ),
    ]
