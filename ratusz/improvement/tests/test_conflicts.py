"""After "someone else saved this first", the user's text stays and saving again works."""

from __future__ import annotations

from ratusz.improvement import services
from ratusz.improvement.models import Idea, Nonconformity
from ratusz.improvement.tests import factories

CONFLICT = "Someone else saved this record"


def test_after_a_conflict_on_a_correction_saving_again_succeeds_and_keeps_my_text(
    office, client_for, form_on_page
):
    nc = factories.open_nc(office)
    page_url = nc.get_absolute_url()
    step_url = f"{page_url}correction/"
    client = client_for(office.owner)
    mine = form_on_page(client.get(page_url), step_url)
    # The same record saved meanwhile from another tab or by the quality manager.
    services.record_correction(
        actor=office.owner, nc=nc, expected_version=nc.version, correction="Wstrzymano wydanie."
    )

    mine["correction"] = ["Wymieniono dowód i sprawdzono pozostałe z tej serii."]
    conflict = client.post(step_url, mine)

    assert conflict.status_code == 400
    assert CONFLICT in conflict.content.decode()
    again = form_on_page(conflict, step_url)
    assert again["correction"] == ["Wymieniono dowód i sprawdzono pozostałe z tej serii."]
    assert client.post(step_url, again).status_code == 302
    assert Nonconformity.objects.get(pk=nc.pk).correction.startswith("Wymieniono dowód")


def test_after_a_conflict_on_an_idea_evaluation_saving_again_succeeds(
    office, client_for, form_on_page
):
    idea = services.submit_idea(
        actor=office.employee,
        title="Formularze online",
        description="Wnioski o dowód przez internet.",
        org_unit=office.civil,
        expected_benefit="Krótsze kolejki.",
    )
    page_url = idea.get_absolute_url()
    step_url = f"{page_url}evaluate/"
    client = client_for(office.owner)
    mine = form_on_page(client.get(page_url), step_url)
    services.evaluate_idea(
        actor=office.quality, idea=idea, expected_version=idea.version, evaluation="Wstępnie tak."
    )

    mine["evaluation"] = ["Korzyść duża, koszt mały."]
    conflict = client.post(step_url, mine)

    assert conflict.status_code == 400
    assert CONFLICT in conflict.content.decode()
    again = form_on_page(conflict, step_url)
    assert again["evaluation"] == ["Korzyść duża, koszt mały."]
    assert client.post(step_url, again).status_code == 302
    assert Idea.objects.get(pk=idea.pk).evaluation == "Korzyść duża, koszt mały."
