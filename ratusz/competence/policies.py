"""Who may see and change competence, training and resource records.

The catalogue (competences, positions), trainings, the communication plan and
the resources are the office's own and every member of staff reads them. What a
person holds is personal data: only the person, the head of their unit, the
quality manager and HR (the `competence.view_personal_data` permission, given in
the admin) read it, and only the head, the quality manager and HR record it.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from ratusz.core import access
from ratusz.core.models import OrgUnit, User


def is_hr(user) -> bool:
    return access.is_staff_member(user) and user.has_perm("competence.view_personal_data")


def reads_all_people(user) -> bool:
    """The quality manager and HR read every employee's records."""
    return access.is_quality_manager(user) or is_hr(user)


def can_view_catalogue(user) -> bool:
    return access.can_view_directory(user)


def can_manage_catalogue(user) -> bool:
    """Competences: the quality manager and HR."""
    return reads_all_people(user)


def can_manage_positions(user, unit: OrgUnit | None = None) -> bool:
    if reads_all_people(user):
        return True
    if unit is None:
        return bool(access.managed_unit_paths(user))
    return access.manages_unit(user, unit)


def can_view_person(user, person: User) -> bool:
    if not access.is_staff_member(user):
        return False
    return (
        user.pk == person.pk or reads_all_people(user) or access.manages_unit(user, person.org_unit)
    )


def can_manage_person(user, person: User) -> bool:
    """Record competences and plan trainings for a person."""
    if not access.is_staff_member(user):
        return False
    return reads_all_people(user) or access.manages_unit(user, person.org_unit)


def people_visible_to(user, qs: QuerySet[User]) -> QuerySet[User]:
    if not access.is_staff_member(user):
        return qs.none()
    if reads_all_people(user):
        return qs
    mine = Q(pk=user.pk)
    for path in access.managed_unit_paths(user):
        mine |= Q(org_unit__path__startswith=path)
    return qs.filter(mine)


def person_filter(user, prefix: str = "person") -> Q | None:
    """The Q that keeps rows of people the user may see (None: every row)."""
    if reads_all_people(user):
        return None
    mine = Q(**{f"{prefix}_id": user.pk})
    for path in access.managed_unit_paths(user):
        mine |= Q(**{f"{prefix}__org_unit__path__startswith": path})
    return mine


def can_view_record(user, record) -> bool:
    return can_view_person(user, record.person)


def can_change_record(user, record) -> bool:
    return can_manage_person(user, record.person)


def can_view_matrix(user) -> bool:
    return access.is_staff_member(user)


def can_manage_trainings(user, unit: OrgUnit | None = None) -> bool:
    return can_manage_positions(user, unit)


def can_manage_training(user, training) -> bool:
    if reads_all_people(user):
        return True
    if training.org_unit_id is None:
        return training.created_by_id == getattr(user, "pk", None) and bool(
            access.managed_unit_paths(user)
        )
    return access.manages_unit(user, training.org_unit)


def can_view_training(user, training=None) -> bool:
    return access.can_view_directory(user)


def can_manage_resources(user) -> bool:
    return access.is_quality_manager(user)


def can_view_resources(user) -> bool:
    return access.can_view_directory(user)


def register() -> None:
    from ratusz.competence.models import CompetenceRecord, Resource, Training

    access.register_object_policy(CompetenceRecord, view=can_view_record, change=can_change_record)
    access.register_object_policy(Training, view=can_view_training, change=can_manage_training)
    access.register_object_policy(
        Resource,
        view=lambda u, r: can_view_resources(u),
        change=lambda u, r: can_manage_resources(u),
    )


# --- the self-assessment --------------------------------------------------------------


def can_manage_assessments(user) -> bool:
    return access.is_quality_manager(user)


def can_view_assessments(user) -> bool:
    return access.is_staff_member(user)


def can_view_results(user) -> bool:
    """The results (never a single answer) are read by the quality manager and heads."""
    return access.is_quality_manager(user) or bool(access.managed_unit_paths(user))


def can_answer(user, assessment) -> bool:
    if not access.is_staff_member(user):
        return False
    if assessment.kind == "iso18091":
        return access.is_quality_manager(user)
    return True


def questions_for(assessment, role: str):
    audience = "managers" if role == "manager" else "staff"
    return assessment.questions.filter(audience__in=["all", audience])
