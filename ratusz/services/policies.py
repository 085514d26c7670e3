"""Who may see and change public services and their cases.

Every staff member reads the service cards and the timeliness figures: they are
about services, not people (a case sign names no one). The quality manager keeps
the catalogue and imports the case register; the head of a unit keeps the cards of
the services their unit delivers.
"""

from __future__ import annotations

from ratusz.core import access
from ratusz.services.models import ServiceCard


def can_view_services(user) -> bool:
    return access.can_view_directory(user)  # signed-in staff, not external auditors


def can_create_card(user) -> bool:
    return access.is_quality_manager(user) or bool(access.managed_unit_paths(user))


def can_edit_card(user, card: ServiceCard) -> bool:
    return access.is_quality_manager(user) or access.manages_unit(user, card.org_unit)


def can_import_cases(user) -> bool:
    return access.is_quality_manager(user)


def register() -> None:
    access.register_object_policy(
        ServiceCard, view=lambda u, c=None: can_view_services(u), change=can_edit_card
    )
