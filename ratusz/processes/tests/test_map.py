"""The process map (4.4): inputs, outputs and the processes each feeds, drawn as
SVG and told as a table."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from ratusz.core.errors import Denied
from ratusz.processes import drawing, selectors, services
from ratusz.processes.tests.factories import make_process


def test_a_long_name_is_wrapped_in_two_lines_and_cut():
    assert drawing.wrap("Dowody osobiste") == ("Dowody osobiste",)
    lines = drawing.wrap("Przygotowanie i realizacja inwestycji miejskich oraz remontów dróg")
    assert len(lines) == 2 and lines[-1].endswith("…")
    assert all(len(line) <= drawing.LINE_CHARS for line in lines)


def test_a_process_records_its_inputs_outputs_and_the_processes_it_feeds(office):
    budget = make_process(office, code="P13", name="Budżet", kind="support")
    process = make_process(
        office, inputs="Wnioski", outputs="Dowody", criteria="Termin 30 dni", feeds=[budget]
    )
    assert list(process.feeds.all()) == [budget] and list(budget.fed_by.all()) == [process]
    assert process.inputs == "Wnioski" and process.criteria == "Termin 30 dni"


def test_a_process_cannot_feed_itself_and_nothing_is_saved(office):
    process = make_process(office)
    with pytest.raises(ValidationError) as caught:
        services.update_process(
            actor=office.quality,
            process=process,
            expected_version=process.version,
            feeds=[process],
            outputs="Nowe",
        )
    assert "feeds" in caught.value.message_dict
    process.refresh_from_db()
    assert process.outputs == "" and not process.feeds.exists()


def test_the_head_of_the_owner_unit_keeps_inputs_and_interactions_but_not_the_risk(office):
    process = make_process(office)
    other = make_process(office, code="P05", owner_unit=office.transport)
    saved = services.update_process(
        actor=office.owner,
        process=process,
        expected_version=process.version,
        inputs="Wnioski mieszkańców",
        feeds=[other],
    )
    assert saved.inputs == "Wnioski mieszkańców" and list(saved.feeds.all()) == [other]
    with pytest.raises(Denied):
        services.update_process(
            actor=office.owner, process=saved, expected_version=saved.version, risk=1
        )


def test_the_map_groups_active_processes_by_kind_and_lists_their_links(office):
    management = make_process(office, code="P01", name="Zarządzanie", kind="management")
    support = make_process(office, code="P13", name="Budżet", kind="support")
    core = make_process(office, feeds=[support])
    services.update_process(
        actor=office.quality, process=management, expected_version=1, feeds=[core]
    )
    closed = make_process(office, code="P99", feeds=[core])
    services.deactivate_process(actor=office.quality, process=closed, expected_version=None)
    found = selectors.process_map(user=office.employee)
    assert found is not None and found.links == 2  # the closed process's arrow is not drawn
    assert [(kind, [r.process.code for r in rows]) for kind, _, rows in found.groups] == [
        ("management", ["P01"]),
        ("core", ["P03"]),
        ("support", ["P13"]),
    ]
    core_row = found.groups[1][2][0]
    assert core_row.fed_by == [management] and core_row.feeds == [support]
    assert len(found.drawing.arrows) == 2 and len(found.drawing.bands) == 3
    assert selectors.process_map(user=office.external) is None


def test_the_map_page_draws_and_tables_the_processes_in_fixed_queries(
    office, client_for, django_assert_max_num_queries
):
    budget = make_process(office, code="P13", name="Budżet miasta", kind="support")
    make_process(office, feeds=[budget], inputs="Wnioski o dowód")
    client = client_for(office.employee, language="pl")
    with django_assert_max_num_queries(8):
        response = client.get("/processes/map/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html and "marker-end" in html and "Budżet miasta" in html
    assert 'id="process-' in html and "Wnioski o dowód" in html
    for i in range(10):
        make_process(office, code=f"X{i:02d}", feeds=[budget], owner=None)
    with django_assert_max_num_queries(8):
        assert client.get("/processes/map/").status_code == 200


def test_the_process_page_shows_inputs_outputs_and_interactions(office, client_for):
    budget = make_process(office, code="P13", name="Budżet miasta", kind="support")
    process = make_process(office, outputs="Dowody osobiste", resources="Stanowiska obsługi")
    services.update_process(
        actor=office.quality, process=process, expected_version=process.version, feeds=[budget]
    )
    html = client_for(office.employee).get(f"/processes/{process.pk}/").content.decode()
    assert "Dowody osobiste" in html and "Stanowiska obsługi" in html
    assert f"/processes/{budget.pk}/" in html and "/processes/map/#process-" in html
    back = client_for(office.employee).get(f"/processes/{budget.pk}/").content.decode()
    assert f"/processes/{process.pk}/" in back  # fed by


def test_the_edit_form_saves_the_processes_it_feeds(office, client_for, form_on_page):
    budget = make_process(office, code="P13", name="Budżet miasta", kind="support")
    process = make_process(office)
    client = client_for(office.quality)
    data = form_on_page(client.get(f"/processes/{process.pk}/edit/"))
    data.update({"feeds": [str(budget.pk)], "outputs": ["Dowody"]})
    response = client.post(f"/processes/{process.pk}/edit/", data)
    assert response.status_code == 302
    assert list(process.feeds.all()) == [budget]
