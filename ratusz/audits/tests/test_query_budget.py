"""List pages answer in a number of queries that does not grow with the rows."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ratusz.audits import planning, services
from ratusz.audits.tests import factories
from ratusz.core.models import Role
from ratusz.processes.tests.factories import make_process


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _more_audits(world, n):
    today = timezone.localdate()
    for i in range(n):
        world.plan(
            title=f"Audit {i}",
            planned_start=today + timedelta(days=i),
            planned_end=today + timedelta(days=i),
        )


def test_the_audit_list_has_a_fixed_query_budget(
    world, office, client_for, django_assert_max_num_queries
):
    client = client_for(office.employee)
    _more_audits(world, 2)
    few = _queries(client, "/audits/")
    _more_audits(world, 8)
    # session, user, roles, filter selects (units, processes, auditors), count, page,
    # prefetched units, plus the shell (office, notifications)
    with django_assert_max_num_queries(few):
        client.get("/audits/")
    assert few <= 14


def test_the_programme_page_has_a_fixed_query_budget(
    world, office, client_for, django_assert_max_num_queries
):
    year = timezone.localdate().year
    planning.create_programme(actor=office.quality, year=year)
    client = client_for(office.quality)
    few = _queries(client, f"/audits/programme/{year}/")
    for i in range(6):
        make_process(
            office,
            code=f"X{i}",
            name=f"X{i}",
            owner_unit=office.finance,
            owner=None,
            risk=3,
            description="",
            clauses=[],
        )
    planning.create_programme(actor=office.quality, year=year + 1)
    with django_assert_max_num_queries(few):
        client.get(f"/audits/programme/{year + 1}/")


def test_the_auditor_pool_has_a_fixed_query_budget(
    world, office, client_for, django_assert_max_num_queries
):
    client = client_for(office.employee)
    few = _queries(client, "/audits/auditors/")
    for i in range(5):
        user = office.person(f"aud{i}", office.finance, Role.INTERNAL_AUDITOR)
        factories.auditor(office, user, trained_on=timezone.localdate(), can_lead=False)
    _more_audits(world, 3)
    with django_assert_max_num_queries(few):
        client.get("/audits/auditors/")


def test_the_audit_page_has_a_fixed_query_budget(
    world, office, client_for, django_assert_max_num_queries
):
    audit = world.started()
    client = client_for(office.auditor)
    few = _queries(client, f"/audits/{audit.pk}/")
    for i in range(6):
        services.add_question(actor=office.auditor, audit=audit, question=f"Pytanie {i}?")
    with django_assert_max_num_queries(few):
        client.get(f"/audits/{audit.pk}/")
