"""What the audit pages say when a step is refused: once, and in the reader's words."""

from __future__ import annotations


def test_closing_with_open_questions_says_so_once(world, office, client_for):
    audit = world.started()
    client = client_for(office.auditor)
    response = client.post(
        f"/audits/{audit.pk}/close/",
        {
            "version": audit.version,
            "closing_meeting": "2026-12-20T10:00",
            "summary": "Wnioski.",
            "confirm": "on",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert page.count("checklist questions are not answered yet") == 1


def test_an_invalid_date_comes_back_as_typed(world, office, client_for):
    audit = world.started()
    response = client_for(office.auditor).post(
        f"/audits/{audit.pk}/close/",
        {"version": audit.version, "closing_meeting": "20.13.2026 10:00", "summary": "Wnioski."},
    )
    page = response.content.decode()
    assert 'value="20.13.2026 10:00"' in page
    assert 'type="text" name="closing_meeting"' in page
