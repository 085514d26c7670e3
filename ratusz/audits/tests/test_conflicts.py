"""After "someone else saved this first", the user's text stays and saving again works."""

from __future__ import annotations

from ratusz.audits import planning, services
from ratusz.audits.models import Audit, ChecklistItem, Programme

CONFLICT = "Someone else saved this record"


def test_after_a_conflict_on_an_answer_saving_again_succeeds_and_keeps_my_text(
    world, office, client_for, form_on_page
):
    audit = world.started()
    item = audit.checklist.order_by("position").first()
    url = f"/audits/{audit.pk}/checklist/{item.pk}/"
    client = client_for(office.auditor)
    mine = form_on_page(client.get(audit.get_absolute_url()), url)
    services.answer_question(
        actor=office.auditor, item=item, expected_version=item.version, answer="conforms"
    )

    mine["answer"] = ["observation"]
    mine["evidence"] = ["Mój tekst obserwacji"]
    conflict = client.post(url, mine)

    assert conflict.status_code == 409
    again = form_on_page(conflict, url)
    assert again["evidence"] == ["Mój tekst obserwacji"]
    assert client.post(url, again).status_code == 302
    saved = ChecklistItem.objects.get(pk=item.pk)
    assert (saved.answer, saved.evidence) == ("observation", "Mój tekst obserwacji")


def test_after_a_conflict_on_the_plan_saving_again_succeeds(
    world, office, client_for, form_on_page
):
    audit = world.plan()
    url = f"/audits/{audit.pk}/edit/"
    client = client_for(office.quality)
    mine = form_on_page(client.get(url))
    colleague = form_on_page(client.get(url))
    colleague["scope"] = ["Zakres kolegi"]
    assert client.post(url, colleague).status_code == 302

    mine["scope"] = ["Wydawanie dowodów i paszportów."]
    conflict = client.post(url, mine)

    assert CONFLICT in conflict.content.decode()
    again = form_on_page(conflict)
    assert again["scope"] == ["Wydawanie dowodów i paszportów."]
    assert client.post(url, again).status_code == 302
    assert Audit.objects.get(pk=audit.pk).scope == "Wydawanie dowodów i paszportów."


def test_after_a_conflict_on_the_programme_objectives_saving_again_succeeds(
    world, office, client_for, form_on_page
):
    programme = planning.create_programme(actor=office.quality, year=2027)
    page_url = programme.get_absolute_url()
    step_url = f"{page_url}edit/"
    client = client_for(office.quality)
    mine = form_on_page(client.get(page_url), step_url)
    planning.update_programme(
        actor=office.quality,
        programme=programme,
        expected_version=programme.version,
        objectives="Cele kolegi",
    )

    mine["objectives"] = ["Sprawdzić każdy proces obsługi mieszkańców."]
    conflict = client.post(step_url, mine)

    assert conflict.status_code == 400
    assert CONFLICT in conflict.content.decode()
    again = form_on_page(conflict, step_url)
    assert again["objectives"] == ["Sprawdzić każdy proces obsługi mieszkańców."]
    assert client.post(step_url, again).status_code == 302
    programme = Programme.objects.get(pk=programme.pk)
    assert programme.objectives == "Sprawdzić każdy proces obsługi mieszkańców."
