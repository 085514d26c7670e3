"""The demo office's documents: a lived-in register, built through the services.

The `demo` fixture (ratusz/conftest.py) loads the demo once for all the tests
that use it; each test's own changes are rolled back by the usual `db` savepoint.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from ratusz.core.models import User
from ratusz.documents import policies, selectors
from ratusz.documents.models import (
    Acknowledgement,
    Document,
    DocumentVersion,
    PeriodicReview,
    RecordType,
    ReviewRequest,
    Transition,
)


def user(username: str) -> User:
    return User.objects.get(username=username)


def test_the_demo_register_has_documents_with_histories_and_work_in_progress(demo):
    today = timezone.localdate()
    assert Document.objects.count() >= 35
    codes = set(Document.objects.values_list("doc_type__code", flat=True))
    assert codes >= {"policy", "manual", "procedure", "instruction", "form", "record_template"}
    assert Document.objects.filter(doc_type__code="external").count() == 2

    policy = Document.objects.get(number="PJ-01")
    versions = list(policy.versions.order_by("number"))
    assert len(versions) >= 2
    assert [v.status for v in versions[:-1]] == [DocumentVersion.Status.SUPERSEDED] * (
        len(versions) - 1
    )
    assert (
        versions[-1] == policy.current_version
        and versions[-1].status == DocumentVersion.Status.IN_FORCE
    )
    assert policy.confidentiality == "public" and policy.owner.username == "quality"
    assert versions[-1].approver.username == "mayor"
    dates = [v.effective_date for v in versions]
    assert dates == sorted(dates) and dates[0].year == 2019

    in_force = Document.objects.filter(current_version__isnull=False)
    overdue = in_force.filter(next_review_date__lt=today)
    soon = in_force.filter(
        next_review_date__gte=today, next_review_date__lte=today + timedelta(days=30)
    )
    assert overdue.count() >= 3 and soon.count() >= 1
    assert Document.objects.filter(withdrawn_at__isnull=False, current_version=None).exists()
    assert DocumentVersion.objects.filter(status=DocumentVersion.Status.DRAFT).exists()
    assert PeriodicReview.objects.count() >= 2
    assert Document.objects.filter(confidentiality="restricted").exists()

    # Every approved version went through review and was approved by someone else.
    approved = DocumentVersion.objects.filter(
        status__in=(DocumentVersion.Status.IN_FORCE, DocumentVersion.Status.SUPERSEDED)
    )
    assert approved.count() > Document.objects.count()
    for version in approved.select_related("document__doc_type"):
        assert version.approver_id and version.approved_at and version.content_hash
        if not version.document.doc_type.self_approval_allowed:
            assert version.approver_id not in (version.author_id, version.document.owner_id)
        assert version.approved_at.date() <= version.effective_date <= today
        steps = list(version.transitions.order_by("id"))
        assert [s.to_status for s in steps][:1] == [DocumentVersion.Status.IN_REVIEW]
        assert [s.at for s in steps] == sorted(s.at for s in steps)
    assert not Transition.objects.filter(at__gt=timezone.now()).exists()


def test_the_demo_gives_each_persona_something_to_do(demo):
    awaiting = DocumentVersion.objects.filter(status=DocumentVersion.Status.AWAITING_APPROVAL)
    assert awaiting.count() >= 1
    assert all(v.document.current_version_id for v in awaiting)
    assert selectors.pending_for(user=user("mayor"))["to_approve"] >= 1

    owner = user("owner")
    assert ReviewRequest.objects.filter(
        reviewer=owner, decision="pending", version__status=DocumentVersion.Status.IN_REVIEW
    ).exists()
    assert selectors.pending_for(user=owner)["to_review"] >= 1

    employee = user("employee")
    to_read = selectors.to_read(user=employee)
    assert 2 <= len(to_read) <= 6
    assert Acknowledgement.objects.filter(user=employee).count() > len(to_read)
    # Staff have mostly, but not all, confirmed what they must read.
    percents = [
        selectors.acknowledgement_stats(d).percent
        for d in Document.objects.filter(current_version__isnull=False)
    ]
    assert min(percents) < 100 and sum(percents) / len(percents) > 60

    restricted = Document.objects.get(confidentiality="restricted")
    assert not policies.can_view_document(employee, restricted)


def test_running_the_demo_twice_changes_nothing_and_the_records_register_is_filled(demo):
    before = (Document.objects.count(), DocumentVersion.objects.count(), RecordType.objects.count())
    call_command("demo", verbosity=0)
    after = (Document.objects.count(), DocumentVersion.objects.count(), RecordType.objects.count())
    assert after == before
    assert RecordType.objects.count() >= 8
    audits = RecordType.objects.get(name="Protokoły z auditów wewnętrznych")
    assert audits.keeper_unit.code == "SZJ" and audits.retention_category == "B10"
    assert audits.defined_by.filter(number="P-02").exists() and audits.clauses.exists()
    assert not RecordType.objects.filter(defined_by=None).exists()
