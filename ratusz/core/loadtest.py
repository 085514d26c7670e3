"""A busy office in a minute: many clients reading and writing at once against
gunicorn, then a count of what went wrong and of what was acknowledged but lost.

Each client keeps one connection and loops until the time is up over a mix of
what an office does: report a nonconformity, submit an idea, raise an action,
edit one action that everybody edits (a conflict, 409, is a correct answer
there), read the nonconformity register, the action list and the dashboard.

An error is a 5xx, a broken connection, or any other answer than the one the
step expects. A lost record is one whose creation was acknowledged (201 with
its id and reference) but which is not in the database afterwards with that
reference; a collision is two acknowledged records sharing a reference.

That mix is the "office" scenario. An area adds scenarios of its own in a
`loadtest.py` plug-in (`SCENARIOS: dict[str, Scenario]`), e.g. residents
sending the public form; `ratusz loadtest --scenario NAME` runs one.
"""

from __future__ import annotations

import http.client
import json
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Protocol

from django.conf import settings
from django.utils import timezone
from rest_framework.authtoken.models import Token

from ratusz.core import services
from ratusz.core.bench import HOST, REQUEST_TIMEOUT_S, database_description, gunicorn
from ratusz.core.bench import session_cookie as make_session
from ratusz.core.models import Action, OrgUnit, User
from ratusz.core.plugins import area_modules

STEPS = ("nonconformity", "idea", "action", "edit", "read_ncs", "read_actions", "dashboard")


@dataclass
class Tally:
    requests: int = 0
    statuses: Counter = field(default_factory=Counter)
    errors: Counter = field(default_factory=Counter)
    conflicts: int = 0
    created: dict[str, dict[int, str]] = field(default_factory=dict)
    latencies: list[float] = field(default_factory=list)

    def merge(self, other: Tally) -> None:
        self.requests += other.requests
        self.statuses.update(other.statuses)
        self.errors.update(other.errors)
        self.conflicts += other.conflicts
        for kind, rows in other.created.items():
            self.created.setdefault(kind, {}).update(rows)
        self.latencies.extend(other.latencies)


@dataclass
class Office:
    """Who the clients act as and on what."""

    token: str
    cookie: str
    unit: int
    owner: int
    shared_action: int


def prepare() -> Office:
    quality = User.objects.get(username="quality")
    unit = quality.org_unit or OrgUnit.objects.order_by("path").first()
    token, _created = Token.objects.get_or_create(user=quality)
    shared = services.create_action(
        actor=quality,
        title="Akcja edytowana przez wszystkich (test obciążenia)",
        org_unit=unit,
        owner=quality,
        due_date=timezone.localdate() + timedelta(days=30),
    )
    return Office(
        token=token.key,
        cookie=make_session(quality),
        unit=unit.pk,
        owner=quality.pk,
        shared_action=shared.pk,
    )


class Client:
    def __init__(self, port: int, office: Office, number: int) -> None:
        self.conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT_S)
        self.office = office
        self.number = number
        self.tally = Tally()

    def call(self, method: str, path: str, body: dict | None = None, *, api: bool = True):
        headers = {"Accept": "application/json"}
        if api:
            headers["Authorization"] = f"Token {self.office.token}"
        else:
            headers["Cookie"] = f"{settings.SESSION_COOKIE_NAME}={self.office.cookie}"
        payload = None
        if body is not None:
            payload = json.dumps(body)
            headers["Content-Type"] = "application/json"
        started = time.perf_counter()
        self.tally.requests += 1
        try:
            self.conn.request(method, path, body=payload, headers=headers)
            response = self.conn.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException) as exc:
            self.conn.close()
            self.tally.errors[f"{method} {path.split('?')[0]}: {type(exc).__name__}"] += 1
            return None, None
        finally:
            self.tally.latencies.append(time.perf_counter() - started)
        self.tally.statuses[response.status] += 1
        try:
            parsed = json.loads(data) if api and data else None
        except ValueError:
            parsed = None
        return response.status, parsed

    def expect(self, label: str, status: int | None, *wanted: int) -> bool:
        if status in wanted:
            return True
        if status is not None:
            self.tally.errors[f"{label}: {status}"] += 1
        return False

    def step(self, name: str, n: int) -> None:
        office = self.office
        title = f"Obciążenie {self.number}-{n}"
        if name == "nonconformity":
            status, body = self.call(
                "POST",
                "/api/v1/nonconformities/",
                {"title": title, "description": "Test obciążenia", "org_unit": office.unit},
            )
            if self.expect("create nonconformity", status, 201) and body:
                self.tally.created.setdefault("nonconformity", {})[body["id"]] = body["reference"]
        elif name == "idea":
            status, body = self.call(
                "POST", "/api/v1/ideas/", {"title": title, "description": "Test obciążenia"}
            )
            if self.expect("submit idea", status, 201) and body:
                self.tally.created.setdefault("idea", {})[body["id"]] = body["reference"]
        elif name == "action":
            due = (timezone.localdate() + timedelta(days=14)).isoformat()
            status, body = self.call(
                "POST",
                "/api/v1/actions/",
                {"title": title, "org_unit": office.unit, "owner": office.owner, "due_date": due},
            )
            if self.expect("raise action", status, 201) and body:
                self.tally.created.setdefault("action", {})[body["id"]] = body["reference"]
        elif name == "edit":
            path = f"/api/v1/actions/{office.shared_action}/"
            status, body = self.call("GET", path)
            if not self.expect("read the shared action", status, 200) or not body:
                return
            status, _body = self.call(
                "PATCH", path, {"description": title, "version": body["version"]}
            )
            if status == 409:
                self.tally.conflicts += 1
            else:
                self.expect("edit the shared action", status, 200)
        elif name == "read_ncs":
            self.expect("nonconformity list", self.call("GET", "/api/v1/nonconformities/")[0], 200)
        elif name == "read_actions":
            self.expect("action list", self.call("GET", "/actions/", api=False)[0], 200)
        elif name == "dashboard":
            self.expect("dashboard", self.call("GET", "/", api=False)[0], 200)

    def run(self, until: float) -> None:
        n = 0
        while time.monotonic() < until:
            self.step(STEPS[(self.number + n) % len(STEPS)], n)
            n += 1
        self.conn.close()


@dataclass
class Result:
    database: str
    clients: int
    seconds: float
    tally: Tally
    lost: list[str]
    collisions: list[str]
    scenario: str = "office"

    @property
    def errors(self) -> int:
        return sum(self.tally.errors.values())

    def report(self) -> str:
        latencies = sorted(self.tally.latencies) or [0.0]
        p95 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))]
        created = sum(len(rows) for rows in self.tally.created.values())
        lines = [
            f"Load test ({self.scenario}): {self.clients} clients for {self.seconds:.0f} s "
            f"on {self.database}",
            f"  requests: {self.tally.requests} ({self.tally.requests / self.seconds:.0f}/s), "
            f"p95 {p95 * 1000:.0f} ms",
            f"  answers: {dict(sorted(self.tally.statuses.items()))}",
            f"  records acknowledged: {created} "
            + str({kind: len(rows) for kind, rows in sorted(self.tally.created.items())}),
            f"  conflicts (409, expected): {self.tally.conflicts}",
            f"  errors: {self.errors}",
            f"  records lost: {len(self.lost)}",
            f"  reference collisions: {len(self.collisions)}",
        ]
        lines += [f"    error {label} × {count}" for label, count in self.tally.errors.items()]
        lines += [f"    lost {row}" for row in self.lost[:20]]
        lines += [f"    collision {row}" for row in self.collisions[:20]]
        return "\n".join(lines)


def check_records(tally: Tally) -> tuple[list[str], list[str]]:
    """What was acknowledged and is missing, and references acknowledged twice."""
    from ratusz.improvement.models import Idea, Nonconformity

    models = {"nonconformity": Nonconformity, "idea": Idea, "action": Action}
    lost, collisions = [], []
    for kind, rows in tally.created.items():
        stored = {obj.pk: obj.reference for obj in models[kind].objects.filter(pk__in=list(rows))}
        lost += [
            f"{kind} #{pk} ({reference})"
            for pk, reference in rows.items()
            if stored.get(pk) != reference
        ]
        seen = Counter(rows.values())
        collisions += [
            f"{kind} {reference} × {count}" for reference, count in seen.items() if count > 1
        ]
    return lost, collisions


class LoadClient(Protocol):
    tally: Tally

    def run(self, until: float) -> None: ...


@dataclass(frozen=True)
class Scenario:
    """What the clients of a load test do, and how their acknowledged records are checked."""

    # Runs before gunicorn starts (the demo office is loaded); returns what the clients share.
    prepare: Callable[[], Any]
    # (port, what prepare returned, the client's number) -> a client looping until told.
    client: Callable[[int, Any, int], LoadClient]
    # The acknowledged records in the tally -> (lost, collisions), as text lines.
    check: Callable[[Tally], tuple[list[str], list[str]]]


OFFICE = Scenario(
    prepare=prepare,
    client=lambda port, office, number: Client(port, office, number),
    check=check_records,
)


def scenarios() -> dict[str, Scenario]:
    """The office mix, then each area's `loadtest.py` SCENARIOS."""
    found = {"office": OFFICE}
    for _label, module in area_modules("loadtest"):
        found.update(module.SCENARIOS)
    return found


def run(*, clients: int, seconds: float, port: int, scenario: str = "office") -> Result:
    chosen = scenarios()[scenario]
    shared = chosen.prepare()
    tally = Tally()
    with gunicorn(port):
        workers = [chosen.client(port, shared, number) for number in range(clients)]
        until = time.monotonic() + seconds
        threads = [threading.Thread(target=client.run, args=(until,)) for client in workers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    for client in workers:
        tally.merge(client.tally)
    lost, collisions = chosen.check(tally)
    return Result(database_description(), clients, seconds, tally, lost, collisions, scenario)
