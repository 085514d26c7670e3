"""The reviews API: reviews and inputs read, decisions through the same service."""

from __future__ import annotations

from django.utils import timezone
from rest_framework.test import APIClient

from ratusz.reviews.models import Decision
from ratusz.reviews.tests.factories import decide, held, plan


def _client(user):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")  # assertions read English
    client.force_authenticate(user)
    return client


def test_the_inputs_list_every_topic_with_its_figures(office):
    review = plan(office)
    data = _client(office.employee).get(f"/api/v1/reviews/{review.pk}/inputs/").json()
    topics = {row["topic"]: row for row in data}
    assert len(topics) == 12
    assert topics["b"]["held_in_ratusz"] is True  # the context area supplies it
    assert topics["c1"]["held_in_ratusz"] is True  # the feedback area supplies it
    assert topics["d"]["held_in_ratusz"] is True  # the competence area supplies it
    c4 = topics["c4"]["inputs"][0]["figures"][0]
    assert c4 == {"label": "Nonconformities opened", "value": "0", "previous": "0"}


def test_a_decision_is_added_and_listed(office):
    review = held(office)
    client = _client(office.quality)
    response = client.post(
        f"/api/v1/reviews/{review.pk}/decisions/",
        {
            "kind": "resources",
            "text": "Zatrudnić audytora.",
            "owner": office.owner.pk,
            "due_date": timezone.localdate().isoformat(),
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    listed = client.get(f"/api/v1/reviews/{review.pk}/decisions/").json()
    assert [d["text"] for d in listed] == ["Zatrudnić audytora."]
    assert listed[0]["owner"] == office.owner.pk


def test_a_decision_without_an_owner_is_refused_naming_the_field(office):
    review = held(office)
    response = _client(office.quality).post(
        f"/api/v1/reviews/{review.pk}/decisions/",
        {"kind": "change", "text": "X", "owner": None, "due_date": None},
        format="json",
    )
    assert response.status_code == 400
    assert {"owner", "due_date"} <= set(response.json())
    assert not Decision.objects.exists()


def test_the_review_list_answers_in_a_fixed_number_of_queries(
    office, django_assert_max_num_queries
):
    client = _client(office.employee)
    decide(office, held(office))
    with django_assert_max_num_queries(8):
        assert client.get("/api/v1/reviews/").status_code == 200
    for _ in range(8):
        held(office)
    with django_assert_max_num_queries(8):
        response = client.get("/api/v1/reviews/")
    assert response.json()["count"] == 9
