"""The pages: list, detail with its steps, the staff report, ideas, per persona."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ratusz.improvement.models import Idea, Nonconformity
from ratusz.improvement.tests.factories import awaiting_verification, open_nc, report

NC = Nonconformity.Status


def test_the_index_redirects_to_the_list(office, client_for):
    response = client_for(office.employee).get("/improvement/")
    assert response.status_code == 302 and response["Location"] == "/improvement/nonconformities/"


def test_an_employee_reports_a_problem_from_any_page_and_goes_back(office, client_for):
    client = client_for(office.employee)
    form = client.get("/improvement/report/?next=/documents/")
    assert form.context["form"]["org_unit"].value() == office.civil.pk
    response = client.post(
        "/improvement/report/",
        {
            "kind": "nonconformity",
            "title": "Brak formularzy",
            "description": "Na sali obsługi skończyły się wnioski.",
            "org_unit": office.civil.pk,
            "detected_on": timezone.localdate().isoformat(),
            "next": "/documents/",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/documents/"
    nc = Nonconformity.objects.get()
    assert nc.status == NC.REPORTED and nc.reported_by == office.employee
    assert nc.source == "staff_report"


def test_the_report_never_sends_anyone_off_the_site(office, client_for):
    response = client_for(office.employee).post(
        "/improvement/report/",
        {
            "kind": "idea",
            "title": "SMS",
            "description": "Powiadomienia SMS.",
            "org_unit": office.civil.pk,
            "next": "https://evil.example/",
        },
    )
    idea = Idea.objects.get()
    assert response["Location"] == f"/improvement/ideas/{idea.pk}/"


def test_a_report_without_a_description_names_the_field(office, client_for):
    response = client_for(office.employee).post(
        "/improvement/report/",
        {"kind": "nonconformity", "title": "X", "description": "", "org_unit": office.civil.pk},
    )
    assert response.status_code == 200 and "description" in response.context["form"].errors
    assert not Nonconformity.objects.exists()


def test_the_quality_manager_triages_on_the_page(office, client_for):
    nc = report(office)
    client = client_for(office.quality)
    page = client.get(f"/improvement/nonconformities/{nc.pk}/")
    assert page.context["next_panel"] == "triage"
    response = client.post(
        f"/improvement/nonconformities/{nc.pk}/triage/",
        {
            "version": nc.version,
            "grade": "major",
            "owner": office.owner.pk,
            "target_date": (timezone.localdate() + timedelta(days=20)).isoformat(),
        },
    )
    assert response.status_code == 302
    nc.refresh_from_db()
    assert nc.status == NC.OPEN and nc.grade == "major"


def test_a_stale_form_shows_the_conflict_and_saves_nothing(office, client_for):
    nc = open_nc(office)
    client = client_for(office.owner)
    url = f"/improvement/nonconformities/{nc.pk}/correction/"
    assert client.post(url, {"version": nc.version, "correction": "Pierwsza"}).status_code == 302
    response = client.post(url, {"version": nc.version, "correction": "Druga"})
    assert response.status_code == 400
    assert response.context["correction_form"].non_field_errors()
    nc.refresh_from_db()
    assert nc.correction == "Pierwsza"


def test_a_bad_step_names_the_field(office, client_for):
    nc = open_nc(office)
    response = client_for(office.owner).post(
        f"/improvement/nonconformities/{nc.pk}/root-cause/",
        {"version": nc.version, "why1": "Bo tak", "root_cause": "Przyczyna"},
    )
    assert response.status_code == 400
    assert "categories" in response.context["root_cause_form"].errors


@pytest.mark.parametrize(
    ("persona", "panel"),
    [("quality", "record-verification"), ("owner", ""), ("employee", "")],
)
def test_the_detail_page_offers_each_persona_its_next_step(office, client_for, persona, panel):
    nc = awaiting_verification(office)
    response = client_for(getattr(office, persona)).get(f"/improvement/nonconformities/{nc.pk}/")
    assert response.status_code == 200
    assert response.context["next_panel"] == panel
    assert "/actions/" in response.content.decode()


def test_the_owner_is_led_through_the_open_steps(office, client_for):
    nc = open_nc(office)
    response = client_for(office.owner).get(f"/improvement/nonconformities/{nc.pk}/")
    assert response.context["next_panel"] == "correction"


def test_the_list_filters_overdue_ones(office, client_for):
    late = open_nc(office)
    # The passing of time: the target date was yesterday.
    Nonconformity.objects.filter(pk=late.pk).update(
        target_date=timezone.localdate() - timedelta(days=1)
    )
    open_nc(office, title="Na czas")
    listed = (
        client_for(office.quality)
        .get("/improvement/nonconformities/?overdue=on")
        .context["page"]
        .object_list
    )
    assert [nc.pk for nc in listed] == [late.pk]


def test_an_htmx_filter_returns_only_the_results(office, client_for):
    open_nc(office)
    response = client_for(office.quality).get(
        "/improvement/nonconformities/?status=open",
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="nc-results",
    )
    html = response.content.decode()
    assert 'id="nc-results"' in html and "<html" not in html


def test_another_units_employee_does_not_see_the_nonconformity(office, client_for):
    nc = open_nc(office)
    assert (
        client_for(office.outsider).get(f"/improvement/nonconformities/{nc.pk}/").status_code == 404
    )
    listed = client_for(office.outsider).get("/improvement/nonconformities/").context["page"]
    assert nc not in list(listed.object_list)


def test_the_owner_of_a_corrective_action_sees_its_nonconformity(office, client_for):
    from ratusz.improvement import services

    nc = open_nc(office)
    services.add_corrective_action(
        actor=office.quality,
        nc=nc,
        title="Przegląd",
        owner=office.outsider,
        due_date=timezone.localdate(),
    )
    client = client_for(office.outsider)
    assert client.get(f"/improvement/nonconformities/{nc.pk}/").status_code == 200
    assert nc in list(client.get("/improvement/nonconformities/").context["page"].object_list)


def test_the_dashboard_shows_the_quality_managers_card(office, client_for):
    report(office)
    html = client_for(office.quality).get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "awaiting triage" in html
    assert client_for(office.outsider).get("/").status_code == 200


def test_the_header_offers_the_report_link_to_staff_but_not_to_external_auditors(
    office, client_for
):
    assert "/improvement/report/" in client_for(office.employee).get("/").content.decode()
    assert "/improvement/report/" not in client_for(office.external).get("/").content.decode()


@pytest.mark.parametrize("path", ["/improvement/nonconformities/", "/improvement/ideas/"])
def test_list_queries_do_not_grow_with_rows(
    office, client_for, django_assert_max_num_queries, path
):
    from ratusz.improvement import services

    client = client_for(office.owner)
    open_nc(office)
    services.submit_idea(actor=office.employee, title="A", description="B", org_unit=office.civil)
    # session, user, roles, subtree, count, page, filter choices (units, processes, clauses),
    # notifications count, office, …
    with django_assert_max_num_queries(14):
        assert client.get(path).status_code == 200
    for i in range(15):
        open_nc(office, title=f"NC {i}")
        services.submit_idea(
            actor=office.employee, title=f"I {i}", description="B", org_unit=office.civil
        )
    with django_assert_max_num_queries(14):
        assert client.get(path).status_code == 200
