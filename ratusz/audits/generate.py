"""Synthetic internal audits for benchmarks: city-L holds 10 years of audits
(about 40 a year, ~8 checklist questions and ~5 findings each), an approved
programme per year and an auditor pool. Written with bulk_create in batches.

Nonconformity-grade findings are linked to generated nonconformities whose
source is an internal audit (the improvement generator runs first); when there
are none, they stay unlinked.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from ratusz.audits.models import (
    Audit,
    AuditorProfile,
    ChecklistItem,
    Finding,
    Programme,
    ProgrammeItem,
)
from ratusz.core import search
from ratusz.core.models import Clause
from ratusz.core.services import last_number, raise_series_to
from ratusz.improvement.models import Nonconformity, Source
from ratusz.processes.models import Process

AUDITS_PER_YEAR_AT_L = 40
YEARS = 10
QUESTIONS = 8
FINDINGS = 5
POOL_SIZE = 25
BATCH = 2_000
GRADES = ["major", "minor", "minor", "observation", "observation", "opportunity"]
ANSWERS = ["conforms"] * 6 + ["nonconforms", "observation", "not_applicable"]


def _aware(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def generate(ctx, scale) -> int:
    rng = ctx.rng
    today = ctx.today
    per_year = max(int(AUDITS_PER_YEAR_AT_L * scale.factor), 4)
    processes = list(Process.objects.filter(is_active=True).select_related("owner_unit"))
    clauses = list(Clause.objects.filter(standard="ISO 9001", edition="2015", applicable=True))
    staff = [u for u in ctx.users if u.is_active][: POOL_SIZE * 4]
    if not processes or not clauses or not staff:
        return 0
    quality = ctx.quality or staff[0]

    pool = rng.sample(staff, min(POOL_SIZE, len(staff)))
    AuditorProfile.objects.bulk_create(
        [
            AuditorProfile(
                user=user,
                trained_on=today - timedelta(days=rng.randint(200, 3000)),
                training="Auditor wewnętrzny ISO 9001:2015",
                can_lead=index % 3 == 0,
                is_active=True,
            )
            for index, user in enumerate(pool)
        ],
        ignore_conflicts=True,
    )
    leads = [u for index, u in enumerate(pool) if index % 3 == 0] or pool

    nc_ids = list(
        Nonconformity.objects.filter(source=Source.INTERNAL_AUDIT, audit_finding__isnull=True)
        .order_by("detected_on")
        .values_list("pk", flat=True)
    )

    rows = 0
    for year in range(today.year - YEARS + 1, today.year + 1):
        programme = Programme.objects.create(
            year=year,
            status=Programme.Status.APPROVED,
            objectives="Program auditów wewnętrznych (dane syntetyczne).",
            approved_by=quality,
            approved_at=_aware(date(year - 1, 12, 15)),
        )
        chosen = [processes[(year * 7 + i) % len(processes)] for i in range(per_year)]
        items = ProgrammeItem.objects.bulk_create(
            [
                ProgrammeItem(
                    programme=programme,
                    process=process,
                    org_unit=process.owner_unit,
                    planned_month=2 + (i * 10) // per_year,
                    risk_score=process.risk * 10,
                    rationale="Dane syntetyczne.",
                )
                for i, process in enumerate(chosen)
            ]
        )
        # Continue the year's series, so the app's next number follows these.
        number = last_number(f"audit:{year}")
        audits = []
        for item in items:
            number += 1
            start = date(year, item.planned_month, rng.randint(1, 25))
            closed = start < today - timedelta(days=7)
            audits.append(
                Audit(
                    year=year,
                    number=number,
                    programme_item=item,
                    title=f"Audit procesu {item.process.code}",
                    objectives="Ocena zgodności z ISO 9001:2015.",
                    scope=item.process.name,
                    criteria="PN-EN ISO 9001:2015",
                    process=item.process,
                    planned_start=start,
                    planned_end=start + timedelta(days=1),
                    opening_meeting=_aware(start, 9) if closed else None,
                    closing_meeting=_aware(start + timedelta(days=1), 14) if closed else None,
                    lead_auditor=rng.choice(leads),
                    status=Audit.Status.CLOSED if closed else Audit.Status.PLANNED,
                    summary="Wnioski z auditu (dane syntetyczne)." if closed else "",
                    report_issued_at=_aware(start + timedelta(days=3)) if closed else None,
                    created_by=quality,
                )
            )
        audits = Audit.objects.bulk_create(audits)
        Audit.org_units.through.objects.bulk_create(
            [
                Audit.org_units.through(audit_id=a.pk, orgunit_id=a.process.owner_unit_id)
                for a in audits
            ]
        )
        audit_clauses = {a.pk: rng.sample(clauses, 3) for a in audits}
        Audit.clauses.through.objects.bulk_create(
            [
                Audit.clauses.through(audit_id=a.pk, clause_id=c.pk)
                for a in audits
                for c in audit_clauses[a.pk]
            ]
        )
        checklist = []
        findings = []
        for audit in audits:
            if audit.status != Audit.Status.CLOSED:
                continue
            for position in range(1, QUESTIONS + 1):
                clause = audit_clauses[audit.pk][position % 3]
                answer = rng.choice(ANSWERS)
                checklist.append(
                    ChecklistItem(
                        audit=audit,
                        position=position,
                        question=f"Pytanie kontrolne {position} do wymagania {clause.number}",
                        clause=clause,
                        answer=answer,
                        evidence="Próbka spraw." if answer != "conforms" else "",
                        answered_by=audit.lead_auditor,
                        answered_at=_aware(audit.planned_start, 11),
                    )
                )
            for n in range(1, FINDINGS + 1):
                grade = rng.choice(GRADES)
                nc_id = nc_ids.pop() if grade in ("major", "minor") and nc_ids else None
                findings.append(
                    Finding(
                        audit=audit,
                        number=n,
                        grade=grade,
                        clause=audit_clauses[audit.pk][n % 3],
                        process=audit.process,
                        org_unit_id=audit.process.owner_unit_id,
                        description=f"Ustalenie {n} z auditu {audit.reference}.",
                        evidence="Dowody w aktach auditu.",
                        nonconformity_id=nc_id,
                        recorded_by=audit.lead_auditor,
                    )
                )
        ChecklistItem.objects.bulk_create(checklist, batch_size=BATCH)
        Finding.objects.bulk_create(findings, batch_size=BATCH)
        for audit in audits:
            search.index(
                "audit",
                object_id=audit.pk,
                title=f"{audit.reference} {audit.title}",
                body=f"{audit.scope} {audit.objectives} {audit.summary}",
                url=audit.get_absolute_url(),
            )
        raise_series_to(f"audit:{year}", number)
        for audit in audits:
            raise_series_to(f"finding:{audit.pk}", FINDINGS)
        rows += len(audits) + len(checklist) + len(findings)
    return rows
