"""The competence API: personal records only to those who may read them, the same
refusals as the pages, conflicts as 409."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.models import Permission
from django.utils import timezone
from rest_framework.test import APIClient

from ratusz.competence.tests.factories import make_record, make_training, setup
from ratusz.core.models import User

TODAY = timezone.localdate()


def _client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_records_are_listed_only_to_those_who_may_read_them(office):
    competence, _position = setup(office)
    make_record(office, office.employee, competence)
    make_record(office, office.outsider, competence)
    seen = {
        persona: {
            r["person"]
            for r in _client(getattr(office, persona))
            .get("/api/v1/competence-records/")
            .json()["results"]
        }
        for persona in ("quality", "owner", "employee", "colleague", "mayor", "auditor")
    }
    assert seen["quality"] == {office.employee.pk, office.outsider.pk}
    assert seen["owner"] == {office.employee.pk}
    assert seen["employee"] == {office.employee.pk}
    assert seen["colleague"] == seen["mayor"] == seen["auditor"] == set()
    office.mayor.user_permissions.add(Permission.objects.get(codename="view_personal_data"))
    mayor = User.objects.get(pk=office.mayor.pk)
    body = _client(mayor).get("/api/v1/competence-records/").json()
    assert body["count"] == 2


def test_the_api_refuses_an_expiry_before_the_issue_naming_the_field(office):
    competence, _position = setup(office)
    response = _client(office.owner).post(
        "/api/v1/competence-records/",
        {
            "person": office.employee.pk,
            "competence": competence.pk,
            "issued_on": "2026-03-01",
            "expires_on": "2026-02-01",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "expires_on" in response.json()


def test_a_stale_record_update_is_a_conflict(office):
    competence, _position = setup(office)
    record = make_record(office, office.employee, competence)
    client = _client(office.owner)
    path = f"/api/v1/competence-records/{record.pk}/"
    assert client.patch(path, {"version": 1, "evidence": "A"}, format="json").status_code == 200
    assert client.patch(path, {"version": 1, "evidence": "B"}, format="json").status_code == 409


def test_attendance_for_a_future_training_is_refused(office):
    competence, _position = setup(office)
    client = _client(office.owner)
    created = client.post(
        "/api/v1/trainings/",
        {
            "topic": "Szkolenie",
            "held_on": (TODAY + timedelta(days=3)).isoformat(),
            "hours": "2",
            "org_unit": office.civil.pk,
            "competence": competence.pk,
            "attendees": [office.employee.pk],
        },
        format="json",
    ).json()
    response = client.post(
        f"/api/v1/trainings/{created['id']}/attendance/",
        {"version": created["version"], "attended": [office.employee.pk]},
        format="json",
    )
    assert response.status_code == 400
    assert "attended" in response.json()


def test_api_lists_queries_do_not_grow_with_rows(office, django_assert_max_num_queries):
    competence, _position = setup(office)
    client = _client(office.owner)
    paths = ["/api/v1/competence-records/", "/api/v1/trainings/", "/api/v1/positions/"]
    # user roles, HR permission (own and groups'), count, rows (+ positions' competences)
    for path in paths:
        with django_assert_max_num_queries(8):
            assert client.get(path).status_code == 200
    for i in range(6):
        make_record(office, office.employee, competence, evidence=f"Nr {i}")
        make_training(office, competence, [office.employee], topic=f"Szkolenie {i}")
    for path in paths:
        with django_assert_max_num_queries(8):
            assert client.get(path).status_code == 200


def test_self_assessment_results_keep_staff_answers_out_below_five(office):
    from ratusz.competence.tests.factories import answer_all, make_assessment
    from ratusz.core.models import Role

    extra = [office.person(f"staff{i}", office.civil, Role.EMPLOYEE) for i in range(3)]
    assessment = make_assessment(office)
    answer_all(assessment, office.owner, "no")
    for person in (office.employee, office.colleague):
        answer_all(assessment, person, "yes")
    client = _client(office.quality)
    listed = client.get("/api/v1/self-assessments/").json()["results"]
    assert [(a["id"], a["answered"]) for a in listed] == [(assessment.pk, 3)]
    results = client.get(f"/api/v1/self-assessments/{assessment.pk}/results/").json()
    # Two staff answers: left out, so group A is the manager's "no" alone.
    assert (results["staff_answered"], results["staff_shown"]) == (2, False)
    assert results["groups"][0]["share"] == 0
    assert results["units"] == []
    for person in extra:
        answer_all(assessment, person, "yes")
    results = client.get(f"/api/v1/self-assessments/{assessment.pk}/results/").json()
    assert results["staff_shown"] is True
    # Five civil-affairs staff said yes, the manager no to A's three questions: 15 / 18.
    assert results["groups"][0]["share"] == 83
    assert results["units"] == [{"name": office.civil.name, "answered": 5, "share": 100}]
    refused = _client(office.employee).get(f"/api/v1/self-assessments/{assessment.pk}/results/")
    assert refused.status_code == 403


def test_self_assessment_queries_do_not_grow_with_rows(office, django_assert_max_num_queries):
    from ratusz.competence.tests.factories import answer_all, make_assessment

    client = _client(office.quality)
    assessment = make_assessment(office, year=TODAY.year - 1)
    answer_all(assessment, office.owner, "yes")
    # user roles, count, rows
    with django_assert_max_num_queries(6):
        assert client.get("/api/v1/self-assessments/").status_code == 200
    # + the assessment, submissions, answers by question, questions, previous year,
    # answers by unit
    with django_assert_max_num_queries(12):
        assert client.get(f"/api/v1/self-assessments/{assessment.pk}/results/").status_code == 200
    current = make_assessment(office)
    for person in (office.owner, office.employee, office.colleague):
        answer_all(current, person, "yes")
    with django_assert_max_num_queries(6):
        assert client.get("/api/v1/self-assessments/").status_code == 200
    with django_assert_max_num_queries(17):  # the previous year's results too
        assert client.get(f"/api/v1/self-assessments/{current.pk}/results/").status_code == 200
