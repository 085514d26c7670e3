"""Every API operation, fed generated requests, answers as its OpenAPI schema says.

Schemathesis reads the schema Ratusz publishes (drf-spectacular) and, for each
operation, sends requests built from it: bodies, query parameters and ids, both
well-formed (positive) and malformed (negative), as the quality manager and as an
employee, each with an API token. Every answer must be below 500; an answer the
schema documents must match it (status, content type, body). The office has one
record of each kind, and the ids in the paths are partly those of real records,
so the bodies checked are real ones, not only 404s.

Bounded so that it runs in a minute or two on a small machine: a fixed number
of examples per operation, derandomized so that a failure can be replayed.
"""

from __future__ import annotations

import json
import re
from contextlib import contextmanager
from datetime import timedelta
from functools import cache

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections, transaction
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
)

from ratusz.audits.tests import factories as audits
from ratusz.certification import services as certification_services
from ratusz.certification.tests import factories as certification
from ratusz.conftest import Office
from ratusz.documents.tests.factories import make_document
from ratusz.improvement import services as improvement
from ratusz.improvement.tests.factories import with_action
from ratusz.processes.tests.factories import make_process
from ratusz.wsgi import application

EXAMPLES = {"positive": 8, "negative": 4}  # per operation and role
ROLES = ["quality", "employee"]

# A 5xx is always a failure; the answer of a well-formed request must match the schema.
# Not checked: whether each status code is listed (the schema documents the answers
# of success; 400/401/403/404/409 are the same for every operation and described in
# docs/api.md), and the stateful checks that replay other operations (a generated
# request cannot know the workflow's order: a record must be started before it is done).
POSITIVE_CHECKS = [
    not_a_server_error,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
NEGATIVE_CHECKS = [not_a_server_error]


@cache
def api_schema():
    document = SchemaGenerator().get_schema(request=None, public=True)
    loaded = schemathesis.openapi.from_dict(json.loads(OpenApiJsonRenderer().render(document)))
    loaded.app = application
    return loaded


def fuzz_cases() -> list[tuple[str, str]]:
    """(operation, generation mode): every operation well-formed; malformed too where
    it takes something to get wrong (a path, query or body)."""
    cases = []
    for result in api_schema().get_all_operations():
        operation = result.ok()
        label = f"{operation.method.upper()} {operation.path}"
        cases.append((label, "positive"))
        if len(operation.path_parameters) or len(operation.query) or len(operation.body):
            cases.append((label, "negative"))
    return sorted(cases)


def office_records(office) -> None:
    """One record of each kind the API serves, in the states its steps start from."""
    make_process(office)
    with_action(office, done=False)
    improvement.submit_idea(actor=office.employee, title="Kolejka", description="Numerki.")
    make_document(office, "Procedura obsługi klienta")
    audits.auditor(office, office.auditor)
    audit = audits.start(audits.plan(office))
    audits.question(office, "Czy karty usług są aktualne?", clause=audit.clauses.first())
    external = certification.audit(certification.certificate(certification.body()))
    certification_services.add_finding(
        actor=office.quality,
        audit=external,
        grade="observation",
        description="Brak przeglądu.",
        clause=audit.clauses.first(),
        org_unit=office.civil,
        response_due=timezone.localdate() + timedelta(days=30),
    )


def real_ids(client, path: str) -> list[int]:
    """Ids (or years) of the records the caller sees in the list the path belongs to."""
    match = re.match(r"(/api/v1/[^/{]+/)\{(\w+)\}", path)
    if match is None:
        return []
    prefix, name = match.groups()
    response = client.get(prefix)
    if response.status_code != 200:
        return []
    body = response.json()
    rows = body.get("results", []) if isinstance(body, dict) else body
    key = name if rows and name in rows[0] else "id"
    return [row[key] for row in rows if isinstance(row.get(key), int)][:3]


@pytest.fixture(scope="module")
def fuzzed_office(django_db_setup, django_db_blocker):
    """The office and its records, built once for the module in a transaction that is
    rolled back at its end; each test runs inside it and rolls back its own changes."""
    with django_db_blocker.unblock(), transaction.atomic():
        office = Office()
        office_records(office)
        tokens = {role: Token.objects.create(user=getattr(office, role)).key for role in ROLES}
        yield tokens
        transaction.set_rollback(True)


@contextmanager
def connection_kept():
    """Requests go straight to the WSGI application, whose start and end of request
    would close the database connection and with it the test's transaction (Django's
    test client keeps it open the same way)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


# The quality manager here, the employee in test_api_schema_fuzz_employee.py: two
# files, so that the two roles run on two test workers at once.
@pytest.mark.parametrize(("label", "mode"), fuzz_cases())
def test_every_api_operation_answers_below_500_and_as_its_schema_says(
    fuzzed_office, db, label, mode
):
    fuzz_operation(fuzzed_office, label, "quality", mode)


def fuzz_operation(fuzzed_office, label: str, role: str, mode: str) -> None:
    """Generated requests to one operation as `role`, each checked as documented."""
    headers = {"Authorization": f"Token {fuzzed_office[role]}"}
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=headers["Authorization"])

    method, path = label.split(" ", 1)
    operation = api_schema()[path][method]
    generation = schemathesis.GenerationMode(mode)
    strategy = operation.as_strategy(generation_mode=generation, headers=headers)
    ids = real_ids(client, path)
    parameter = re.search(r"\{(\w+)\}", path)
    if ids and parameter:
        strategy = st.one_of(
            strategy,
            st.sampled_from(ids).flatmap(
                lambda pk: operation.as_strategy(
                    generation_mode=generation,
                    headers=headers,
                    path_parameters={parameter.group(1): pk},
                )
            ),
        )
    checks = POSITIVE_CHECKS if mode == "positive" else NEGATIVE_CHECKS

    @settings(
        max_examples=EXAMPLES[mode],
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def answers_as_documented(case):
        # Each request in a savepoint: a failed one leaves the next one a usable database.
        with connection_kept(), transaction.atomic():
            response = case.call()
        case.validate_response(response, checks=checks, headers=headers)

    answers_as_documented()
