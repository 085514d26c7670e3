"""The demo office's residents' submissions: every state the issue asks for (the
`demo` fixture of ratusz/conftest.py loads the demo once for all its tests)."""

from __future__ import annotations

from django.core.management import call_command
from django.utils import timezone

from ratusz.feedback.models import Submission
from ratusz.improvement.models import Nonconformity


def test_the_demo_holds_submissions_in_every_state(demo):
    today = timezone.localdate()
    all_ = Submission.objects.all()
    tenders = all_.get(subject__startswith="Źle prowadzone przetargi")
    assert tenders.outcome == "justified" and tenders.nonconformity is not None
    assert Nonconformity.objects.filter(source="complaint", source_reference=tenders.reference)
    assert all_.filter(outcome="forwarded", forwarded_to="Rada Miasta").exists()
    assert all_.filter(submitter_name="", outcome="without_consideration").exists()
    overdue = all_.overdue(today)
    assert overdue.filter(delay_notices__isnull=False).exists()
    assert all_.missed_without_notice(today).filter(pk__in=overdue).exists()
    assert all_.filter(kind="petition", published=True).exists()
    assert all_.filter(kind="public_information", status="closed").exists()
    call_command("demo", verbosity=0)  # a second run adds nothing
    assert Submission.objects.count() == all_.count()
