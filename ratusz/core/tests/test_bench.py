"""`ratusz bench`: which pages it measures, and the floor it measures each against."""

from __future__ import annotations

from django.db import connection

from ratusz.core import bench


def test_only_keeps_the_pages_named_or_whose_path_matches(office):
    office.action(title="One to show", owner=office.employee)

    by_name = bench.resolve_pages(["dashboard"])
    by_path = bench.resolve_pages(["/api/v1/actions"])

    assert [page.path for page in by_name] == ["/"]
    assert [page.name for page in by_path] == ["API action list"]
    assert len(bench.resolve_pages()) > len(bench.resolve_pages(["action tracker"])) > 1


def test_a_page_is_measured_beside_its_own_read_queries(office):
    for n in range(3):
        office.action(title=f"Action {n}", owner=office.employee)
    page = bench.Page(name="Action tracker", path="/actions/?status=all", budget_ms=100)

    bench.count_queries([page], office.quality)

    assert page.queries >= len(page.reads) > 0
    assert all(sql.lstrip().upper().startswith(("SELECT", "WITH")) for sql, _ in page.reads)
    assert any("core_action" in sql for sql, _ in page.reads)
    # The floor is the same queries alone: never more than the whole page.
    assert 0 < page.sql_ms <= page.single_ms


def test_the_queries_alone_are_replayed_and_fetched(db):
    seen = []

    def count(execute, sql, params, many, context):
        seen.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        bench.sql_alone_ms([("SELECT %s", (1,)), ("SELECT %s", (2,))], repeats=3)

    assert len(seen) == 6
