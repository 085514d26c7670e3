"""After "someone else saved this first", the user's text stays and saving again works."""

from __future__ import annotations

from ratusz.core import services
from ratusz.core.models import Action, Clause


def test_after_a_conflict_on_an_action_saving_again_succeeds_and_keeps_my_text(
    office, client_for, form_on_page
):
    action = office.action()
    client = client_for(office.quality)
    page = client.get(f"/actions/{action.pk}/edit/")
    mine = form_on_page(page)
    services.update_action(
        actor=office.owner, action=action, expected_version=1, title="Tytuł kolegi"
    )

    mine["title"] = ["Mój tytuł"]
    conflict = client.post(f"/actions/{action.pk}/edit/", mine)

    assert conflict.status_code == 200
    assert "Someone else saved this record" in conflict.content.decode()
    assert "Tytuł kolegi" in conflict.content.decode()  # what is saved now, to compare
    again = form_on_page(conflict)
    assert again["title"] == ["Mój tytuł"]
    assert again["version"] == ["2"] != mine["version"]
    assert client.post(f"/actions/{action.pk}/edit/", again).status_code == 302
    assert Action.objects.get(pk=action.pk).title == "Mój tytuł"


def test_after_a_conflict_on_an_action_step_doing_it_again_succeeds(
    office, client_for, form_on_page
):
    action = office.action()
    client = client_for(office.employee)
    page = client.get(f"/actions/{action.pk}/")
    mine = form_on_page(page, f"/actions/{action.pk}/complete/")
    services.update_action(
        actor=office.owner, action=action, expected_version=1, title="Zmieniony tytuł"
    )

    mine["completion_evidence"] = ["Protokół w teczce SO.0121"]
    conflict = client.post(f"/actions/{action.pk}/complete/", mine)

    assert conflict.status_code == 400
    assert "Someone else saved this record" in conflict.content.decode()
    again = form_on_page(conflict, f"/actions/{action.pk}/complete/")
    assert again["completion_evidence"] == ["Protokół w teczce SO.0121"]
    assert client.post(f"/actions/{action.pk}/complete/", again).status_code == 302
    assert Action.objects.get(pk=action.pk).status == Action.Status.DONE


def test_after_a_conflict_on_a_clause_saving_again_succeeds(office, client_for, form_on_page):
    clause = Clause.objects.get(number="8.3")
    client = client_for(office.quality)
    page = client.get(f"/clauses/{clause.pk}/")
    mine = form_on_page(page)
    services.set_clause_applicability(
        actor=office.quality,
        clause=clause,
        applicable=False,
        justification="Urząd nie projektuje usług.",
    )

    mine.pop("applicable", None)
    mine["justification"] = ["Usługi określa prawo; urząd ich nie projektuje."]
    conflict = client.post(f"/clauses/{clause.pk}/", mine)

    assert "Someone else saved this record" in conflict.content.decode()
    again = form_on_page(conflict)
    assert client.post(f"/clauses/{clause.pk}/", again).status_code == 302
    clause.refresh_from_db()
    assert clause.justification == "Usługi określa prawo; urząd ich nie projektuje."
    assert not clause.applicable
