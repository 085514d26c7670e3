"""The risk-based audit programme: proposal, 3-year cycle, approval and progress."""

from __future__ import annotations

import math
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.formats import date_format

from ratusz.audits import planning, proposal, selectors, services
from ratusz.audits.models import Programme, ProgrammeItem
from ratusz.audits.tests import factories
from ratusz.core.tests.factories import clause
from ratusz.processes.tests.factories import make_process

RISKS = [5, 1, 3, 2, 4, 2, 5, 1]


@pytest.fixture
def processes(office):
    units = [office.civil, office.transport, office.finance, office.qms]
    # Two leads, so every process has one independent of its unit; one question to answer.
    factories.auditor(office, office.auditor)
    factories.auditor(office, office.outsider)
    factories.question(office, "Czy karty usług są aktualne?", clause=clause("8.5.1"))
    return [
        make_process(
            office,
            code=f"P{i:02d}",
            name=f"Proces {i}",
            owner_unit=units[i % len(units)],
            owner=None,
            risk=risk,
            description="",
            clauses=[],
        )
        for i, risk in enumerate(RISKS, start=1)
    ]


def _audit_of(process, year, month, office, **fields):
    """An audit of the process and its unit, in progress, in the given month."""
    lead = office.outsider if process.owner_unit == office.finance else office.auditor
    plan = {
        "title": f"Audit {process.code}",
        "objectives": "-",
        "scope": "-",
        "criteria": "-",
        "process": process,
        "org_units": [process.owner_unit],
        "clauses": [clause("8.5.1")],
        "planned_start": date(year, month, 5),
        "planned_end": date(year, month, 6),
        "lead_auditor": lead,
    }
    plan.update(fields)
    return factories.start(factories.plan(office, **plan))


def _close_audit_of(process, year, month, office, **fields):
    return factories.close(_audit_of(process, year, month, office, **fields))


def test_the_proposal_covers_every_process_within_three_years(office, processes):
    start = timezone.localdate().year
    audited: set[int] = set()
    for offset in range(3):
        year = start + offset
        proposed = proposal.propose_programme(year)
        assert len(proposed) >= math.ceil(len(processes) / 3)
        for item in proposed:
            _close_audit_of(item.process, year, item.month, office)
            audited.add(item.process.pk)
    assert audited == {p.pk for p in processes}


def test_a_process_audited_three_years_ago_is_mandatory(office, processes):
    year = timezone.localdate().year
    low = processes[1]  # risk 1
    _close_audit_of(low, year - 3, 5, office)
    proposed = {p.process.pk: p for p in proposal.propose_programme(year)}
    assert proposed[low.pk].mandatory
    assert "3-year" in proposed[low.pk].rationale


def test_higher_risk_processes_are_proposed_earlier_in_the_year(processes):
    proposed = proposal.propose_programme(timezone.localdate().year)
    months_by_risk = [(p.process.risk, p.month) for p in proposed]
    for risk_a, month_a in months_by_risk:
        for risk_b, month_b in months_by_risk:
            if risk_a > risk_b:
                assert month_a <= month_b
    assert all(2 <= month <= 11 for _r, month in months_by_risk)
    assert proposed[0].process.risk == 5
    assert "Risk" in proposed[0].rationale and "Never audited" in proposed[0].rationale


def test_findings_raise_a_process_score(office, processes, world_factory=None):
    year = timezone.localdate().year
    target = processes[3]  # risk 2
    before = {p.process.pk: p.score for p in proposal.propose_programme(year + 5)}
    audit = _audit_of(target, year - 1, 3, office)
    services.record_finding(
        actor=audit.lead_auditor,
        audit=audit,
        grade="major",
        clause=clause("8.5.1"),
        process=target,
        org_unit=target.owner_unit,
        description="x",
    )
    factories.close(audit)
    info = proposal.due_state(year=year)[target.pk]
    assert info["findings"]["major"] == 1
    assert before  # the proposal works for any year


def test_approval_is_refused_while_a_due_process_is_missing(office, processes):
    year = timezone.localdate().year
    due = processes[1]
    _close_audit_of(due, year - 3, 5, office)
    programme = planning.create_programme(actor=office.quality, year=year)
    item = programme.items.get(process=due)
    planning.remove_item(actor=office.quality, item=item)
    with pytest.raises(ValidationError) as refused:
        planning.approve_programme(actor=office.quality, programme=programme, expected_version=None)
    assert str(due) in " ".join(refused.value.messages)
    # Deferring it with a justification is an answer too.
    item, _ = planning.add_item(
        actor=office.quality,
        programme=programme,
        process=due,
        org_unit=due.owner_unit,
        planned_month=12,
    )
    with pytest.raises(ValidationError) as unjustified:
        planning.update_item(
            actor=office.quality,
            item=item,
            expected_version=None,
            planned_month=12,
            org_unit=due.owner_unit,
            clauses=[],
            deferred=True,
            justification="",
        )
    assert "justification" in unjustified.value.message_dict
    planning.update_item(
        actor=office.quality,
        item=item,
        expected_version=None,
        planned_month=12,
        org_unit=due.owner_unit,
        clauses=[],
        deferred=True,
        justification="Reorganizacja wydziału; audit w styczniu przyszłego roku.",
    )
    approved = planning.approve_programme(
        actor=office.quality, programme=programme, expected_version=None
    )
    assert approved.status == Programme.Status.APPROVED


def test_editing_an_approved_programme_returns_it_to_draft(office, processes):
    year = timezone.localdate().year
    programme = planning.create_programme(actor=office.quality, year=year)
    planning.approve_programme(actor=office.quality, programme=programme, expected_version=None)
    item = programme.items.first()
    _item, again = planning.update_item(
        actor=office.quality,
        item=item,
        expected_version=None,
        planned_month=12,
        org_unit=item.org_unit,
        clauses=[],
    )
    programme.refresh_from_db()
    assert again and programme.status == Programme.Status.DRAFT and programme.approved_by is None


def test_only_the_quality_manager_changes_the_programme(office, processes):
    from ratusz.core.errors import Denied

    with pytest.raises(Denied):
        planning.create_programme(actor=office.auditor, year=2030)


def test_progress_shows_done_late_and_planned(office, processes, client_for):
    today = timezone.localdate()
    programme = planning.create_programme(actor=office.quality, year=today.year - 1)
    items = list(programme.items.order_by("planned_month"))
    first, second = items[0], items[1]
    _close_audit_of(first.process, today.year - 1, 3, office, programme_item=first, title="x")
    progress = {i.pk: i.progress for i in selectors.items_with_progress(programme, today)}
    assert progress[first.pk] == "done" and progress[second.pk] == "late"
    totals = selectors.progress_totals(selectors.items_with_progress(programme, today))
    assert totals["done"] == 1 and totals["late"] == len(items) - 1
    page = client_for(office.employee).get(f"/audits/programme/{today.year - 1}/")
    assert page.status_code == 200 and b'data-status="late"' in page.content
    planning.update_item(
        actor=office.quality,
        item=second,
        expected_version=None,
        planned_month=second.planned_month,
        org_unit=second.org_unit,
        clauses=[],
        deferred=True,
        justification="Powód",
    )
    assert ProgrammeItem.objects.get(pk=second.pk).status == "deferred"


def test_why_and_when_follows_the_readers_language(office, processes, client_for):
    year = timezone.localdate().year
    # The quality manager works in Polish; a reader in English sees English reasons.
    with translation.override("pl"):
        planning.create_programme(actor=office.quality, year=year)
    text = client_for(office.employee).get(f"/audits/programme/{year}/").content.decode()
    assert "Risk:" in text and "Ryzyko:" not in text
    polish = client_for(office.employee, language="pl").get(f"/audits/programme/{year}/")
    assert "Ryzyko:" in polish.content.decode()


def test_why_and_when_counts_an_audit_closed_after_the_programme_was_made(office, processes):
    year = timezone.localdate().year
    programme = planning.create_programme(actor=office.quality, year=year)
    item = programme.items.order_by("planned_month").first()
    before = {i.pk: i.why for i in selectors.items_with_progress(programme)}
    assert "Never audited." in before[item.pk]
    audit = _close_audit_of(item.process, year, 3, office, programme_item=item, title="x")
    after = {i.pk: i.why for i in selectors.items_with_progress(programme)}
    assert "Never audited." not in after[item.pk]
    assert date_format(audit.planned_start, "SHORT_DATE_FORMAT") in after[item.pk]


def test_the_plan_of_an_audit_from_the_programme_gives_its_reasons_in_the_readers_language(
    office, processes, client_for
):
    year = timezone.localdate().year
    with translation.override("pl"):
        programme = planning.create_programme(actor=office.quality, year=year)
    item = programme.items.first()
    page = client_for(office.quality).get(f"/audits/new/?item={item.pk}")
    text = page.content.decode()
    assert "From the audit programme" in text and "Risk:" in text and "Ryzyko" not in text
