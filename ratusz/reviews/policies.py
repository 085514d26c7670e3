"""Who may see and work on management reviews.

Every member of staff reads the reviews (their outputs bind the whole office).
The quality manager plans a review, compiles and comments its inputs, holds it
and writes the record; the chair (top management) signs the record; the people
invited acknowledge the record once it is distributed.
"""

from __future__ import annotations

from ratusz.core import access
from ratusz.core.models import Role
from ratusz.reviews.models import Decision, InputNote, Review


def can_view_review(user, review: Review | None = None) -> bool:
    return access.can_view_directory(user)  # signed-in staff, not external auditors


def can_plan_review(user) -> bool:
    return access.is_quality_manager(user)


def can_manage_review(user, review: Review) -> bool:
    return access.is_quality_manager(user)


def can_chair(user) -> bool:
    """A review is chaired by top management (ISO 9001 5.1)."""
    return access.has_role(user, Role.TOP_MANAGEMENT)


def can_sign_review(user, review: Review) -> bool:
    return access.is_staff_member(user) and review.chair_id == user.pk


def can_acknowledge_review(user, review: Review) -> bool:
    return access.is_staff_member(user) and any(
        row.person_id == user.pk for row in review.attendance.all()
    )


def review_steps(user, review: Review) -> dict[str, bool]:
    """The steps of the review page this user may take now (one answer for the page)."""
    manages = can_manage_review(user, review)
    planned = review.status == Review.Status.PLANNED
    held = review.status == Review.Status.HELD
    mine = next((row for row in review.attendance.all() if row.person_id == user.pk), None)
    return {
        "edit": manages and planned,
        "invite": manages and planned,
        "comment": manages and planned,
        "hold": manages and planned,
        "record": manages and held,
        "decide": manages and held,
        "sign": held and can_sign_review(user, review),
        "distribute": manages and review.status == Review.Status.SIGNED,
        "acknowledge": review.status == Review.Status.DISTRIBUTED
        and mine is not None
        and mine.acknowledged_at is None,
        "pack": review.is_held,
    }


def _can_view_note(user, note: InputNote) -> bool:
    return can_view_review(user)


def _can_change_note(user, note: InputNote) -> bool:
    return access.is_quality_manager(user) and note.review.status == Review.Status.PLANNED


def register() -> None:
    access.register_object_policy(Review, view=can_view_review, change=can_manage_review)
    access.register_object_policy(InputNote, view=_can_view_note, change=_can_change_note)
    access.register_object_policy(
        Decision,
        view=lambda user, decision: can_view_review(user),
        change=lambda user, decision: can_manage_review(user, decision.review),
    )
