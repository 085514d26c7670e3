"""Small builders for the public services tests, through the services."""

from __future__ import annotations

import io
from datetime import date

from ratusz.services import services

# The smallest file a PDF reader (and core's upload sniffing) takes for a PDF.
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

PUBLISHED = {
    "is_published": True,
    "outcome": "Dowód osobisty",
    "legal_basis": "Ustawa z dnia 6 sierpnia 2010 r. o dowodach osobistych",
    "where_to_apply": "Sala obsługi, pokój 12, pn.–pt. 8:00–16:00",
    "topic": "identity",
    "term": "1m",
}


def make_card(office, number="KU-SO-01", **overrides):
    fields = {"name": "Wydanie dowodu osobistego", "org_unit": office.civil}
    fields.update(overrides)
    actor = fields.pop("actor", office.quality)
    return services.create_card(actor=actor, number=number, **fields)


HEADER = (
    "case_sign;jrwa;service;unit;started_on;closed_on;term;suspended_days;delay_notice_on;outcome"
)


def import_rows(office, *rows: str, today: date = date(2026, 12, 7)):
    """Import an export of the given rows (semicolon-separated, as HEADER) as quality."""
    data = "\n".join([HEADER, *rows]).encode("utf-8")
    record = services.start_import(actor=office.quality, file_name="ezd.csv")
    return services.run_import(record=record, stream=io.BytesIO(data), today=today)
