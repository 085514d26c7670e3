"""`ratusz bench_import`: the import beside the driver's own bulk insert, nothing kept."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from ratusz.services.models import Case, CaseFigure


def test_it_reports_both_rates_and_leaves_the_register_as_it_was(office, tmp_path):
    out = StringIO()
    report = tmp_path / "import.md"

    call_command("bench_import", rows=300, output=str(report), stdout=out)

    text = report.read_text(encoding="utf-8")
    assert "| `ratusz import_cases` |" in text
    assert "| raw driver," in text
    assert "ratio (target ≥ 0.50)" in text
    assert "monthly figures recounted from all 0 cases held" in text
    assert Case.objects.count() == 0
    assert CaseFigure.objects.count() == 0
