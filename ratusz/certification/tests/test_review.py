"""External audits and the certificate as a management review input (9.3.2 c6)."""

from __future__ import annotations

from datetime import date

from ratusz.certification import review
from ratusz.certification.tests import factories


def test_external_audits_of_the_period_and_the_certificate_in_force(office):
    cert = factories.certificate(factories.body())
    factories.audit(cert)  # 18–19 November 2024
    factories.audit(cert, start_date=date(2025, 11, 17), end_date=date(2025, 11, 18))
    [entry] = review.inputs(date(2025, 1, 1), date(2025, 12, 31))
    figures = {f.label: (f.value, f.previous) for f in entry.figures}
    assert figures["External audits done"] == ("1", "1")
    assert "JC/2023/1" in entry.summary and "15/12/2026" in entry.summary
