"""The internal auditors' qualification, from competence records (plug-in of the
audits area, ISO 9001 7.2 for 9.2): the competence marked as qualifying an
internal auditor, and the one qualifying a lead auditor, are the one place that
says who is trained to audit and who may lead."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from ratusz.competence.models import Competence, CompetenceRecord
from ratusz.core.plugins import AuditorQualification

AUDITOR, LEAD = Competence.AuditRole.AUDITOR, Competence.AuditRole.LEAD


def qualifications(user_ids) -> dict[int, AuditorQualification] | None:
    """By user id, from the records valid today; None while no competence is marked
    as qualifying auditors. Two queries."""
    roles = dict(Competence.objects.exclude(audit_role="").values_list("pk", "audit_role"))
    if not roles:
        return None
    ids = list(user_ids)
    if not ids:
        return {}
    today = timezone.localdate()
    trained: dict[int, tuple] = {}  # person → (issued on, evidence) of the latest training
    leads: set[int] = set()
    for person, competence, issued, evidence in (
        CompetenceRecord.objects.filter(person_id__in=ids, competence_id__in=roles)
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))
        .order_by("issued_on", "pk")
        .values_list("person_id", "competence_id", "issued_on", "evidence")
    ):
        if roles[competence] == LEAD:
            leads.add(person)
        # The lead auditor's training is an auditor's training too; the latest counts.
        trained[person] = (issued, evidence)
    return {
        person: AuditorQualification(trained_on=issued, can_lead=person in leads, training=evidence)
        for person, (issued, evidence) in trained.items()
    }


def copy_pool(profile_model, competence_model, record_model) -> int:
    """Move the auditor pool's own qualification entries into competence records:
    a record of the internal auditor's competence for each member's training and
    one of the lead auditor's for those qualified to lead, issued on the training
    date. The two competences are made if missing. The models are passed in so
    that the data migration runs this on its historical models; returns the
    number of records made."""
    profiles = list(profile_model.objects.exclude(trained_on=None).order_by("pk"))
    if not profiles:
        return 0
    auditor = _competence(
        competence_model,
        AUDITOR,
        name="Auditor wewnętrzny ISO 9001",
        kind="training",
        evidenced_by="Zaświadczenie ukończenia szkolenia auditorów wewnętrznych",
    )
    lead = None
    if any(p.can_lead for p in profiles):
        lead = _competence(
            competence_model,
            LEAD,
            name="Auditor wiodący ISO 9001",
            kind="training",
            evidenced_by="Zaświadczenie ukończenia szkolenia auditorów wiodących lub "
            "wyznaczenie przez pełnomocnika ds. jakości",
        )
    made = 0
    for profile in profiles:
        evidence = "; ".join(t for t in (profile.training, profile.qualifications) if t)[:255]
        for competence in (auditor, lead if profile.can_lead else None):
            if competence is None:
                continue
            _record, created = record_model.objects.get_or_create(
                person_id=profile.user_id,
                competence=competence,
                issued_on=profile.trained_on,
                defaults={"evidence": evidence},
            )
            made += created
    return made


def _competence(model, role: str, *, name: str, kind: str, evidenced_by: str):
    found = model.objects.filter(audit_role=role).first()
    if found is not None:
        return found
    found = model.objects.filter(name=name).first()
    if found is not None:
        found.audit_role = role
        found.save(update_fields=["audit_role"])
        return found
    return model.objects.create(name=name, kind=kind, evidenced_by=evidenced_by, audit_role=role)
