"""Role × endpoint for competence, trainings and resources (joins the core
permission table). People's records are personal data: only the person, the head
of their unit and the quality manager (and HR, when given) open them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from ratusz.competence import services
from ratusz.competence.models import Attendance
from ratusz.competence.tests.factories import make_assessment, make_record, make_training, setup
from ratusz.core.tests.test_permissions import LOGIN, NO_CREDENTIALS, PERSONAS, row

API = 403
STAFF_ONLY = row(200, anonymous=LOGIN, external=403)
QUALITY_ONLY = row(403, anonymous=LOGIN, quality=200)
PERSONAL = row(404, anonymous=LOGIN, quality=200, owner=200, employee=200)
RESULTS = row(403, anonymous=LOGIN, quality=200, owner=200)
MANAGERS = row(404, anonymous=LOGIN, quality=200, owner=200, employee=403)

TABLE = {
    "competence:matrix": ("get", "/competence/", STAFF_ONLY),
    "competence:matrix_export": ("get", "/competence/export.xlsx", STAFF_ONLY),
    "competence:person": ("get", "/competence/people/{person}/", PERSONAL),
    "competence:person_place": (
        "post",
        "/competence/people/{person}/place/",
        row(404, anonymous=LOGIN, quality=302, owner=302, employee=403),
    ),
    "competence:record_create": ("get", "/competence/people/{person}/records/new/", MANAGERS),
    "competence:plan_person": (
        "post",
        "/competence/people/{person}/plan/",
        row(404, anonymous=LOGIN, quality=302, owner=302, employee=403),
    ),
    "competence:induction_add": (
        "post",
        "/competence/people/{person}/induction/",
        row(404, anonymous=LOGIN, quality=302, owner=302, employee=403),
    ),
    "competence:induction_done": (
        "post",
        "/competence/induction/{induction}/done/",
        row(404, anonymous=LOGIN, quality=302, owner=302, employee=403),
    ),
    "competence:record": ("get", "/competence/records/{record}/", MANAGERS),
    "competence:competences": ("get", "/competence/competences/", STAFF_ONLY),
    "competence:competence_create": ("get", "/competence/competences/new/", QUALITY_ONLY),
    "competence:competence_edit": ("get", "/competence/competences/{competence}/", QUALITY_ONLY),
    "competence:positions": ("get", "/competence/positions/", STAFF_ONLY),
    "competence:position_create": (
        "get",
        "/competence/positions/new/",
        row(403, anonymous=LOGIN, quality=200, owner=200),
    ),
    "competence:position": (
        "get",
        "/competence/positions/{position}/",
        row(200, anonymous=LOGIN, external=404),
    ),
    "competence:position_edit": (
        "get",
        "/competence/positions/{position}/edit/",
        row(403, anonymous=LOGIN, quality=200, owner=200, external=404),
    ),
    "competence:plan": ("get", "/competence/plan/", STAFF_ONLY),
    "competence:plan_gaps": (
        "post",
        "/competence/plan/gaps/",
        row(403, anonymous=LOGIN, quality=302, owner=302),
    ),
    "competence:trainings": ("get", "/competence/trainings/", STAFF_ONLY),
    "competence:training_create": (
        "get",
        "/competence/trainings/new/",
        row(403, anonymous=LOGIN, quality=200, owner=200),
    ),
    "competence:training": (
        "get",
        "/competence/trainings/{training}/",
        row(200, anonymous=LOGIN, external=404),
    ),
    "competence:attendance": (
        "post",
        "/competence/trainings/{training}/attendance/",
        row(403, anonymous=LOGIN, quality=302, owner=302, external=404),
    ),
    "competence:evaluate": (
        "post",
        "/competence/attendances/{attendance}/evaluate/",
        row(403, anonymous=LOGIN, quality=302, owner=302),
    ),
    "competence:awareness": ("get", "/competence/awareness/", STAFF_ONLY),
    "competence:communication": ("get", "/competence/communication/", STAFF_ONLY),
    "competence:communication_create": ("get", "/competence/communication/new/", QUALITY_ONLY),
    "competence:communication_edit": (
        "get",
        "/competence/communication/{entry}/",
        QUALITY_ONLY,
    ),
    "competence:resources": ("get", "/competence/resources/", STAFF_ONLY),
    "competence:resource_create": ("get", "/competence/resources/new/", QUALITY_ONLY),
    "competence:resource": ("get", "/competence/resources/{resource}/", STAFF_ONLY),
    "competence:assessments": ("get", "/competence/self-assessment/", STAFF_ONLY),
    "competence:assessment_create": ("get", "/competence/self-assessment/new/", QUALITY_ONLY),
    "competence:assessment": ("get", "/competence/self-assessment/{assessment}/", STAFF_ONLY),
    "competence:assessment_answer": (
        "get",
        "/competence/self-assessment/{assessment}/answer/",
        STAFF_ONLY,
    ),
    "competence:assessment_close": (
        "post",
        "/competence/self-assessment/{assessment}/close/",
        row(403, anonymous=LOGIN, quality=302),
    ),
    "competence:assessment_pdf": (
        "get",
        "/competence/self-assessment/{assessment}/summary.pdf",
        RESULTS,
    ),
    "competence:question_create": (
        "get",
        "/competence/self-assessment/{assessment}/questions/new/",
        QUALITY_ONLY,
    ),
    "competence:question_edit": (
        "get",
        "/competence/self-assessment/questions/{question}/",
        QUALITY_ONLY,
    ),
    "competence:weakness_action": (
        "get",
        "/competence/self-assessment/questions/{question}/action/",
        RESULTS,
    ),
    "competence:weakness_risk": (
        "get",
        "/competence/self-assessment/questions/{question}/risk/",
        RESULTS,
    ),
    "competence-list": (
        "get",
        "/api/v1/competences/",
        row(200, anonymous=NO_CREDENTIALS, external=API),
    ),
    "competence-detail": (
        "get",
        "/api/v1/competences/{competence}/",
        row(200, anonymous=NO_CREDENTIALS, external=API),
    ),
    "position-list": (
        "get",
        "/api/v1/positions/",
        row(200, anonymous=NO_CREDENTIALS, external=API),
    ),
    "position-detail": (
        "get",
        "/api/v1/positions/{position}/",
        row(200, anonymous=NO_CREDENTIALS, external=API),
    ),
    "competence-record-list": (
        "get",
        "/api/v1/competence-records/",
        row(200, anonymous=NO_CREDENTIALS, external=API),
    ),
    "competence-record-detail": (
        "get",
        "/api/v1/competence-records/{record}/",
        row(404, anonymous=NO_CREDENTIALS, external=API, quality=200, owner=200, employee=200),
    ),
    "training-list": (
        "get",
        "/api/v1/trainings/",
        row(200, anonymous=NO_CREDENTIALS, external=API),
    ),
    "training-detail": (
        "get",
        "/api/v1/trainings/{training}/",
        row(200, anonymous=NO_CREDENTIALS, external=API),
    ),
    "training-attendance": (
        "post",
        "/api/v1/trainings/{training}/attendance/",
        row(403, anonymous=NO_CREDENTIALS, external=API, quality=200, owner=200),
    ),
    "communication-list": (
        "get",
        "/api/v1/communication-plan/",
        row(200, anonymous=NO_CREDENTIALS, external=API),
    ),
    "communication-detail": (
        "get",
        "/api/v1/communication-plan/{entry}/",
        row(200, anonymous=NO_CREDENTIALS, external=API),
    ),
    "resource-list": (
        "get",
        "/api/v1/resources/",
        row(200, anonymous=NO_CREDENTIALS, external=API),
    ),
    "resource-detail": (
        "get",
        "/api/v1/resources/{resource}/",
        row(200, anonymous=NO_CREDENTIALS, external=API),
    ),
    "assessment-list": (
        "get",
        "/api/v1/self-assessments/",
        row(200, anonymous=NO_CREDENTIALS, external=API),
    ),
    "assessment-detail": (
        "get",
        "/api/v1/self-assessments/{assessment}/",
        row(200, anonymous=NO_CREDENTIALS, external=API),
    ),
    "assessment-results": (
        "get",
        "/api/v1/self-assessments/{assessment}/results/",
        row(403, anonymous=NO_CREDENTIALS, external=API, quality=200, owner=200),
    ),
}

WRITES = {
    "page: record a competence": (
        "post",
        "/competence/people/{person}/records/new/",
        row(404, anonymous=LOGIN, quality=302, owner=302, employee=403),
    ),
    "page: answer the self-assessment": (
        "post",
        "/competence/self-assessment/{assessment}/answer/",
        row(302, anonymous=LOGIN, external=403),
    ),
    "page: add a training": (
        "post",
        "/competence/trainings/new/",
        row(403, anonymous=LOGIN, quality=302, owner=302),
    ),
    "api: add a competence": (
        "post",
        "/api/v1/competences/",
        row(403, anonymous=NO_CREDENTIALS, external=API, quality=201),
    ),
    "api: record a competence": (
        "post",
        "/api/v1/competence-records/",
        row(403, anonymous=NO_CREDENTIALS, external=API, quality=201, owner=201),
    ),
    "api: add a training": (
        "post",
        "/api/v1/trainings/",
        row(403, anonymous=NO_CREDENTIALS, external=API, quality=201, owner=201),
    ),
    "api: add to the communication plan": (
        "post",
        "/api/v1/communication-plan/",
        row(403, anonymous=NO_CREDENTIALS, external=API, quality=201),
    ),
    "api: add a resource": (
        "post",
        "/api/v1/resources/",
        row(403, anonymous=NO_CREDENTIALS, external=API, quality=201),
    ),
}


def _fixtures(office):
    competence, position = setup(office)
    record = make_record(office, office.employee, competence)
    training = make_training(office, competence, [office.employee])
    entry = services.create_communication(
        actor=office.quality,
        subject="Polityka jakości",
        when="raz w roku",
        audience="pracownicy",
        channel="intranet",
        communicator="Pełnomocnik",
        direction="internal",
    )
    resource = services.create_resource(actor=office.quality, name="EZD", kind="it_system")
    services.record_attendance(actor=office.owner, training=training, attended=[office.employee])
    induction = services.add_induction_step(
        actor=office.quality, person=office.employee, title="Konto w EZD"
    )
    assessment = make_assessment(office)
    return {
        "assessment": assessment.pk,
        "question": assessment.questions.first().pk,
        "induction": induction.pk,
        "competence": competence.pk,
        "position": position.pk,
        "person": office.employee.pk,
        "record": record.pk,
        "training": training.pk,
        "attendance": Attendance.objects.get(training=training).pk,
        "entry": entry.pk,
        "resource": resource.pk,
    }


def _payload(office, path, ids):
    today = timezone.localdate()
    if path.endswith("/answer/"):
        from ratusz.competence.models import Assessment

        assessment = Assessment.objects.get(pk=ids["assessment"])
        return {f"q{q.pk}": "yes" for q in assessment.questions.all()}
    if path.endswith("/place/"):
        return {"position": ids["position"], "since": today.isoformat()}
    if path.endswith("/plan/"):
        return {"competence": ids["competence"], "year": today.year}
    if path.endswith("/induction/"):
        return {"title": "Szkolenie BHP"}
    if path.endswith("/done/"):
        return {"version": 1, "done_on": today.isoformat()}
    if path.endswith("/plan/gaps/"):
        return {"year": today.year}
    if path.endswith("/records/new/") or path == "/api/v1/competence-records/":
        return {
            "person": office.employee.pk,
            "competence": ids["competence"],
            "issued_on": (today - timedelta(days=3)).isoformat(),
            "evidence": "Nr 9/2026",
        }
    if path.endswith("/attendance/"):
        return {"version": 2, "attended": [office.employee.pk]}
    if path.endswith("/evaluate/"):
        return {"version": 2, "result": "effective", "evaluation": "Sprawdzono decyzje."}
    if path in ("/competence/trainings/new/", "/api/v1/trainings/"):
        return {
            "topic": "KPA w praktyce",
            "held_on": today.isoformat(),
            "hours": "3",
            "org_unit": office.civil.pk,
            "evaluate_after_days": 30,
            "attendees": [office.employee.pk],
        }
    if path == "/api/v1/competences/":
        return {"name": "Prawo jazdy kat. B", "kind": "authorisation", "evidenced_by": "Kopia"}
    if path == "/api/v1/communication-plan/":
        return {
            "subject": "Cele jakości",
            "when": "styczeń",
            "audience": "kierownicy",
            "channel": "narada",
            "communicator": "Sekretarz",
            "direction": "internal",
        }
    if path == "/api/v1/resources/":
        return {"name": "ePUAP", "kind": "it_system"}
    return {"version": 1}


ALL = {**TABLE, **WRITES}


@pytest.mark.parametrize(("name", "persona"), [(n, p) for n in ALL for p in PERSONAS])
def test_role_may_or_may_not_use_the_competence_endpoint(office, name, persona):
    method, template, expected = ALL[name]
    ids = _fixtures(office)
    path = template.format(**ids)
    client = Client()
    user = None if persona == "anonymous" else getattr(office, persona)
    if user:
        client.force_login(user, backend="ratusz.core.auth.RatuszBackend")
    payload = _payload(office, path, ids)
    if path.startswith("/api/"):
        if method == "get":
            response = client.get(path)
        else:
            response = getattr(client, method)(path, payload, content_type="application/json")
    else:
        response = client.post(path, payload) if method == "post" else client.get(path)
    assert response.status_code == expected[persona], (
        f"{persona} {method.upper()} {path}: expected {expected[persona]}, "
        f"got {response.status_code}: {response.content[:300]!r}"
    )
