"""Background work of documented information: the text of uploaded files."""

from __future__ import annotations

from django_tasks import task

from ratusz.core.models import Attachment
from ratusz.core.services import extract_attachment_text
from ratusz.documents.models import DocumentVersion


@task()
def extract_file_text(attachment_id: int) -> int:
    """Extract one file's text once, store it with the file, then refresh its version's
    searchable text and the search index. Returns the number of characters kept."""
    from ratusz.documents.services import refresh_searchable_text

    attachment = Attachment.objects.filter(pk=attachment_id).first()
    if attachment is None:  # removed from the draft before its turn came
        return 0
    stored = extract_attachment_text(attachment)
    if attachment.target_type.model_class() is DocumentVersion:
        refresh_searchable_text(version_id=int(attachment.target_id))
    return len(stored.text)
