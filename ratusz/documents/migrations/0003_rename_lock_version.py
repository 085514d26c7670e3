# The optimistic-lock column of a document version is named `version`, as on
# every other record that two people may edit.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("documents", "0002_default_types")]

    operations = [
        migrations.RenameField(
            model_name="documentversion", old_name="lock_version", new_name="version"
        ),
    ]
