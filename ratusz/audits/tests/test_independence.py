"""Auditors never audit their own unit, a unit they manage or a process they own."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from ratusz.audits.tests import factories
from ratusz.core.models import Role
from ratusz.core.services import grant_role
from ratusz.processes.services import update_process


def _pool(office, user, can_lead=True):
    factories.auditor(office, user, trained_on=date(2023, 1, 1), can_lead=can_lead)


def test_an_auditor_is_refused_for_their_own_unit(world, office):
    _pool(office, office.employee)  # works in civil affairs
    with pytest.raises(ValidationError) as refused:
        world.plan(lead_auditor=office.employee)
    message = " ".join(refused.value.message_dict["lead_auditor"])
    assert "Employee Test" in message and "own unit" in message


def test_a_unit_inside_an_audited_unit_counts_as_own(world, office):
    desk = office.person("desk", office.civil_desk, Role.EMPLOYEE)
    _pool(office, desk)
    with pytest.raises(ValidationError) as refused:
        world.plan(team=[desk])
    assert "own unit" in " ".join(refused.value.message_dict["team"])


def test_an_auditor_is_refused_for_a_unit_they_manage(world, office):
    # Acting head of transport, seated in finance: not their own unit, but they run it.
    acting = office.person("acting", office.finance, Role.PROCESS_OWNER, scope=office.transport)
    _pool(office, acting)
    with pytest.raises(ValidationError) as refused:
        world.plan(
            lead_auditor=acting,
            org_units=[office.transport],
            process=world.transport_process,
        )
    assert "they manage that unit" in " ".join(refused.value.message_dict["lead_auditor"])


def test_an_auditor_is_refused_for_a_process_they_own(world, office):
    outsider_owner = office.person("p_owner", office.finance, Role.EMPLOYEE)
    world.transport_process = update_process(
        actor=office.quality,
        process=world.transport_process,
        expected_version=None,
        owner=outsider_owner,
    )
    _pool(office, outsider_owner)
    with pytest.raises(ValidationError) as refused:
        world.plan(
            org_units=[office.transport], process=world.transport_process, team=[outsider_owner]
        )
    assert "they own that process" in " ".join(refused.value.message_dict["team"])


def test_managing_the_process_owner_unit_is_refused_too(world, office):
    grant_role(user=office.auditor, role=Role.PROCESS_OWNER, org_unit=office.civil_desk)
    office.auditor._ratusz_grants = None
    del office.auditor._ratusz_grants
    # Manages a section of the process's owner unit only: the process itself is owned
    # by civil affairs, which the auditor does not manage, so this is allowed ...
    assert world.plan(org_units=[office.transport])
    # ... but a process owned by the section they run is not.
    world.civil_process = update_process(
        actor=office.quality,
        process=world.civil_process,
        expected_version=None,
        owner_unit=office.civil_desk,
        owner=None,
    )
    with pytest.raises(ValidationError) as refused:
        world.plan(org_units=[office.transport])
    assert "which owns the process" in " ".join(refused.value.message_dict["lead_auditor"])


def test_only_active_pool_members_take_part_and_only_qualified_ones_lead(world, office):
    with pytest.raises(ValidationError) as not_in_pool:
        world.plan(team=[office.outsider])
    assert "not an active member" in " ".join(not_in_pool.value.message_dict["team"])
    _pool(office, office.outsider, can_lead=False)
    with pytest.raises(ValidationError) as cannot_lead:
        world.plan(lead_auditor=office.outsider)
    assert "not qualified to lead" in " ".join(cannot_lead.value.message_dict["lead_auditor"])


def test_an_independent_auditor_is_accepted(world, office):
    _pool(office, office.outsider, can_lead=False)  # transport staff auditing civil affairs
    audit = world.plan(team=[office.outsider])
    assert audit.lead_auditor == office.auditor
    assert list(audit.team.all()) == [office.outsider]
