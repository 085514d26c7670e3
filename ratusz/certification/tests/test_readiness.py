"""Readiness rules: each one green when the evidence is current, red (or amber) when not."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from ratusz.audits import planning as audits
from ratusz.audits.tests import factories as audit_factories
from ratusz.certification import readiness
from ratusz.certification.models import ReadinessSnapshot
from ratusz.core.models import Office
from ratusz.core.plugins import GREEN, ReadinessRule, Verdict, area_modules
from ratusz.core.services import set_clause_applicability
from ratusz.core.tests.factories import appoint_head, clause
from ratusz.documents import services as documents
from ratusz.documents.models import Document
from ratusz.documents.tests.factories import bring_into_force, confirm_read, make_document
from ratusz.improvement.models import Idea, Nonconformity
from ratusz.improvement.services import raise_nonconformity, submit_idea
from ratusz.processes.services import update_process
from ratusz.processes.tests.factories import make_process

TODAY = date(2026, 11, 24)


def _rule(number: str):
    return next(rule for rule in readiness.rules() if rule.clause == number)


def _verdict(number: str, today: date = TODAY):
    rule = _rule(number)
    return rule.check(today, rule.params)


def _process(office, code="P1", **overrides):
    """A process with no clauses and, unless given, no owner."""
    fields = {"name": "Dowody", "owner": None, "description": "", "clauses": []}
    fields.update(overrides)
    return make_process(office, code=code, **fields)


def _exclude_design(office):
    set_clause_applicability(
        actor=office.quality, clause=clause("8.3"), applicable=False, justification="Nie dotyczy."
    )


# --- 4.3 scope ---------------------------------------------------------------


def test_scope_is_red_without_a_written_scope(office):
    assert _verdict("4.3").state == readiness.RED


def test_scope_is_amber_while_exclusions_are_not_explained_in_the_scope(office):
    # ORM: the office's own record is kept in the admin; no service writes it.
    office_record = Office.objects.create(pk=1, name="Urząd", qms_scope="Usługi publiczne")
    assert _verdict("4.3").state == readiness.GREEN
    _exclude_design(office)
    assert _verdict("4.3").state == readiness.AMBER
    office_record.scope_justification = "Usługi określają przepisy prawa."
    office_record.save()  # kept in the admin, like its creation above
    assert _verdict("4.3").state == readiness.GREEN


# --- 4.4 processes -------------------------------------------------------------


def test_processes_red_when_none_amber_without_owner_green_with_owners(office):
    assert _verdict("4.4").state == readiness.RED
    process = _process(office)
    assert _verdict("4.4").state == readiness.AMBER
    update_process(actor=office.quality, process=process, expected_version=None, owner=office.owner)
    assert _verdict("4.4").state == readiness.GREEN


# --- 5.2 policy -----------------------------------------------------------------


def _policy_in_force(office) -> Document:
    policy = make_document(
        office,
        "Polityka jakości",
        "Polityka.",
        actor=office.quality,
        doc_type="policy",
        owner_unit=office.qms,
        owner=office.quality,
    )
    bring_into_force(office, policy, author=office.quality, reviewer=office.owner)
    documents.set_distribution(
        actor=office.quality, document=policy, units=[office.civil], roles=[]
    )
    policy.refresh_from_db()
    return policy


def test_policy_red_without_one_amber_until_read_green_when_acknowledged(office):
    assert _verdict("5.2").state == readiness.RED
    policy = _policy_in_force(office)
    verdict = _verdict("5.2")
    assert verdict.state == readiness.AMBER
    assert verdict.fix_url == f"/documents/{policy.pk}/distribution/"
    for person in (office.owner, office.employee, office.colleague):
        confirm_read(person, policy.current_version)
    assert _verdict("5.2").state == readiness.GREEN


# --- 5.3 heads of units ------------------------------------------------------------


def test_roles_amber_while_a_unit_has_no_head(office):
    assert _verdict("5.3").state == readiness.AMBER
    for unit in (office.root, office.qms, office.civil, office.civil_desk, office.transport):
        appoint_head(unit, office.mayor)
    appoint_head(office.finance, office.auditor)
    assert _verdict("5.3").state == readiness.GREEN


# --- 7.2 auditors --------------------------------------------------------------------


def test_auditors_red_below_two_amber_with_old_training_green_when_trained(office):
    assert _verdict("7.2").state == readiness.RED
    audit_factories.auditor(office, office.auditor, trained_on=TODAY - timedelta(days=100))
    audit_factories.auditor(office, office.owner, trained_on=date(2020, 1, 10))
    assert _verdict("7.2").state == readiness.AMBER
    audit_factories.auditor(office, office.owner, trained_on=date(2025, 3, 1))
    assert _verdict("7.2").state == readiness.GREEN


# --- 7.5 documents ---------------------------------------------------------------------


def test_documents_past_review_amber_then_red(office):
    policy = _policy_in_force(office)
    assert _verdict("7.5").state == readiness.GREEN
    # The passing of time: the review date is a day gone.
    Document.objects.filter(pk=policy.pk).update(next_review_date=TODAY - timedelta(days=1))
    assert _verdict("7.5").state == readiness.AMBER
    rule = _rule("7.5")
    assert rule.check(TODAY, {"amber_up_to": 0}).state == readiness.RED


# --- 9.2 programme ------------------------------------------------------------------------


def test_programme_red_when_missing_or_unapproved_amber_when_late_green_on_schedule(office):
    assert _verdict("9.2").state == readiness.RED
    programme = audits.create_programme(actor=office.quality, year=2026)
    assert "not approved" in _verdict("9.2").reason
    # The item first: a change to an approved programme sends it back to draft.
    item, _draft = audits.add_item(
        actor=office.quality, programme=programme, org_unit=office.civil, planned_month=3
    )
    audits.approve_programme(actor=office.quality, programme=programme, expected_version=None)
    assert _verdict("9.2").state == readiness.AMBER
    audit_factories.auditor(office, office.auditor)
    audit_factories.question(office, "Czy karty usług są aktualne?", clause=clause("8.5.1"))
    audit = audit_factories.plan(
        office,
        programme_item=item,
        title="Audyt",
        objectives="o",
        scope="s",
        criteria="c",
        clauses=[clause("8.5.1")],
        planned_start=date(2026, 3, 10),
        planned_end=date(2026, 3, 11),
    )
    audit_factories.close(audit_factories.start(audit))
    assert _verdict("9.2").state == readiness.GREEN


# --- 10.2 nonconformities --------------------------------------------------------------------


def _nc(office, **kwargs):
    return raise_nonconformity(
        actor=office.quality,
        title="Brak rejestru",
        description="Opis",
        source="process_monitoring",
        org_unit=office.civil,
        clause=clause("8.5.1"),
        **{"grade": "minor", **kwargs},
    )


def test_nonconformities_green_on_time_amber_late_red_when_a_major_is_late(office):
    _nc(office, target_date=TODAY + timedelta(days=10), detected_on=TODAY)
    assert _verdict("10.2").state == readiness.GREEN
    _nc(office, target_date=TODAY - timedelta(days=1), detected_on=TODAY - timedelta(days=30))
    assert _verdict("10.2").state == readiness.AMBER
    _nc(
        office,
        grade=Nonconformity.Grade.MAJOR,
        target_date=TODAY - timedelta(days=1),
        detected_on=TODAY - timedelta(days=30),
    )
    assert _verdict("10.2").state == readiness.RED


# --- 8.7 corrections ---------------------------------------------------------------------------


def test_corrections_amber_while_an_open_nonconformity_waits_without_one(office):
    from ratusz.improvement.services import record_correction

    nc = _nc(office, detected_on=TODAY - timedelta(days=20), target_date=TODAY)
    assert _verdict("8.7").state == readiness.AMBER
    record_correction(
        actor=office.quality, nc=nc, expected_version=nc.version, correction="Poprawiono wpis."
    )
    assert _verdict("8.7").state == readiness.GREEN


# --- 10.3 ideas -------------------------------------------------------------------------------


def test_ideas_amber_when_one_waits_too_long(office):
    assert _verdict("10.3").state == readiness.GREEN
    idea = submit_idea(actor=office.employee, title="Kolejka online", description="Opis")
    # The passing of time: the idea was submitted 90 days ago.
    Idea.objects.filter(pk=idea.pk).update(created_at=timezone.now() - timedelta(days=90))
    assert _verdict("10.3", timezone.localdate()).state == readiness.AMBER


# --- the whole view ------------------------------------------------------------------------------


def test_uncovered_clauses_say_so_and_do_not_count(office):
    result = readiness.assess(TODAY)
    states = {row.clause.number: row.state for row in result.clauses}
    # Design and development is applicable unless the office excludes it, and no
    # area checks it.
    assert states["8.3"] == readiness.NOT_COVERED
    assert states["10.1"] == readiness.NOT_COVERED
    covered = [row for row in result.clauses if row.state != readiness.NOT_COVERED]
    assert len(covered) == len({rule.clause for rule in readiness.rules()})


def test_each_area_checks_its_own_clauses(db):
    by_area = {
        label: sorted(rule.clause for rule in module.RULES)
        for label, module in area_modules("readiness")
    }
    assert by_area == {
        "processes": ["4.4"],
        "documents": ["5.2", "7.5"],
        "improvement": ["10.2", "10.3", "8.7"],
        "audits": ["7.2", "9.2"],
        "certification": ["4.3", "5.3"],  # the clauses core owns: scope and roles
        "context": ["4.1", "4.2", "5.1"],
        "risks": ["6.1", "6.3"],
        "objectives": ["6.2", "9.1"],
        "suppliers": ["8.4", "8.4", "8.4", "8.4"],
        "feedback": ["8.2", "9.1"],
        "services": ["8.1", "8.2", "8.5", "8.6"],
        "surveys": ["9.1"],
        "competence": ["7.1", "7.1", "7.2", "7.2", "7.3", "7.4", "9.1"],
        "reviews": ["5.1", "9.3", "9.3"],
    }


def test_a_rule_a_new_area_adds_is_assessed(office, monkeypatch):
    found = Verdict(GREEN, "Every process has an assessed risk.")
    rule = ReadinessRule("6.1", "Risks assessed", lambda today, params: found)
    real = [(label, module) for label, module in area_modules("readiness") if label != "risks"]
    fake = ("risks", SimpleNamespace(RULES=[rule]))
    monkeypatch.setattr(readiness, "area_modules", lambda name: iter([*real, fake]))
    (row,) = [row for row in readiness.assess(TODAY).clauses if row.clause.number == "6.1"]
    assert row.state == GREEN
    assert row.evidence == "Risks assessed"
    assert row.reasons == [found]


def test_an_excluded_clause_is_not_listed(office):
    _exclude_design(office)
    numbers = [row.clause.number for row in readiness.assess(TODAY).clauses]
    assert "8.3" not in numbers


def test_one_figure_per_week_the_latest_wins(office):
    monday = date(2026, 11, 23)
    readiness.record_week(readiness.assess(monday))
    _process(office, owner=office.owner)
    later = readiness.assess(monday + timedelta(days=3))
    readiness.record_week(later)
    (snapshot,) = ReadinessSnapshot.objects.all()
    assert snapshot.week_start == monday
    assert snapshot.score == later.score


def test_the_readiness_page_shows_each_clause_with_a_way_to_fix_it(office, client_for):
    page = client_for(office.quality).get("/certification/readiness/").content.decode()
    assert 'id="clause-4.4" data-state="red"' in page
    assert 'href="/processes/"' in page
    assert "Not covered by Ratusz yet" in page


@pytest.mark.parametrize("rows", [1, 12])
def test_readiness_queries_do_not_grow_with_data(
    office, client_for, rows, django_assert_max_num_queries
):
    for i in range(rows):
        _nc(office, target_date=TODAY + timedelta(days=10), detected_on=TODAY)
        _process(office, code=f"P{i}", name="Proces")
    # Each area's rules ask a fixed number of queries (77 with fifteen areas and the
    # leadership rule; competence asks up to twelve when its registers hold rows).
    with django_assert_max_num_queries(84):
        client_for(office.quality).get("/certification/readiness/")


def test_the_api_gives_each_clause_its_state_and_the_score(office):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(office.owner)
    body = client.get("/api/v1/readiness/").json()
    clauses = {row["clause"]: row for row in body["clauses"]}
    assert clauses["4.4"]["state"] == "red"
    assert clauses["4.4"]["reasons"][0]["fix_url"] == "/processes/"
    assert clauses["8.3"]["state"] == "not_covered"
    assert body["score"] == readiness.assess().score


def test_fix_it_links_show_only_to_those_they_open_for(office, client_for):
    year = timezone.localdate().year
    programme = f'href="/audits/programme/{year}/"'
    assert programme in client_for(office.quality).get("/certification/readiness/").content.decode()
    page = client_for(office.employee).get("/certification/readiness/").content.decode()
    assert programme not in page and 'href="/processes/">Fix it' not in page
    assert client_for(office.employee).get(f"/audits/programme/{year}/").status_code == 200
