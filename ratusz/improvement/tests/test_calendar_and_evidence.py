"""My nonconformities' target dates in my calendar; the register in the evidence pack."""

from __future__ import annotations

import io
from datetime import timedelta

from django.test import Client
from django.utils import timezone
from icalendar import Calendar
from pypdf import PdfReader

from ratusz.core import calendar
from ratusz.improvement.evidence import items
from ratusz.improvement.tests import factories


def test_my_feed_holds_the_target_dates_of_my_open_nonconformities(office):
    nc = factories.open_nc(office)
    token = calendar.feed_token(office.owner)
    parsed = Calendar.from_ical(Client().get(f"/calendar/{token}/mine.ics").content)
    (event,) = [e for e in parsed.walk("VEVENT") if nc.reference in str(e["summary"])]
    assert event.decoded("dtstart") == nc.target_date
    other = calendar.feed_token(office.colleague)
    assert nc.reference.encode() not in Client().get(f"/calendar/{other}/mine.ics").content


def test_the_pack_lists_open_nonconformities_but_not_untriaged_reports(office):
    accepted = factories.open_nc(office, title="Zły adres w dowodzie")
    factories.report(office, title="Zgłoszenie jeszcze nieocenione")
    (item,) = items(timezone.localdate() + timedelta(days=1))
    assert item.clause == "10.2"
    pages = PdfReader(io.BytesIO(item.render())).pages
    text = "".join("".join(page.extract_text().split()) for page in pages)  # cells wrap
    assert accepted.reference in text
    assert "nieocenione" not in text and "Zgłoszenie" not in text


def test_the_nonconformities_pdf_is_landscape_and_keeps_every_column_header_whole(office):
    factories.open_nc(office, title="Zły adres w dowodzie")
    (item,) = items(timezone.localdate() + timedelta(days=1))
    pages = PdfReader(io.BytesIO(item.render())).pages
    assert all(page.mediabox.width > page.mediabox.height for page in pages)
    words = set(pages[0].extract_text().split())
    for header in ("Reference", "Nonconformity", "Source", "Unit", "Status", "Effectiveness"):
        assert header in words, header
