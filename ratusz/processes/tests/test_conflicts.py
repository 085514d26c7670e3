"""After "someone else saved this first", the user's text stays and saving again works."""

from __future__ import annotations

from ratusz.processes import services
from ratusz.processes.models import Process
from ratusz.processes.tests.factories import make_process


def test_after_a_conflict_on_a_process_saving_again_succeeds_and_keeps_my_text(
    office, client_for, form_on_page
):
    process = make_process(office)
    url = f"/processes/{process.pk}/edit/"
    client = client_for(office.quality)
    mine = form_on_page(client.get(url))
    services.update_process(
        actor=office.owner, process=process, expected_version=1, description="Opis kolegi"
    )

    mine["description"] = ["Mój opis procesu"]
    conflict = client.post(url, mine)

    assert "Someone else saved this record" in conflict.content.decode()
    again = form_on_page(conflict)
    assert again["description"] == ["Mój opis procesu"]
    assert client.post(url, again).status_code == 302
    assert Process.objects.get(pk=process.pk).description == "Mój opis procesu"
