"""Adding, changing and deactivating processes: who may, what is checked, no lost updates."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from ratusz.core import access
from ratusz.core import search as core_search
from ratusz.core.errors import Conflict, Denied
from ratusz.core.tests.factories import clause
from ratusz.processes import services
from ratusz.processes.models import Process
from ratusz.processes.tests.factories import make_process


def test_the_quality_manager_adds_a_process_with_its_clauses(office):
    process = make_process(office)
    assert process.pk and process.version == 1 and process.is_active
    assert process.owner == office.owner and process.owner_unit == office.civil
    assert sorted(process.clauses.values_list("number", flat=True)) == ["8.2", "8.5.1"]


@pytest.mark.parametrize("persona", ["owner", "mayor", "auditor", "employee", "external"])
def test_nobody_else_adds_a_process(office, persona):
    with pytest.raises(Denied):
        make_process(office, actor=getattr(office, persona))
    assert not Process.objects.exists()


def test_a_taken_code_is_refused_naming_the_code_field(office):
    make_process(office, code="P03")
    with pytest.raises(ValidationError) as caught:
        make_process(office, code="p03 ", name="Inny")
    assert "code" in caught.value.message_dict
    assert "P03" in caught.value.message_dict["code"][0] or "p03" in str(caught.value)
    assert Process.objects.count() == 1


def test_an_empty_code_or_name_is_refused_and_nothing_is_saved(office):
    with pytest.raises(ValidationError) as caught:
        make_process(office, code="  ")
    assert "code" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        make_process(office, code="P20", name="")
    assert "name" in caught.value.message_dict
    assert not Process.objects.exists()


def test_the_owner_must_be_an_active_staff_member(office):
    # No service deactivates an account (the admin does): set it directly.
    office.colleague.is_active = False
    office.colleague.save()
    for not_staff in (office.colleague, office.external):
        with pytest.raises(ValidationError) as caught:
            make_process(office, owner=not_staff)
        assert "owner" in caught.value.message_dict
    office.employee.access_expires_at = timezone.now() - timedelta(days=1)
    office.employee.save()
    with pytest.raises(ValidationError) as caught:
        make_process(office, owner=office.employee)
    assert "owner" in caught.value.message_dict
    assert not Process.objects.exists()


def test_a_process_may_wait_for_its_owner(office):
    assert make_process(office, owner=None).owner is None


def test_a_risk_outside_one_to_five_is_refused(office):
    with pytest.raises(ValidationError) as caught:
        make_process(office, risk=9)
    assert "risk" in caught.value.message_dict


def test_the_quality_manager_changes_anything_and_the_version_moves_on(office):
    process = make_process(office)
    changed = services.update_process(
        actor=office.quality,
        process=process,
        expected_version=1,
        risk=5,
        owner=office.employee,
        name="Dowody osobiste",
        clauses=[clause("7.5")],
    )
    assert (changed.risk, changed.owner, changed.name, changed.version) == (
        5,
        office.employee,
        "Dowody osobiste",
        2,
    )
    assert list(changed.clauses.values_list("number", flat=True)) == ["7.5"]


def test_the_head_of_the_owner_unit_changes_the_description_and_clauses(office):
    process = make_process(office)
    changed = services.update_process(
        actor=office.owner,
        process=process,
        expected_version=1,
        description="Nowy opis procesu.",
        clauses=[clause("8.2"), clause("9.1.2")],
        # A full form sends the other fields unchanged: that is fine.
        risk=4,
        owner=office.owner,
    )
    assert changed.description == "Nowy opis procesu." and changed.version == 2
    assert sorted(changed.clauses.values_list("number", flat=True)) == ["8.2", "9.1.2"]


@pytest.mark.parametrize(
    ("field", "value"), [("risk", 1), ("owner", "employee"), ("code", "X1"), ("is_active", False)]
)
def test_the_head_of_the_owner_unit_may_not_change_risk_owner_or_code(office, field, value):
    process = make_process(office)
    if value == "employee":
        value = office.employee
    with pytest.raises(Denied):
        services.update_process(
            actor=office.owner,
            process=process,
            expected_version=1,
            description="Zmiana przy okazji",
            **{field: value},
        )
    process.refresh_from_db()
    assert process.version == 1 and process.description == "Wydawanie dowodów osobistych."


def test_another_units_head_and_employees_change_nothing(office):
    process = make_process(office)
    for actor in (office.transport_owner, office.employee, office.mayor, office.auditor):
        with pytest.raises(Denied):
            services.update_process(
                actor=actor, process=process, expected_version=1, description="x"
            )


def test_two_people_saving_the_same_process_get_a_conflict_not_a_lost_update(office):
    process = make_process(office)
    services.update_process(
        actor=office.owner, process=process, expected_version=1, description="Pierwszy"
    )
    with pytest.raises(Conflict) as caught:
        services.update_process(
            actor=office.quality, process=process, expected_version=1, description="Drugi"
        )
    assert caught.value.current.description == "Pierwszy"
    process.refresh_from_db()
    assert process.description == "Pierwszy" and process.version == 2


def test_renaming_the_code_to_a_taken_one_names_the_field(office):
    make_process(office, code="P01", name="Zarządzanie")
    process = make_process(office, code="P02")
    with pytest.raises(ValidationError) as caught:
        services.update_process(
            actor=office.quality, process=process, expected_version=1, code="P01"
        )
    assert "code" in caught.value.message_dict


def test_saving_without_changes_keeps_the_version(office):
    process = make_process(office)
    same = services.update_process(
        actor=office.quality, process=process, expected_version=1, risk=4, name=process.name
    )
    assert same.version == 1


def test_only_the_quality_manager_deactivates_and_history_stays(office):
    process = make_process(office)
    with pytest.raises(Denied):
        services.deactivate_process(actor=office.owner, process=process, expected_version=1)
    gone = services.deactivate_process(actor=office.quality, process=process, expected_version=1)
    assert not gone.is_active and gone.version == 2
    back = services.reactivate_process(actor=office.quality, process=gone, expected_version=2)
    assert back.is_active


def test_processes_are_found_by_the_global_search_and_the_policy_is_registered(office):
    process = make_process(office, description="Kolejka do okienka paszportowego.")
    hits = core_search.search(office.employee, "paszportowego", kinds=["process"])
    assert [h.url for h in hits.results] == [f"/processes/{process.pk}/"]
    assert not core_search.search(office.external, "paszportowego").results
    assert access.can_view_object(office.employee, process)
    assert access.can_change_object(office.owner, process)
    assert not access.can_change_object(office.transport_owner, process)
