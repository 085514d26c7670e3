"""Named reads of competence and training; each runs a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from ratusz.competence import policies
from ratusz.competence.models import (
    EXPIRING_DAYS,
    Attendance,
    CommunicationEntry,
    Competence,
    CompetenceRecord,
    InductionItem,
    PlanItem,
    Position,
    Resource,
    Training,
)
from ratusz.core import selectors as core_selectors
from ratusz.core.models import Attachment, OrgUnit, Role, User

OPEN_PLAN = (PlanItem.Status.PLANNED, PlanItem.Status.SCHEDULED)


# --- the catalogue ------------------------------------------------------------------


def competence_list(*, user) -> QuerySet[Competence]:
    if not policies.can_view_catalogue(user):
        return Competence.objects.none()
    return Competence.objects.annotate(n_positions=Count("positions", distinct=True)).order_by(
        "name"
    )


def position_list(*, user) -> QuerySet[Position]:
    if not policies.can_view_catalogue(user):
        return Position.objects.none()
    return (
        Position.objects.select_related("org_unit")
        .prefetch_related(Prefetch("competences", Competence.objects.order_by("name")))
        .annotate(n_people=Count("placements", distinct=True))
        .order_by("org_unit__path", "name")
    )


def position_detail(*, user, pk: int) -> Position | None:
    if not policies.can_view_catalogue(user):
        return None
    return position_list(user=user).filter(pk=pk).first()


# --- people and the matrix --------------------------------------------------------------


def staff() -> QuerySet[User]:
    return User.objects.filter(is_active=True).exclude(role_assignments__role=Role.EXTERNAL_AUDITOR)


def people_list(*, user) -> QuerySet[User]:
    """The people whose competence the user may see, by unit and name."""
    if not policies.can_view_matrix(user):
        return User.objects.none()
    return (
        policies.people_visible_to(user, staff())
        .select_related("org_unit", "placement__position")
        .order_by("org_unit__path", "last_name", "first_name", "pk")
    )


def _valid_record(today: date, person_ref, competence_ref) -> QuerySet:
    return CompetenceRecord.objects.filter(
        person_id=person_ref, competence_id=competence_ref
    ).filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))


def with_gaps(qs: QuerySet[User], today: date) -> QuerySet[User]:
    """People missing a competence their position requires (none valid today)."""
    through = Position.competences.through
    gap = through.objects.filter(position_id=OuterRef("placement__position_id")).filter(
        ~Exists(_valid_record(today, OuterRef(OuterRef("pk")), OuterRef("competence_id")))
    )
    return qs.filter(Exists(gap))


def with_expiring(qs: QuerySet[User], today: date) -> QuerySet[User]:
    """People with a record expiring within 90 days and no later one of the same kind."""
    soon = today + timedelta(days=EXPIRING_DAYS)
    later = CompetenceRecord.objects.filter(
        person_id=OuterRef("person_id"), competence_id=OuterRef("competence_id")
    ).filter(Q(expires_on__isnull=True) | Q(expires_on__gt=soon))
    expiring = CompetenceRecord.objects.filter(
        person_id=OuterRef("pk"), expires_on__gte=today, expires_on__lte=soon
    ).filter(~Exists(later))
    return qs.filter(Exists(expiring))


@dataclass
class Cell:
    competence: Competence
    required: bool
    record: CompetenceRecord | None  # the latest-expiring record
    state: str  # held, expiring, expired, missing
    planned: PlanItem | None = None

    @property
    def is_gap(self) -> bool:
        return self.required and self.state in ("expired", "missing")

    @property
    def tone(self) -> str:
        if self.state == "held":
            return "ok"
        if self.state == "expiring":
            return "warn"
        if not self.required:
            return "muted"
        return "info" if self.planned else "bad"


@dataclass
class Row:
    person: User
    position: Position | None
    cells: list[Cell] = field(default_factory=list)

    @property
    def gaps(self) -> int:
        return sum(1 for c in self.cells if c.is_gap)

    @property
    def expiring(self) -> int:
        return sum(1 for c in self.cells if c.state == "expiring")


@dataclass
class Matrix:
    competences: list[Competence]
    rows: list[Row]


def _best(records: list[CompetenceRecord]) -> CompetenceRecord:
    # A record that never expires wins; otherwise the one valid longest.
    return max(records, key=lambda r: (r.expires_on is None, r.expires_on or date.min, r.issued_on))


def _state(record: CompetenceRecord | None, today: date) -> str:
    if record is None:
        return "missing"
    state = record.state(today)
    return "held" if state == "valid" else state


def build_rows(people: list[User], *, today: date, year: int | None = None) -> Matrix:
    """The matrix of these people: three queries whatever their number (positions'
    competences, records, open plan items)."""
    year = year or today.year
    position_ids = {p.placement.position_id for p in people if _placement(p)}
    required: dict[int, list[Competence]] = defaultdict(list)
    through = Position.competences.through
    for link in through.objects.filter(position_id__in=position_ids).select_related("competence"):
        required[link.position_id].append(link.competence)
    ids = [p.pk for p in people]
    columns = sorted(
        {c.pk: c for cs in required.values() for c in cs}.values(), key=lambda c: c.name
    )
    # Only the records of the columns, and only the fields a cell shows: at city-L a
    # page of people holds hundreds of records, and building full rows was most of
    # the matrix's time.
    records: dict[tuple[int, int], list[CompetenceRecord]] = defaultdict(list)
    for record in CompetenceRecord.objects.filter(
        person_id__in=ids, competence_id__in=[c.pk for c in columns]
    ).only("id", "person_id", "competence_id", "issued_on", "expires_on"):
        records[(record.person_id, record.competence_id)].append(record)
    plans = {
        (item.person_id, item.competence_id): item
        for item in PlanItem.objects.filter(person_id__in=ids, status__in=OPEN_PLAN).order_by(
            "year"
        )
    }
    rows = []
    for person in people:
        placement = _placement(person)
        position = placement.position if placement else None
        needs = {c.pk for c in required.get(position.pk, [])} if position else set()
        row = Row(person=person, position=position)
        for competence in columns:
            held = records.get((person.pk, competence.pk))
            best = _best(held) if held else None
            row.cells.append(
                Cell(
                    competence=competence,
                    required=competence.pk in needs,
                    record=best,
                    state=_state(best, today),
                    planned=plans.get((person.pk, competence.pk)),
                )
            )
        rows.append(row)
    return Matrix(competences=columns, rows=rows)


def _placement(person: User):
    try:
        return person.placement
    except User.placement.RelatedObjectDoesNotExist:
        return None


def matrix(*, user, org_unit: OrgUnit | None = None, today: date | None = None) -> Matrix:
    today = today or timezone.localdate()
    people = people_list(user=user)
    if org_unit is not None:
        people = people.filter(org_unit_id__in=core_selectors.subtree_ids([org_unit.path]))
    return build_rows(list(people), today=today)


@dataclass
class PersonPage:
    row: Row
    records: list[CompetenceRecord]
    attachments: dict[int, list[Attachment]]
    attendances: list[Attendance]
    plan: list[PlanItem]
    induction: list[InductionItem]


def person_page(person: User, *, today: date | None = None) -> PersonPage:
    """A person's position, what it requires and their state, their records with
    evidence files, trainings and plan: a fixed number of queries."""
    today = today or timezone.localdate()
    matrix = build_rows([person], today=today)
    records = list(
        CompetenceRecord.objects.filter(person=person)
        .select_related("competence", "training")
        .order_by("competence__name", "-issued_on")
    )
    files: dict[int, list[Attachment]] = defaultdict(list)
    if records:
        from django.contrib.contenttypes.models import ContentType

        kind = ContentType.objects.get_for_model(CompetenceRecord)
        for attachment in Attachment.objects.filter(
            target_type=kind, target_id__in=[str(r.pk) for r in records]
        ).order_by("uploaded_at"):
            files[int(attachment.target_id)].append(attachment)
    for record in records:
        record.files = files.get(record.pk, [])  # type: ignore[attr-defined]
    return PersonPage(
        row=matrix.rows[0],
        records=records,
        attachments=files,
        attendances=list(
            Attendance.objects.filter(person=person)
            .select_related("training")
            .order_by("-training__held_on")[:50]
        ),
        plan=list(
            PlanItem.objects.filter(person=person)
            .select_related("competence", "training")
            .order_by("-year", "competence__name")[:50]
        ),
        induction=list(InductionItem.objects.filter(person=person).order_by("id")[:100]),
    )


def person_detail(*, user, pk: int) -> User | None:
    person = staff().select_related("org_unit", "placement__position").filter(pk=pk).first()
    if person is None or not policies.can_view_person(user, person):
        return None
    return person


def record_detail(*, user, pk: int) -> CompetenceRecord | None:
    record = (
        CompetenceRecord.objects.select_related("person__org_unit", "competence", "training")
        .filter(pk=pk)
        .first()
    )
    if record is None or not policies.can_view_record(user, record):
        return None
    return record


def records_visible_to(user) -> QuerySet[CompetenceRecord]:
    if not policies.can_view_matrix(user):
        return CompetenceRecord.objects.none()
    qs = CompetenceRecord.objects.select_related("person", "competence")
    limit = policies.person_filter(user)
    return qs if limit is None else qs.filter(limit)


# --- trainings --------------------------------------------------------------------------


def training_list(*, user) -> QuerySet[Training]:
    if not policies.can_view_training(user):
        return Training.objects.none()
    return (
        Training.objects.select_related("org_unit", "competence")
        .annotate(n_enrolled=_attendances(), n_attended=_attendances(attended=True))
        .order_by("-held_on", "topic")
    )


def _attendances(**conditions):
    # A subquery per row shown, not a join grouped over every training: 10 ms
    # instead of 130 ms for a page of 5,000 trainings.
    counted = (
        Attendance.objects.filter(training=OuterRef("pk"), **conditions)
        .order_by()
        .values("training")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def training_detail(*, user, pk: int) -> Training | None:
    if not policies.can_view_training(user):
        return None
    return Training.objects.select_related("org_unit", "competence").filter(pk=pk).first()


def training_attendances(training: Training, *, user) -> list[Attendance]:
    """The attendees the viewer may see (attendance is personal data)."""
    qs = training.attendances.select_related("person__org_unit").order_by(
        "person__last_name", "person__first_name"
    )
    limit = policies.person_filter(user)
    return list(qs if limit is None else qs.filter(limit))


def trainings_to_evaluate(*, user, today: date | None = None) -> list[Training]:
    """Held trainings whose evaluation is due and that the user organises."""
    today = today or timezone.localdate()
    pending = Attendance.objects.filter(
        training=OuterRef("pk"), attended=True, result=Attendance.Result.PENDING
    )
    qs = (
        Training.objects.filter(status=Training.Status.HELD)
        .filter(Exists(pending))
        .select_related("org_unit")
        .order_by("held_on")
    )
    return [
        t for t in qs[:200] if t.evaluation_due <= today and policies.can_manage_training(user, t)
    ]


def plan_list(*, user, year: int) -> QuerySet[PlanItem]:
    qs = PlanItem.objects.filter(year=year).select_related(
        "person__org_unit", "competence", "training"
    )
    if not policies.can_view_matrix(user):
        return qs.none()
    limit = policies.person_filter(user)
    qs = qs if limit is None else qs.filter(limit)
    return qs.order_by("person__org_unit__path", "person__last_name", "competence__name")


def plan_progress(qs: QuerySet[PlanItem]) -> dict[str, int]:
    counts = qs.order_by().aggregate(
        total=Count("pk", filter=~Q(status=PlanItem.Status.CANCELLED)),
        done=Count("pk", filter=Q(status=PlanItem.Status.DONE)),
    )
    return {"total": counts["total"] or 0, "done": counts["done"] or 0}


# --- communication and resources ----------------------------------------------------------


def communication_list(*, user) -> QuerySet[CommunicationEntry]:
    if not policies.can_view_resources(user):
        return CommunicationEntry.objects.none()
    return CommunicationEntry.objects.order_by("direction", "subject")


def resource_list(*, user) -> QuerySet[Resource]:
    if not policies.can_view_resources(user):
        return Resource.objects.none()
    return Resource.objects.select_related("owner", "org_unit").order_by("kind", "name")


# --- awareness (7.3) -----------------------------------------------------------------------


@dataclass
class UnitAwareness:
    unit: OrgUnit
    people: int
    required: int  # acknowledgements due: each person × each document in force for them
    confirmed: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.confirmed / self.required) if self.required else None


def awareness_by_unit() -> list[UnitAwareness]:
    """Each unit's share of “read and understood” of the documents in force
    distributed to its people (the quality policy among them): five queries, and
    work that grows with people and distribution lists, not with their product.

    Only recipients may confirm a version (the documents area's rule), so a
    person's confirmations of versions in force are all confirmations due."""
    from ratusz.core.models import RoleAssignment
    from ratusz.documents.models import Acknowledgement, Distribution, DocumentVersion

    in_force = DocumentVersion.Status.IN_FORCE
    by_path: dict[str, set[int]] = defaultdict(set)
    by_role: dict[str, set[int]] = defaultdict(set)
    for version, unit_path, role in Distribution.objects.filter(
        document__current_version__status=in_force
    ).values_list("document__current_version_id", "org_unit__path", "role"):
        if unit_path:
            by_path[unit_path].add(version)
        if role:
            by_role[role].add(version)
    people = list(
        staff().filter(org_unit__isnull=False).values_list("pk", "org_unit_id", "org_unit__path")
    )
    roles: dict[int, set[str]] = defaultdict(set)
    for user_id, role in RoleAssignment.objects.values_list("user_id", "role"):
        roles[user_id].add(role)
    confirmed = dict(
        Acknowledgement.objects.filter(version__status=in_force)
        .order_by()
        .values("user_id")
        .annotate(n=Count("pk"))
        .values_list("user_id", "n")
    )
    units = {u.pk: u for u in OrgUnit.objects.filter(is_active=True)}
    figures: dict[int, UnitAwareness] = {}
    for user_id, unit_id, path in people:
        if unit_id not in units:
            continue
        parts = [p for p in path.split("/") if p]
        due: set[int] = set()
        for depth in range(1, len(parts) + 1):
            due |= by_path.get("/".join(parts[:depth]) + "/", set())
        for role in roles[user_id]:
            due |= by_role.get(role, set())
        figure = figures.setdefault(unit_id, UnitAwareness(units[unit_id], 0, 0, 0))
        figure.people += 1
        figure.required += len(due)
        figure.confirmed += min(confirmed.get(user_id, 0), len(due))
    return sorted(figures.values(), key=lambda f: f.unit.path)


# --- the self-assessment --------------------------------------------------------------

WEAK_BELOW = 60  # a question with fewer than this percent of "yes" is a weakness


def assessment_list():
    from ratusz.competence.models import Assessment

    return Assessment.objects.annotate(answered=Count("participations", distinct=True))


def _percent(yes: int, no: int) -> int | None:
    return round(100 * yes / (yes + no)) if yes + no else None


def _light(counts: dict[str, int]) -> str | None:
    n = counts.get("green", 0) + counts.get("yellow", 0) + counts.get("red", 0)
    if not n:
        return None
    score = (2 * counts.get("green", 0) + counts.get("yellow", 0)) / (2 * n)
    return "green" if score >= 0.75 else "red" if score < 0.4 else "yellow"


def assessment_results(assessment) -> dict:
    """The results as the page and the PDF show them. Staff answers count only
    where at least MIN_GROUP staff answered: office-wide and per unit; units
    with fewer answers are merged into one row, or hidden when even that row
    has fewer than MIN_GROUP."""
    from ratusz.competence.models import MIN_GROUP, Answer, Assessment, Submission

    subs = assessment.submissions.values("role", "org_unit").annotate(n=Count("id"))
    staff_total = sum(s["n"] for s in subs if s["role"] == "staff")
    managers_total = sum(s["n"] for s in subs if s["role"] == "manager")
    staff_shown = staff_total >= MIN_GROUP
    rows = (
        Answer.objects.filter(submission__assessment=assessment)
        .values("question", "submission__role", "value")
        .annotate(n=Count("id"))
    )
    counts: dict[int, dict[str, dict[str, int]]] = {}
    for r in rows:
        role = r["submission__role"]
        if role == "staff" and not staff_shown:
            continue
        by_role = counts.setdefault(r["question"], {})
        by_role.setdefault(role, {}).setdefault(r["value"], 0)
        by_role[role][r["value"]] += r["n"]
    iso = assessment.kind == Assessment.Kind.ISO18091
    questions = []
    groups: dict[str, dict] = {}
    for q in assessment.questions.all():
        by_role = counts.get(q.pk, {})
        total: dict[str, int] = {}
        for values in by_role.values():
            for v, n in values.items():
                total[v] = total.get(v, 0) + n
        if iso:
            light = _light(total)
            row = {"question": q, "counts": total, "light": light, "weak": light == "red"}
        else:
            share = _percent(total.get("yes", 0), total.get("no", 0))
            row = {
                "question": q,
                "counts": total,
                "managers": _percent(
                    by_role.get("manager", {}).get("yes", 0),
                    by_role.get("manager", {}).get("no", 0),
                ),
                "staff": _percent(
                    by_role.get("staff", {}).get("yes", 0), by_role.get("staff", {}).get("no", 0)
                ),
                "share": share,
                "weak": share is not None and share < WEAK_BELOW,
            }
        questions.append(row)
        g = groups.setdefault(q.group, {"group": q.group, "counts": {}, "questions": []})
        g["questions"].append(row)
        for v, n in total.items():
            g["counts"][v] = g["counts"].get(v, 0) + n
    previous = (
        Assessment.objects.filter(kind=assessment.kind, year__lt=assessment.year)
        .order_by("-year")
        .first()
    )
    before = assessment_results(previous)["groups"] if previous else []
    before_by = {g["group"]: g for g in before}
    for g in groups.values():
        if iso:
            g["light"] = _light(g["counts"])
        else:
            g["share"] = _percent(g["counts"].get("yes", 0), g["counts"].get("no", 0))
        last = before_by.get(g["group"])
        g["previous"] = (last.get("light") if iso else last.get("share")) if last else None
    units = []
    if not iso:
        unit_rows = (
            Answer.objects.filter(submission__assessment=assessment, submission__role="staff")
            .values("submission__org_unit", "submission__org_unit__name", "value")
            .annotate(n=Count("id"))
        )
        people = {s["org_unit"]: s["n"] for s in subs if s["role"] == Submission.Role.STAFF}
        per: dict = {}
        for u in unit_rows:
            key = u["submission__org_unit"]
            item = per.setdefault(key, {"name": u["submission__org_unit__name"], "yes": 0, "no": 0})
            if u["value"] in ("yes", "no"):
                item[u["value"]] += u["n"]
        merged = {"yes": 0, "no": 0, "n": 0}
        for key, item in sorted(per.items(), key=lambda kv: kv[1]["name"] or ""):
            n = people.get(key, 0)
            if key is not None and n >= MIN_GROUP:
                units.append(
                    {
                        "name": item["name"],
                        "answered": n,
                        "share": _percent(item["yes"], item["no"]),
                    }
                )
            else:
                merged["yes"] += item["yes"]
                merged["no"] += item["no"]
                merged["n"] += n
        merged_shown = merged["n"] >= MIN_GROUP
        if merged_shown:
            units.append(
                {
                    "name": None,
                    "answered": merged["n"],
                    "share": _percent(merged["yes"], merged["no"]),
                }
            )
    return {
        "assessment": assessment,
        "previous": previous,
        "groups": list(groups.values()),
        "questions": questions,
        "weak": [q for q in questions if q["weak"]],
        "units": units,
        "staff_answered": staff_total,
        "managers_answered": managers_total,
        "staff_shown": staff_shown,
        "min_group": MIN_GROUP,
    }


def open_assessments_for(user):
    """The open questionnaires the user may still answer (for the dashboard)."""
    from ratusz.competence.models import Assessment

    qs = Assessment.objects.filter(status=Assessment.Status.OPEN).exclude(
        participations__person=user
    )
    return [a for a in qs if policies.can_answer(user, a)]
