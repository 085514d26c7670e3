"""The nightly command: `ratusz import_cases FILE`."""

from __future__ import annotations

import csv
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from ratusz.services.models import Case, CaseImport


def run(*args):
    out = StringIO()
    err = StringIO()
    call_command("import_cases", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_command_imports_and_reimports(office, tmp_path):
    export = tmp_path / "ezd.csv"
    # As Excel saves "CSV UTF-8": a BOM, semicolons, Windows line ends, Polish dates.
    export.write_text(
        "case_sign;unit;started_on;closed_on;term\r\nSO.1.2026;SO;02.03.2026;;14d\r\n",
        "utf-8-sig",
    )
    out, _ = run(str(export))
    assert "1 rows read" in out and "1 cases added" in out
    export.write_text(
        "case_sign;unit;started_on;closed_on;term\nSO.1.2026;SO;2026-03-02;2026-03-05;14d\n",
        "utf-8",
    )
    out, _ = run(str(export))
    assert "0 cases added, 1 updated" in out
    assert Case.objects.get().closed_on.isoformat() == "2026-03-05"
    assert CaseImport.objects.filter(status="done", started_by=None).count() == 2


def test_bad_rows_are_listed_and_nothing_is_imported(office, tmp_path):
    export = tmp_path / "ezd.csv"
    export.write_text(
        "case_sign,unit,started_on,term\nSO.1.2026,SO,2026-03-02,14d\nSO.2.2026,XX,2026-03-02,14d\n",
        "utf-8",
    )
    with pytest.raises(CommandError, match="1 rows are bad"):
        run(str(export))
    assert Case.objects.count() == 0


def test_skip_bad_writes_the_rejected_rows_with_reasons(office, tmp_path):
    export = tmp_path / "ezd.csv"
    export.write_text(
        "case_sign,unit,started_on,term\nSO.1.2026,SO,2026-03-02,14d\nSO.2.2026,XX,2026-03-02,14d\n",
        "utf-8",
    )
    out, _ = run(str(export), "--skip-bad")
    assert "1 cases added, 0 updated, 1 rejected" in out
    with (tmp_path / "ezd.csv.rejected.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.reader(f, delimiter=";"))
    assert rows[1][:3] == ["3", "unit", "No org unit has the code “XX”."]
    assert rows[1][3] == "SO.2.2026"


def test_map_renames_headers_and_refuses_unknown_columns(office, tmp_path):
    export = tmp_path / "ezd.csv"
    export.write_text("Znak;Komórka;Wszczęto;Termin\nSO.1.2026;SO;02.03.2026;1m\n", "utf-8")
    run(
        str(export),
        "--map", "Znak=case_sign", "--map", "Komórka=unit",
        "--map", "Wszczęto=started_on", "--map", "Termin=term",
    )  # fmt: skip
    assert Case.objects.get().case_sign == "SO.1.2026"
    with pytest.raises(CommandError, match="not a column"):
        run(str(export), "--map", "Znak=sign")


def test_rebuild_recounts_the_figures_from_the_cases(office, tmp_path):
    from ratusz.services.models import CaseFigure

    export = tmp_path / "ezd.csv"
    export.write_text(
        "case_sign;unit;started_on;closed_on;term\nSO.1;SO;2026-03-02;2026-03-04;14d\n", "utf-8"
    )
    run(str(export))
    CaseFigure.objects.update(on_time=0)  # a damaged rollup
    out = StringIO()
    call_command("rebuild_case_figures", stdout=out)
    assert "1 monthly rows recounted" in out.getvalue()
    assert CaseFigure.objects.get().on_time == 1
