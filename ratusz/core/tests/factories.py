"""Small builders of core records for every area's tests.

Areas build their own records in their `tests/factories.py`, through their services;
users, units and actions come from the shared `office` fixture (ratusz/conftest.py).
"""

from __future__ import annotations

from ratusz.core.models import Clause, OrgUnit, User


def clause(number: str, standard: str = "ISO 9001", edition: str = "2015") -> Clause:
    """A clause of the loaded reference data (the migrations load ISO 9001:2015)."""
    return Clause.objects.get(standard=standard, edition=edition, number=number)


def appoint_head(unit: OrgUnit, user: User) -> OrgUnit:
    """Make `user` the head of `unit` (the object the caller holds changes too)."""
    # ORM: heads of units are appointed in the admin; no service does it.
    unit.head = user
    unit.save(update_fields=["head"])
    return unit
