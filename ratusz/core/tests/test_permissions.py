"""Role × endpoint: who may open and change what. Every URL must be in the table."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.test import APIClient

from ratusz.core import calendar, services
from ratusz.core.models import Job
from ratusz.core.tests.factories import clause

PERSONAS = ["anonymous", "quality", "mayor", "owner", "auditor", "employee", "outsider", "external"]
STAFF = {p: 200 for p in PERSONAS if p not in ("anonymous", "external")}
LOGIN = 302  # anonymous visitors are sent to the sign-in page
NO_CREDENTIALS = 401  # the API asks a caller without credentials for them (WWW-Authenticate)


def row(default, **overrides):
    """Expected status for every persona: `default` for signed-in staff, then the overrides."""
    expected = dict.fromkeys(PERSONAS, default)
    expected.update(overrides)
    return expected


# url name -> (method, path template, expected status per persona)
TABLE = {
    "login": ("get", "/login/", row(302, anonymous=200)),
    "healthz": ("get", "/healthz", row(200)),
    "core:public": ("get", "/public/", row(200)),  # the public portal: no sign-in
    "core:dashboard": ("get", "/", row(200, anonymous=LOGIN)),
    "core:calendar_reset": (
        "post",
        "/profile/calendar/reset/",
        row(302, anonymous=LOGIN, external=403),
    ),
    # The secret address is the credential (calendar apps cannot sign in): anyone holding
    # the employee's address reads the employee's feed, signed in or not.
    "core:calendar_feed": ("get", "/calendar/{token}/mine.ics", row(200)),
    "core:action_list": ("get", "/actions/", row(200, anonymous=LOGIN, external=403)),
    "core:action_export": (
        "get",
        "/actions/export.xlsx",
        row(200, anonymous=LOGIN, external=403),
    ),
    "core:action_create": (
        "get",
        "/actions/new/",
        row(403, anonymous=LOGIN, quality=200, owner=200),
    ),
    "core:action_detail": (
        "get",
        "/actions/{action}/",
        row(200, anonymous=LOGIN, outsider=404, external=404),
    ),
    "core:action_edit": (
        "get",
        "/actions/{action}/edit/",
        row(403, anonymous=LOGIN, quality=200, owner=200, outsider=404, external=404),
    ),
    "core:action_transition": (
        "post",
        "/actions/{action}/start/",
        row(403, anonymous=LOGIN, quality=302, owner=302, employee=302, outsider=404, external=404),
    ),
    "core:action_attach": (
        "post",
        "/actions/{action}/attach/",
        row(403, anonymous=LOGIN, quality=302, owner=302, employee=302, outsider=404, external=404),
    ),
    "core:attachment_download": (
        "get",
        "/attachments/{attachment}/",
        row(200, anonymous=LOGIN, outsider=404, external=404),
    ),
    "core:notifications": ("get", "/notifications/", row(200, anonymous=LOGIN)),
    "core:notification_open": (
        "get",
        "/notifications/{notification}/",
        row(404, anonymous=LOGIN, employee=302),
    ),
    "core:clauses": ("get", "/clauses/", row(200, anonymous=LOGIN, external=403)),
    "core:clause_edit": ("get", "/clauses/{clause}/", row(403, anonymous=LOGIN, quality=200)),
    "core:org_units": ("get", "/organisation/", row(200, anonymous=LOGIN, external=403)),
    "core:org_unit_detail": (
        "get",
        "/organisation/{unit}/",
        row(200, anonymous=LOGIN, external=403),
    ),
    "core:audit_trail": (
        "get",
        "/audit-trail/",
        row(403, anonymous=LOGIN, quality=200, auditor=200),
    ),
    "core:profile": ("get", "/profile/", row(200, anonymous=LOGIN)),
    "core:search": ("get", "/search/?q=karty", row(200, anonymous=LOGIN, external=403)),
    # A background job is seen only by the person who asked for it (here: quality).
    "core:job": ("get", "/jobs/{job}/", row(404, anonymous=LOGIN, quality=200)),
    "password_change": ("get", "/password/", row(200, anonymous=LOGIN)),
    "password_change_done": ("get", "/password/done/", row(200, anonymous=LOGIN)),
    "logout": ("post", "/logout/", row(302)),
    "set_language": ("post", "/i18n/setlang/", row(302)),
    "api-schema": ("get", "/api/schema/", row(200, anonymous=NO_CREDENTIALS, external=403)),
    "api-docs": ("get", "/api/docs/", row(200, anonymous=NO_CREDENTIALS, external=403)),
    "api-root": ("get", "/api/v1/", row(200, anonymous=NO_CREDENTIALS)),
    "me-list": ("get", "/api/v1/me/", row(200, anonymous=NO_CREDENTIALS)),
    "user-list": ("get", "/api/v1/users/", row(200, anonymous=NO_CREDENTIALS, external=403)),
    "user-detail": (
        "get",
        "/api/v1/users/{user}/",
        row(200, anonymous=NO_CREDENTIALS, external=403),
    ),
    "org-unit-list": (
        "get",
        "/api/v1/org-units/",
        row(200, anonymous=NO_CREDENTIALS, external=403),
    ),
    "org-unit-detail": (
        "get",
        "/api/v1/org-units/{unit}/",
        row(200, anonymous=NO_CREDENTIALS, external=403),
    ),
    "action-list": ("get", "/api/v1/actions/", row(200, anonymous=NO_CREDENTIALS, external=403)),
    "action-detail": (
        "get",
        "/api/v1/actions/{action}/",
        row(200, anonymous=NO_CREDENTIALS, external=403, outsider=404),
    ),
    "action-start": (
        "post",
        "/api/v1/actions/{action}/start/",
        row(403, anonymous=NO_CREDENTIALS, quality=200, owner=200, employee=200, outsider=404),
    ),
    "action-complete": (
        "post",
        "/api/v1/actions/{action}/complete/",
        row(403, anonymous=NO_CREDENTIALS, quality=200, owner=200, employee=200, outsider=404),
    ),
    "action-verify": (
        # Not yet completed: those allowed to verify get 400 (nothing to verify yet).
        "post",
        "/api/v1/actions/{action}/verify/",
        row(403, anonymous=NO_CREDENTIALS, quality=400, owner=400, outsider=404),
    ),
    "action-cancel": (
        "post",
        "/api/v1/actions/{action}/cancel/",
        row(403, anonymous=NO_CREDENTIALS, quality=200, owner=200, outsider=404),
    ),
}

# Writes that are not a separate URL name but must be in the table too.
WRITES = {
    "api: create an action": (
        "post",
        "/api/v1/actions/",
        row(403, anonymous=NO_CREDENTIALS, quality=201, owner=201),
    ),
    "api: edit an action": (
        "patch",
        "/api/v1/actions/{action}/",
        row(403, anonymous=NO_CREDENTIALS, quality=200, owner=200, outsider=404),
    ),
    "page: raise an action": (
        "post",
        "/actions/new/",
        row(403, anonymous=LOGIN, quality=302, owner=302),
    ),
    "page: change a clause": (
        "post",
        "/clauses/{clause}/",
        row(403, anonymous=LOGIN, quality=302),
    ),
}

NOT_IN_TABLE = {"admin", "api-root-format", "swagger-ui"}


def _names(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            ns = f"{pattern.namespace}:" if pattern.namespace else prefix
            yield from _names(pattern.url_patterns, ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield prefix + pattern.name


def test_every_url_of_the_app_is_in_the_permission_table():
    from ratusz.core.plugins import area_modules

    covered = set(TABLE)
    for _label, module in area_modules("tests.test_permissions"):
        covered |= set(module.TABLE)
    names = {n for n in _names(get_resolver().url_patterns) if n not in NOT_IN_TABLE}
    missing = names - covered
    assert not missing, f"add these endpoints to the permission table: {sorted(missing)}"


def _fixtures(office):
    action = office.action()
    upload = SimpleUploadedFile("note.txt", b"Evidence text", content_type="text/plain")
    attachment = services.attach_file(actor=office.quality, target=action, upload=upload)
    notification = office.employee.notifications.first()
    return {
        "action": action.pk,
        "attachment": attachment.pk,
        "notification": notification.pk,
        "clause": clause("4.3").pk,
        "unit": office.civil.pk,
        "user": office.employee.pk,
        "token": calendar.feed_token(office.employee),
        # ORM: a stand-in job record; starting a real one would run it.
        "job": Job.objects.create(kind="certification.evidence_pack", owner=office.quality).pk,
    }


def _payload(office, path, method):
    if path == "/api/v1/actions/" or path == "/actions/new/":
        return {
            "title": "New",
            "org_unit": office.civil.pk,
            "owner": office.employee.pk,
            "due_date": "2099-01-31",
            "kind": "other",
            "description": "",
        }
    if path.endswith("/attach/"):
        return {"file": SimpleUploadedFile("n.txt", b"plain text"), "description": ""}
    if path.startswith("/clauses/"):
        return {"applicable": "on", "justification": "", "version": 1}
    if path == "/i18n/setlang/":
        return {"language": "en", "next": "/"}
    if method == "patch":
        return {"title": "Edited", "version": 1}
    if path.endswith("/complete/"):
        return {"version": 1, "completion_evidence": "Done."}
    if path.endswith("/verify/"):
        return {"version": 1, "effective": True, "effectiveness_notes": "ok"}
    if path.endswith("/cancel/"):
        return {"version": 1, "cancel_reason": "No longer needed."}
    return {"version": 1}


CASES = [(name, persona) for name in [*TABLE, *WRITES] for persona in PERSONAS]


@pytest.mark.parametrize(("name", "persona"), CASES)
def test_role_may_or_may_not_use_the_endpoint(office, name, persona):
    method, template, expected = {**TABLE, **WRITES}[name]
    ids = _fixtures(office)
    path = template.format(**ids)
    user = None if persona == "anonymous" else getattr(office, persona)
    if path.startswith("/api/"):
        client = APIClient()
        if user:
            client.force_authenticate(user)
        kwargs = {"format": "json"}
    else:
        client = Client()
        if user:
            client.force_login(user, backend="ratusz.core.auth.RatuszBackend")
        kwargs = {}
    data = _payload(office, path, method) if method != "get" else None
    response = (
        getattr(client, method)(path, data, **kwargs)
        if data is not None
        else getattr(client, method)(path)
    )
    assert response.status_code == expected[persona], (
        f"{persona} {method.upper()} {path}: expected {expected[persona]}, "
        f"got {response.status_code}"
    )
    if hasattr(response, "streaming_content"):
        io.BytesIO(b"".join(response.streaming_content))
