"""The context pages: overview, issue and party registers, forms and steps."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from ratusz.context.models import ClimateDecision, ContextIssue, ContextReview, Requirement
from ratusz.context.tests.factories import make_issue, make_party


@pytest.mark.parametrize("path", ["/context/issues/", "/context/issues/?kind=external&sort=review"])
def test_the_issue_list_queries_do_not_grow_with_issues(
    office, client_for, django_assert_max_num_queries, path
):
    client = client_for(office.employee)
    make_issue(office)
    # session, user, roles, count, rows, office and unread count
    with django_assert_max_num_queries(10):
        assert client.get(path).status_code == 200
    for i in range(40):
        make_issue(office, title=f"Issue {i:02d}", owner=office.mayor)
    with django_assert_max_num_queries(10):
        assert client.get(path).status_code == 200


def test_the_party_list_queries_do_not_grow_with_parties(
    office, client_for, django_assert_max_num_queries
):
    client = client_for(office.employee)
    make_party(office)
    with django_assert_max_num_queries(10):
        assert client.get("/context/parties/").status_code == 200
    for i in range(30):
        make_party(office, name=f"Strona {i:02d}", requirements=2)
    with django_assert_max_num_queries(10):
        response = client.get("/context/parties/")
    assert "Strona 05" in response.content.decode()


def test_issue_filters_narrow_the_list(office, client_for):
    make_issue(office, title="Nowa ustawa", kind="external", category="legal")
    make_issue(office, title="Rotacja kadr", kind="internal", category="weakness")
    make_issue(
        office, title="Przegląd po terminie", review_date=timezone.localdate() - timedelta(days=3)
    )
    client = client_for(office.employee)

    def titles(query):
        html = client.get(f"/context/issues/?{query}").content.decode()
        return [t for t in ("Nowa ustawa", "Rotacja kadr", "Przegląd po terminie") if t in html]

    assert titles("kind=internal") == ["Rotacja kadr"]
    assert titles("category=legal") == ["Nowa ustawa", "Przegląd po terminie"]
    assert titles("due=overdue") == ["Przegląd po terminie"]
    assert titles("q=rotacja") == ["Rotacja kadr"]


def test_the_issue_register_exports_to_xlsx_with_the_filters(office, client_for):
    make_issue(office, title="Nowa ustawa", kind="external")
    make_issue(office, title="Rotacja kadr", kind="internal", category="weakness")
    response = client_for(office.employee).get("/context/issues/export.xlsx?kind=internal")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Issue"
    assert [r[0] for r in rows[1:]] == ["Rotacja kadr"]


def test_the_quality_manager_adds_an_issue_and_a_bad_date_names_the_field(office, client_for):
    client = client_for(office.quality)
    data = {
        "title": "Fale upałów",
        "kind": "external",
        "category": "environmental",
        "effect": "Przerwy w obsłudze.",
        "owner": office.owner.pk,
        "review_date": "2099-13-45",
    }
    response = client.post("/context/issues/new/", data)
    assert response.status_code == 200
    assert 'id="id_review_date_error"' in response.content.decode()
    assert not ContextIssue.objects.exists()
    data["review_date"] = (timezone.localdate() + timedelta(days=30)).isoformat()
    response = client.post("/context/issues/new/", data)
    issue = ContextIssue.objects.get()
    assert response.status_code == 302 and response["Location"] == issue.get_absolute_url()


def test_a_stale_issue_form_shows_the_conflict_and_keeps_the_text(office, client_for, form_on_page):
    issue = make_issue(office)
    client = client_for(office.quality)
    page = client.get(f"/context/issues/{issue.pk}/edit/")
    data = form_on_page(page)
    from ratusz.context import services

    services.update_issue(actor=office.mayor, issue=issue, expected_version=1, title="Zmienione")
    data["effect"] = ["Mój tekst."]
    response = client.post(f"/context/issues/{issue.pk}/edit/", data)
    html = response.content.decode()
    assert "Zmienione" in html and "Mój tekst." in html
    again = client.post(f"/context/issues/{issue.pk}/edit/", form_on_page(response))
    assert again.status_code == 302
    issue.refresh_from_db()
    assert issue.effect == "Mój tekst." and issue.version == 3


def test_the_climate_decision_and_the_review_are_recorded_from_the_overview(office, client_for):
    client = client_for(office.mayor)
    response = client.post(
        "/context/climate/", {"relevant": "yes", "justification": "Podtopienia ulic."}
    )
    assert response.status_code == 302
    assert ClimateDecision.objects.get().relevant
    response = client.post("/context/reviewed/", {"reviewed_on": "", "notes": "Bez zmian."})
    assert response.status_code == 302
    html = client.get("/context/").content.decode()
    assert "Climate change is a relevant issue for the office." in html
    assert "Bez zmian." in html
    assert ContextReview.objects.get().reviewed_on == timezone.localdate()


def test_a_future_review_date_is_refused_on_the_field(office, client_for):
    future = (timezone.localdate() + timedelta(days=5)).isoformat()
    response = client_for(office.quality).post("/context/reviewed/", {"reviewed_on": future})
    assert response.status_code == 400
    assert 'id="id_reviewed_on_error"' in response.content.decode()
    assert not ContextReview.objects.exists()


def test_the_party_owner_adds_a_requirement_and_marks_the_party_reviewed(office, client_for):
    party = make_party(office, requirements=0)
    client = client_for(office.owner)
    response = client.post(
        f"/context/parties/{party.pk}/add-requirement/",
        {"version": 1, "text": "Terminy KPA", "monitoring": "Rejestr", "review": "Co rok"},
    )
    assert response.status_code == 302
    response = client.post(f"/context/parties/{party.pk}/reviewed/", {"version": 2})
    assert response.status_code == 302
    html = client.get(f"/context/parties/{party.pk}/").content.decode()
    assert "Terminy KPA" in html and "Rejestr" in html
    party.refresh_from_db()
    assert party.reviewed_on == timezone.localdate()


def test_a_requirement_missing_its_review_is_shown_again_with_the_field_marked(office, client_for):
    party = make_party(office, requirements=0)
    response = client_for(office.quality).post(
        f"/context/parties/{party.pk}/add-requirement/",
        {"version": 1, "text": "Terminy", "monitoring": "Rejestr", "review": ""},
    )
    assert response.status_code == 400
    assert 'id="id_review_error"' in response.content.decode()
    assert not Requirement.objects.exists()
