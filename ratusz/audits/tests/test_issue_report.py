"""Issuing the audit report cannot be undone: the page asks for a tick first."""

from __future__ import annotations

from django.utils import timezone


def _close(world, office, client_for, **extra):
    audit = world.started()
    world.answer_all(audit)
    audit.refresh_from_db()
    data = {
        "version": audit.version,
        "closing_meeting": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "summary": "System działa skutecznie.",
        **extra,
    }
    response = client_for(office.auditor).post(f"/audits/{audit.pk}/close/", data)
    audit.refresh_from_db()
    return response, audit


def test_the_report_is_not_issued_without_the_tick(world, office, client_for):
    response, audit = _close(world, office, client_for)
    assert response.status_code == 400 and not audit.is_closed
    assert "cannot be undone" in response.content.decode()


def test_the_report_is_issued_once_confirmed(world, office, client_for):
    response, audit = _close(world, office, client_for, confirm="on")
    assert response.status_code == 302 and audit.is_closed
