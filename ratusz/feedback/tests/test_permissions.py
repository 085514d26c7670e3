"""Role × endpoint for residents' submissions (joins the core permission table).

The submission of the table is assigned to the civil affairs unit and handled by the
employee: the quality manager and top management keep the register, the head of the
unit and the handler see it; others get 404 and external auditors no staff page."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from ratusz.core.tests.test_permissions import LOGIN, NO_CREDENTIALS, PERSONAS, row
from ratusz.feedback import services
from ratusz.feedback.models import SubmissionFile
from ratusz.feedback.tests.factories import decided

API = 403
STAFF = row(200, anonymous=LOGIN, external=403)
READERS = row(404, anonymous=LOGIN, quality=200, mayor=200, owner=200, employee=200)
API_READERS = row(
    404, anonymous=NO_CREDENTIALS, external=API, quality=200, mayor=200, owner=200, employee=200
)
# An empty payload: refused (400) for those who may see the record, after the check who.
API_STEP = row(
    404, anonymous=NO_CREDENTIALS, external=API, quality=400, mayor=400, owner=400, employee=400
)
PUBLIC = row(200)

TABLE = {
    "feedback:list": ("get", "/feedback/", STAFF),
    "feedback:export": ("get", "/feedback/export.xlsx", STAFF),
    "feedback:create": ("get", "/feedback/new/", STAFF),
    "feedback:statistics": ("get", "/feedback/statistics/", STAFF),
    "feedback:detail": ("get", "/feedback/{s}/", READERS),
    "feedback:personal_data": (
        "get",
        "/feedback/personal-data/",
        row(403, anonymous=LOGIN, quality=200),
    ),
    "feedback:reply_pdf": ("get", "/feedback/{s}/reply.pdf", READERS),
    "feedback:file": ("get", "/feedback/{s}/files/{f}/", READERS),
    # Approval: the head of the unit and the quality manager; not the handler who drafted it.
    "feedback:step": (
        "post",
        "/feedback/{s}/approve/",
        row(404, anonymous=LOGIN, quality=302, owner=302, mayor=403, employee=403),
    ),
    "residents:send": ("get", "/public/feedback/", PUBLIC),
    "residents:status": ("get", "/public/status/", PUBLIC),
    "residents:accessibility": ("get", "/public/accessibility/", PUBLIC),
    "residents:privacy": ("get", "/public/privacy/", PUBLIC),
    "residents:statistics": ("get", "/public/feedback/statistics/", PUBLIC),
    "residents:statistics_csv": ("get", "/public/feedback/statistics.csv", PUBLIC),
    "residents:petitions": ("get", "/public/petitions/", PUBLIC),
    "residents:quality": ("get", "/public/quality/", PUBLIC),
    "submission-list": (
        "get",
        "/api/v1/submissions/",
        row(200, anonymous=NO_CREDENTIALS, external=API),
    ),
    "submission-detail": ("get", "/api/v1/submissions/{s}/", API_READERS),
    "submission-assign": ("post", "/api/v1/submissions/{s}/assign/", API_STEP),
    "submission-delay": ("post", "/api/v1/submissions/{s}/delay/", API_STEP),
    "submission-forward": ("post", "/api/v1/submissions/{s}/forward/", API_STEP),
    "submission-decide": ("post", "/api/v1/submissions/{s}/decide/", API_STEP),
    "submission-draft-reply": ("post", "/api/v1/submissions/{s}/draft-reply/", API_STEP),
    "submission-approve-reply": ("post", "/api/v1/submissions/{s}/approve-reply/", API_STEP),
    "submission-send-reply": ("post", "/api/v1/submissions/{s}/send-reply/", API_STEP),
    "submission-open-nonconformity": (
        "post",
        "/api/v1/submissions/{s}/open-nonconformity/",
        API_STEP,
    ),
}

WRITES = {
    "page: register a letter": (
        "post",
        "/feedback/new/",
        row(302, anonymous=LOGIN, external=403),
    ),
    "page: export a person's data": (
        "post",
        "/feedback/personal-data/",
        row(403, anonymous=LOGIN, quality=200),
    ),
    "page: send through the portal": ("post", "/public/feedback/", row(200)),
    "page: check the status": ("post", "/public/status/", row(400)),
    "api: register a letter": (
        "post",
        "/api/v1/submissions/",
        row(201, anonymous=NO_CREDENTIALS, external=API),
    ),
}


def _fixtures(office):
    s = decided(office)
    s = services.draft_reply(
        actor=office.employee,
        submission=s,
        expected_version=s.version,
        reply_text="Skarga zasadna.",
        reply_signatory="Anna Nowak, Sekretarz",
    )
    f = SubmissionFile(
        submission=s, original_name="pismo.txt", mime_type="text/plain", size=5, sha256="0" * 64
    )
    f.file.save("pismo.txt", ContentFile(b"Pismo"), save=True)
    return {"s": s.pk, "version": s.version, "f": f.pk}


def _payload(path, ids):
    if path == "/feedback/new/" or path == "/api/v1/submissions/":
        return {
            "kind": "complaint",
            "channel": "letter",
            "received_on": "2026-01-05",
            "subject": "Opóźniona inwestycja",
            "content": "Most nadal zamknięty.",
            "submitter_name": "Jan Kowalski",
            "submitter_address": "ul. Polna 1",
        }
    if path == "/public/feedback/":
        return {"kind": "motion", "subject": "Ławki", "content": "Więcej ławek w parku."}
    if path == "/public/status/":
        return {"reference": "SW/2026/0001", "code": "AAAA-BBBB-CCCC"}
    if path == "/feedback/personal-data/":
        return {"person": "Jan Kowalski", "email": ""}
    if path.endswith("/approve/"):
        return {"version": ids["version"]}
    return {}


ALL = {**TABLE, **WRITES}


@pytest.mark.parametrize(("name", "persona"), [(n, p) for n in ALL for p in PERSONAS])
def test_role_may_or_may_not_use_the_feedback_endpoint(office, name, persona):
    method, template, expected = ALL[name]
    ids = _fixtures(office)
    path = template.format(**ids)
    client = Client()
    user = None if persona == "anonymous" else getattr(office, persona)
    if user:
        client.force_login(user, backend="ratusz.core.auth.RatuszBackend")
    payload = _payload(path, ids)
    if path.startswith("/api/") and method == "post":
        response = client.post(path, payload, content_type="application/json")
    elif method == "post":
        response = client.post(path, payload)
    else:
        response = client.get(path)
    assert response.status_code == expected[persona], (
        f"{persona} {method.upper()} {path}: expected {expected[persona]}, "
        f"got {response.status_code}: {response.content[:300]!r}"
    )
