"""The residents' page of public investments: no sign-in, only what the office marked public."""

from __future__ import annotations

import csv

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from ratusz.core.listing import paginate
from ratusz.suppliers import selectors

PER_PAGE = 50


def investments(request: HttpRequest) -> HttpResponse:
    page, _query = paginate(request, selectors.public_contracts(), PER_PAGE)
    return render(request, "suppliers/public_investments.html", {"page": page, "rows": page})


def _money(grosze: int) -> str:
    return f"{grosze // 100}.{grosze % 100:02d}"


def _cell(text: str) -> str:
    """Text a spreadsheet would run as a formula is kept as text."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def investments_csv(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="investments.csv"'
    response.write("\ufeff")  # spreadsheets open UTF-8 with Polish letters correctly
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Contract number"),
            _("Subject"),
            _("Contractor"),
            _("Value gross (zł)"),
            _("Planned completion"),
            _("Current completion"),
            _("Days late"),
            _("Penalties due (zł)"),
            _("Penalties charged (zł)"),
            _("Penalties waived (zł)"),
            _("Status"),
            _("Last update"),
        ]
    )
    for c in selectors.public_contracts():
        writer.writerow(
            [
                c.reference,
                _cell(c.subject),
                _cell(c.contractor.name),
                _money(c.value_gross),
                c.planned_completion.isoformat(),
                c.current_completion.isoformat(),
                c.days_late,
                _money(c.penalties_due),
                _money(c.penalties_charged),
                _money(c.penalties_waived),
                c.get_status_display(),
                c.updated_at.date().isoformat(),
            ]
        )
    return response
