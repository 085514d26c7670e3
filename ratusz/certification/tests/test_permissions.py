"""Role × endpoint for the certification area (joins the core permission table)."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from ratusz.certification.models import EvidencePack
from ratusz.certification.tests import factories
from ratusz.core.tests.test_permissions import LOGIN, NO_CREDENTIALS, PERSONAS, row

QM_ONLY = row(403, anonymous=LOGIN, quality=200)

TABLE = {
    "certification:overview": ("get", "/certification/", row(200, anonymous=LOGIN, external=403)),
    "certification:certificate_create": ("get", "/certification/certificates/new/", QM_ONLY),
    "certification:certificate_edit": (
        "get",
        "/certification/certificates/{cert}/edit/",
        QM_ONLY,
    ),
    "certification:audit_create": ("get", "/certification/audits/new/", QM_ONLY),
    "certification:audit": (
        "get",
        "/certification/audits/{audit}/",
        row(200, anonymous=LOGIN, external=403),
    ),
    "certification:audit_edit": ("get", "/certification/audits/{audit}/edit/", QM_ONLY),
    "certification:readiness": (
        "get",
        "/certification/readiness/",
        row(200, anonymous=LOGIN, external=403),
    ),
    "certification:evidence": ("get", "/certification/evidence/", QM_ONLY),
    "certification:evidence_build": (
        "post",
        "/certification/evidence/build/",
        row(403, anonymous=LOGIN, quality=302),
    ),
    # Shared with no one yet: only the quality manager may download it.
    "certification:evidence_download": (
        "get",
        "/certification/evidence/{pack}/download/",
        row(404, anonymous=LOGIN, quality=200),
    ),
    "certification:external_end": (
        "post",
        "/certification/evidence/auditors/{external}/end/",
        row(403, anonymous=LOGIN, quality=302),
    ),
}

API = 403  # the API refuses a signed-in caller it does not serve with 403
API_READ = row(200, anonymous=NO_CREDENTIALS, external=API)

TABLE.update(
    {
        "certification-body-list": ("get", "/api/v1/certification-bodies/", API_READ),
        "certification-body-detail": ("get", "/api/v1/certification-bodies/{body}/", API_READ),
        "certificate-list": ("get", "/api/v1/certificates/", API_READ),
        "certificate-detail": ("get", "/api/v1/certificates/{cert}/", API_READ),
        "external-audit-list": ("get", "/api/v1/external-audits/", API_READ),
        "readiness-list": ("get", "/api/v1/readiness/", API_READ),
        "external-audit-detail": ("get", "/api/v1/external-audits/{audit}/", API_READ),
        "external-audit-findings": (
            "get",
            "/api/v1/external-audits/{audit}/findings/",
            API_READ,
        ),
    }
)

WRITES = {
    "api: record a finding": (
        # 400: allowed, but the empty finding is refused field by field
        "post",
        "/api/v1/external-audits/{audit}/findings/",
        row(403, anonymous=NO_CREDENTIALS, quality=400),
    ),
    "api: plan an external audit": (
        "post",
        "/api/v1/external-audits/",
        row(403, anonymous=NO_CREDENTIALS, quality=400),
    ),
    "record a finding": (
        "post",
        "/certification/audits/{audit}/",
        row(403, anonymous=LOGIN, quality=200),  # 200: the empty form comes back with errors
    ),
}

ALL = {**TABLE, **WRITES}


@pytest.mark.parametrize(("name", "persona"), [(n, p) for n in ALL for p in PERSONAS])
def test_role_may_or_may_not_use_the_certification_endpoint(office, name, persona):
    method, template, expected = ALL[name]
    cert = factories.certificate(factories.body())
    # ORM: a stand-in pack; the service renders the whole evidence, too slow for every cell.
    pack = EvidencePack.objects.create(created_by=office.quality, size=4, sha256="0" * 64)
    pack.file.save("pack.zip", ContentFile(b"PK\x05\x06" + b"\0" * 18))
    path = template.format(
        cert=cert.pk,
        audit=factories.audit(cert).pk,
        body=cert.body_id,
        pack=pack.pk,
        external=office.external.pk,
    )
    client = Client()
    user = None if persona == "anonymous" else getattr(office, persona)
    if user:
        client.force_login(user, backend="ratusz.core.auth.RatuszBackend")
    if path.startswith("/api/") and method == "post":
        response = client.post(path, {}, content_type="application/json")
    else:
        response = getattr(client, method)(path, {} if method == "post" else None)
    assert response.status_code == expected[persona], (
        f"{persona} {method.upper()} {path}: expected {expected[persona]}, "
        f"got {response.status_code}"
    )
