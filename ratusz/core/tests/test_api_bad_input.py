"""Bad input to the API and the pages gets a clear 4xx, never a 500."""

from __future__ import annotations

import re
from datetime import date, timedelta

import django_filters
import pytest
from django import forms
from django.test import Client
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator
from rest_framework import serializers
from rest_framework.exceptions import ValidationError as ApiValidationError

from ratusz.audits.models import Finding
from ratusz.audits.tests import factories as audits
from ratusz.core import calendar
from ratusz.core.models import Action
from ratusz.core.tests.test_api import api


def _paths_with_an_id() -> list[str]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return sorted(path for path in schema["paths"] if "{" in path)


@pytest.mark.parametrize("path", _paths_with_an_id())
def test_a_path_whose_id_is_not_a_number_is_not_found(office, path):
    client = api(office.quality)
    url = re.sub(r"\{\w+\}", "AAA", path)
    assert client.get(url).status_code == 404
    assert client.post(url, {}, format="json").status_code == 404


def test_a_finding_without_a_clause_is_refused_naming_the_clause(office):
    audits.auditor(office, office.auditor)
    audit = audits.start(audits.plan(office))
    response = api(office.auditor).post(
        "/api/v1/audit-findings/",
        {
            "audit": audit.pk,
            "grade": "observation",
            "org_unit": office.civil.pk,
            "description": "Brak przeglądu kart usług.",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "clause" in response.json()
    assert not Finding.objects.exists()


def test_a_json_body_nested_too_deeply_is_refused_with_400(office):
    for depth in (100_000, 40):
        body = "[" * depth + "]" * depth
        response = api(office.quality).generic(
            "POST", "/api/v1/actions/", body, content_type="application/json"
        )
        assert response.status_code == 400
        assert "nested" in response.json()["detail"]
    assert not Action.objects.exists()


def test_a_call_without_credentials_is_asked_for_them_with_401(db):
    response = Client().get("/api/v1/actions/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_an_action_due_after_2100_is_refused_naming_the_date(office):
    response = api(office.quality).post(
        "/api/v1/actions/",
        {
            "title": "Za daleko",
            "org_unit": office.civil.pk,
            "owner": office.employee.pk,
            "due_date": "9999-12-31",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "between 1990-01-01 and 2100-12-31" in response.json()["due_date"][0]
    assert not Action.objects.exists()


def test_the_action_form_refuses_a_date_before_1990(office, client_for):
    response = client_for(office.quality).post(
        "/actions/new/",
        {
            "title": "Za wcześnie",
            "org_unit": office.civil.pk,
            "owner": office.employee.pk,
            "due_date": "1899-01-01",
        },
    )
    assert response.status_code == 200
    assert "due_date" in response.context["form"].errors
    assert not Action.objects.exists()


def test_every_date_field_of_forms_filters_and_serializers_keeps_to_1990_2100():
    for field in (forms.DateField(), forms.DateTimeField(), django_filters.DateFilter().field):
        with pytest.raises(forms.ValidationError):
            field.clean("9999-12-31")
        assert field.clean("2026-05-04")
    for api_field in (serializers.DateField(), serializers.DateTimeField()):
        with pytest.raises(ApiValidationError):
            api_field.run_validation("1989-12-31")
        assert api_field.run_validation("2100-12-31")


def test_statistics_for_a_period_ending_in_9999_show_the_date_as_wrong(office, client_for):
    client = client_for(office.quality)
    page = client.get("/improvement/statistics/?date_to=9999-12-31")
    assert page.status_code == 200
    assert "date_to" in page.context["form"].errors
    export = client.get("/improvement/statistics/export.xlsx?date_to=9999-12-31")
    assert export.status_code == 200


def test_a_calendar_feed_leaves_out_an_event_no_calendar_can_end(office):
    kept = office.action(title="Na czas")
    Action.objects.filter(pk=office.action(title="Bez końca").pk).update(due_date=date.max)
    token = calendar.feed_token(office.employee)
    response = Client().get(f"/calendar/{token}/mine.ics")
    assert response.status_code == 200
    assert kept.title in response.content.decode()
    assert "Bez końca" not in response.content.decode()


def test_the_schema_describes_single_records_as_objects_and_lists_as_arrays(office):
    schema = api(office.quality).get("/api/schema/?format=json").json()

    def shape(path: str, method: str = "get", code: str = "200") -> str:
        content = schema["paths"][path][method]["responses"][code]["content"]
        answer = content["application/json"]["schema"]
        return answer.get("type", "object" if "$ref" in answer else "?")

    assert shape("/api/v1/me/") == "object"
    assert shape("/api/v1/readiness/") == "object"
    assert shape("/api/v1/documents/{id}/versions/") == "array"
    assert shape("/api/v1/audits/{id}/checklist/") == "array"
    assert shape("/api/v1/external-audits/{id}/findings/") == "array"
    assert shape("/api/v1/external-audits/{id}/findings/", "post", "201") == "object"
    action = schema["components"]["schemas"]["Action"]["properties"]
    assert "" in _enum_values(schema, action["effectiveness_result"])
    document = schema["components"]["schemas"]["Document"]["properties"]
    assert document["current_version"]["nullable"] is True


def _enum_values(schema: dict, prop: dict) -> set:
    values: set = set(prop.get("enum", []))
    for part in prop.get("allOf", []) + prop.get("oneOf", []):
        if "$ref" in part:
            values |= _enum_values(schema, schema["components"]["schemas"][part["$ref"][21:]])
        else:
            values |= _enum_values(schema, part)
    return values


def test_a_plausible_date_two_years_ahead_is_still_accepted(office):
    due = timezone.localdate() + timedelta(days=730)
    response = api(office.quality).post(
        "/api/v1/actions/",
        {
            "title": "Przegląd",
            "org_unit": office.civil.pk,
            "owner": office.employee.pk,
            "due_date": due.isoformat(),
        },
        format="json",
    )
    assert response.status_code == 201
