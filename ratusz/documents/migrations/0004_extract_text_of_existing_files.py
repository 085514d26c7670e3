"""Files uploaded before each file kept its own text: read each one once now.

From here on a file's text is extracted once, in the background, when it is
uploaded; a version's searchable text is built from those stored texts. Files
already in a version get theirs here (bounded by the same limits), so editing an
old draft does not drop their words from search.
"""

from django.conf import settings
from django.db import migrations
from django.utils import timezone


def extract_existing(apps, schema_editor):
    from ratusz.lib.textextract import SUPPORTED_MIME_TYPES, extract

    ContentType = apps.get_model("contenttypes", "ContentType")
    Attachment = apps.get_model("core", "Attachment")
    AttachmentText = apps.get_model("core", "AttachmentText")
    version_type = ContentType.objects.filter(app_label="documents", model="documentversion").first()
    if version_type is None:
        return
    known: dict[str, tuple[str, bool]] = {}
    files = Attachment.objects.filter(target_type=version_type, extracted__isnull=True)
    for attachment in files.order_by("pk").iterator():
        if attachment.mime_type.split(";", 1)[0] not in SUPPORTED_MIME_TYPES:
            continue
        if attachment.sha256 not in known:
            try:
                with attachment.file.open("rb") as handle:
                    data = handle.read(settings.RATUSZ_MAX_UPLOAD_BYTES + 1)
            except OSError:  # the file is missing from media: nothing to read
                data = b""
            result = extract(
                data,
                attachment.mime_type,
                max_chars=settings.RATUSZ_TEXT_MAX_FILE_CHARS,
                max_unpacked_bytes=settings.RATUSZ_TEXT_MAX_UNPACKED_MB * 1024 * 1024,
            )
            known[attachment.sha256] = (result.text, result.truncated)
        text, truncated = known[attachment.sha256]
        AttachmentText.objects.create(
            attachment=attachment, text=text, truncated=truncated, extracted_at=timezone.now()
        )


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0003_rename_lock_version"),
        ("core", "0007_attachment_text_jobs_and_workers"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(extract_existing, migrations.RunPython.noop)]
