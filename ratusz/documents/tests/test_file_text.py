"""The text of a document's files: extracted once per file, in the background, kept with
the file, capped, and never left behind as an orphan file when an upload fails."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tasks_db.models import DBTaskResult

from ratusz.core import search
from ratusz.core.models import Attachment, AttachmentText
from ratusz.documents import services
from ratusz.documents.tests.factories import bring_into_force, make_document
from ratusz.lib import textextract
from ratusz.lib.tests.test_textextract import make_docx

DATABASE_BACKEND = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
}


def docx(*paragraphs: str) -> bytes:
    return make_docx("".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs))


def upload(office, version, name: str, *paragraphs: str) -> Attachment:
    return services.add_file(
        actor=office.owner, version=version, upload=SimpleUploadedFile(name, docx(*paragraphs))
    )


@pytest.fixture
def reads(monkeypatch):
    """Counts how many times a file's content is parsed for its text."""
    calls: list[str] = []
    real = textextract.extract

    def counting(data, mime_type, **limits):
        calls.append(mime_type)
        return real(data, mime_type, **limits)

    monkeypatch.setattr(textextract, "extract", counting)
    return calls


@pytest.fixture
def draft(office):
    return make_document(office, "Obsługa skarg").versions.get()


def test_an_upload_reads_only_its_own_file_not_those_already_in_the_draft(office, draft, reads):
    for number in range(1, 4):
        upload(office, draft, f"zalacznik-{number}.docx", f"Treść załącznika {number}")

    # Before, the third upload read all three files again (six reads in all).
    assert len(reads) == 3
    draft.refresh_from_db()
    for number in range(1, 4):
        assert f"Treść załącznika {number}" in draft.text_content


def test_with_the_database_backend_the_upload_only_queues_the_extraction(
    office, draft, reads, settings
):
    settings.TASKS = DATABASE_BACKEND

    attachment = upload(office, draft, "rejestr.docx", "Rejestr skarg mieszkańców")

    assert reads == []  # nothing parsed inside the upload's transaction
    assert AttachmentText.objects.get(attachment=attachment).pending
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "ratusz.documents.tasks.extract_file_text"
    assert queued.args_kwargs["args"] == [attachment.pk]


def test_the_edit_page_says_a_files_text_is_still_being_read(office, draft, client_for, settings):
    settings.TASKS = DATABASE_BACKEND
    upload(office, draft, "rejestr.docx", "Rejestr skarg")

    page = client_for(office.owner).get(f"/documents/{draft.document_id}/v1/edit/")

    assert "its text is being read for search" in page.content.decode()


def test_a_new_version_keeps_its_files_text_without_reading_them_again(office, reads):
    document = make_document(office, "Karta usługi")
    upload(office, document.versions.get(), "karta.docx", "Wymagane dokumenty: dowód osobisty")
    bring_into_force(office, document)
    reads.clear()

    draft = services.start_new_version(actor=office.owner, document=document)

    assert reads == []
    assert "dowód osobisty" in draft.text_content
    copy = Attachment.objects.get(target_id=str(draft.pk))
    assert AttachmentText.objects.get(attachment=copy).text.startswith("Wymagane dokumenty")


def test_search_finds_a_document_in_force_by_the_words_of_its_file(office):
    document = make_document(office, "Procedura reklamacji", body="")
    upload(office, document.versions.get(), "procedura.docx", "Reklamacje rozpatruje Wydział")
    bring_into_force(office, document)

    results = search.search(office.quality, "rozpatruje")

    assert [hit.url for hit in results.results] == [document.get_absolute_url()]


def test_text_is_capped_per_file_and_per_version(office, draft, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.RATUSZ_TEXT_MAX_FILE_CHARS = 40
    settings.RATUSZ_TEXT_MAX_VERSION_CHARS = 100

    first = upload(office, draft, "a.docx", *[f"akapit pierwszy {i:03d}" for i in range(50)])
    for name in ("b.docx", "c.docx", "d.docx", "e.docx"):
        upload(office, draft, name, *[f"{name} {i:03d}" for i in range(50)])

    stored = AttachmentText.objects.get(attachment=first)
    assert len(stored.text) <= 40 and stored.truncated
    draft.refresh_from_db()
    assert len(draft.text_content) <= 100
    assert draft.text_content.startswith(draft.body)


def test_a_failed_upload_leaves_no_file_in_media(office, draft, settings, monkeypatch):
    def broken(attachment):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(services, "_extract_later", broken)

    with pytest.raises(RuntimeError):
        upload(office, draft, "rejestr.docx", "Rejestr")

    media = settings.MEDIA_ROOT
    stored = [p for p in media.rglob("*") if p.is_file()] if media.exists() else []
    assert stored == []
    assert not Attachment.objects.exists()


def test_a_refused_file_type_leaves_no_file_in_media(office, draft, settings):
    with pytest.raises(Exception, match="PDF, DOCX, ODT, XLSX or ODS"):
        services.add_file(
            actor=office.owner,
            version=draft,
            upload=SimpleUploadedFile("notatka.txt", b"zwykly tekst"),
        )

    media = settings.MEDIA_ROOT
    assert not media.exists() or not [p for p in media.rglob("*") if p.is_file()]


def test_the_upgrade_reads_once_the_files_uploaded_before_texts_were_kept(office, draft):
    import importlib

    from django.apps import apps

    from ratusz.core import services as core_services

    migration = importlib.import_module(
        "ratusz.documents.migrations.0004_extract_text_of_existing_files"
    )
    # A file stored the old way: attached, with no text kept for it.
    old = core_services.attach_file(
        actor=office.owner,
        target=draft,
        upload=SimpleUploadedFile("stary.docx", docx("Dawny regulamin kancelarii")),
    )
    assert not AttachmentText.objects.filter(attachment=old).exists()

    migration.extract_existing(apps, None)

    assert AttachmentText.objects.get(attachment=old).text == "Dawny regulamin kancelarii"
    services.update_draft(
        actor=office.owner,
        version=draft,
        expected_version=None,
        body="Nowa treść",
        change_summary="",
    )
    draft.refresh_from_db()
    assert "Dawny regulamin kancelarii" in draft.text_content


def test_the_text_read_out_of_files_stays_out_of_the_audit_trail(office, draft):
    from ratusz.core.models import AuditEvent

    upload(office, draft, "rejestr.docx", "Słowo z pliku, które nie trafia do dziennika")
    draft.refresh_from_db()
    services.update_draft(
        actor=office.owner,
        version=draft,
        expected_version=draft.version,
        body="Nowa treść",
        change_summary="Poprawki",
    )

    draft.refresh_from_db()
    assert "Słowo z pliku" in draft.text_content
    logged = [str(event.changes) for event in AuditEvent.objects.all()]
    assert logged and not any("Słowo z pliku" in text for text in logged)
