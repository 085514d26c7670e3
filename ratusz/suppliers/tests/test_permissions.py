"""Role × endpoint for the contract register (joins the core permission table)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from ratusz.core.tests.test_permissions import LOGIN, NO_CREDENTIALS, PERSONAS, row
from ratusz.suppliers import services
from ratusz.suppliers.models import Contract
from ratusz.suppliers.tests.factories import final_milestone, make_contract

API = 403  # the API refuses a signed-in caller it does not serve with 403
STAFF_READ = row(200, anonymous=LOGIN, external=403)
KEEPERS = row(403, anonymous=LOGIN, quality=200, owner=200)
# The contract is run by the transport unit: its head is not a persona of the table, so
# only the quality manager may take its steps; a head of another unit may not.
CONTRACT_PEOPLE = row(403, anonymous=LOGIN, quality=200, external=404)

TABLE = {
    "suppliers:list": ("get", "/suppliers/", STAFF_READ),
    "suppliers:contract_create": ("get", "/suppliers/contracts/new/", KEEPERS),
    "suppliers:contract_import": ("get", "/suppliers/contracts/import/", KEEPERS),
    "suppliers:contract": (
        "get",
        "/suppliers/contracts/{contract}/",
        row(200, anonymous=LOGIN, external=404),
    ),
    "suppliers:contract_edit": ("get", "/suppliers/contracts/{contract}/edit/", CONTRACT_PEOPLE),
    "suppliers:ledger_xlsx": (
        "get",
        "/suppliers/contracts/{contract}/penalties.xlsx",
        row(200, anonymous=LOGIN, external=404),
    ),
    "suppliers:contractors": ("get", "/suppliers/contractors/", STAFF_READ),
    "suppliers:contractor_create": ("get", "/suppliers/contractors/new/", KEEPERS),
    "suppliers:contractor": (
        "get",
        "/suppliers/contractors/{contractor}/",
        row(200, anonymous=LOGIN, external=404),
    ),
    "suppliers:contractor_edit": (
        "get",
        "/suppliers/contractors/{contractor}/edit/",
        row(403, anonymous=LOGIN, quality=200, owner=200, external=404),
    ),
    "suppliers:criteria": ("get", "/suppliers/criteria/", STAFF_READ),
    "suppliers:thresholds": ("get", "/suppliers/thresholds/", STAFF_READ),
    "investments:list": ("get", "/public/investments/", row(200)),
    "investments:csv": ("get", "/public/investments/investments.csv", row(200)),
    "contractor-list": (
        "get",
        "/api/v1/contractors/",
        row(200, anonymous=NO_CREDENTIALS, external=API),
    ),
    "contractor-detail": (
        "get",
        "/api/v1/contractors/{contractor}/",
        row(200, anonymous=NO_CREDENTIALS, external=API),
    ),
    "contract-list": (
        "get",
        "/api/v1/contracts/",
        row(200, anonymous=NO_CREDENTIALS, external=API),
    ),
    "contract-detail": (
        "get",
        "/api/v1/contracts/{contract}/",
        row(200, anonymous=NO_CREDENTIALS, external=API),
    ),
    "contract-milestone-list": (
        "get",
        "/api/v1/contract-milestones/",
        row(200, anonymous=NO_CREDENTIALS, external=API),
    ),
    "contract-milestone-detail": (
        "get",
        "/api/v1/contract-milestones/{milestone}/",
        row(200, anonymous=NO_CREDENTIALS, external=API),
    ),
    "penalty-list": ("get", "/api/v1/penalties/", row(200, anonymous=NO_CREDENTIALS, external=API)),
    "penalty-detail": (
        "get",
        "/api/v1/penalties/{penalty}/",
        row(200, anonymous=NO_CREDENTIALS, external=API),
    ),
    "penalty-charge": (
        "post",
        "/api/v1/penalties/{penalty}/charge/",
        row(403, anonymous=NO_CREDENTIALS, external=API, quality=200),
    ),
    "penalty-waive": (
        "post",
        "/api/v1/penalties/{penalty}/waive/",
        row(403, anonymous=NO_CREDENTIALS, external=API, mayor=200),
    ),
    "contractor-evaluation-list": (
        "get",
        "/api/v1/contractor-evaluations/",
        row(200, anonymous=NO_CREDENTIALS, external=API),
    ),
    "contractor-evaluation-detail": (
        "get",
        "/api/v1/contractor-evaluations/{evaluation}/",
        row(200, anonymous=NO_CREDENTIALS, external=API),
    ),
}

WRITES = {
    "suppliers:contract_step": (
        "post",
        "/suppliers/contracts/{contract}/delay/",
        row(403, anonymous=LOGIN, quality=302, external=404),
    ),
    "suppliers:penalty_step": (
        "post",
        "/suppliers/penalties/{penalty}/charge/",
        row(403, anonymous=LOGIN, quality=302, external=404),
    ),
    "page: waive a penalty": (
        "post",
        "/suppliers/penalties/{penalty}/waive/",
        # Refused on its field (400) for those without the role, 403 for non-staff.
        row(400, anonymous=LOGIN, mayor=302, external=404),
    ),
    "page: attach a file to a contract": (
        "post",
        "/suppliers/contracts/{contract}/attach/",
        row(403, anonymous=LOGIN, quality=302, external=404),
    ),
    "page: download a contract's file": (
        "get",
        "/attachments/{file}/",
        row(200, anonymous=LOGIN, external=404),
    ),
    "page: add a criterion": (
        "post",
        "/suppliers/criteria/",
        row(403, anonymous=LOGIN, quality=302, external=403),
    ),
    "page: set the large contract thresholds": (
        "post",
        "/suppliers/thresholds/",
        row(403, anonymous=LOGIN, quality=302, external=403),
    ),
    "contract-annex": (
        "post",
        "/api/v1/contracts/{contract}/annex/",
        row(403, anonymous=NO_CREDENTIALS, external=API, quality=200),
    ),
    "contract-acceptance": (
        "post",
        "/api/v1/contracts/{contract}/acceptance/",
        row(403, anonymous=NO_CREDENTIALS, external=API, quality=200),
    ),
    "contract-delay": (
        "post",
        "/api/v1/contracts/{contract}/delay/",
        row(403, anonymous=NO_CREDENTIALS, external=API, quality=200),
    ),
    "contract-repair": (
        "post",
        "/api/v1/contracts/{contract}/repair/",
        row(403, anonymous=NO_CREDENTIALS, external=API, quality=200),
    ),
    "contract-evaluate": (
        "post",
        "/api/v1/contracts/{contract}/evaluate/",
        row(403, anonymous=NO_CREDENTIALS, external=API, quality=200),
    ),
    "api: add a contractor": (
        "post",
        "/api/v1/contractors/",
        row(403, anonymous=NO_CREDENTIALS, external=API, quality=201, owner=201),
    ),
}


def _fixtures(office):
    contract = make_contract(
        office, signed_on=date(2025, 1, 10), planned_completion=date(2025, 6, 30)
    )
    protocol = services.record_acceptance(
        actor=office.quality,
        contract=contract,
        kind="final",
        accepted_on=date(2025, 7, 10),
        defects="Rysy na nawierzchni.",
        repair_deadline=date(2025, 7, 20),
    )
    penalty = services.record_penalty(
        actor=office.quality,
        contract=contract,
        clause=contract.clauses.get(),
        milestone=final_milestone(contract),
        event_on=date(2025, 7, 10),
    )
    criterion = services.create_criterion(actor=office.quality, name="Terminowość", weight=1)
    evaluation = services.evaluate_contractor(
        actor=office.quality, contract=contract, scores={criterion.pk: 4}
    )
    upload = SimpleUploadedFile("umowa.txt", b"Umowa nr 1", "text/plain")
    kept = services.attach_contract_file(actor=office.quality, contract=contract, file=upload)
    return {
        "file": kept.pk,
        "contract": contract.pk,
        "contractor": contract.contractor_id,
        "milestone": final_milestone(contract).pk,
        "penalty": penalty.pk,
        "evaluation": evaluation.pk,
        "criterion": criterion.pk,
        "protocol": protocol.pk,
        "version": penalty.version,
    }


def _payload(office, path, ids):
    if path.startswith("/api/") and path.endswith("/annex/"):
        return {
            "version": Contract.objects.get(pk=ids["contract"]).version,
            "signed_on": "2025-07-15",
            "reason": "Zmiana wartości robót dodatkowych.",
            "new_value_gross": 130_000_000,
        }
    if path.endswith("/acceptance/"):
        return {"kind": "partial", "accepted_on": "2025-07-12", "milestone": ids["milestone"]}
    if path.endswith("/evaluate/"):
        return {"scores": {str(ids["criterion"]): 5}, "comment": "Dobrze."}
    if path.endswith("/repair/"):
        return {"protocol": ids["protocol"], "repaired_on": "2025-07-15"}
    if path.endswith("/delay/"):
        return {
            "starts_on": "2025-07-01",
            "ends_on": "2025-07-02",
            "cause": "weather",
            "reason": "Ulewy.",
        }
    if path.endswith("/charge/"):
        return {
            "version": ids["version"],
            "amount": 100 if path.startswith("/api/") else "1,00",
            "charge_form": "note",
            "charge_document": "NK/1",
            "charged_on": "2025-07-20",
        }
    if path.endswith("/waive/"):
        return {
            "version": ids["version"],
            "amount": 100 if path.startswith("/api/") else "1,00",
            "decision": "reduced",
            "justification": "Nieznaczne opóźnienie.",
        }
    if path.endswith("/attach/"):
        return {"kind": "annex", "file": SimpleUploadedFile("aneks.txt", b"Aneks 1", "text/plain")}
    if path == "/suppliers/criteria/":
        return {"name": "Jakość", "weight": 2}
    if path == "/suppliers/thresholds/":
        return {
            "valid_from": "2028-01-01",
            "works": "90 000 000,00",
            "supplies_services": "45 000 000,00",
        }
    if path == "/api/v1/contractors/":
        return {"name": "Nowa firma", "nip": "", "regon": ""}
    return {}


# A step's URL name is its row in TABLE (the core table checks every URL name has one).
for _name in (
    "suppliers:contract_step",
    "suppliers:penalty_step",
    "contract-annex",
    "contract-acceptance",
    "contract-delay",
    "contract-repair",
    "contract-evaluate",
):
    TABLE[_name] = WRITES.pop(_name)

ALL = {**TABLE, **WRITES}


@pytest.mark.parametrize(("name", "persona"), [(n, p) for n in ALL for p in PERSONAS])
def test_role_may_or_may_not_use_the_suppliers_endpoint(office, name, persona):
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
