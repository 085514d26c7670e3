"""Competence of the synthetic benchmark office (`ratusz generate`): at city-L 30
competences, three positions in each unit, every one of the 1,000 people placed,
20,000 competence records, 5,000 trainings with their attendances and a training
plan, written with bulk_create."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from ratusz.audits.models import AuditorProfile
from ratusz.competence.auditor_qualification import copy_pool
from ratusz.competence.models import (
    Attendance,
    Competence,
    CompetenceRecord,
    Placement,
    PlanItem,
    Position,
    Training,
)
from ratusz.lib.deadlines import add_months

RECORDS = {"s": 1_000, "m": 6_000, "l": 20_000}
TRAININGS = {"s": 250, "m": 1_500, "l": 5_000}
COMPETENCES = 30
REQUIRED = 5  # per position
ATTENDEES = 4  # per training
BATCH = 5000


def generate(ctx, scale) -> int:
    rng = ctx.rng
    today = ctx.today
    kinds = [k for k, _label in Competence.Kind.choices]
    competences = Competence.objects.bulk_create(
        [
            Competence(
                name=f"Kompetencja {i + 1:02d}",
                kind=kinds[i % len(kinds)],
                evidenced_by="Zaświadczenie w aktach osobowych",
                validity_months=None if i % 3 == 0 else 12 * (1 + i % 4),
            )
            for i in range(COMPETENCES)
        ]
    )
    positions = Position.objects.bulk_create(
        [
            Position(name=f"Stanowisko {k + 1} — {unit.code}", org_unit=unit)
            for unit in ctx.units
            for k in range(3)
        ]
    )
    through = Position.competences.through
    through.objects.bulk_create(
        [
            through(position_id=p.pk, competence_id=c.pk)
            for p in positions
            for c in rng.sample(competences, REQUIRED)
        ]
    )
    by_unit: dict[int, list[Position]] = {}
    for position in positions:
        by_unit.setdefault(position.org_unit_id, []).append(position)
    people = [u for u in ctx.users if u.org_unit_id in by_unit]
    Placement.objects.bulk_create(
        [
            Placement(
                person=u,
                position=rng.choice(by_unit[u.org_unit_id]),
                since=today - timedelta(days=rng.randint(30, 3000)),
            )
            for u in people
        ]
    )
    made = len(competences) + len(positions) + len(people)

    trainings = []
    for i in range(TRAININGS.get(scale.name, 250)):
        held = today - timedelta(days=rng.randint(-60, 3650))
        status = Training.Status.PLANNED if held > today else Training.Status.EVALUATED
        if today - timedelta(days=120) < held <= today:
            status = Training.Status.HELD
        unit = rng.choice(ctx.units)
        trainings.append(
            Training(
                topic=f"Szkolenie {i + 1}",
                provider="Ośrodek szkoleniowy",
                held_on=held,
                hours=Decimal(rng.choice([2, 4, 6, 8])),
                org_unit=unit,
                competence=rng.choice(competences),
                status=status,
                created_by=ctx.heads.get(unit.pk) or ctx.quality,
            )
        )
    Training.objects.bulk_create(trainings, batch_size=BATCH)
    made += len(trainings)
    members = {unit_id: users for unit_id, users in ctx.members.items() if users}
    attendances = []
    for training in trainings:
        pool = members.get(training.org_unit_id) or people
        for person in rng.sample(pool, min(ATTENDEES, len(pool))):
            done = training.status == Training.Status.EVALUATED
            attendances.append(
                Attendance(
                    training=training,
                    person=person,
                    attended=training.status != Training.Status.PLANNED,
                    result=Attendance.Result.EFFECTIVE if done else Attendance.Result.PENDING,
                    evaluated_on=training.evaluation_due if done else None,
                )
            )
    Attendance.objects.bulk_create(attendances, batch_size=BATCH)
    made += len(attendances)

    records = []
    for _ in range(RECORDS.get(scale.name, 1_000)):
        competence = rng.choice(competences)
        issued = today - timedelta(days=rng.randint(1, 3650))
        records.append(
            CompetenceRecord(
                person=rng.choice(people),
                competence=competence,
                issued_on=issued,
                expires_on=add_months(issued, competence.validity_months)
                if competence.validity_months
                else None,
                evidence="Wygenerowane",
                created_by=ctx.quality,
            )
        )
    CompetenceRecord.objects.bulk_create(records, batch_size=BATCH)
    made += len(records)

    plan = {
        (today.year, p.pk, c.pk): PlanItem(
            year=today.year, person=p, competence=c, created_by=ctx.quality
        )
        for p in rng.sample(people, min(len(people), len(people) // 5))
        for c in rng.sample(competences, 2)
    }
    PlanItem.objects.bulk_create(plan.values(), batch_size=BATCH)
    made += len(plan)
    made += copy_pool(AuditorProfile, Competence, CompetenceRecord)
    ctx.log(
        f"competence: {len(records)} records, {len(trainings)} trainings, "
        f"{len(attendances)} attendances"
    )
    return made
