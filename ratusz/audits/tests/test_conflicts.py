"""After "someone else saved this first", the user's text stays and saving again works."""

from __future__ import annotations

from ratusz.audits import planning, services
from ratusz.audits.models import (
    Audit,
    AuditorProfile,
    ChecklistItem,
    Programme,
    ProgrammeItem,
    QuestionTemplate,
)
from ratusz.audits.tests import factories
from ratusz.core.tests.factories import clause

CONFLICT = "Someone else saved this record"


def test_after_a_conflict_on_an_answer_saving_again_succeeds_and_keeps_my_text(
    world, office, client_for, form_on_page
):
    audit = world.started()
    item = audit.checklist.order_by("position").first()
    url = f"/audits/{audit.pk}/checklist/"
    client = client_for(office.auditor)
    mine = form_on_page(client.get(audit.get_absolute_url()), url)
    services.answer_question(
        actor=office.auditor, item=item, expected_version=item.version, answer="conforms"
    )

    mine[f"q{item.pk}-answer"] = ["observation"]
    mine[f"q{item.pk}-evidence"] = ["Mój tekst obserwacji"]
    conflict = client.post(url, mine)

    assert conflict.status_code == 409
    again = form_on_page(conflict, url)
    assert again[f"q{item.pk}-evidence"] == ["Mój tekst obserwacji"]
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


def _conflict_then_save_again(client, url, form_on_page, field, colleague_value, my_value):
    """Two editors open the same form; the colleague saves first, then I do."""
    mine = form_on_page(client.get(url))
    colleague = form_on_page(client.get(url))
    colleague[field] = [colleague_value]
    assert client.post(url, colleague).status_code == 302

    mine[field] = [my_value]
    conflict = client.post(url, mine)

    assert CONFLICT in conflict.content.decode()
    again = form_on_page(conflict)
    assert again[field] == [my_value]
    assert client.post(url, again).status_code == 302


def test_after_a_conflict_on_an_auditor_saving_again_succeeds_and_keeps_my_text(
    office, client_for, form_on_page
):
    profile = factories.auditor(office, office.auditor)

    _conflict_then_save_again(
        client_for(office.quality),
        f"/audits/auditors/{profile.pk}/",
        form_on_page,
        "qualifications",
        "Kurs audytora 2022",
        "Kurs audytora 2022, 6 auditów jako członek zespołu",
    )

    saved = AuditorProfile.objects.get(pk=profile.pk)
    assert saved.qualifications == "Kurs audytora 2022, 6 auditów jako członek zespołu"


def test_after_a_conflict_on_a_question_template_saving_again_succeeds_and_keeps_my_text(
    office, client_for, form_on_page
):
    template = factories.question(office, "Czy karty usług są aktualne?", clause=clause("8.5.1"))

    _conflict_then_save_again(
        client_for(office.quality),
        f"/audits/questions/{template.pk}/",
        form_on_page,
        "guidance",
        "Sprawdź datę wydania",
        "Sprawdź datę wydania i podpis kierownika",
    )

    saved = QuestionTemplate.objects.get(pk=template.pk)
    assert saved.guidance == "Sprawdź datę wydania i podpis kierownika"


def test_after_a_conflict_on_a_programme_item_saving_again_succeeds_and_keeps_my_text(
    world, office, client_for, form_on_page
):
    programme = planning.create_programme(actor=office.quality, year=2027)
    item = programme.items.first()

    _conflict_then_save_again(
        client_for(office.quality),
        f"/audits/programme/items/{item.pk}/",
        form_on_page,
        "planned_month",
        "10",
        "11",
    )

    assert ProgrammeItem.objects.get(pk=item.pk).planned_month == 11


def test_a_stale_auditor_update_through_the_api_is_refused(office, client_for):
    profile = factories.auditor(office, office.auditor)
    client = client_for(office.quality)
    payload = {"user": office.auditor.pk, "trained_on": "2022-03-01", "can_lead": True}
    services.save_auditor(
        actor=office.quality,
        user=office.auditor,
        trained_on=profile.trained_on,
        qualifications="Kolega",
        expected_version=profile.version,
    )

    stale = client.post("/api/v1/auditors/", {**payload, "version": profile.version})
    fresh = client.post("/api/v1/auditors/", {**payload, "version": profile.version + 1})

    assert stale.status_code == 409, stale.content
    assert fresh.status_code == 201
