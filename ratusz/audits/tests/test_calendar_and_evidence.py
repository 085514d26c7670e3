"""My audits in my calendar; programmes and reports in the evidence pack."""

from __future__ import annotations

from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from ratusz.audits import planning
from ratusz.audits.evidence import items
from ratusz.core import calendar
from ratusz.core.plugins import EvidenceGap, EvidenceItem


def test_my_feed_holds_the_audits_i_lead_but_not_others(world):
    audit = world.plan()
    token = calendar.feed_token(world.office.auditor)
    body = Client().get(f"/calendar/{token}/mine.ics").content
    events = list(Calendar.from_ical(body).walk("VEVENT"))
    (event,) = [e for e in events if str(e["uid"]).startswith(f"audit-{audit.pk}@")]
    assert event.decoded("dtstart") == audit.planned_start
    assert audit.reference in str(event["summary"])
    other = calendar.feed_token(world.office.employee)
    assert audit.reference.encode() not in Client().get(f"/calendar/{other}/mine.ics").content


def test_the_pack_lists_the_programme_and_the_reports_of_closed_audits(world):
    today = timezone.localdate()
    assert [type(i) for i in items(today)] == [
        EvidenceGap
    ]  # no programme yet: said so in the index
    planning.create_programme(actor=world.office.quality, year=today.year)
    audit = world.closed()
    world.plan(title="Audyt zaplanowany")
    entries = items(today)
    assert all(isinstance(e, EvidenceItem) and e.clause == "9.2" for e in entries)
    paths = [e.path for e in entries]
    assert f"audits/programme-{today.year}.pdf" in paths
    assert f"audits/{audit.reference.replace('/', '-')}.pdf" in paths
    assert len(paths) == 2  # the planned audit has no report yet
    assert entries[1].render().startswith(b"%PDF")


def test_my_feed_keeps_the_audits_i_closed_this_year(world):
    audit = world.closed()
    token = calendar.feed_token(world.office.auditor)

    body = Client().get(f"/calendar/{token}/mine.ics").content

    assert audit.reference.encode() in body
