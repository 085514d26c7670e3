"""Role × endpoint for internal audits (joins the core permission table)."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.utils import timezone

from ratusz.audits import planning, services
from ratusz.audits.models import AuditorProfile, ProgrammeItem, QuestionTemplate
from ratusz.audits.tests.factories import AuditWorld
from ratusz.core.tests.factories import clause
from ratusz.core.tests.test_permissions import LOGIN, NO_CREDENTIALS, PERSONAS, row

API = 403  # the API refuses a signed-in caller it does not serve with 403
VIEWERS = {"outsider": 404, "external": 404}  # staff outside the audit do not learn it exists
PAGE_QM = row(403, anonymous=LOGIN, quality=200)

TABLE = {
    "audits:list": ("get", "/audits/", row(200, anonymous=LOGIN, external=403)),
    "audits:create": ("get", "/audits/new/", row(403, anonymous=LOGIN, quality=200, auditor=200)),
    "audits:programme_current": (
        "get",
        "/audits/programme/",
        row(302, anonymous=LOGIN, external=403),
    ),
    "audits:programme": (
        "get",
        "/audits/programme/{year}/",
        row(200, anonymous=LOGIN, external=403),
    ),
    "audits:programme_generate": (
        "post",
        "/audits/programme/{next_year}/generate/",
        row(403, anonymous=LOGIN, quality=302),
    ),
    "audits:item_create": ("get", "/audits/programme/{year}/items/new/", PAGE_QM),
    "audits:programme_step": (
        "post",
        "/audits/programme/{year}/approve/",
        row(403, anonymous=LOGIN, quality=302),
    ),
    "audits:item_edit": ("get", "/audits/programme/items/{item}/", PAGE_QM),
    "audits:item_remove": (
        "post",
        "/audits/programme/items/{item}/remove/",
        row(403, anonymous=LOGIN, quality=302),
    ),
    "audits:auditors": ("get", "/audits/auditors/", row(200, anonymous=LOGIN, external=403)),
    "audits:auditor_create": ("get", "/audits/auditors/new/", PAGE_QM),
    "audits:auditor_edit": ("get", "/audits/auditors/{profile}/", PAGE_QM),
    "audits:questions": (
        "get",
        "/audits/questions/",
        row(200, anonymous=LOGIN, employee=403, outsider=403, external=403),
    ),
    "audits:question_edit": ("get", "/audits/questions/{question}/", PAGE_QM),
    "audits:detail": ("get", "/audits/{audit}/", row(200, anonymous=LOGIN, **VIEWERS)),
    "audits:edit": (
        "get",
        "/audits/{audit}/edit/",
        row(403, anonymous=LOGIN, quality=200, auditor=200, **VIEWERS),
    ),
    "audits:report": ("get", "/audits/{closed}/report.pdf", row(200, anonymous=LOGIN, **VIEWERS)),
    "audits:add_question": (
        "post",
        "/audits/{audit}/questions/",
        row(403, anonymous=LOGIN, auditor=302, **VIEWERS),
    ),
    "audits:answer_all": (
        "post",
        "/audits/{audit}/checklist/",
        row(403, anonymous=LOGIN, auditor=302, **VIEWERS),
    ),
    "audits:answer": (
        "post",
        "/audits/{audit}/checklist/{question_item}/",
        row(403, anonymous=LOGIN, auditor=302, **VIEWERS),
    ),
    "audits:attach": (
        "post",
        "/audits/{audit}/checklist/{question_item}/attach/",
        row(403, anonymous=LOGIN, auditor=302, **VIEWERS),
    ),
    "audits:finding_create": (
        "get",
        "/audits/{audit}/findings/new/",
        row(403, anonymous=LOGIN, auditor=200, **VIEWERS),
    ),
    "audits:finding_idea": (
        "post",
        "/audits/{audit}/findings/{opportunity}/idea/",
        row(403, anonymous=LOGIN, auditor=302, quality=302, **VIEWERS),
    ),
    "audits:acknowledge": (
        "post",
        "/audits/{closed}/acknowledge/",
        row(403, anonymous=LOGIN, owner=302, **VIEWERS),
    ),
    "audits:step": (
        "post",
        "/audits/{audit}/cancel/",
        row(403, anonymous=LOGIN, quality=302, auditor=302, **VIEWERS),
    ),
    "audit-programme-list": (
        "get",
        "/api/v1/audit-programmes/",
        row(200, anonymous=NO_CREDENTIALS, external=API),
    ),
    "audit-programme-detail": (
        "get",
        "/api/v1/audit-programmes/{year}/",
        row(200, anonymous=NO_CREDENTIALS, external=API),
    ),
    "audit-programme-approve": (
        "post",
        "/api/v1/audit-programmes/{year}/approve/",
        row(403, anonymous=NO_CREDENTIALS, external=API, quality=200),
    ),
    "audit-programme-item-list": (
        "get",
        "/api/v1/audit-programme-items/",
        row(200, anonymous=NO_CREDENTIALS, external=API),
    ),
    "audit-programme-item-detail": (
        "get",
        "/api/v1/audit-programme-items/{item}/",
        row(200, anonymous=NO_CREDENTIALS, external=API),
    ),
    "audit-list": ("get", "/api/v1/audits/", row(200, anonymous=NO_CREDENTIALS, external=API)),
    "audit-detail": (
        "get",
        "/api/v1/audits/{audit}/",
        row(200, anonymous=NO_CREDENTIALS, external=API, outsider=404),
    ),
    "audit-finding-list": (
        "get",
        "/api/v1/audit-findings/",
        row(200, anonymous=NO_CREDENTIALS, external=API),
    ),
    "audit-finding-detail": (
        "get",
        "/api/v1/audit-findings/{opportunity}/",
        row(200, anonymous=NO_CREDENTIALS, external=API, outsider=404),
    ),
    "auditor-list": ("get", "/api/v1/auditors/", row(200, anonymous=NO_CREDENTIALS, external=API)),
    "auditor-detail": (
        "get",
        "/api/v1/auditors/{profile}/",
        row(200, anonymous=NO_CREDENTIALS, external=API),
    ),
    "audit-question-list": (
        "get",
        "/api/v1/audit-questions/",
        row(200, anonymous=NO_CREDENTIALS, external=API, employee=403, outsider=403),
    ),
    "audit-question-detail": (
        "get",
        "/api/v1/audit-questions/{question}/",
        row(200, anonymous=NO_CREDENTIALS, external=API, employee=403, outsider=403),
    ),
}

TABLE.update(
    {
        # The audit is already in progress: those allowed to start it are told so (400).
        "audit-start": (
            "post",
            "/api/v1/audits/{audit}/start/",
            row(403, anonymous=NO_CREDENTIALS, outsider=404, quality=400, auditor=400),
        ),
        "audit-checklist": (
            "get",
            "/api/v1/audits/{audit}/checklist/",
            row(200, anonymous=NO_CREDENTIALS, external=API, outsider=404),
        ),
        # Questions are still unanswered: the lead auditor is told what is missing (400).
        "audit-close": (
            "post",
            "/api/v1/audits/{audit}/close/",
            row(403, anonymous=NO_CREDENTIALS, outsider=404, auditor=400),
        ),
        "audit-acknowledge": (
            "post",
            "/api/v1/audits/{closed}/acknowledge/",
            row(403, anonymous=NO_CREDENTIALS, outsider=404, owner=200),
        ),
        "audit-checklist-item-detail": (
            "get",
            "/api/v1/audit-checklist/{question_item}/",
            row(200, anonymous=NO_CREDENTIALS, external=API, outsider=404),
        ),
        "audit-checklist-item-answer": (
            "post",
            "/api/v1/audit-checklist/{question_item}/answer/",
            row(403, anonymous=NO_CREDENTIALS, outsider=404, auditor=200),
        ),
    }
)

WRITES = {
    "api: plan an audit": (
        "post",
        "/api/v1/audits/",
        row(403, anonymous=NO_CREDENTIALS, external=API, quality=201, auditor=201),
    ),
    "api: record a finding": (
        "post",
        "/api/v1/audit-findings/",
        row(403, anonymous=NO_CREDENTIALS, external=API, auditor=201, outsider=404),
    ),
    "api: add to the auditor pool": (
        "post",
        "/api/v1/auditors/",
        row(403, anonymous=NO_CREDENTIALS, external=API, quality=201),
    ),
    "api: add a question template": (
        "post",
        "/api/v1/audit-questions/",
        row(403, anonymous=NO_CREDENTIALS, external=API, quality=201),
    ),
    "page: plan an audit": (
        "post",
        "/audits/new/",
        row(403, anonymous=LOGIN, quality=302, auditor=302),
    ),
    "page: record a finding": (
        "post",
        "/audits/{audit}/findings/new/",
        row(403, anonymous=LOGIN, auditor=302, **VIEWERS),
    ),
    "page: edit the plan": (
        "post",
        "/audits/{audit}/edit/",
        row(403, anonymous=LOGIN, quality=302, auditor=302, **VIEWERS),
    ),
    "page: add a question template": (
        "post",
        "/audits/questions/",
        row(403, anonymous=LOGIN, quality=302, employee=403, outsider=403, external=403),
    ),
}


def _fixtures(office):
    world = AuditWorld(office)
    year = timezone.localdate().year
    programme = planning.create_programme(actor=office.quality, year=year)
    audit = world.started()
    opportunity = services.record_finding(
        actor=office.auditor,
        audit=audit,
        grade="opportunity",
        clause=clause("8.5.1"),
        org_unit=office.civil,
        description="Można wprowadzić rezerwację wizyt online.",
    )
    closed = world.closed(title="Zamknięty audit")
    return {
        "year": year,
        "next_year": year + 1,
        "item": ProgrammeItem.objects.filter(programme=programme).first().pk,
        "profile": AuditorProfile.objects.get(user=office.auditor).pk,
        "question": QuestionTemplate.objects.first().pk,
        "audit": audit.pk,
        "closed": closed.pk,
        "question_item": audit.checklist.first().pk,
        "opportunity": opportunity.pk,
        "audit_version": audit.version,
        "item_version": audit.checklist.first().version,
        "world": world,
    }


def _payload(office, path, ids):
    world = ids["world"]
    today = timezone.localdate().isoformat()
    plan = {
        "title": "Audit KM",
        "objectives": "Cele",
        "scope": "Zakres",
        "criteria": "ISO 9001",
        "org_units": [office.transport.pk],
        "clauses": [clause("8.5.1").pk],
        "planned_start": today,
        "planned_end": today,
        "lead_auditor": office.auditor.pk,
        "team": [],
        "process": world.transport_process.pk,
    }
    if path in ("/api/v1/audits/", "/audits/new/"):
        return plan
    if path.endswith("/edit/"):
        return {
            **plan,
            "org_units": [office.civil.pk],
            "process": world.civil_process.pk,
            "version": ids["audit_version"],
        }
    if path == "/api/v1/audit-findings/" or path.endswith("/findings/new/"):
        return {
            "audit": ids["audit"],
            "grade": "observation",
            "clause": clause("8.5.1").pk,
            "org_unit": office.civil.pk,
            "description": "Obserwacja",
            "evidence": "",
        }
    if path == "/api/v1/auditors/":
        return {"user": office.employee.pk, "trained_on": "2024-01-10", "can_lead": False}
    if path in ("/api/v1/audit-questions/", "/audits/questions/"):
        return {"text": "Nowe pytanie?", "clause": clause("9.1.2").pk, "is_active": True}
    if path.endswith("/approve/"):
        return {"version": 1}
    if path.endswith("/start/"):
        return {"version": ids["audit_version"]}
    if path.startswith("/api/") and path.endswith("/close/"):
        return {"version": ids["audit_version"], "summary": "Wnioski"}
    if path.endswith("/answer/"):
        return {"answer": "conforms", "evidence": "Dowód", "version": ids["item_version"]}
    if path.endswith("/cancel/"):
        return {"version": ids["audit_version"], "cancel_reason": "Zmiana planu"}
    if "/checklist/" in path and not path.endswith("/attach/"):
        return {"answer": "conforms", "evidence": "Dowód", "version": ids["item_version"]}
    if path.endswith("/questions/"):
        return {"question": "Dodatkowe pytanie?"}
    if path.endswith("/acknowledge/"):
        return {"org_unit": office.civil.pk, "comment": ""}
    return {}


ALL = {**TABLE, **WRITES}


@pytest.mark.parametrize(("name", "persona"), [(n, p) for n in ALL for p in PERSONAS])
def test_role_may_or_may_not_use_the_audits_endpoint(office, name, persona):
    method, template, expected = ALL[name]
    ids = _fixtures(office)
    path = template.format(**ids)
    client = Client()
    user = None if persona == "anonymous" else getattr(office, persona)
    if user:
        client.force_login(user, backend="ratusz.core.auth.RatuszBackend")
    data = _payload(office, path, ids)
    if path.startswith("/api/") and method == "post":
        response = client.post(path, data, content_type="application/json")
    elif method == "post":
        response = client.post(path, data)
    else:
        response = client.get(path)
    assert response.status_code == expected[persona], (
        f"{persona} {method.upper()} {path}: expected {expected[persona]}, "
        f"got {response.status_code}"
    )


def test_the_trained_on_date_is_kept(office):
    # A pool member added through the page keeps the date the QM entered.
    client = Client()
    client.force_login(office.quality, backend="ratusz.core.auth.RatuszBackend")
    response = client.post(
        "/audits/auditors/new/",
        {"user": office.employee.pk, "trained_on": "2023-05-04", "is_active": "on"},
    )
    assert response.status_code == 302
    assert AuditorProfile.objects.get(user=office.employee).trained_on == date(2023, 5, 4)
