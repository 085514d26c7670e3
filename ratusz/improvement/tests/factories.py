"""Small builders for the improvement tests, through the services."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from ratusz.core import services as core_services
from ratusz.core.models import Action
from ratusz.core.tests import factories as core_factories
from ratusz.improvement import services
from ratusz.improvement.models import Nonconformity, Source


def report(office, **overrides) -> Nonconformity:
    fields = {
        "actor": office.employee,
        "title": "Wydano dowód z błędnym adresem",
        "description": "W dowodzie osobistym wpisano zły numer domu.",
        "source": Source.STAFF_REPORT,
        "org_unit": office.civil,
        "detected_on": timezone.localdate() - timedelta(days=5),
    }
    fields.update(overrides)
    return services.raise_nonconformity(**fields)


def open_nc(office, **overrides) -> Nonconformity:
    nc = report(office, **overrides)
    return services.triage(
        actor=office.quality,
        nc=nc,
        expected_version=nc.version,
        accept=True,
        grade="minor",
        owner=office.owner,
        clause=core_factories.clause("8.5.1"),
        target_date=timezone.localdate() + timedelta(days=30),
    )


def analysed(office, **overrides) -> Nonconformity:
    nc = open_nc(office, **overrides)
    nc = services.record_correction(
        actor=office.owner, nc=nc, expected_version=nc.version, correction="Wymieniono dowód."
    )
    return services.record_root_cause(
        actor=office.owner,
        nc=nc,
        expected_version=nc.version,
        whys=["Pomyłka przy wpisie", "Brak weryfikacji", "", "", ""],
        root_cause="Brak drugiej kontroli danych przed wydaniem.",
        categories=["method"],
    )


def with_action(office, *, done: bool = True, **overrides) -> tuple[Nonconformity, Action]:
    nc = analysed(office, **overrides)
    action = services.add_corrective_action(
        actor=office.owner,
        nc=nc,
        title="Wprowadzić kontrolę czterech oczu",
        owner=office.employee,
        due_date=timezone.localdate() + timedelta(days=3),
    )
    if done:
        core_services.complete_action(
            actor=office.employee,
            action=action,
            expected_version=None,
            completion_evidence="Wdrożono.",
        )
    nc.refresh_from_db()
    return nc, action


def awaiting_verification(office, **overrides) -> Nonconformity:
    nc, _action = with_action(office, **overrides)
    nc = services.plan_verification(
        actor=office.owner,
        nc=nc,
        expected_version=nc.version,
        verification_due=timezone.localdate() + timedelta(days=10),
        verification_method="Próba 20 spraw z kolejnego miesiąca.",
    )
    return services.request_verification(actor=office.owner, nc=nc, expected_version=nc.version)


def closed(office, **overrides) -> Nonconformity:
    nc = awaiting_verification(office, **overrides)
    nc = services.record_verification(
        actor=office.quality,
        nc=nc,
        expected_version=nc.version,
        effective=True,
        verification_notes="Brak błędów.",
        confirmed=True,  # checked before the planned day, to keep the tests short
    )
    return services.close(actor=office.quality, nc=nc, expected_version=nc.version)
