"""Who may see and change satisfaction surveys.

Every member of staff reads the surveys and their results and may type in answers
given on paper. The quality manager builds, publishes and closes surveys.
Residents answer an open survey on the public page, without an account.
"""

from __future__ import annotations

from ratusz.core import access
from ratusz.surveys.models import Survey


def can_view_surveys(user) -> bool:
    return access.can_view_directory(user)  # signed-in staff, not external auditors


def can_view_survey(user, survey: Survey | None = None) -> bool:
    return can_view_surveys(user)


def can_manage_surveys(user) -> bool:
    """Build, edit, publish and close surveys."""
    return access.is_quality_manager(user)


def can_edit_survey(user, survey: Survey) -> bool:
    return can_manage_surveys(user) and survey.status == Survey.Status.DRAFT


def can_enter_paper(user, survey: Survey) -> bool:
    return can_view_surveys(user) and survey.status != Survey.Status.DRAFT


def survey_steps(user, survey: Survey) -> dict[str, bool]:
    """The flags of the survey page, asked once."""
    manages = can_manage_surveys(user)
    return {
        "edit": can_edit_survey(user, survey),
        "publish": manages and survey.status == Survey.Status.DRAFT,
        "close": manages and survey.status == Survey.Status.OPEN,
        "paper": can_enter_paper(user, survey),
    }


def register() -> None:
    access.register_object_policy(Survey, view=can_view_survey, change=can_edit_survey)
