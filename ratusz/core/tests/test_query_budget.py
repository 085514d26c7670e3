"""List pages and the dashboard run a fixed number of queries, whatever the row count."""

from __future__ import annotations

import pytest


def add_actions(office, n):
    for i in range(n):
        office.action(title=f"Action {i}", owner=office.employee if i % 2 else office.colleague)


@pytest.mark.parametrize(
    ("path", "budget"),
    [
        # session, user, roles, (actions: count + page), units and owners for the
        # filter form, unread notifications count, office
        ("/actions/", 10),
        ("/actions/?status=all", 10),
        # session, user, roles, counts, my actions, unit overdue, activity, unread,
        # certificate, next audit, readiness, office; no certificate here, so the
        # initial certification plan: stage audits, any certificate; documents card:
        # to read, to review, to approve, my overdue reviews, my unit;
        # nonconformities card: counts; audits card: my audits, reports to
        # acknowledge, units I run, programme; risks card: counts; objectives card:
        # this year's KPIs; suppliers card; services card: open cases by unit; feedback
        # card: counts, missed without notice; surveys card: the open survey; reviews
        # card: next, last held, overdue; competence card: expiring records, trainings
        # to evaluate (and, for other staff than the quality manager, whether they
        # hold the HR permission: their own and their groups')
        ("/", 44),
        ("/api/v1/actions/", 6),
    ],
)
def test_list_queries_do_not_grow_with_rows(
    office, client_for, django_assert_max_num_queries, path, budget
):
    client = client_for(office.quality)
    add_actions(office, 3)
    with django_assert_max_num_queries(budget):
        small = client.get(path)
    add_actions(office, 40)
    with django_assert_max_num_queries(budget):
        large = client.get(path)
    assert small.status_code == large.status_code == 200


def test_the_org_unit_page_queries_do_not_grow_with_staff(
    office, client_for, django_assert_max_num_queries
):
    client = client_for(office.quality)
    with django_assert_max_num_queries(9):
        client.get(f"/organisation/{office.civil.pk}/")
    for i in range(15):
        office.person(f"extra{i}", office.civil, "employee")
    with django_assert_max_num_queries(9):
        client.get(f"/organisation/{office.civil.pk}/")
