"""The certification record: certificates, external audits and the body's findings."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from ratusz.certification import services
from ratusz.certification.models import Certificate, ExternalAudit, ExternalFinding
from ratusz.certification.tests import factories
from ratusz.core.errors import Denied
from ratusz.core.tests.factories import clause
from ratusz.improvement.models import Nonconformity, Source


def _certificate_fields(cert_body, **overrides):
    fields = {
        "body": cert_body,
        "standard": "PN-EN ISO 9001:2015",
        "number": "JC/2026/2",
        "scope": "Usługi publiczne",
        "decision_date": date(2026, 12, 10),
        "issue_date": date(2026, 12, 15),
        "expiry_date": date(2029, 12, 14),
        "status": Certificate.Status.VALID,
    }
    fields.update(overrides)
    return fields


def test_a_certificate_that_expires_before_it_is_issued_is_refused(office):
    cert_body = factories.body()
    with pytest.raises(ValidationError) as exc:
        services.create_certificate(
            actor=office.quality,
            **_certificate_fields(cert_body, expiry_date=date(2026, 1, 1)),
        )
    assert "expiry_date" in exc.value.message_dict
    assert not Certificate.objects.exists()


def test_two_valid_certificates_for_the_same_scope_cannot_overlap(office):
    cert_body = factories.body()
    old = factories.certificate(cert_body)  # valid until 15 Dec 2026
    with pytest.raises(ValidationError) as exc:
        services.create_certificate(actor=office.quality, **_certificate_fields(cert_body))
    assert old.number in exc.value.message_dict["expiry_date"][0]
    factories.change_certificate(old, status=Certificate.Status.EXPIRED)
    new = services.create_certificate(actor=office.quality, **_certificate_fields(cert_body))
    assert new.status == Certificate.Status.VALID


def test_only_the_quality_manager_records_certificates(office):
    with pytest.raises(Denied):
        services.create_certificate(actor=office.owner, **_certificate_fields(factories.body()))


def test_a_surveillance_audit_after_expiry_is_refused_with_the_expiry_date(office):
    cert = factories.certificate(factories.body())
    with pytest.raises(ValidationError) as exc:
        services.create_external_audit(
            actor=office.quality,
            kind=ExternalAudit.Kind.SURVEILLANCE,
            body=cert.body,
            certificate=cert,
            start_date=date(2027, 1, 10),
            end_date=date(2027, 1, 11),
        )
    assert "15/12/2026" in exc.value.message_dict["end_date"][0]


def test_a_recertification_after_expiry_points_to_initial_certification(office):
    cert = factories.certificate(factories.body())
    with pytest.raises(ValidationError) as exc:
        services.create_external_audit(
            actor=office.quality,
            kind=ExternalAudit.Kind.RECERTIFICATION,
            body=cert.body,
            certificate=cert,
            start_date=date(2026, 12, 14),
            end_date=date(2026, 12, 16),
        )
    assert "stage 1" in exc.value.message_dict["end_date"][0]


def test_two_people_saving_one_external_audit_conflict(office):
    cert = factories.certificate(factories.body())
    audit = factories.audit(cert, status=ExternalAudit.Status.PLANNED, result="")
    common = {
        "actor": office.quality,
        "kind": audit.kind,
        "body": cert.body,
        "certificate": cert,
        "start_date": audit.start_date,
        "end_date": audit.end_date,
        "audit": audit,
    }
    services.update_external_audit(lead_auditor="A. Nowak", expected_version=1, **common)
    from ratusz.core.errors import Conflict

    with pytest.raises(Conflict):
        services.update_external_audit(lead_auditor="B. Kowal", expected_version=1, **common)
    audit.refresh_from_db()
    assert audit.lead_auditor == "A. Nowak"


def test_a_nonconformity_found_by_the_body_opens_a_nonconformity_with_its_deadline(office):
    cert = factories.certificate(factories.body())
    audit = factories.audit(cert)
    documented = clause("7.5.3")
    finding = services.add_finding(
        actor=office.quality,
        audit=audit,
        grade=ExternalFinding.Grade.MINOR,
        clause=documented,
        org_unit=office.civil,
        description="Brak nadzoru nad zapisami w rejestrze dowodów.",
        response_due=date(2024, 12, 20),
    )
    nc = finding.nonconformity
    assert nc.source == Source.EXTERNAL_AUDIT
    assert nc.status == Nonconformity.Status.OPEN
    assert nc.target_date == date(2024, 12, 20)
    assert nc.clause == documented
    assert nc.org_unit == office.civil


def test_an_observation_opens_no_nonconformity_and_needs_no_unit(office):
    cert = factories.certificate(factories.body())
    finding = services.add_finding(
        actor=office.quality,
        audit=factories.audit(cert),
        grade=ExternalFinding.Grade.OBSERVATION,
        clause=clause("9.1.3"),
        description="Analiza danych mogłaby obejmować trendy.",
    )
    assert finding.nonconformity is None
    assert not Nonconformity.objects.exists()


def test_a_nonconformity_without_clause_unit_or_deadline_is_refused_naming_each(office):
    cert = factories.certificate(factories.body())
    with pytest.raises(ValidationError) as exc:
        services.add_finding(
            actor=office.quality,
            audit=factories.audit(cert),
            grade=ExternalFinding.Grade.MAJOR,
            clause=None,
            description="Brak przeglądu zarządzania.",
        )
    assert set(exc.value.message_dict) == {"clause", "org_unit", "response_due"}
    assert not ExternalFinding.objects.exists()


def test_the_overview_lists_certificates_and_audits_with_their_findings(office, client_for):
    cert = factories.certificate(factories.body())
    audit = factories.audit(cert)
    services.add_finding(
        actor=office.quality,
        audit=audit,
        grade=ExternalFinding.Grade.MINOR,
        clause=clause("8.5.1"),
        org_unit=office.civil,
        description="Niezgodność.",
        response_due=date(2024, 12, 20),
    )
    client = client_for(office.employee)
    page = client.get("/certification/").content.decode()
    assert cert.number in page
    assert "Surveillance audit" in page
    detail = client.get(f"/certification/audits/{audit.pk}/").content.decode()
    assert "NC/2024/0001" in detail
    assert "Record a finding" not in detail  # only the quality manager records them


def test_recording_a_finding_on_the_page_names_the_missing_field(office, client_for):
    cert = factories.certificate(factories.body())
    audit = factories.audit(cert)
    response = client_for(office.quality).post(
        f"/certification/audits/{audit.pk}/",
        {"grade": "minor", "description": "Coś", "org_unit": office.civil.pk},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Name the ISO clause" in page
    assert "Give the response deadline" in page
    assert not ExternalFinding.objects.exists()


def test_overview_query_count_does_not_grow_with_audits(
    office, client_for, django_assert_max_num_queries
):
    cert = factories.certificate(factories.body())
    client = client_for(office.quality)
    factories.audit(cert)
    with django_assert_max_num_queries(12):
        client.get("/certification/")
    for day in range(1, 15):
        factories.audit(cert, start_date=date(2025, 1, day), end_date=date(2025, 1, day))
    with django_assert_max_num_queries(12):
        assert client.get("/certification/").status_code == 200


def test_the_api_records_a_finding_through_the_same_rules(office):
    from rest_framework.test import APIClient

    cert = factories.certificate(factories.body())
    audit = factories.audit(cert)
    client = APIClient()
    client.force_authenticate(office.quality)
    url = f"/api/v1/external-audits/{audit.pk}/findings/"
    refused = client.post(url, {"grade": "minor", "description": "Brak"}, format="json")
    assert refused.status_code == 400
    assert set(refused.json()) == {"clause", "org_unit", "response_due"}
    created = client.post(
        url,
        {
            "grade": "minor",
            "description": "Brak nadzoru",
            "clause": clause("7.5.3").pk,
            "org_unit": office.civil.pk,
            "response_due": "2024-12-20",
        },
        format="json",
    )
    assert created.status_code == 201
    assert created.json()["nonconformity_reference"] == "NC/2024/0001"
