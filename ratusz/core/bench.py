"""The page benchmark behind `ratusz bench` and `make bench` (DESIGN §7).

For every registered page it reports the number of SQL queries (in-process,
with Django's test client) and the latency under concurrent clients against a
real gunicorn (p50, p95, max, requests per second), plus the peak memory of
the gunicorn workers.

Pages come from a registry: this module's `PAGES` and the `PAGES` of the
`bench` module of every other Ratusz app. An entry is `(name, path)` or
`(name, path, budget_ms)`, where `path` is a callable returning the URL path
(called once, after the data is generated, so it can look up a record) and the
budget is the p95 target (DESIGN §7: 100 ms for lists, 200 ms for the dashboard).
"""

from __future__ import annotations

import http.client
import math
import os
import platform
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ratusz.core.models import Action, OrgUnit, User
from ratusz.core.plugins import area_modules

HOST = "127.0.0.1"
BENCH_USER = "quality"
LIST_BUDGET_MS = 100.0
DASHBOARD_BUDGET_MS = 200.0
WARMUP_REQUESTS = 10
IN_PROCESS_REQUESTS = 5  # one request at a time, for the "one request" column
SQL_REPEATS = 20  # replays of a page's read queries, for the "SQL alone" column
WORKERS, THREADS = 2, 4
STARTUP_TIMEOUT_S = 60.0
REQUEST_TIMEOUT_S = 60.0

PathFactory = Callable[[], str]


def _unit_with_subtree() -> str:
    # A unit below the top with units of its own: the filter is a subtree query.
    for unit in OrgUnit.objects.filter(parent__isnull=False).order_by("path"):
        if OrgUnit.objects.filter(path__startswith=unit.path).exclude(pk=unit.pk).exists():
            return f"/actions/?unit={unit.pk}"
    unit = OrgUnit.objects.order_by("path").first()
    return f"/actions/?unit={unit.pk}" if unit else "/actions/"


def _an_action() -> str:
    # An action awaiting its effectiveness check shows the most on its page.
    pk = Action.objects.filter(status=Action.Status.DONE).values_list("pk", flat=True).first()
    return f"/actions/{pk or Action.objects.values_list('pk', flat=True).first()}/"


PAGES: list[tuple] = [
    ("Dashboard", lambda: "/", DASHBOARD_BUDGET_MS),
    ("Action tracker (open)", lambda: "/actions/"),
    ("Action tracker (all)", lambda: "/actions/?status=all"),
    ("Action tracker (overdue)", lambda: "/actions/?status=overdue"),
    ("Action tracker (one unit)", _unit_with_subtree),
    ("Action detail", _an_action),
    ("API action list", lambda: "/api/v1/actions/"),
]


class BenchFailed(Exception):
    pass


@dataclass
class Page:
    name: str
    path: str
    budget_ms: float
    queries: int = 0
    latencies: list[float] = field(default_factory=list)  # seconds
    statuses: Counter = field(default_factory=Counter)
    wall_s: float = 0.0
    reads: list[tuple[str, object]] = field(default_factory=list)  # (sql, params) as run
    sql_ms: float = 0.0  # the page's read queries alone, through the driver's cursor
    single_ms: float = 0.0  # the whole page in-process, one request at a time

    def percentile(self, share: float) -> float:
        """Nearest-rank percentile, in milliseconds."""
        ordered = sorted(self.latencies)
        return ordered[max(math.ceil(share * len(ordered)) - 1, 0)] * 1000

    @property
    def max_ms(self) -> float:
        return max(self.latencies) * 1000

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.wall_s if self.wall_s else 0.0


# --- the registry -------------------------------------------------------------


def registered_pages() -> list[tuple]:
    entries = list(PAGES)
    for _label, module in area_modules("bench"):
        entries.extend(getattr(module, "PAGES", []))
    return entries


def resolve_pages(only: list[str] | None = None) -> list[Page]:
    """The registered pages; `only` keeps those whose name or path contains one of
    the given words (case-insensitive), to measure again after a change."""
    pages = []
    for entry in registered_pages():
        name, factory = entry[0], entry[1]
        path = factory()
        if only and not any(word.lower() in f"{name} {path}".lower() for word in only):
            continue
        budget = entry[2] if len(entry) > 2 else LIST_BUDGET_MS
        pages.append(Page(name=name, path=path, budget_ms=budget))
    return pages


# --- queries per page and the page's own floor (in-process) -----------------------


def _is_read(sql: str) -> bool:
    return sql.lstrip().upper().startswith(("SELECT", "WITH"))


def count_queries(pages: list[Page], user: User) -> None:
    """Count each page's queries, keep its read queries as they ran, time the page
    in-process one request at a time, and time its read queries alone."""
    client = Client(HTTP_HOST=HOST)
    client.force_login(user)
    for page in pages:
        client.get(page.path)  # first hit fills per-process caches (content types …)
        statements: list[tuple[str, object]] = []

        def keep(execute, sql, params, many, context, statements=statements):
            if not many and _is_read(sql):
                statements.append((sql, params))
            return execute(sql, params, many, context)

        with CaptureQueriesContext(connection) as captured, connection.execute_wrapper(keep):
            response = client.get(page.path)
        if response.status_code != 200:
            raise BenchFailed(
                f"{page.name} ({page.path}) answered {response.status_code} in-process."
            )
        page.queries = len(captured.captured_queries)
        page.reads = statements
        page.single_ms = _median_ms(lambda path=page.path: client.get(path), IN_PROCESS_REQUESTS)
        page.sql_ms = sql_alone_ms(statements)


def sql_alone_ms(statements: list[tuple[str, object]], repeats: int = SQL_REPEATS) -> float:
    """The median time of running the statements one after another through the
    database driver's cursor and fetching every row: no ORM, no template, no
    Python per row beyond the driver's. No page can be faster than this."""

    def replay() -> None:
        with connection.cursor() as cursor:
            for sql, params in statements:
                cursor.execute(sql, params)
                cursor.fetchall()

    return _median_ms(replay, repeats)


def _median_ms(work: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    times.sort()
    return times[len(times) // 2] * 1000


# --- latency against gunicorn -------------------------------------------------


def session_cookie(user: User) -> str:
    """A signed-in session stored in the database, as a login would leave it."""
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "ratusz.core.auth.RatuszBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.save()
    return session.session_key


def _port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex((HOST, port)) != 0


@contextmanager
def gunicorn(port: int) -> Iterator[subprocess.Popen]:
    if not _port_is_free(port):
        raise BenchFailed(f"Port {port} is already in use; pick another with --port.")
    binary = Path(sys.executable).with_name("gunicorn")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "ratusz.settings"}
    env.pop("DEBUG", None)  # measure the production configuration
    command = [
        str(binary), "ratusz.wsgi:application", "--bind", f"{HOST}:{port}",
        "--workers", str(WORKERS), "--threads", str(THREADS), "--worker-class", "gthread",
        "--log-level", "warning",
    ]  # fmt: skip
    with tempfile.TemporaryFile(mode="w+") as log:
        process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
        try:
            _wait_until_healthy(process, port, log)
            yield process
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_until_healthy(process: subprocess.Popen, port: int, log) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            raise BenchFailed(f"gunicorn exited with {process.returncode}:\n{log.read()}")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise BenchFailed(f"gunicorn did not answer /healthz within {STARTUP_TIMEOUT_S:.0f} s.")


def _client_loop(port: int, path: str, cookie: str, count: int, page: Page, lock) -> None:
    conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT_S)
    headers = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={cookie}"}
    latencies, statuses = [], Counter()
    for _ in range(count):
        started = time.perf_counter()
        try:
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            statuses[response.status] += 1
        except (OSError, http.client.HTTPException) as exc:
            statuses[type(exc).__name__] += 1
            conn.close()  # reconnects on the next request
        latencies.append(time.perf_counter() - started)
    conn.close()
    with lock:
        page.latencies.extend(latencies)
        page.statuses.update(statuses)


def hammer(port: int, page: Page, cookie: str, clients: int, total: int) -> None:
    """`total` requests for the page from `clients` concurrent keep-alive connections."""
    lock = threading.Lock()
    shares = [total // clients + (1 if n < total % clients else 0) for n in range(clients)]
    threads = [
        threading.Thread(target=_client_loop, args=(port, page.path, cookie, share, page, lock))
        for share in shares
        if share
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    page.wall_s = time.perf_counter() - started


def measure_latency(
    pages: list[Page], user: User, port: int, clients: int, requests: int
) -> list[int]:
    """Run the load; return the peak RSS (kB) of each gunicorn worker."""
    cookie = session_cookie(user)
    with gunicorn(port) as server:
        for page in pages:
            hammer(
                port, Page(page.name, page.path, page.budget_ms), cookie, clients, WARMUP_REQUESTS
            )
            hammer(port, page, cookie, clients, requests)
        return worker_peak_rss(server.pid)


# --- memory ---------------------------------------------------------------------


def _children(parent: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # The command name may hold spaces and parentheses: split after the last ")".
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == parent:
            found.append(int(stat.parent.name))
    return found


def _status_kb(pid: int, key: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{key}:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def worker_peak_rss(master: int) -> list[int]:
    return sorted(_status_kb(pid, "VmHWM") for pid in _children(master))


# --- the report -----------------------------------------------------------------


def database_description() -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sqlite_version()")
            return f"SQLite {cursor.fetchone()[0]}"
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0]}"
    return connection.vendor


def machine_description() -> str:
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    model = _proc_field("/proc/cpuinfo", "model name") or platform.processor() or "?"
    memory_kb = _proc_field("/proc/meminfo", "MemTotal").split()[0] or "0"
    return f"{cpus} CPUs ({model}), {int(memory_kb) / 1024 / 1024:.1f} GiB RAM"


def _proc_field(path: str, key: str) -> str:
    try:
        for line in Path(path).read_text().splitlines():
            name, _sep, value = line.partition(":")
            if name.strip() == key:
                return value.strip()
    except OSError:
        pass
    return ""


def report(
    pages: list[Page], *, scale_label: str, generation: str, clients: int, requests: int,
    worker_rss_kb: list[int],
) -> str:  # fmt: skip
    counts = (User.objects.count(), OrgUnit.objects.count(), Action.objects.count())
    peak = ", ".join(f"{kb / 1024:.0f} MB" for kb in worker_rss_kb) or "unknown"
    lines = [
        f"# Ratusz bench: {scale_label} on {database_description()}",
        "",
        f"- Date: {timezone.localtime():%Y-%m-%d %H:%M %Z}",
        f"- Database: {database_description()}",
        f"- Scale: {scale_label} ({counts[0]:,} users, {counts[1]:,} units, {counts[2]:,} actions)",
        f"- Generation: {generation}",
        f"- Machine: {machine_description()}, Python {platform.python_version()}",
        f"- Server: gunicorn, {WORKERS} workers x {THREADS} threads (gthread); "
        f"{clients} clients, {requests} requests per page after {WARMUP_REQUESTS} warm-up",
        f"- Peak RSS per worker (VmHWM): {peak}",
        "",
        "- SQL alone: the page's read queries replayed through the driver's cursor, "
        f"every row fetched (median of {SQL_REPEATS}): the floor under the page, in this run. "
        f"One request: the whole page in-process, one at a time (median of {IN_PROCESS_REQUESTS}). "
        "p50/p95/max: under the concurrent clients.",
        "",
        "| page | queries | SQL alone ms | one request ms | p50 ms | p95 ms | max ms | req/s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for page in pages:
        lines.append(
            f"| {page.name} `{page.path}` | {page.queries} | {page.sql_ms:.1f} "
            f"| {page.single_ms:.1f} | {page.percentile(0.5):.1f} "
            f"| {page.percentile(0.95):.1f} | {page.max_ms:.1f} | {page.rate:.1f} |"
        )
    over = [p for p in pages if p.percentile(0.95) > p.budget_ms]
    lines.append("")
    for page in over:
        lines.append(
            f"- Over target: {page.name} p95 {page.percentile(0.95):.0f} ms > {page.budget_ms:.0f} ms"
        )
    if not over:
        lines.append("- Every page is within its p95 target.")
    return "\n".join(lines) + "\n"


def failures(pages: list[Page]) -> list[str]:
    return [
        f"{page.name} ({page.path}): {dict(page.statuses)}"
        for page in pages
        if set(page.statuses) != {200}
    ]
