"""The internal auditors' qualification comes from one place, their competence
records (ISO 9001 7.2 for 9.2): the pool's own entries move there, and the audits
area's rules (who may lead, the readiness of trained auditors, the pool page and
API) read the records from then on."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from rest_framework.test import APIClient

from ratusz.audits import policies as audit_policies
from ratusz.audits import qualification
from ratusz.audits import readiness as audit_readiness
from ratusz.audits import services as audit_services
from ratusz.audits.models import AuditorProfile
from ratusz.audits.tests.factories import AuditWorld
from ratusz.audits.tests.factories import auditor as pool_member
from ratusz.competence import services
from ratusz.competence.auditor_qualification import copy_pool
from ratusz.competence.models import Competence, CompetenceRecord
from ratusz.competence.tests.factories import make_competence, make_record
from ratusz.core.plugins import AMBER, GREEN

TODAY = timezone.localdate()


def _move_pool() -> int:
    return copy_pool(AuditorProfile, Competence, CompetenceRecord)


def _lead_record(person) -> CompetenceRecord:
    return CompetenceRecord.objects.get(person=person, competence__audit_role="lead")


def test_the_pool_moves_into_records_which_then_decide_who_may_lead(office, client_for):
    world = AuditWorld(office)  # the office's auditor in the pool, may lead (pool entry)
    pool_member(office, office.outsider, trained_on=date(2023, 5, 1), can_lead=False)
    assert not qualification.kept_in_records()
    assert _move_pool() == 3  # two auditor's records, one lead auditor's
    assert qualification.kept_in_records()
    auditor_record = CompetenceRecord.objects.get(
        person=office.auditor, competence__audit_role="auditor"
    )
    assert auditor_record.issued_on == date(2022, 3, 1)
    assert audit_policies.is_pool_member(office.auditor, lead=True)
    assert not audit_policies.is_pool_member(office.outsider, lead=True)
    assert _move_pool() == 0  # run again: nothing doubled

    # The lead auditor's competence lapses: the records say so, not the pool entry.
    lead = _lead_record(office.auditor)
    services.update_record(
        actor=office.quality,
        record=lead,
        expected_version=lead.version,
        expires_on=TODAY - timedelta(days=1),
    )
    assert AuditorProfile.objects.get(user=office.auditor).can_lead  # the old entry
    assert not audit_policies.is_pool_member(office.auditor, lead=True)
    with pytest.raises(ValidationError) as refused:
        world.plan()
    assert "not qualified to lead audits" in str(refused.value.message_dict["lead_auditor"])

    # A new lead auditor's record, and the same person leads again.
    make_record(office, office.auditor, lead.competence, issued_on=TODAY - timedelta(days=2))
    assert world.plan().lead_auditor == office.auditor


def test_the_pool_page_form_and_api_show_the_records(office, client_for):
    AuditWorld(office)
    _move_pool()
    page = client_for(office.quality).get("/audits/auditors/new/")
    assert page.status_code == 200
    assert 'name="trained_on"' not in page.content.decode()
    assert 'name="can_lead"' not in page.content.decode()
    assert 'name="qualifications"' in page.content.decode()  # the experience, as text
    # Joining the pool is membership alone now; no training date is asked for.
    audit_services.save_auditor(actor=office.quality, user=office.owner)
    listed = client_for(office.quality).get("/audits/auditors/").content.decode()
    assert "None held" in listed  # the owner holds no auditor's record
    api = APIClient()
    api.force_authenticate(office.quality)
    rows = {row["user"]: row for row in api.get("/api/v1/auditors/").json()["results"]}
    assert rows[office.auditor.pk]["trained_on"] == "2022-03-01"
    assert rows[office.auditor.pk]["can_lead"] is True
    assert (rows[office.owner.pk]["trained_on"], rows[office.owner.pk]["can_lead"]) == (
        None,
        False,
    )


def test_readiness_counts_auditors_whose_record_is_old_or_missing(office):
    AuditWorld(office)
    pool_member(office, office.outsider, trained_on=TODAY - timedelta(days=30), can_lead=False)
    _move_pool()
    rule = next(r for r in audit_readiness.RULES if r.clause == "7.2")
    # The office's auditor trained in March 2022: more than three years ago.
    assert rule.check(TODAY, rule.params).state == AMBER
    competence = Competence.objects.get(audit_role="auditor")
    make_record(office, office.auditor, competence, issued_on=TODAY - timedelta(days=10))
    assert rule.check(TODAY, rule.params).state == GREEN


def test_one_competence_qualifies_for_each_audit_role(office):
    make_competence(office, name="Auditor wewnętrzny", audit_role="auditor")
    with pytest.raises(ValidationError) as refused:
        make_competence(office, name="Auditor ISO 19011", audit_role="auditor")
    assert "audit_role" in refused.value.message_dict
    assert Competence.objects.filter(audit_role="auditor").count() == 1


def test_the_move_marks_a_competence_of_the_same_name_instead_of_adding_one(office):
    AuditWorld(office)
    existing = make_competence(
        office, name="Auditor wewnętrzny ISO 9001", kind="training", validity_months=None
    )
    _move_pool()
    existing.refresh_from_db()
    assert existing.audit_role == "auditor"
    assert Competence.objects.filter(name__startswith="Auditor wewnętrzny").count() == 1
