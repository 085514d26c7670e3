"""Planning, holding, recording, signing and distributing a management review."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from ratusz.core.errors import Conflict, Denied
from ratusz.core.models import Action, Notification
from ratusz.core.services import take_number
from ratusz.improvement.models import Nonconformity
from ratusz.processes.tests.test_pages import make_nc
from ratusz.reviews import services
from ratusz.reviews.models import Decision, InputNote, Review
from ratusz.reviews.tests.factories import decide, held, plan, recorded


def test_reviews_are_numbered_per_year_and_the_chair_is_invited(office):
    first = plan(office)
    second = plan(office)
    year = timezone.localdate().year
    assert (first.reference, second.reference) == (f"PZ/{year}/01", f"PZ/{year}/02")
    assert set(first.attendance.values_list("person__username", flat=True)) == {
        "mayor",
        "owner",
        "quality",
    }


def test_a_rolled_back_plan_gives_its_number_back(office):
    with pytest.raises(ValidationError):
        plan(office, chair=office.owner)  # not top management
    assert take_number(f"review:{timezone.localdate().year}") == 1


def test_the_first_review_looks_back_a_year_and_the_next_from_where_the_last_ended(office):
    today = timezone.localdate()
    first = held(office, today - timedelta(days=200))
    assert first.period_start == first.planned_date - timedelta(days=365)
    second = plan(office, today)
    assert second.period_start == first.period_end + timedelta(days=1)
    assert second.period_end == today


def test_only_the_quality_manager_plans(office):
    with pytest.raises(Denied):
        plan(office, actor=office.mayor)


def test_invitations_go_in_app_and_by_email(office):
    for person in (office.mayor, office.owner):
        person.email = f"{person.username}@example.org"
        person.save()
    review = plan(office)
    services.invite(actor=office.quality, review=review, expected_version=review.version)
    assert Notification.objects.filter(kind="review_invitation").count() == 3
    assert sorted(m.to[0] for m in mail.outbox) == ["mayor@example.org", "owner@example.org"]
    assert "c4) Nonconformities and corrective actions" in mail.outbox[0].body


def test_holding_without_a_chair_is_refused_and_nothing_changes(office):
    review = plan(office, chair=None)
    with pytest.raises(ValidationError) as error:
        services.hold_review(
            actor=office.quality, review=review, expected_version=review.version, present=[]
        )
    assert "chair" in error.value.message_dict
    review.refresh_from_db()
    assert review.status == Review.Status.PLANNED and review.snapshot == {}


def test_holding_before_the_planned_day_is_refused(office):
    review = plan(office, timezone.localdate() + timedelta(days=3))
    with pytest.raises(ValidationError, match="cannot be held before"):
        services.hold_review(
            actor=office.quality,
            review=review,
            expected_version=review.version,
            present=[office.mayor],
        )


def test_the_chair_must_be_present(office):
    review = plan(office)
    with pytest.raises(ValidationError) as error:
        services.hold_review(
            actor=office.quality, review=review, expected_version=None, present=[office.owner]
        )
    assert "present" in error.value.message_dict


def test_the_inputs_are_frozen_when_held_and_never_recomputed(office):
    today = timezone.localdate()
    make_nc(office, None, number=1, detected_on=today - timedelta(days=5))
    review = held(office)
    c4 = next(row for row in review.snapshot["topics"] if row["topic"] == "c4")
    opened = {label: value for label, value, _prev in c4["inputs"][0]["figures"]}
    assert opened["Nonconformities opened"] == "1"
    make_nc(office, None, number=2, detected_on=today - timedelta(days=2))
    assert Nonconformity.objects.count() == 2
    review.refresh_from_db()
    c4_again = next(row for row in review.snapshot["topics"] if row["topic"] == "c4")
    assert c4_again == c4


def test_a_held_review_cannot_be_replanned_or_commented(office):
    review = held(office)
    with pytest.raises(ValidationError, match="has been held"):
        services.update_review(
            actor=office.quality,
            review=review,
            expected_version=review.version,
            planned_date=review.planned_date,
            chair=office.mayor,
            attendees=[],
        )
    with pytest.raises(ValidationError, match="has been held"):
        services.comment_input(
            actor=office.quality, review=review, expected_version=None, topic="c4", comment="x"
        )


def test_two_people_saving_the_record_at_once_conflict(office):
    review = held(office)
    loaded = review.version
    services.save_record(
        actor=office.quality, review=review, expected_version=loaded, suitability="Pierwszy."
    )
    with pytest.raises(Conflict):
        services.save_record(
            actor=office.quality, review=review, expected_version=loaded, suitability="Drugi."
        )
    review.refresh_from_db()
    assert review.suitability == "Pierwszy."


def test_the_discussion_of_each_input_is_kept(office):
    review = held(office)
    services.save_record(
        actor=office.quality,
        review=review,
        expected_version=None,
        discussion={"c4": "Omówiono niezgodności."},
    )
    assert InputNote.objects.get(review=review, topic="c4").discussion == "Omówiono niezgodności."


def test_a_decision_becomes_an_action_in_the_tracker(office):
    review = held(office)
    decision = decide(office, review)
    action = decision.action
    assert action.kind == Action.Kind.REVIEW_DECISION
    assert action.owner == office.owner and action.org_unit == office.civil
    assert action.source == decision
    assert decide(office, review).number == 2


@pytest.mark.parametrize("missing", ["owner", "due_date"])
def test_a_decision_without_an_owner_or_due_date_is_refused_whole(office, missing):
    review = held(office)
    with pytest.raises(ValidationError) as error:
        decide(office, review, **{missing: None})
    assert missing in error.value.message_dict
    assert not Decision.objects.exists() and not Action.objects.exists()


def test_decisions_wait_until_the_review_is_held(office):
    review = plan(office)
    with pytest.raises(ValidationError, match="after the review is held"):
        decide(office, review)


def test_only_the_chair_signs_and_only_a_complete_record(office):
    review = held(office)
    with pytest.raises(Denied):
        services.sign_review(actor=office.quality, review=review, expected_version=None)
    with pytest.raises(ValidationError) as error:
        services.sign_review(actor=office.mayor, review=review, expected_version=None)
    assert set(error.value.message_dict) == set(services.CONCLUSIONS)


def test_signed_record_is_distributed_and_acknowledged(office):
    office.owner.email = "owner@example.org"
    office.owner.save()
    review = recorded(office)
    review = services.sign_review(actor=office.mayor, review=review, expected_version=None)
    assert review.signed_at is not None
    with pytest.raises(ValidationError):
        services.save_record(
            actor=office.quality, review=review, expected_version=None, adequacy="Zmiana."
        )
    review = services.distribute_review(actor=office.quality, review=review, expected_version=None)
    assert review.status == Review.Status.DISTRIBUTED
    assert Notification.objects.filter(kind="review_distributed").count() == 3
    assert [m.to for m in mail.outbox] == [["owner@example.org"]]
    row = services.acknowledge_review(actor=office.owner, review=review)
    assert row.acknowledged_at is not None
    with pytest.raises(Denied):
        services.acknowledge_review(actor=office.employee, review=review)


def test_the_held_review_records_the_exported_audit_trail_head(office, settings, tmp_path):
    settings.RATUSZ_AUDIT_HEAD_DIR = tmp_path
    (tmp_path / "audit-head-2026-01-01.txt").write_text("seq: 41\nhash: abc123\n")
    review = held(office)
    assert review.audit_head == "41:abc123 (audit-head-2026-01-01.txt)"
