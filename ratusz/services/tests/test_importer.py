"""Importing the case register from an EZD export: what the office's files look like."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import Workbook

from ratusz.services import figures, importer, services
from ratusz.services.models import Case, CaseFigure, CaseImport, Timeliness

TODAY = date(2026, 12, 7)
HEADER = (
    "case_sign,jrwa,service,unit,started_on,closed_on,term,suspended_days,delay_notice_on,outcome"
)


@pytest.fixture
def card(office):
    return services.create_card(
        actor=office.quality, number="KU-SO-01", name="Dowód osobisty", org_unit=office.civil
    )


def run(office, text: str | bytes, **kwargs):
    data = text.encode("utf-8") if isinstance(text, str) else text
    record = services.start_import(actor=office.quality, file_name="ezd.csv")
    return services.run_import(record=record, stream=io.BytesIO(data), today=TODAY, **kwargs)


def csv(*rows: str) -> str:
    return "\n".join([HEADER, *rows]) + "\n"


def test_cases_get_their_due_date_and_timeliness(office, card):
    result = run(
        office,
        csv(
            # 14 days from Mon 2 Mar end on Mon 16 Mar; settled on the 10th: on time.
            "SO.5340.1.2026,5340,KU-SO-01,SO,2026-03-02,2026-03-10,14d,0,,wydano",
            # 1 month from 2 Mar is 2 Apr; settled 7 Apr with a notice given 1 Apr.
            "SO.5340.2.2026,5340,KU-SO-01,SO,2026-03-02,2026-04-07,1m,0,2026-04-01,",
            # The same, but the notice came after the deadline.
            "SO.5340.3.2026,5340,KU-SO-01,SO,2026-03-02,2026-04-07,1m,0,2026-04-03,",
            # Open, due 2 Apr + 10 days not counted = 12 Apr (Sunday): 13 Apr.
            "SO.5340.4.2026,5340,,SO,2026-03-02,,1m,10,,",
            # Settled without undue delay: the same day (a Thursday).
            "SO.5340.5.2026,5340,,SO,2026-03-05,2026-03-05,immediate,,,",
        ),
    )
    assert (result.rows_read, result.created, result.updated, result.rejected) == (5, 5, 0, 0)
    cases = {c.case_sign: c for c in Case.objects.all()}
    assert cases["SO.5340.1.2026"].timeliness == Timeliness.ON_TIME
    assert cases["SO.5340.1.2026"].due_on == date(2026, 3, 16)
    assert cases["SO.5340.1.2026"].handling_days == 8
    assert cases["SO.5340.2.2026"].timeliness == Timeliness.LATE_NOTIFIED
    assert cases["SO.5340.3.2026"].timeliness == Timeliness.LATE_UNNOTIFIED
    assert cases["SO.5340.4.2026"].timeliness == Timeliness.OPEN
    assert cases["SO.5340.4.2026"].due_on == date(2026, 4, 13)
    assert cases["SO.5340.4.2026"].service is None
    assert (cases["SO.5340.5.2026"].term, cases["SO.5340.5.2026"].timeliness) == (
        "immediate",
        Timeliness.ON_TIME,
    )
    record = CaseImport.objects.get()
    assert (record.status, record.created, len(record.file_sha256)) == ("done", 5, 64)


def test_a_term_ending_on_a_holiday_moves_to_the_next_working_day(office):
    run(
        office,
        csv(
            # 7 days from Wed 4 Nov 2026 end on Wed 11 Nov, Independence Day: due Thu 12.
            "SO.1.2026,,,SO,2026-11-04,2026-11-12,7d,,,wydano",
            # 14 days from Wed 10 Dec 2025 end on Christmas Eve (a holiday since 2025),
            # then 25, 26 Dec and the weekend: due Mon 29 Dec, when it was settled.
            "SO.2.2026,,,SO,2025-12-10,2025-12-29,14d,,,wydano",
            # 2 months from Mon 15 Jun end on Sat 15 Aug (Assumption): due Mon 17 Aug,
            # so a case settled on the 18th is late.
            "SO.3.2026,,,SO,2026-06-15,2026-08-18,2m,,,wydano",
        ),
    )
    cases = {c.case_sign: c for c in Case.objects.all()}
    assert (cases["SO.1.2026"].due_on, cases["SO.1.2026"].timeliness) == (
        date(2026, 11, 12),
        Timeliness.ON_TIME,
    )
    assert (cases["SO.2.2026"].due_on, cases["SO.2.2026"].timeliness) == (
        date(2025, 12, 29),
        Timeliness.ON_TIME,
    )
    assert (cases["SO.3.2026"].due_on, cases["SO.3.2026"].timeliness) == (
        date(2026, 8, 17),
        Timeliness.LATE_UNNOTIFIED,
    )


def test_suspended_days_lengthen_the_term_and_are_not_days_taken(office):
    run(
        office,
        csv(
            # 1 month from Tue 10 Mar is Fri 10 Apr; 5 days not counted: due Wed 15 Apr.
            # Settled on the 14th: on time, in 30 days of which 5 do not count.
            "SO.1.2026,,,SO,2026-03-10,2026-04-14,1m,5,,wydano",
            # The same case without the suspension is late.
            "SO.2.2026,,,SO,2026-03-10,2026-04-14,1m,0,,wydano",
            # 14 days from Tue 20 Oct end on Tue 3 Nov; 8 days not counted reach Wed
            # 11 Nov, a holiday: due Thu 12 Nov (the shift comes after the suspension).
            "SO.3.2026,,,SO,2026-10-20,2026-11-12,14d,8,,wydano",
        ),
    )
    cases = {c.case_sign: c for c in Case.objects.all()}
    assert (cases["SO.1.2026"].due_on, cases["SO.1.2026"].timeliness) == (
        date(2026, 4, 15),
        Timeliness.ON_TIME,
    )
    assert cases["SO.1.2026"].handling_days == 30
    assert cases["SO.2.2026"].timeliness == Timeliness.LATE_UNNOTIFIED
    assert cases["SO.2.2026"].handling_days == 35
    assert (cases["SO.3.2026"].due_on, cases["SO.3.2026"].timeliness) == (
        date(2026, 11, 12),
        Timeliness.ON_TIME,
    )
    april = figures.total(first=date(2026, 4, 1), last=date(2026, 4, 1))
    assert (april.on_time, april.late_unnotified, april.days_total) == (1, 1, 65)


def test_a_delay_notice_counts_only_when_given_by_the_deadline(office):
    run(
        office,
        csv(
            # 14 days from Mon 2 Mar: due Mon 16 Mar; each settled late, on 20 Mar.
            "SO.1.2026,,,SO,2026-03-02,2026-03-20,14d,,2026-03-16,",  # on the last day
            "SO.2.2026,,,SO,2026-03-02,2026-03-20,14d,,2026-03-17,",  # a day after
            "SO.3.2026,,,SO,2026-03-02,2026-03-20,14d,,,",  # none at all
            # A notice on time for a case then settled on time changes nothing.
            "SO.4.2026,,,SO,2026-03-02,2026-03-13,14d,,2026-03-10,",
        ),
    )
    verdicts = dict(Case.objects.values_list("case_sign", "timeliness"))
    assert verdicts == {
        "SO.1.2026": Timeliness.LATE_NOTIFIED,
        "SO.2.2026": Timeliness.LATE_UNNOTIFIED,
        "SO.3.2026": Timeliness.LATE_UNNOTIFIED,
        "SO.4.2026": Timeliness.ON_TIME,
    }
    march = figures.total(first=date(2026, 3, 1), last=date(2026, 3, 1))
    assert (march.late_notified, march.late_unnotified, march.on_time) == (1, 2, 1)


def test_semicolons_bom_and_polish_dates_as_excel_saves_them(office, card):
    text = (
        "\ufeffcase_sign;unit;service;started_on;closed_on;term\r\n"
        "SO.5340.7.2026;so;ku-so-01;02.03.2026;10.03.2026;14d\r\n"
    )
    result = run(office, text.encode("utf-8"))
    assert result.created == 1
    case = Case.objects.get()
    assert (case.org_unit, case.service, case.closed_on) == (office.civil, card, date(2026, 3, 10))


def test_excel_quotes_a_field_with_semicolons_and_polish_dates_fill_every_date_column(office, card):
    text = (
        "\ufeffcase_sign;unit;service;started_on;closed_on;term;delay_notice_on;outcome\r\n"
        'SO.5340.9.2026;SO;KU-SO-01;02.03.2026;20.03.2026;14d;16.03.2026;"Decyzja; '
        'odmowa ""częściowa"""\r\n'
        "SO.5340.10.2026;SO;KU-SO-01;2.3.2026;;1m;;\r\n"
    )
    assert run(office, text.encode("utf-8")).created == 2
    case = Case.objects.get(case_sign="SO.5340.9.2026")
    assert case.outcome == 'Decyzja; odmowa "częściowa"'
    assert (case.delay_notice_on, case.timeliness) == (
        date(2026, 3, 16),
        Timeliness.LATE_NOTIFIED,
    )
    assert Case.objects.get(case_sign="SO.5340.10.2026").started_on == date(2026, 3, 2)


def test_the_same_export_imported_twice_changes_nothing(office, card):
    export = csv(
        "SO.1.2026,5340,KU-SO-01,SO,2026-03-02,2026-03-10,14d,,,wydano",
        "SO.2.2026,5340,,SO,2026-03-02,,1m,3,,",
        "SO.3.2026,5360,KU-SO-01,SO,2026-02-02,2026-04-07,1m,,2026-03-01,",
    )
    run(office, export)

    def state():
        cases = sorted(Case.objects.values_list("case_sign", "due_on", "timeliness"))
        rows = sorted(
            CaseFigure.objects.values_list(
                "month", "service_id", "jrwa", "started", "settled", "on_time", "days_total"
            ),
            key=str,
        )
        return cases, rows

    before = state()
    result = run(office, export)  # tonight's cron, with nothing new in the EZD
    assert (result.created, result.updated) == (0, 3)
    assert state() == before


def test_xlsx_exports_import_like_csv(office, card):
    book = Workbook()
    sheet = book.active
    sheet.append(["case_sign", "unit", "service", "started_on", "closed_on", "term"])
    sheet.append(["SO.5340.8.2026", "SO", "KU-SO-01", date(2026, 3, 2), date(2026, 3, 20), "14d"])
    data = io.BytesIO()
    book.save(data)
    run(office, data.getvalue())
    case = Case.objects.get()
    assert case.timeliness == Timeliness.LATE_UNNOTIFIED  # due 16 Mar


def test_other_headers_are_mapped(office):
    text = "Znak sprawy;Komórka;Data wszczęcia;Termin\nSO.1.2026;SO;2026-03-02;1m\n"
    run(
        office,
        text,
        mapping={
            "Znak sprawy": "case_sign",
            "Komórka": "unit",
            "Data wszczęcia": "started_on",
            "Termin": "term",
        },
    )
    assert Case.objects.get().case_sign == "SO.1.2026"


def test_reimporting_updates_cases_by_sign_and_their_months(office, card):
    run(office, csv("SO.1.2026,,KU-SO-01,SO,2026-03-02,,14d,,,"))
    march = date(2026, 3, 1)
    assert CaseFigure.objects.get(month=march).started == 1
    # Tomorrow's export: the case was settled in April, late.
    result = run(office, csv("SO.1.2026,,KU-SO-01,SO,2026-03-02,2026-04-02,14d,,,wydano"))
    assert (result.created, result.updated) == (0, 1)
    case = Case.objects.get()
    assert (case.timeliness, case.outcome) == (Timeliness.LATE_UNNOTIFIED, "wydano")
    april = figures.total(first=date(2026, 4, 1), last=date(2026, 4, 1))
    assert (april.settled, april.late_unnotified, april.on_time_share) == (1, 1, Decimal("0.0"))
    # A correction moves the settlement back to March: April no longer counts it.
    run(office, csv("SO.1.2026,,KU-SO-01,SO,2026-03-02,2026-03-12,14d,,,wydano"))
    assert figures.total(first=date(2026, 4, 1), last=date(2026, 4, 1)).settled == 0
    march_figures = figures.total(first=march, last=march)
    assert (march_figures.started, march_figures.on_time) == (1, 1)
    assert Case.objects.count() == 1


def test_the_same_case_twice_in_one_file_keeps_the_later_row(office):
    result = run(
        office,
        csv("SO.1.2026,,,SO,2026-03-02,,14d,,,", "SO.1.2026,,,SO,2026-03-02,2026-03-05,14d,,,"),
    )
    assert Case.objects.get().closed_on == date(2026, 3, 5)
    assert result.created == 1


def test_every_bad_row_is_reported_and_nothing_is_imported(office, card):
    with pytest.raises(importer.ImportRefused) as refused:
        run(
            office,
            csv(
                "SO.1.2026,,KU-SO-01,SO,2026-03-02,,14d,,,",
                ",,,SO,2026-03-02,,14d,,,",
                "SO.3.2026,,KU-XX-99,SO,2026-03-02,,14d,,,",
                "SO.4.2026,,,XX,2026-03-02,,14d,,,",
                "SO.5.2026,,,SO,31.02.2026,,14d,,,",
                "SO.6.2026,,,SO,2026-03-02,2026-03-01,14d,,,",
                "SO.7.2026,,,SO,2026-03-02,,2 weeks,,,",
                "SO.8.2026,,,SO,2026-03-02,,14d,-3,,",
                "SO.9.2026,,,SO,2026-03-02,,14d,,2026-02-01,",
                "SO.10.2026,,,SO,2027-03-02,,14d,,,",
            ),
        )
    bad = [(b.row, b.column) for b in refused.value.result.bad_rows]
    assert bad == [
        (3, "case_sign"),
        (4, "service"),
        (5, "unit"),
        (6, "started_on"),
        (7, "closed_on"),
        (8, "term"),
        (9, "suspended_days"),
        (10, "delay_notice_on"),
        (11, "started_on"),
    ]
    reasons = [b.reason for b in refused.value.result.bad_rows]
    assert "KU-XX-99" in reasons[1] and "XX" in reasons[2] and "31.02.2026" in reasons[3]
    assert "2 weeks" in reasons[5]
    assert Case.objects.count() == 0
    assert CaseFigure.objects.count() == 0
    record = CaseImport.objects.get()
    assert (record.status, record.rejected, record.rows_read) == ("refused", 9, 10)
    assert record.errors[0] == {
        "row": 3,
        "column": "case_sign",
        "reason": "This column is required.",
    }


def test_skip_bad_imports_the_good_rows(office):
    result = run(
        office,
        csv("SO.1.2026,,,SO,2026-03-02,,14d,,,", "SO.2.2026,,,XX,2026-03-02,,14d,,,"),
        skip_bad=True,
    )
    assert (result.created, result.rejected) == (1, 1)
    assert result.bad_rows[0].values[0] == "SO.2.2026"
    assert list(Case.objects.values_list("case_sign", flat=True)) == ["SO.1.2026"]


def test_a_file_without_the_required_columns_names_them(office):
    with pytest.raises(importer.ImportRefused) as refused:
        run(office, "case_sign,unit\nSO.1.2026,SO\n")
    assert "started_on, term" in refused.value.message
    assert CaseImport.objects.get().errors[0]["reason"] == refused.value.message


def test_an_interrupted_import_leaves_the_register_as_it_was(office, monkeypatch):
    run(office, csv("SO.0.2026,,,SO,2026-03-02,,14d,,,"))
    monkeypatch.setattr(importer, "BATCH", 2)
    rows = [f"SO.{n}.2026,,,SO,2026-03-02,2026-03-04,14d,,," for n in range(1, 8)]

    def interrupt(read: int) -> None:
        if read >= 4:  # two batches written, then Ctrl-C
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run(office, csv(*rows), progress=interrupt)
    assert list(Case.objects.values_list("case_sign", flat=True)) == ["SO.0.2026"]
    assert CaseImport.objects.filter(status="failed").count() == 1
    march = figures.total(first=date(2026, 3, 1), last=date(2026, 3, 1))
    assert (march.started, march.settled) == (1, 0)


def test_an_import_by_someone_who_may_not_is_refused(office):
    from ratusz.core.errors import Denied

    with pytest.raises(Denied):
        services.start_import(actor=office.employee, file_name="ezd.csv")


def test_the_figures_kept_by_imports_equal_a_recount_from_the_cases(office, card):
    import random

    rng = random.Random(7)

    def export(n_rows: int) -> str:
        rows = []
        for _ in range(n_rows):
            sign = f"SO.{rng.randrange(60)}.2026"  # signs repeat: updates and duplicates
            started = date(2026, rng.randrange(1, 7), rng.randrange(1, 28))
            closed = (
                ""
                if rng.random() < 0.3
                else str(started.replace(month=started.month + rng.randrange(0, 3)))
            )
            service = "KU-SO-01" if rng.random() < 0.5 else ""
            jrwa = rng.choice(["5340", "5360"])
            outcome = rng.choice(["", "Decyzja"])  # an outcome can come and go
            term = rng.choice(["14d", "1m"])
            rows.append(f"{sign},{jrwa},{service},SO,{started},{closed},{term},,,{outcome}")
        return csv(*rows)

    for _ in range(4):
        run(office, export(80))

    def snapshot():
        rows = CaseFigure.objects.values_list(
            "month", "org_unit_id", "service_id", "jrwa", "started", "settled", "on_time",
            "late_notified", "late_unnotified", "days_total", "no_outcome", "days",
        )  # fmt: skip
        return sorted(rows, key=lambda r: (r[0], r[1], r[2] or 0, r[3]))

    kept = snapshot()
    assert any(row[9] for row in kept)  # some settled cases lack an outcome
    figures.rebuild()
    assert snapshot() == kept
    assert sum(row[4] for row in kept) == Case.objects.count()

    # The pages' sums (one pass of plain values) equal adding the rollup rows up one
    # by one as model objects.
    first, last = date(2026, 1, 1), date(2026, 12, 1)
    found = figures.breakdown(first=first, last=last)
    for by in ("service_id", "org_unit_id", "jrwa", "month"):
        expected: dict = {}
        for row in figures.rows(first=first, last=last):
            expected.setdefault(getattr(row, by), figures.Figures()).add(row)
        got = {"service_id": found.by_service, "org_unit_id": found.by_unit,
               "jrwa": found.by_jrwa, "month": found.by_month}[by]  # fmt: skip
        assert got == expected, by
        assert figures.grouped(by, first=first, last=last) == expected, by
    everything = figures.Figures()
    for row in figures.rows(first=first, last=last):
        everything.add(row)
    assert found.total == figures.total(first=first, last=last) == everything
    assert found.total.p90_days is not None


def test_imports_are_numbered(office):
    run(office, csv("SO.1.2026,,,SO,2026-03-02,,14d,,,"))
    run(office, csv("SO.2.2026,,,SO,2026-03-02,,14d,,,"))
    assert list(CaseImport.objects.order_by("started_at").values_list("number", flat=True)) == [
        1,
        2,
    ]
