"""The life of a document: draft, review, approval, in force, superseded."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ratusz.core.errors import Conflict, Denied
from ratusz.core.models import Notification
from ratusz.documents import services
from ratusz.documents.models import (
    Acknowledgement,
    Document,
    DocumentType,
    DocumentVersion,
    Transition,
)
from ratusz.documents.tests.factories import confirm_read

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def procedure(office):
    return services.create_document(
        actor=office.owner,
        doc_type=DocumentType.objects.get(code="procedure"),
        title="Obsługa skarg i wniosków",
        owner_unit=office.civil,
        owner=office.owner,
        body="# Cel\nTerminowe rozpatrywanie skarg.",
        change_summary="",
    )


def to_approval(office, document):
    version = document.versions.get()
    services.submit_for_review(
        actor=office.owner, version=version, expected_version=None, reviewers=[office.auditor]
    )
    services.record_review(actor=office.auditor, version=version, agreed=True, comment="")
    return services.submit_for_approval(actor=office.owner, version=version, expected_version=None)


def test_registering_a_document_numbers_it_by_type_and_opens_a_draft(office, procedure):
    assert procedure.number == "P-01"
    version = procedure.versions.get()
    assert (version.number, version.status, version.author) == (
        1,
        DocumentVersion.Status.DRAFT,
        office.owner,
    )
    second = services.create_document(
        actor=office.quality,
        doc_type=procedure.doc_type,
        title="Audit wewnętrzny",
        owner_unit=office.qms,
        owner=office.quality,
    )
    assert second.number == "P-02"


def test_a_duplicate_number_is_refused_by_name(office, procedure):
    with pytest.raises(ValidationError) as exc:
        services.create_document(
            actor=office.quality,
            doc_type=procedure.doc_type,
            title="Copy",
            owner_unit=office.qms,
            owner=office.quality,
            number="P-01",
        )
    assert "number" in exc.value.message_dict
    assert Document.objects.count() == 1


def test_a_process_owner_cannot_register_documents_for_another_unit(office):
    with pytest.raises(Denied):
        services.create_document(
            actor=office.owner,
            doc_type=DocumentType.objects.get(code="procedure"),
            title="X",
            owner_unit=office.transport,
            owner=office.owner,
        )


def test_the_full_path_to_force_records_every_step_with_the_content_hash(office, procedure):
    version = to_approval(office, procedure)
    assert version.status == DocumentVersion.Status.AWAITING_APPROVAL
    services.approve(actor=office.mayor, version=version, expected_version=None)
    version.refresh_from_db()
    procedure.refresh_from_db()
    assert version.status == DocumentVersion.Status.IN_FORCE
    assert procedure.current_version == version
    assert len(version.content_hash) == 64
    steps = list(Transition.objects.filter(version=version).values_list("from_status", "to_status"))
    assert steps == [
        (DocumentVersion.Status.DRAFT, DocumentVersion.Status.IN_REVIEW),
        (DocumentVersion.Status.IN_REVIEW, DocumentVersion.Status.AWAITING_APPROVAL),
        (DocumentVersion.Status.AWAITING_APPROVAL, DocumentVersion.Status.APPROVED),
        (DocumentVersion.Status.APPROVED, DocumentVersion.Status.IN_FORCE),
    ]
    approval = Transition.objects.get(version=version, to_status=DocumentVersion.Status.APPROVED)
    assert approval.actor == office.mayor and approval.content_hash == version.content_hash
    assert procedure.next_review_date == version.effective_date.replace(
        year=version.effective_date.year + 1
    )


def test_steps_out_of_order_are_refused(office, procedure):
    version = procedure.versions.get()
    with pytest.raises(ValidationError, match="awaiting approval"):
        services.approve(actor=office.mayor, version=version, expected_version=None)
    with pytest.raises(ValidationError, match="after its review"):
        services.submit_for_approval(actor=office.owner, version=version, expected_version=None)


def test_approval_waits_for_every_reviewer(office, procedure):
    version = procedure.versions.get()
    services.submit_for_review(
        actor=office.owner,
        version=version,
        expected_version=None,
        reviewers=[office.auditor, office.mayor],
    )
    services.record_review(actor=office.auditor, version=version, agreed=True, comment="")
    with pytest.raises(ValidationError, match="Still waiting for the reviewers: Mayor Test"):
        services.submit_for_approval(actor=office.owner, version=version, expected_version=None)


def test_only_the_types_approver_role_approves_and_never_their_own_document(office):
    doc = services.create_document(
        actor=office.quality,
        doc_type=DocumentType.objects.get(code="instruction"),
        title="Nadzór nad dokumentami",
        owner_unit=office.qms,
        owner=office.quality,
        body="Tekst",
    )
    version = doc.versions.get()
    services.submit_for_review(
        actor=office.quality, version=version, expected_version=None, reviewers=[office.owner]
    )
    services.record_review(actor=office.owner, version=version, agreed=True, comment="")
    services.submit_for_approval(actor=office.quality, version=version, expected_version=None)
    with pytest.raises(Denied, match="approved by: Quality manager"):
        services.approve(actor=office.mayor, version=version, expected_version=None)
    with pytest.raises(Denied, match="cannot approve your own document"):
        services.approve(actor=office.quality, version=version, expected_version=None)


def test_a_rejected_version_returns_to_draft_with_the_reason(office, procedure):
    version = to_approval(office, procedure)
    services.reject(
        actor=office.quality,
        version=version,
        expected_version=None,
        reason="Brak terminów w pkt 3.",
    )
    version.refresh_from_db()
    assert version.status == DocumentVersion.Status.DRAFT
    assert Transition.objects.filter(version=version, comment="Brak terminów w pkt 3.").exists()
    assert Notification.objects.filter(recipient=office.owner, kind="document_returned").exists()


def test_an_approved_version_can_no_longer_be_edited(office, procedure):
    version = to_approval(office, procedure)
    services.approve(actor=office.mayor, version=version, expected_version=None)
    with pytest.raises(ValidationError, match="only a draft can be changed"):
        services.update_draft(
            actor=office.owner,
            version=version,
            expected_version=None,
            body="Changed",
            change_summary="x",
        )
    with pytest.raises(ValidationError):
        services.add_file(
            actor=office.owner, version=version, upload=SimpleUploadedFile("p.pdf", PDF)
        )
    version.refresh_from_db()
    assert version.body.startswith("# Cel")


def test_only_the_author_or_owner_edits_a_draft(office, procedure):
    version = procedure.versions.get()
    with pytest.raises(Denied):
        services.update_draft(
            actor=office.quality,
            version=version,
            expected_version=None,
            body="x",
            change_summary="",
        )


def test_two_people_saving_one_draft_get_a_conflict(office, procedure):
    services.update_document(
        actor=office.owner, document=procedure, expected_version=None, owner=office.employee
    )
    version = procedure.versions.get()
    services.update_draft(
        actor=office.owner, version=version, expected_version=1, body="A", change_summary=""
    )
    with pytest.raises(Conflict):
        services.update_draft(
            actor=office.employee, version=version, expected_version=1, body="B", change_summary=""
        )
    version.refresh_from_db()
    assert version.body == "A"


def test_a_new_version_supersedes_the_old_and_asks_everyone_to_read_again(office, procedure):
    services.set_distribution(
        actor=office.owner, document=procedure, units=[office.civil], roles=[]
    )
    first = to_approval(office, procedure)
    services.approve(actor=office.mayor, version=first, expected_version=None)
    first.refresh_from_db()
    confirm_read(office.employee, first)
    draft = services.start_new_version(actor=office.owner, document=procedure)
    assert draft.number == 2 and draft.body == first.body
    services.update_draft(
        actor=office.owner,
        version=draft,
        expected_version=None,
        body=first.body + "\n\nNowy punkt.",
        change_summary="Dodano punkt.",
    )
    services.submit_for_review(
        actor=office.owner, version=draft, expected_version=None, reviewers=[office.auditor]
    )
    services.record_review(actor=office.auditor, version=draft, agreed=True, comment="")
    services.submit_for_approval(actor=office.owner, version=draft, expected_version=None)
    services.approve(actor=office.mayor, version=draft, expected_version=None)
    first.refresh_from_db()
    draft.refresh_from_db()
    assert (
        first.status == DocumentVersion.Status.SUPERSEDED
        and draft.status == DocumentVersion.Status.IN_FORCE
    )
    assert Acknowledgement.objects.filter(version=draft).count() == 0
    assert Notification.objects.filter(
        recipient=office.employee,
        kind="document_to_read",
        dedupe_key=f"document_to_read:{draft.pk}",
    ).exists()


def test_a_future_effective_date_waits_for_the_daily_job(office, procedure):
    version = to_approval(office, procedure)
    later = timezone.localdate() + timedelta(days=3)
    services.approve(
        actor=office.mayor, version=version, expected_version=None, effective_date=later
    )
    version.refresh_from_db()
    assert version.status == DocumentVersion.Status.APPROVED
    assert services.activate_due_versions(today=later - timedelta(days=1)) == 0
    assert services.activate_due_versions(today=later) == 1
    version.refresh_from_db()
    assert version.status == DocumentVersion.Status.IN_FORCE


def test_only_recipients_acknowledge_and_only_the_version_in_force(office, procedure):
    services.set_distribution(
        actor=office.owner, document=procedure, units=[office.civil], roles=[]
    )
    version = procedure.versions.get()
    with pytest.raises(ValidationError, match="version in force"):
        confirm_read(office.employee, version)
    services.approve(
        actor=office.mayor, version=to_approval(office, procedure), expected_version=None
    )
    version.refresh_from_db()
    with pytest.raises(ValidationError, match="not distributed to you"):
        confirm_read(office.outsider, version)
    confirm_read(office.employee, version)
    confirm_read(office.employee, version)
    assert Acknowledgement.objects.filter(version=version).count() == 1


def test_reviewed_no_change_schedules_the_next_review_without_a_new_version(office, procedure):
    version = to_approval(office, procedure)
    services.approve(actor=office.mayor, version=version, expected_version=None)
    procedure.refresh_from_db()
    review = services.record_periodic_review(
        actor=office.owner, document=procedure, notes="Zgodna z przepisami."
    )
    procedure.refresh_from_db()
    assert review.next_review_date == procedure.next_review_date
    assert procedure.versions.count() == 1


def test_a_file_that_is_not_a_document_format_is_refused_and_leaves_no_file(office, procedure):
    version = procedure.versions.get()
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    with pytest.raises(ValidationError, match="PDF, DOCX"):
        services.add_file(
            actor=office.owner, version=version, upload=SimpleUploadedFile("scan.png", png)
        )
    assert (
        not version.pk
        or not __import__("ratusz.core.selectors", fromlist=["attachments_of"])
        .attachments_of(version)
        .exists()
    )


def test_the_daily_run_reminds_owners_of_reviews_once(office, procedure):
    from django.core.management import call_command

    version = to_approval(office, procedure)
    services.approve(actor=office.mayor, version=version, expected_version=None)
    # The passing of time: the review date is two days gone.
    Document.objects.filter(pk=procedure.pk).update(
        next_review_date=timezone.localdate() - timedelta(days=2)
    )
    call_command("remind", "--no-email", stdout=__import__("io").StringIO())
    call_command("remind", "--no-email", stdout=__import__("io").StringIO())
    notes = Notification.objects.filter(recipient=office.owner, kind="document_review_overdue")
    assert notes.count() == 1
    assert procedure.number in str(notes.get())


def test_an_empty_title_is_refused_by_name_and_nothing_is_saved(office):
    with pytest.raises(ValidationError) as exc:
        services.create_document(
            actor=office.owner,
            doc_type=DocumentType.objects.get(code="procedure"),
            title="   ",
            owner_unit=office.civil,
            owner=office.owner,
        )
    assert "title" in exc.value.message_dict
    assert not Document.objects.exists() and not DocumentVersion.objects.exists()


def test_a_user_who_owns_documents_cannot_be_deleted_so_ownership_stays_traceable(
    office, procedure
):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        office.owner.delete()
    procedure.refresh_from_db()
    assert procedure.owner == office.owner


def _two_review_rounds(office, procedure):
    """Round 1: the auditor asks for changes, the quality manager returns the version;
    round 2: the mayor reviews the corrected draft."""
    version = procedure.versions.get()
    services.submit_for_review(
        actor=office.owner,
        version=version,
        expected_version=None,
        reviewers=[office.auditor, office.mayor],
    )
    services.record_review(
        actor=office.auditor, version=version, agreed=False, comment="Dodać terminy w pkt 3."
    )
    services.reject(
        actor=office.quality, version=version, expected_version=None, reason="Uwagi audytora."
    )
    services.submit_for_review(
        actor=office.owner, version=version, expected_version=None, reviewers=[office.mayor]
    )
    version.refresh_from_db()
    return version


def test_a_second_review_round_keeps_the_first_rounds_reviews(office, procedure):
    version = _two_review_rounds(office, procedure)
    rows = sorted(
        (r.round, r.reviewer.username, r.decision, r.comment)
        for r in version.review_requests.select_related("reviewer")
    )
    assert rows == [
        (1, "auditor", "changes", "Dodać terminy w pkt 3."),
        (1, "mayor", "pending", ""),
        (2, "mayor", "pending", ""),
    ]
    assert version.review_round == 2


def test_only_the_current_rounds_reviewers_review_and_hold_up_approval(office, procedure):
    version = _two_review_rounds(office, procedure)
    with pytest.raises(Denied, match="not one of the reviewers"):
        services.record_review(actor=office.auditor, version=version, agreed=True, comment="")
    with pytest.raises(ValidationError, match="Still waiting for the reviewers: Mayor Test"):
        services.submit_for_approval(actor=office.owner, version=version, expected_version=None)
    services.record_review(actor=office.mayor, version=version, agreed=True, comment="")
    services.submit_for_approval(actor=office.owner, version=version, expected_version=None)
    version.refresh_from_db()
    assert version.status == DocumentVersion.Status.AWAITING_APPROVAL
    # The first round's answer is still on the version.
    assert version.review_requests.get(round=1, reviewer=office.auditor).comment == (
        "Dodać terminy w pkt 3."
    )


def test_a_reviewer_left_out_of_the_new_round_has_nothing_left_to_review(office, procedure):
    from ratusz.documents import selectors

    version = procedure.versions.get()
    services.submit_for_review(
        actor=office.owner,
        version=version,
        expected_version=None,
        reviewers=[office.auditor, office.mayor],
    )
    assert selectors.pending_for(user=office.mayor)["to_review"] == 1
    services.reject(actor=office.quality, version=version, expected_version=None, reason="Uwagi.")
    services.submit_for_review(
        actor=office.owner, version=version, expected_version=None, reviewers=[office.auditor]
    )
    assert selectors.pending_for(user=office.mayor)["to_review"] == 0
    assert selectors.pending_for(user=office.auditor)["to_review"] == 1
