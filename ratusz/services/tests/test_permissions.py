"""Role × endpoint for public services (joins the core permission table)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from ratusz.core.tests.test_permissions import LOGIN, PERSONAS, row
from ratusz.services import services
from ratusz.services.models import Case, CaseImport
from ratusz.services.tests.factories import PDF, PUBLISHED, make_card

TABLE = {
    "services:figures": ("get", "/services/", row(200, anonymous=LOGIN, external=403)),
    "services:cards": ("get", "/services/cards/", row(200, anonymous=LOGIN, external=403)),
    "services:card_create": (
        "get",
        "/services/cards/new/",
        row(403, anonymous=LOGIN, quality=200, owner=200, transport_owner=200),
    ),
    "services:card": ("get", "/services/cards/{card}/", row(200, anonymous=LOGIN, external=403)),
    "services:card_edit": (
        "get",
        "/services/cards/{card}/edit/",
        row(403, anonymous=LOGIN, quality=200, owner=200),
    ),
    "services:import_form": (
        "get",
        "/services/import/",
        row(403, anonymous=LOGIN, quality=200),
    ),
    "public_services:catalogue": ("get", "/public/services/", row(200)),
    "public_services:card": ("get", "/public/services/{public_card}/", row(200)),
    "public_services:card (not published)": ("get", "/public/services/{card}/", row(404)),
    "public_services:form": (
        "get",
        "/public/services/{public_card}/forms/{public_form}/",
        row(200),
    ),
    "public_services:form (card not published)": (
        "get",
        "/public/services/{card}/forms/{form}/",
        row(404),
    ),
    "services:imports": ("get", "/services/imports/", row(200, anonymous=LOGIN, external=403)),
    "services:import": (
        "get",
        "/services/imports/{record}/",
        row(200, anonymous=LOGIN, external=403),
    ),
    "service-card-list": ("get", "/api/v1/service-cards/", row(200, anonymous=401, external=403)),
    "service-card-detail": (
        "get",
        "/api/v1/service-cards/{card}/",
        row(200, anonymous=401, external=403),
    ),
    "case-list": ("get", "/api/v1/cases/", row(200, anonymous=401, external=403)),
    "case-detail": ("get", "/api/v1/cases/{case}/", row(200, anonymous=401, external=403)),
    "service-figures-list": (
        "get",
        "/api/v1/service-figures/",
        row(200, anonymous=401, external=403),
    ),
    # Nothing below target in the fixtures: the page says so and goes back to the card.
    "services:card_nonconformity": (
        "post",
        "/services/cards/{card}/nonconformity/",
        row(403, anonymous=LOGIN, quality=302, owner=302),
    ),
    # Forms of a card: those who keep the card attach and remove them.
    "services:card_form_attach": (
        "post",
        "/services/cards/{card}/forms/",
        row(403, anonymous=LOGIN, quality=302, owner=302),
    ),
    "services:card_form_remove": (
        "post",
        "/services/cards/{card}/forms/{form}/remove/",
        row(403, anonymous=LOGIN, quality=302, owner=302),
    ),
}

WRITES = {
    # The head of another unit may add cards, but not for this unit: the form says so
    # on the unit field.
    "page: add a service card": (
        "post",
        "/services/cards/new/",
        row(403, anonymous=LOGIN, quality=302, owner=302, transport_owner=200),
    ),
    "page: edit a service card": (
        "post",
        "/services/cards/{card}/edit/",
        row(403, anonymous=LOGIN, quality=302, owner=302),
    ),
    "api: add a service card": (
        "post",
        "/api/v1/service-cards/",
        row(403, anonymous=401, quality=201, owner=201, transport_owner=403),
    ),
    "api: change a service card": (
        "patch",
        "/api/v1/service-cards/{card}/",
        row(403, anonymous=401, quality=200, owner=200),
    ),
    "page: import cases": (
        "post",
        "/services/import/",
        row(403, anonymous=LOGIN, quality=302),
    ),
}


def _fixtures(office):
    card = make_card(office)
    public_card = make_card(office, number="KU-SO-09", **PUBLISHED)
    record = CaseImport.objects.create(file_name="ezd.csv", started_by=office.quality)
    case = Case.objects.create(
        case_sign="SO.1.2026",
        org_unit=office.civil,
        started_on=date(2026, 11, 2),
        term="14d",
        due_on=date(2026, 11, 16),
        timeliness="open",
    )
    form = services.attach_form(actor=office.quality, card=card, file=_pdf())
    public_form = services.attach_form(actor=office.quality, card=public_card, file=_pdf())
    return {
        "card": card.pk,
        "public_card": public_card.pk,
        "record": record.pk,
        "case": case.pk,
        "form": form.pk,
        "public_form": public_form.pk,
    }


def _pdf():
    return SimpleUploadedFile("wniosek.pdf", PDF, content_type="application/pdf")


def _payload(office, path):
    if path == "/services/cards/new/":
        return {
            "number": "KU-SO-02",
            "name": "Meldunek",
            "org_unit": office.civil.pk,
            "on_time_target": "95",
        }
    if path.endswith("/edit/"):
        return {
            "version": 1,
            "number": "KU-SO-01",
            "name": "Dowód osobisty",
            "org_unit": office.civil.pk,
            "on_time_target": "92",
            "is_active": "on",
        }
    if path == "/api/v1/service-cards/":
        return {"number": "KU-SO-03", "name": "Meldunek", "org_unit": office.civil.pk}
    if path.startswith("/api/v1/service-cards/"):
        return {"version": 1, "fees": "Bezpłatnie"}
    if path.endswith("/forms/"):
        return {"file": _pdf(), "description": "Wniosek"}
    if path == "/services/import/":
        data = b"case_sign;unit;started_on;term\nSO.1.2026;SO;2026-03-02;14d\n"
        return {"file": SimpleUploadedFile("ezd.csv", data, content_type="text/csv")}
    return {}


ALL = {**TABLE, **WRITES}
PEOPLE = [*PERSONAS, "transport_owner"]


@pytest.mark.parametrize(("name", "persona"), [(n, p) for n in ALL for p in PEOPLE])
def test_role_may_or_may_not_use_the_services_endpoint(office, name, persona):
    method, template, expected = ALL[name]
    expected = {"transport_owner": expected.get("employee"), **expected}
    ids = _fixtures(office)
    path = template.format(**ids)
    client = Client()
    user = None if persona == "anonymous" else getattr(office, persona)
    if user:
        client.force_login(user, backend="ratusz.core.auth.RatuszBackend")
    if path.startswith("/api/") and method != "get":
        response = getattr(client, method)(
            path, _payload(office, path), content_type="application/json"
        )
    elif method == "post":
        response = client.post(path, _payload(office, path))
    else:
        response = client.get(path)
    assert response.status_code == expected[persona], (
        f"{persona} {method.upper()} {path}: expected {expected[persona]}, "
        f"got {response.status_code}: {response.content[:300]!r}"
    )
