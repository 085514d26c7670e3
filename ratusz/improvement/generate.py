"""Synthetic nonconformities and ideas for benchmarks: city-L holds 30,000
nonconformities over 10 years (DESIGN §7), mostly closed, with corrective
actions for the ones still open. Written with bulk_create in batches, in date
order, so numbering per year and recurrence flags come out as the services
would make them (a recurrence is looked up among earlier batches only)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from ratusz.core import search
from ratusz.core.generate import _keep_timestamps
from ratusz.core.models import Action, Clause, Effectiveness
from ratusz.core.services import last_number, raise_series_to
from ratusz.improvement.models import CauseCategory, Idea, Nonconformity, Source
from ratusz.improvement.search import nc_row
from ratusz.processes.models import Process

NONCONFORMITIES_AT_L = 30_000
IDEAS_AT_L = 3_000
YEARS = 10
BATCH = 2_000
NC = Nonconformity.Status

TITLES = [
    "Decyzja wydana po terminie KPA",
    "Błędne dane w wydanym dokumencie",
    "Brak wymaganego załącznika w aktach sprawy",
    "Nieaktualna karta usługi",
    "Skarga na sposób obsługi",
    "Opóźnienie wykonawcy umowy",
    "Brak protokołu odbioru dostawy",
    "Przekroczony cel miernika procesu",
    "Niekompletny rejestr spraw",
    "Brak potwierdzenia zapoznania z procedurą",
]
SOURCES = [
    (Source.COMPLAINT, 25),
    (Source.PROCESS_MONITORING, 25),
    (Source.STAFF_REPORT, 15),
    (Source.INTERNAL_AUDIT, 20),
    (Source.EXTERNAL_AUDIT, 5),
    (Source.SUPPLIER, 10),
]


def _at(day: date, now: datetime, hour: int = 10) -> datetime:
    return min(timezone.make_aware(datetime.combine(day, time(hour))), now)


def _status(rng, age_days: int) -> str:
    roll = rng.random()
    if age_days > 365:
        return NC.CLOSED if roll < 0.92 else NC.REJECTED if roll < 0.98 else NC.OPEN
    if age_days < 10 and roll < 0.3:
        return NC.REPORTED
    if roll < 0.45:
        return NC.CLOSED
    if roll < 0.50:
        return NC.REJECTED
    if roll < 0.62:
        return NC.VERIFICATION
    return NC.OPEN


def generate(ctx, scale) -> int:
    rng, today, now = ctx.rng, ctx.today, timezone.now()
    total = max(int(NONCONFORMITIES_AT_L * scale.factor), 50)
    processes = list(Process.objects.values_list("pk", "owner_unit_id"))
    clause_ids = list(
        Clause.objects.filter(number__regex=r"^(7\.|8\.[24567]|9\.1)").values_list("pk", flat=True)
    )
    unit_ids = [unit.pk for unit in ctx.units]
    sources = [s for s, _w in SOURCES]
    weights = [w for _s, w in SOURCES]
    categories = CauseCategory.values
    span = 365 * YEARS
    days = sorted(today - timedelta(days=rng.randint(0, span)) for _ in range(total))
    numbers: dict[int, int] = {}
    latest: dict[tuple, tuple[int, date]] = {}  # (process or unit, clause) -> (pk, detected)
    content_type = ContentType.objects.get_for_model(Nonconformity)
    written = 0
    with _keep_timestamps(Nonconformity, "created_at", "updated_at"):
        for start in range(0, total, BATCH):
            batch = []
            for detected in days[start : start + BATCH]:
                batch.append(
                    _nc(
                        ctx,
                        detected,
                        processes,
                        unit_ids,
                        clause_ids,
                        sources,
                        weights,
                        categories,
                        numbers,
                        latest,
                        now,
                    )
                )
            Nonconformity.objects.bulk_create(batch)
            for nc in batch:
                latest[_key(nc)] = (nc.pk, nc.detected_on)
            _actions(ctx, batch, content_type, now)
            for nc in batch:
                if nc.status in Nonconformity.OPEN_STATUSES:
                    search.index("nonconformity", **nc_row(nc))
            written += len(batch)
    for year, last in numbers.items():
        raise_series_to(f"nonconformity:{year}", last)
    _ideas(ctx, scale, unit_ids, now)
    return written


def _key(nc: Nonconformity) -> tuple:
    where = ("p", nc.process_id) if nc.process_id else ("u", nc.org_unit_id)
    return (*where, nc.clause_id)


def _nc(
    ctx,
    detected,
    processes,
    unit_ids,
    clause_ids,
    sources,
    weights,
    categories,
    numbers,
    latest,
    now,
) -> Nonconformity:
    rng, today = ctx.rng, ctx.today
    process_id, unit_id = rng.choice(processes) if processes else (None, None)
    if unit_id is None:
        unit_id = rng.choice(unit_ids)
    status = _status(rng, (today - detected).days)
    # Continue each year's series, so the app's next number follows these.
    year = detected.year
    numbers[year] = (numbers.get(year) or last_number(f"nonconformity:{year}")) + 1
    head = ctx.heads.get(unit_id) or ctx.quality
    reporter = rng.choice(ctx.members.get(unit_id) or [head])
    source = rng.choices(sources, weights)[0]
    clause_id = rng.choice(clause_ids) if clause_ids and rng.random() < 0.9 else None
    created = _at(detected, now, 9)
    nc = Nonconformity(
        year=detected.year,
        number=numbers[detected.year],
        title=rng.choice(TITLES),
        description="Stwierdzono w toku bieżącej pracy; szczegóły w aktach sprawy.",
        source=source,
        grade="major" if rng.random() < 0.1 else "minor",
        status=status,
        org_unit_id=unit_id,
        process_id=process_id,
        clause_id=clause_id,
        detected_on=detected,
        reported_by=reporter,
        created_at=created,
        updated_at=created,
    )
    if clause_id:
        nc.clause_id = clause_id
        previous = latest.get(_key(nc))
        if previous and (detected - previous[1]).days <= 365:
            nc.recurrence_of_id = previous[0]
    if status == NC.REPORTED:
        return nc
    if status == NC.REJECTED:
        nc.rejection_reason = "Zgłoszenie nie dotyczy wymagań usługi."
        return nc
    nc.owner = head
    nc.target_date = detected + timedelta(days=rng.randint(45, 120))
    nc.correction = "Usunięto skutki w sprawach, których dotyczyła niezgodność."
    nc.correction_done_on = min(detected + timedelta(days=rng.randint(0, 5)), today)
    if status == NC.OPEN and rng.random() < 0.3:
        return nc
    nc.whys = ["Brak kontroli na tym etapie.", "Procedura jej nie przewidywała."]
    nc.root_cause = "Procedura nie przewidywała kontroli na tym etapie procesu."
    nc.cause_categories = rng.sample(categories, rng.randint(1, 2))
    nc.analysed_by = head
    nc.analysed_at = _at(min(detected + timedelta(days=7), today), now)
    if status == NC.OPEN:
        return nc
    nc.verification_due = detected + timedelta(days=rng.randint(40, 150))
    nc.verification_method = "Przegląd próby spraw po wdrożeniu działań."
    if status == NC.VERIFICATION:
        return nc
    checked = min(nc.verification_due, today)
    nc.failed_verifications = 1 if rng.random() < 0.12 else 0
    nc.verification_result = Effectiveness.EFFECTIVE
    nc.verification_notes = "Nie stwierdzono powtórzenia."
    nc.verified_on = checked
    nc.verified_by = ctx.quality
    nc.closed_at = _at(min(checked + timedelta(days=rng.randint(0, 10)), today), now, 14)
    nc.closed_by = ctx.quality
    nc.updated_at = nc.closed_at
    return nc


def _actions(ctx, batch: list[Nonconformity], content_type, now) -> None:
    """Corrective actions of the nonconformities still being worked on."""
    rng, today = ctx.rng, ctx.today
    actions = []
    for nc in batch:
        if nc.status not in (NC.OPEN, NC.VERIFICATION) or not nc.root_cause:
            continue
        for n in range(rng.randint(1, 2)):
            owner = rng.choice(ctx.members.get(nc.org_unit_id) or [nc.owner])
            due = nc.detected_on + timedelta(days=rng.randint(14, 90))
            action = Action(
                title=f"Działanie korygujące {n + 1}: usunąć przyczynę źródłową",
                kind=Action.Kind.CORRECTIVE,
                status=Action.Status.OPEN,
                org_unit_id=nc.org_unit_id,
                owner=owner,
                due_date=due,
                clause_id=nc.clause_id,
                source_type=content_type,
                source_id=str(nc.pk),
                source_label=str(nc)[:255],
                effectiveness_required=False,
                created_by=nc.owner,
            )
            if nc.status == NC.VERIFICATION:
                action.status = Action.Status.CLOSED
                action.completed_at = _at(min(due, today), now)
                action.completed_by = owner
                action.completion_evidence = "Wykonano."
            elif due < today and rng.random() < 0.5:
                action.status = Action.Status.IN_PROGRESS
            actions.append(action)
    Action.objects.bulk_create(actions)
    for action in actions:
        if action.is_open:
            search.index_action(action)


def _ideas(ctx, scale, unit_ids, now) -> int:
    rng, today = ctx.rng, ctx.today
    total = max(int(IDEAS_AT_L * scale.factor), 20)
    statuses = Idea.Status.values
    days = sorted(today - timedelta(days=rng.randint(0, 365 * YEARS)) for _ in range(total))
    numbers: dict[int, int] = {}
    ideas = []
    for day in days:
        numbers[day.year] = (numbers.get(day.year) or last_number(f"idea:{day.year}")) + 1
        unit_id = rng.choice(unit_ids)
        status = (
            rng.choice(statuses)
            if (today - day).days < 365
            else rng.choice([Idea.Status.IMPLEMENTED, Idea.Status.REJECTED])
        )
        created = _at(day, now)
        ideas.append(
            Idea(
                year=day.year,
                number=numbers[day.year],
                title="Usprawnienie obsługi: " + rng.choice(TITLES).lower(),
                description="Propozycja pracownika.",
                status=status,
                submitted_by=rng.choice(ctx.members.get(unit_id) or [ctx.quality]),
                org_unit_id=unit_id,
                evaluation="Oceniono." if status != Idea.Status.SUBMITTED else "",
                benefit_achieved="Krótszy czas obsługi."
                if status == Idea.Status.IMPLEMENTED
                else "",
                implemented_on=day + timedelta(days=90)
                if status == Idea.Status.IMPLEMENTED
                else None,
                created_at=created,
                updated_at=created,
            )
        )
    with _keep_timestamps(Idea, "created_at", "updated_at"):
        Idea.objects.bulk_create(ideas, batch_size=BATCH)
    for year, last in numbers.items():
        raise_series_to(f"idea:{year}", last)
    return total
