"""A synthetic office for benchmarks (DESIGN §7): `ratusz generate --scale s|m|l`.

Scale l is "city-L": 1,000 users, 40 units, 100,000 actions. Generation is
deterministic (one seeded `random.Random`) so two runs at the same scale bench
the same data, and it streams actions in batches so memory stays flat.

Rows are written with `bulk_create`, which sends no model signals: the audit
trail is deliberately not filled with hundreds of thousands of events for data
nobody changed (only the few org units, created through the service, get one).

Like the demo, it is pluggable: after the core records, every other Ratusz app
that has a `generate` module gets `generate(ctx, scale)` to add its own records.
"""

from __future__ import annotations

import random
import resource
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import islice

from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.utils import timezone

from ratusz.core import services
from ratusz.core.audit import acting_as
from ratusz.core.models import (
    Action,
    Clause,
    Effectiveness,
    Office,
    OrgUnit,
    Role,
    RoleAssignment,
    User,
)
from ratusz.core.plugins import area_modules

OFFICE_PREFIX = "Synthetic office"
PASSWORD = "demo"  # noqa: S105 - documented benchmark credential, same as the demo
BATCH = 5_000
YEARS_OF_HISTORY = 10
DUE_AHEAD_DAYS = 90


@dataclass(frozen=True)
class Scale:
    name: str
    users: int
    units: int
    actions: int
    seed: int

    @property
    def label(self) -> str:
        return f"city-{self.name.upper()}"

    @property
    def factor(self) -> float:
        """Size relative to city-L, for apps that size their own records."""
        return self.actions / SCALES["l"].actions


SCALES: dict[str, Scale] = {
    "s": Scale("s", users=50, units=8, actions=2_000, seed=9001),
    "m": Scale("m", users=300, units=20, actions=20_000, seed=9002),
    "l": Scale("l", users=1_000, units=40, actions=100_000, seed=9003),
}


class GenerateRefused(Exception):
    pass


@dataclass
class GenerateContext:
    """What apps' `generate(ctx, scale)` hooks get to build on."""

    office: Office
    scale: Scale
    rng: random.Random
    today: date
    password_hash: str
    log: Callable[[str], None]
    units: list[OrgUnit] = field(default_factory=list)
    users: list[User] = field(default_factory=list)
    members: dict[int, list[User]] = field(default_factory=dict)  # unit id -> users
    heads: dict[int, User] = field(default_factory=dict)  # unit id -> head
    quality: User | None = None


def office_name(scale: Scale) -> str:
    return f"{OFFICE_PREFIX} {scale.label}"


def check_database(scale: Scale) -> bool:
    """True if this scale is already generated; raise if the database is not ours to fill."""
    office = Office.current()
    if office is None:
        if User.objects.exists() or OrgUnit.objects.exists():
            raise GenerateRefused(
                "This database already holds users or org units but no office; "
                "synthetic data is generated only into an empty database."
            )
        return False
    if not office.name.startswith(OFFICE_PREFIX):
        raise GenerateRefused(
            f"This database holds the office “{office.name}”, which is not a synthetic one; "
            "refusing to add benchmark data to it. Point DATABASE_URL at an empty database."
        )
    if office.name != office_name(scale):
        raise GenerateRefused(
            f"This database already holds “{office.name}”; generate {scale.label} "
            "into its own empty database."
        )
    return True


def generate(scale: Scale, log: Callable[[str], None] = print) -> bool:
    """Generate the synthetic office; False if it was already there."""
    if check_database(scale):
        return False
    started = time.perf_counter()
    # One transaction: an interrupted run leaves an empty database, not a half office
    # that a rerun would mistake for a finished one.
    with transaction.atomic(), acting_as(None):
        office = Office.objects.create(
            pk=1,
            name=office_name(scale),
            short_name=scale.label,
            is_demo=False,
            qms_scope="Synthetic data for benchmarks.",
        )
        ctx = GenerateContext(
            office=office,
            scale=scale,
            rng=random.Random(scale.seed),
            today=timezone.localdate(),
            password_hash=make_password(PASSWORD),
            log=log,
        )
        _step(log, "org units", lambda: _create_units(ctx))
        _step(log, "users and roles", lambda: _create_users(ctx))
        _step(log, "actions", lambda: _create_actions(ctx))
        for name, hook in _app_hooks():
            _step(log, name, lambda hook=hook: hook(ctx, scale))
    _step(log, "statistics", _refresh_statistics)
    log(f"  total: {time.perf_counter() - started:.1f} s, peak RSS {_peak_rss_mb():.0f} MB")
    return True


def _refresh_statistics() -> None:
    """Let PostgreSQL plan with real row counts straight away.

    Autovacuum would get there within minutes of a bulk load; a benchmark that
    starts at once would otherwise measure plans made for an empty table and
    counts that cannot use index-only scans. SQLite keeps no statistics unless
    ANALYZE is run, and a production install does not run it, so neither do we.
    """
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def _step(log: Callable[[str], None], name: str, work: Callable[[], object]) -> None:
    started = time.perf_counter()
    result = work()
    detail = f" ({result:,} rows)" if isinstance(result, int) else ""
    log(f"  {name}: {time.perf_counter() - started:.1f} s{detail}")


def _app_hooks() -> Iterator[tuple[str, Callable[[GenerateContext, Scale], object]]]:
    for label, module in area_modules("generate"):
        yield label, module.generate


# --- organisation -----------------------------------------------------------

MANAGEMENT = [
    ("PM", "Prezydent Miasta"),
    ("SEK", "Sekretarz Miasta"),
    ("SKA", "Skarbnik Miasta"),
    ("ZPM", "Zastępca Prezydenta Miasta"),
]
DEPARTMENTS = [
    "Spraw Obywatelskich",
    "Komunikacji",
    "Finansowy",
    "Podatków i Opłat",
    "Architektury i Budownictwa",
    "Gospodarki Nieruchomościami",
    "Inwestycji",
    "Ochrony Środowiska",
    "Edukacji",
    "Organizacyjny",
    "Zdrowia i Spraw Społecznych",
    "Kultury i Sportu",
    "Geodezji",
    "Gospodarki Komunalnej",
    "Zarządzania Kryzysowego",
    "Rozwoju Miasta",
    "Funduszy Europejskich",
    "Dróg i Transportu",
]
SECTIONS = ["Kadr", "Informatyki", "Windykacji", "Księgowości", "Obsługi Klienta", "Kontroli"]


def _unit_plan(count: int) -> list[tuple[str, str, str, str | None]]:
    """(code, name, kind, parent code) for `count` units: a management layer, the
    quality post, departments under the deputies and sections under departments."""
    management = MANAGEMENT[: max(1, min(len(MANAGEMENT), count // 6))]
    deputies = [code for code, _name in management[1:]] or ["PM"]
    plan = [
        (code, name, OrgUnit.Kind.MANAGEMENT, None if code == "PM" else "PM")
        for code, name in management
    ]
    plan.append(("SZJ", "Pełnomocnik ds. SZJ", OrgUnit.Kind.POST, deputies[0]))
    departments: list[str] = []
    index = 0
    while len(plan) < count:
        # Roughly one section for every three departments, like a city office.
        if departments and index % 4 == 3:
            parent = departments[index % len(departments)]
            stem = SECTIONS[index % len(SECTIONS)]
            plan.append(
                (f"{parent}-{index:02d}", f"Referat {stem} {index}", OrgUnit.Kind.SECTION, parent)
            )
        else:
            rounds, stem_index = divmod(len(departments), len(DEPARTMENTS))
            stem = DEPARTMENTS[stem_index] + (f" {rounds + 1}" if rounds else "")
            code = f"W{len(departments) + 1:02d}"
            kind = OrgUnit.Kind.OFFICE if len(departments) % 5 == 4 else OrgUnit.Kind.DEPARTMENT
            prefix = "Biuro" if kind == OrgUnit.Kind.OFFICE else "Wydział"
            plan.append((code, f"{prefix} {stem}", kind, deputies[index % len(deputies)]))
            departments.append(code)
        index += 1
    return plan[:count]


def _create_units(ctx: GenerateContext) -> int:
    # Through the service (few rows), so that the materialised path is computed
    # exactly as for a unit created in the admin.
    by_code: dict[str, OrgUnit] = {}
    for code, name, kind, parent in _unit_plan(ctx.scale.units):
        by_code[code] = services.create_org_unit(
            name=name, code=code, kind=kind, parent=by_code[parent] if parent else None
        )
    ctx.units = list(by_code.values())
    return len(ctx.units)


# --- users ------------------------------------------------------------------

FIRST_NAMES = [
    "Anna",
    "Maria",
    "Katarzyna",
    "Małgorzata",
    "Agnieszka",
    "Barbara",
    "Ewa",
    "Krystyna",
    "Elżbieta",
    "Joanna",
    "Monika",
    "Magdalena",
    "Piotr",
    "Krzysztof",
    "Andrzej",
    "Tomasz",
    "Paweł",
    "Jan",
    "Michał",
    "Marcin",
    "Grzegorz",
    "Marek",
    "Łukasz",
    "Adam",
]
LAST_NAMES = [
    "Nowak",
    "Kowalski",
    "Wiśniewski",
    "Wójcik",
    "Kowalczyk",
    "Kamiński",
    "Lewandowski",
    "Zieliński",
    "Szymański",
    "Woźniak",
    "Dąbrowski",
    "Kozłowski",
    "Jankowski",
    "Mazur",
    "Kwiatkowski",
    "Krawczyk",
    "Piotrowski",
    "Grabowski",
    "Nowakowski",
    "Pawłowski",
]
AUDITOR_SHARE = 0.05


def _new_user(ctx: GenerateContext, username: str, unit: OrgUnit, position: str) -> User:
    rng = ctx.rng
    return User(
        username=username,
        first_name=rng.choice(FIRST_NAMES),
        last_name=rng.choice(LAST_NAMES),
        email=f"{username}@synthetic.example",
        password=ctx.password_hash,
        org_unit=unit,
        position=position,
    )


def _create_users(ctx: GenerateContext) -> int:
    units = ctx.units
    szj = next(unit for unit in units if unit.code == "SZJ")
    management = [unit for unit in units if unit.kind == OrgUnit.Kind.MANAGEMENT]
    working = [unit for unit in units if unit.kind != OrgUnit.Kind.MANAGEMENT] or units

    quality = _new_user(ctx, "quality", szj, "Pełnomocnik ds. SZJ")
    quality.is_staff = quality.is_superuser = True
    heads = {
        unit.pk: _new_user(ctx, f"head.{unit.code.lower()}", unit, f"Kierownik: {unit.name}")
        for unit in units
        if unit is not szj
    }
    employees = [
        _new_user(ctx, f"u{n:05d}", ctx.rng.choice(working), "Inspektor")
        for n in range(max(ctx.scale.users - 1 - len(heads), 0))
    ]
    everyone = [quality, *heads.values(), *employees]
    User.objects.bulk_create(everyone, batch_size=BATCH)  # returns primary keys on both DBs

    grants = [RoleAssignment(user=quality, role=Role.QUALITY_MANAGER)]
    for unit in units:
        head = heads.get(unit.pk)
        if head is None:
            continue
        grants.append(RoleAssignment(user=head, role=Role.PROCESS_OWNER, org_unit=unit))
        if unit in management:
            grants.append(RoleAssignment(user=head, role=Role.TOP_MANAGEMENT))
    auditors = set(ctx.rng.sample(range(len(employees)), round(len(employees) * AUDITOR_SHARE)))
    for index, user in enumerate(employees):
        grants.append(RoleAssignment(user=user, role=Role.EMPLOYEE))
        if index in auditors:
            grants.append(RoleAssignment(user=user, role=Role.INTERNAL_AUDITOR))
    RoleAssignment.objects.bulk_create(grants, batch_size=BATCH)

    OrgUnit.objects.filter(pk=szj.pk).update(head=quality)
    for unit_id, head in heads.items():
        OrgUnit.objects.filter(pk=unit_id).update(head=head)

    ctx.users, ctx.quality, ctx.heads = everyone, quality, heads
    ctx.heads[szj.pk] = quality
    for user in everyone:
        ctx.members.setdefault(user.org_unit_id, []).append(user)
    return len(everyone)


# --- actions ----------------------------------------------------------------

TITLES = [
    "Uzupełnić karty usług o aktualne podstawy prawne",
    "Skrócić czas załatwiania spraw w terminie KPA",
    "Przeszkolić pracowników z obsługi ePUAP",
    "Wdrożyć rejestr terminów kar umownych",
    "Zaktualizować procedurę zamówień poniżej progów",
    "Przegląd uprawnień w systemach dziedzinowych",
    "Analiza wyników ankiety satysfakcji mieszkańców",
    "Usunąć zaległości w rozpatrywaniu wniosków",
    "Wprowadzić kontrolę terminów w decyzjach",
    "Zweryfikować terminy odpowiedzi na skargi i wnioski",
    "Uzupełnić ewidencję zaświadczeń",
    "Oznakować stanowiska obsługi zgodnie ze standardem dostępności",
]
EVIDENCE = "Wykonano; potwierdzenie w dokumentacji wydziału."
NOTES = "Sprawdzono próbę spraw z ostatniego kwartału."
# Share of each status (DESIGN §7 city-L): mostly history, a quarter still open.
STATUS_WEIGHTS = [
    (Action.Status.CLOSED, 60),
    (Action.Status.DONE, 10),
    (Action.Status.OPEN, 15),
    (Action.Status.IN_PROGRESS, 10),
    (Action.Status.CANCELLED, 5),
]
OVERDUE_SHARE = 0.3  # of the open and in-progress actions


@contextmanager
def _keep_timestamps(model: type[models.Model], *names: str) -> Iterator[None]:
    """Let bulk_create store generated history dates instead of "now".

    auto_now/auto_now_add overwrite any value on insert; switching them off for
    the duration of one single-threaded command is the only way short of raw SQL.
    """
    fields = [model._meta.get_field(name) for name in names]
    saved = [(f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, (auto_now, auto_now_add) in zip(fields, saved, strict=True):
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def _create_actions(ctx: GenerateContext) -> int:
    clause_ids = list(
        Clause.objects.filter(number__regex=r"^(6\.1|7\.|8\.[2457]|9\.|10\.)").values_list(
            "pk", flat=True
        )
    )
    unit_ids = [unit.pk for unit in ctx.units]
    statuses = [status for status, _w in STATUS_WEIGHTS]
    weights = [weight for _s, weight in STATUS_WEIGHTS]
    now = timezone.now()
    rows = (
        _action(
            ctx, ctx.rng.choice(unit_ids), ctx.rng.choices(statuses, weights)[0], clause_ids, now
        )
        for _ in range(ctx.scale.actions)
    )
    written = 0
    with _keep_timestamps(Action, "created_at", "updated_at"):
        # Only one batch of objects is alive at a time: memory stays flat at any scale.
        while batch := list(islice(rows, BATCH)):
            Action.objects.bulk_create(batch)
            written += len(batch)
    return written


def _due_date(ctx: GenerateContext, status: str) -> date:
    rng, today = ctx.rng, ctx.today
    if status in Action.OPEN_STATUSES:
        if rng.random() < OVERDUE_SHARE:
            return today - timedelta(days=rng.randint(1, 400))
        return today + timedelta(days=rng.randint(0, DUE_AHEAD_DAYS))
    if status == Action.Status.DONE:
        return today - timedelta(days=rng.randint(-30, 365))
    return today - timedelta(days=rng.randint(30, 365 * YEARS_OF_HISTORY))


def _at(day: date, rng: random.Random, now: datetime) -> datetime:
    moment = timezone.make_aware(datetime.combine(day, datetime.min.time())) + timedelta(
        hours=rng.randint(8, 15), minutes=rng.randint(0, 59)
    )
    return min(moment, now)


def _action(
    ctx: GenerateContext, unit_id: int, status: str, clause_ids: list[int], now: datetime
) -> Action:
    rng = ctx.rng
    owner = rng.choice(ctx.members.get(unit_id) or [ctx.heads[unit_id]])
    head = ctx.heads[unit_id]
    due = _due_date(ctx, status)
    created = _at(due - timedelta(days=rng.randint(14, 180)), rng, now)
    action = Action(
        title=rng.choice(TITLES),
        kind=rng.choice(Action.Kind.values),
        status=status,
        description="Działanie z przeglądu zarządzania i auditów wewnętrznych.",
        org_unit_id=unit_id,
        owner=owner,
        due_date=due,
        created_by=rng.choice([head, ctx.quality]),
        clause_id=rng.choice(clause_ids) if clause_ids and rng.random() < 0.5 else None,
        effectiveness_required=rng.random() < 0.8,
        created_at=created,
        updated_at=created,
    )
    if status in (Action.Status.DONE, Action.Status.CLOSED):
        _complete(action, rng, now, ctx.quality)
    elif status == Action.Status.CANCELLED:
        action.cancel_reason = "Działanie zastąpione innym lub bezprzedmiotowe."
        action.updated_at = _at(due, rng, now)
    return action


def _complete(action: Action, rng: random.Random, now: datetime, quality: User) -> None:
    action.completed_at = _at(action.due_date - timedelta(days=rng.randint(-20, 30)), rng, now)
    action.completed_by = action.owner
    action.completion_evidence = EVIDENCE
    action.updated_at = action.completed_at
    if action.status == Action.Status.DONE:
        action.effectiveness_required = True
        action.effectiveness_due = action.completed_at.date() + timedelta(days=90)
    elif action.effectiveness_required:
        # Closed after a successful effectiveness check by someone else than the owner.
        action.effectiveness_result = Effectiveness.EFFECTIVE
        action.effectiveness_notes = NOTES
        action.verified_at = min(action.completed_at + timedelta(days=rng.randint(30, 120)), now)
        # The check is made by someone other than the owner (as the service insists).
        action.verified_by = action.created_by if action.created_by != action.owner else quality
        action.updated_at = action.verified_at
