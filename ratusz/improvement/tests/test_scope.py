"""Statistics, corrective actions and their files are seen as the nonconformities are."""

from __future__ import annotations

import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

from ratusz.core import services as core_services
from ratusz.improvement.tests.factories import open_nc, with_action


def test_a_head_of_another_unit_cannot_read_a_units_counts_through_the_unit_filter(
    office, client_for
):
    open_nc(office, title="Błąd w dowodzie")
    open_nc(office, title="Drugi błąd w dowodzie")
    url = f"/improvement/statistics/?unit={office.civil.pk}"

    theirs = client_for(office.transport_owner).get(url).context["stats"]
    own = client_for(office.owner).get(url).context["stats"]

    assert theirs.total == 0 and theirs.by_unit == []
    assert own.total == 2


def test_the_statistics_export_holds_only_what_the_reader_may_see(office, client_for):
    open_nc(office, title="Błąd w dowodzie")
    open_nc(office, org_unit=office.transport, title="Kolejka w komunikacji")

    response = client_for(office.transport_owner).get(
        f"/improvement/statistics/export.xlsx?unit={office.root.pk}"
    )

    book = openpyxl.load_workbook(io.BytesIO(response.content))
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True)}
    units = [row[0] for row in book["By unit"].iter_rows(min_row=2, values_only=True)]
    assert summary["Total"] == 1 and units == [office.transport.name]


def test_the_quality_manager_still_counts_every_unit(office, client_for):
    open_nc(office, title="Błąd w dowodzie")
    open_nc(office, org_unit=office.transport, title="Kolejka w komunikacji")

    stats = client_for(office.quality).get("/improvement/statistics/").context["stats"]

    assert stats.total == 2


def test_a_corrective_action_of_a_hidden_nonconformity_is_hidden_from_a_head_of_another_unit(
    office, client_for
):
    _nc, action = with_action(office, done=False)
    client = client_for(office.transport_owner)

    assert client.get(f"/actions/{action.pk}/").status_code == 404
    assert client.get(f"/api/v1/actions/{action.pk}/").status_code == 404
    listed = client.get("/api/v1/actions/").json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert action.pk not in [row["id"] for row in rows]
    assert action.pk not in [a.pk for a in client.get("/actions/").context["page"]]


def test_the_file_of_such_an_action_is_not_served_to_a_head_of_another_unit(office, client_for):
    _nc, action = with_action(office, done=False)
    attachment = core_services.attach_file(
        actor=office.employee,
        target=action,
        upload=SimpleUploadedFile("protokol.txt", b"Protokol kontroli danych."),
    )

    denied = client_for(office.transport_owner).get(f"/attachments/{attachment.pk}/")
    allowed = client_for(office.owner).get(f"/attachments/{attachment.pk}/")

    assert denied.status_code == 404
    assert allowed.status_code == 200


def test_those_who_see_the_nonconformity_still_see_its_actions(office, client_for):
    _nc, action = with_action(office, done=False)

    for person in (office.quality, office.auditor, office.owner, office.employee):
        assert client_for(person).get(f"/actions/{action.pk}/").status_code == 200, person


def test_an_action_raised_on_its_own_is_still_read_by_every_head_of_unit(office, client_for):
    action = office.action()

    assert client_for(office.transport_owner).get(f"/actions/{action.pk}/").status_code == 200
