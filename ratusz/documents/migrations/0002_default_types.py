"""The document types most offices use; each office can change them in the admin."""

from django.db import migrations


def seed(apps, schema_editor):
    from ratusz.documents.reference_data import seed_document_types

    seed_document_types(apps.get_model("documents", "DocumentType"))


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
