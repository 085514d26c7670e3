"""The whole checklist is answered in one save: every changed answer, or none."""

from __future__ import annotations

from ratusz.audits.models import ChecklistItem


def _items(audit) -> list[ChecklistItem]:
    return list(audit.checklist.order_by("position"))


def test_the_auditor_answers_every_question_in_one_save(world, office, client_for, form_on_page):
    audit = world.started()
    url = f"/audits/{audit.pk}/checklist/"
    client = client_for(office.auditor)
    posted = form_on_page(client.get(audit.get_absolute_url()), url)
    items = _items(audit)
    assert len(items) >= 3
    for item in items:
        posted[f"q{item.pk}-answer"] = ["conforms"]
        posted[f"q{item.pk}-evidence"] = [f"Sprawdzono {item.position}"]

    response = client.post(url, posted, follow=True)

    assert f"{len(items)} answers saved." in response.content.decode()
    for item in _items(audit):
        assert (item.answer, item.evidence) == ("conforms", f"Sprawdzono {item.position}")
        assert item.answered_by == office.auditor


def test_one_refused_answer_saves_none_and_keeps_what_was_typed(
    world, office, client_for, form_on_page
):
    audit = world.started()
    url = f"/audits/{audit.pk}/checklist/"
    client = client_for(office.auditor)
    posted = form_on_page(client.get(audit.get_absolute_url()), url)
    first, second = _items(audit)[:2]
    posted[f"q{first.pk}-answer"] = ["conforms"]
    posted[f"q{first.pk}-evidence"] = ["Karty usług aktualne"]
    posted[f"q{second.pk}-answer"] = ["nonconforms"]  # a nonconformity needs its evidence
    posted[f"q{second.pk}-evidence"] = [""]

    response = client.post(url, posted)

    assert response.status_code == 400
    page = response.content.decode()
    assert "Write down the evidence behind a nonconformity" in page
    assert "Karty usług aktualne" in page  # what was typed stays
    assert [item.answer for item in _items(audit)[:2]] == ["", ""]  # nothing half-saved


def test_questions_left_blank_stay_unanswered(world, office, client_for, form_on_page):
    audit = world.started()
    url = f"/audits/{audit.pk}/checklist/"
    client = client_for(office.auditor)
    posted = form_on_page(client.get(audit.get_absolute_url()), url)
    first = _items(audit)[0]
    posted[f"q{first.pk}-answer"] = ["observation"]
    posted[f"q{first.pk}-evidence"] = ["Brak daty na karcie"]

    assert client.post(url, posted).status_code == 302

    answers = [item.answer for item in _items(audit)]
    assert answers[0] == "observation" and set(answers[1:]) == {""}


def test_only_the_audit_team_saves_the_checklist(world, office, client_for):
    audit = world.started()

    response = client_for(office.employee).post(f"/audits/{audit.pk}/checklist/", {})

    assert response.status_code in (403, 404)
