"""Programme items no longer store the generated "why and when" text (it was written
in the language of whoever created the programme and went stale as audits closed):
it is rendered when shown. What was generated is cleared; a note typed by the
quality manager stays."""

from django.db import migrations
from django.db.models import Q

GENERATED = Q(rationale__startswith="Ryzyko: ") | Q(rationale__startswith="Risk: ")
DEFAULTS = ["Dodany przez Pełnomocnika ds. SZJ.", "Added by the quality manager."]


def clear_generated_reasons(apps, schema_editor):
    ProgrammeItem = apps.get_model("audits", "ProgrammeItem")
    ProgrammeItem.objects.filter(GENERATED | Q(rationale__in=DEFAULTS)).update(rationale="")


class Migration(migrations.Migration):
    dependencies = [("audits", "0004_version_for_pool_questions_and_programme_items")]

    operations = [migrations.RunPython(clear_generated_reasons, migrations.RunPython.noop)]
