"""Key the audit trail's chain (HMAC under RATUSZ_AUDIT_KEY) and give it an opening entry.

A new database gets the opening entry and the chain head. An existing trail
is checked under the old unkeyed scheme, then re-sealed under the key with
the opening entry in front; whatever the old check found is written into the
opening entry, so re-keying never hides earlier tampering.
"""

from django.db import migrations, models


def key_the_chain(apps, schema_editor):
    from ratusz.core.audit import key_unkeyed_chain

    key_unkeyed_chain(
        apps.get_model("core", "AuditEvent"),
        apps.get_model("core", "AuditChainHead"),
        using=schema_editor.connection.alias,
    )


class Migration(migrations.Migration):
    dependencies = [("core", "0005_calendar_feed")]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="kind",
            field=models.CharField(
                choices=[
                    ("create", "created"),
                    ("update", "changed"),
                    ("delete", "deleted"),
                    ("start", "trail started"),
                ],
                max_length=10,
                verbose_name="what",
            ),
        ),
        migrations.RunPython(key_the_chain, migrations.RunPython.noop, elidable=False),
    ]
