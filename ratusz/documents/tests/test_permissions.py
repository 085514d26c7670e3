"""Role × endpoint for documented information (joins the core permission table)."""

from __future__ import annotations

import pytest
from django.test import Client

from ratusz.core.tests.test_permissions import LOGIN, NO_CREDENTIALS, PERSONAS, row
from ratusz.documents import services
from ratusz.documents.models import DocumentType
from ratusz.documents.tests.factories import bring_into_force, make_document

TABLE = {
    "documents:register": ("get", "/documents/", row(200, anonymous=LOGIN, external=403)),
    "documents:export": ("get", "/documents/export.xlsx", row(200, anonymous=LOGIN, external=403)),
    "documents:create": (
        "get",
        "/documents/new/",
        row(403, anonymous=LOGIN, quality=200, owner=200),
    ),
    "documents:to_read": ("get", "/documents/to-read/", row(200, anonymous=LOGIN, external=403)),
    "documents:records": ("get", "/documents/records/", row(200, anonymous=LOGIN, external=403)),
    "documents:detail": ("get", "/documents/{doc}/", row(200, anonymous=LOGIN, external=404)),
    "documents:edit": (
        "get",
        "/documents/{doc}/edit/",
        row(403, anonymous=LOGIN, quality=200, owner=200, external=404),
    ),
    "documents:distribution": (
        "get",
        "/documents/{doc}/distribution/",
        row(403, anonymous=LOGIN, quality=200, owner=200, external=404),
    ),
    "documents:version": ("get", "/documents/{doc}/v1/", row(200, anonymous=LOGIN, external=404)),
    "documents:version_pdf": (
        "get",
        "/documents/{doc}/v1/pdf/",
        row(200, anonymous=LOGIN, external=404),
    ),
    "documents:version_edit": (
        "get",
        "/documents/{doc}/v2/edit/",
        row(404, anonymous=LOGIN, quality=403, mayor=403, owner=200),
    ),
    "documents:version_file": (
        # No file sent: the draft's editor gets the edit page with the message (400).
        "post",
        "/documents/{doc}/v2/files/",
        row(404, anonymous=LOGIN, quality=403, mayor=403, owner=400),
    ),
    "documents:version_diff": (
        "get",
        "/documents/{doc}/v2/diff/1/",
        row(404, anonymous=LOGIN, quality=200, mayor=200, owner=200),
    ),
    "documents:version_step": (
        "post",
        "/documents/{doc}/v1/acknowledge/",
        row(302, anonymous=LOGIN, external=404),
    ),
    "documents:document_step": (
        # A draft already exists, so the allowed ones get the page with the refusal (400).
        "post",
        "/documents/{doc}/new-version/",
        row(403, anonymous=LOGIN, quality=400, owner=400, external=404),
    ),
}

API = 403  # the API refuses a signed-in caller it does not serve with 403
VIEWERS_OF_DRAFT = {"quality": 400, "mayor": 400, "owner": 400}

TABLE.update(
    {
        "document-type-list": (
            "get",
            "/api/v1/document-types/",
            row(200, anonymous=NO_CREDENTIALS, external=API),
        ),
        "document-type-detail": (
            "get",
            "/api/v1/document-types/{type}/",
            row(200, anonymous=NO_CREDENTIALS, external=API),
        ),
        "document-list": (
            "get",
            "/api/v1/documents/",
            row(200, anonymous=NO_CREDENTIALS, external=API),
        ),
        "document-detail": (
            "get",
            "/api/v1/documents/{doc}/",
            row(200, anonymous=NO_CREDENTIALS, external=API),
        ),
        "document-versions": (
            "get",
            "/api/v1/documents/{doc}/versions/",
            row(200, anonymous=NO_CREDENTIALS, external=API),
        ),
        "document-version-detail": (
            "get",
            "/api/v1/document-versions/{draft}/",
            row(404, anonymous=NO_CREDENTIALS, external=API, quality=200, mayor=200, owner=200),
        ),
        "document-version-edit": (
            "post",
            "/api/v1/document-versions/{draft}/edit/",
            row(404, anonymous=NO_CREDENTIALS, external=API, quality=403, mayor=403, owner=200),
        ),
        "document-version-submit-review": (
            "post",
            "/api/v1/document-versions/{draft}/submit-review/",
            row(404, anonymous=NO_CREDENTIALS, external=API, quality=403, mayor=403, owner=200),
        ),
        "document-version-review": (
            "post",
            "/api/v1/document-versions/{draft}/review/",
            row(404, anonymous=NO_CREDENTIALS, external=API, **VIEWERS_OF_DRAFT),
        ),
        "document-version-submit-approval": (
            "post",
            "/api/v1/document-versions/{draft}/submit-approval/",
            row(404, anonymous=NO_CREDENTIALS, external=API, **VIEWERS_OF_DRAFT),
        ),
        "document-version-approve": (
            "post",
            "/api/v1/document-versions/{draft}/approve/",
            row(404, anonymous=NO_CREDENTIALS, external=API, **VIEWERS_OF_DRAFT),
        ),
        "document-version-reject": (
            "post",
            "/api/v1/document-versions/{draft}/reject/",
            row(404, anonymous=NO_CREDENTIALS, external=API, **VIEWERS_OF_DRAFT),
        ),
        "document-version-acknowledge": (
            # Only the civil affairs unit receives it; everyone else is told it is not theirs.
            "post",
            "/api/v1/document-versions/{live}/acknowledge/",
            row(400, anonymous=NO_CREDENTIALS, external=API, owner=200, employee=200),
        ),
    }
)

WRITES = {
    "api: register a document": (
        "post",
        "/api/v1/documents/",
        row(403, anonymous=NO_CREDENTIALS, external=API, quality=201, owner=201),
    ),
}

RESTRICTED = {
    "restricted document": (
        "get",
        "/documents/{secret}/",
        row(200, anonymous=LOGIN, outsider=404, external=404),
    ),
    "superseded version": (
        # Kept as evidence for the quality manager and auditors; anyone else who
        # reads the document is taken to the version in force.
        "get",
        "/documents/{old}/v1/",
        row(302, anonymous=LOGIN, external=404, quality=200, auditor=200),
    ),
}


def _fixtures(office):
    procedure = DocumentType.objects.get(code="procedure")
    doc = make_document(office, "Skargi", "Tekst procedury.")
    bring_into_force(office, doc)
    services.set_distribution(actor=office.owner, document=doc, units=[office.civil], roles=[])
    services.start_new_version(actor=office.owner, document=doc)
    secret = make_document(office, "Tajne", "Poufne.", confidentiality="restricted")
    bring_into_force(office, secret)
    old = make_document(office, "Stara", "v1")
    bring_into_force(office, old)
    services.start_new_version(actor=office.owner, document=old)
    bring_into_force(office, old)
    doc.refresh_from_db()
    return {
        "doc": doc.pk,
        "secret": secret.pk,
        "old": old.pk,
        "type": procedure.pk,
        "live": doc.current_version_id,
        "live_hash": doc.current_version.content_hash,
        "draft": doc.versions.get(status="draft").pk,
        "civil": office.civil.pk,
        "owner_id": office.owner.pk,
        "auditor_id": office.auditor.pk,
    }


def _payload(path, ids):
    if path == "/api/v1/documents/":
        return {
            "doc_type": ids["type"],
            "title": "Nowa",
            "owner_unit": ids["civil"],
            "owner": ids["owner_id"],
            "clauses": [],
            "confidentiality": "internal",
            "retention_category": "A",
        }
    if path.endswith("/edit/"):
        return {"version": 1, "body": "Nowy tekst", "change_summary": "Zmiana"}
    if path.endswith("/submit-review/"):
        return {"version": 1, "reviewers": [ids["auditor_id"]]}
    if path.endswith("/review/"):
        return {"agreed": True, "comment": ""}
    if path.endswith("/reject/"):
        return {"version": 1, "reason": "Popraw"}
    if path.endswith("/acknowledge/"):
        return {"content_hash": ids["live_hash"]}
    if path.endswith("/approve/"):
        return {"version": 1, "confirm": "on", "roles": ["employee"]}
    return {"version": 1}


ALL = {**TABLE, **WRITES, **RESTRICTED}


@pytest.mark.parametrize(("name", "persona"), [(n, p) for n in ALL for p in PERSONAS])
def test_role_may_or_may_not_use_the_documents_endpoint(office, name, persona):
    method, template, expected = ALL[name]
    ids = _fixtures(office)
    path = template.format(**ids)
    client = Client()
    user = None if persona == "anonymous" else getattr(office, persona)
    if user:
        client.force_login(user, backend="ratusz.core.auth.RatuszBackend")
    if path.startswith("/api/") and method == "post":
        response = client.post(path, _payload(path, ids), content_type="application/json")
    else:
        response = getattr(client, method)(path)
    assert response.status_code == expected[persona], (
        f"{persona} {method.upper()} {path}: expected {expected[persona]}, "
        f"got {response.status_code}"
    )
