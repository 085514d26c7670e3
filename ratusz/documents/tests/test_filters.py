"""The document register's filters: the page and the API honour the same parameters."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from ratusz.core.tests.factories import clause
from ratusz.documents import dashboard, services
from ratusz.documents.models import DocumentType


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def register(office):
    def make(code, title, unit, **extra):
        return services.create_document(
            actor=office.quality,
            doc_type=DocumentType.objects.get(code=code),
            title=title,
            owner_unit=unit,
            owner=office.owner,
            body="Treść.",
            **extra,
        )

    make("procedure", "Obsługa skarg", office.civil_desk, clauses=[clause("9.1.2")])
    make("procedure", "Rejestracja pojazdów", office.transport, confidentiality="public")
    make("instruction", "Kasa", office.finance, retention_category="B10")
    make("form", "Wniosek o dowód", office.civil)


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("unit={civil}", ["Wniosek o dowód", "Obsługa skarg"]),  # F-… before P-…
        ("doc_type={instruction}", ["Kasa"]),
        ("q=skarg", ["Obsługa skarg"]),
        ("confidentiality=public", ["Rejestracja pojazdów"]),
        ("retention=B10", ["Kasa"]),
        ("clause={clause}", ["Obsługa skarg"]),
        (
            "state=working&sort=title",
            ["Kasa", "Obsługa skarg", "Rejestracja pojazdów", "Wniosek o dowód"],
        ),
        ("sort=-title", ["Wniosek o dowód", "Rejestracja pojazdów", "Obsługa skarg", "Kasa"]),
        ("state=in_force", []),
    ],
)
def test_the_api_honours_the_filters_of_the_page(office, client_for, register, query, titles):
    query = query.format(
        civil=office.civil.pk,
        instruction=DocumentType.objects.get(code="instruction").pk,
        clause=clause("9.1.2").pk,
    )
    page = client_for(office.quality).get(f"/documents/?{query}")
    assert [d.title for d in page.context["page"].object_list] == titles
    answer = api(office.quality).get(f"/api/v1/documents/?{query}")
    assert [row["title"] for row in answer.json()["results"]] == titles


def test_numbers_sort_ascending_and_minus_numbers_descending(office, client_for, register):
    client = client_for(office.quality)
    ascending = [d.number for d in client.get("/documents/?sort=number").context["page"]]
    descending = [d.number for d in client.get("/documents/?sort=-number").context["page"]]
    assert ascending == sorted(ascending) and descending == ascending[::-1]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [("unit=abc", "unit"), ("doc_type=999999", "doc_type"), ("state=lost", "state")],
)
def test_a_value_the_filters_cannot_use_is_marked_on_the_page_and_refused_by_the_api(
    office, client_for, register, query, parameter
):
    page = client_for(office.quality).get(f"/documents/?{query}")
    assert page.status_code == 200 and parameter in page.context["form"].errors
    assert len(page.context["page"].object_list) == 4
    answer = api(office.quality).get(f"/api/v1/documents/?{query}")
    assert answer.status_code == 400 and parameter in answer.json()


def test_the_dashboard_counts_my_overdue_reviews_as_the_registers_filter_does(office, client_for):
    document = services.create_document(
        actor=office.owner,
        doc_type=DocumentType.objects.get(code="procedure"),
        title="Obsługa skarg",
        owner_unit=office.civil,
        owner=office.owner,
        body="Treść.",
    )
    version = document.versions.get()
    services.submit_for_review(
        actor=office.owner, version=version, expected_version=None, reviewers=[office.auditor]
    )
    services.record_review(actor=office.auditor, version=version, agreed=True, comment="")
    services.submit_for_approval(actor=office.owner, version=version, expected_version=None)
    services.approve(actor=office.mayor, version=version, expected_version=None)
    assert dashboard.card(office.owner).data["my_reviews_overdue"] == 0
    document.refresh_from_db()
    document.next_review_date = timezone.localdate() - timedelta(days=1)
    document.save(update_fields=["next_review_date"])
    assert dashboard.card(office.owner).data["my_reviews_overdue"] == 1
    listed = client_for(office.owner).get("/documents/?state=review_overdue").context["page"]
    assert [d.pk for d in listed] == [document.pk]
