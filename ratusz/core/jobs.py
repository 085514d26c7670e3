"""Background jobs: long work outside the request, with progress a person can see.

Django's tasks framework (the `django-tasks` backport) queues the work; its database
backend keeps the queue in Ratusz's own database, so SQLite and PostgreSQL need no
extra server, and `ratusz worker` runs it. A task enqueued inside a transaction is
stored in that transaction: it runs only if the request that asked for it commits.

Two kinds of work use it:

* a `Job` a person asked for (an evidence pack): `start(kind, owner=…, params=…)`
  records the job and queues `run_job`; the runner registered for the kind reports
  progress and returns where the result is; the job page polls the record;
* housekeeping tasks an area defines with `@task()` (text extraction of an upload).

A worker killed mid-job (a restart, a crash, the out-of-memory killer) leaves its task
"running" for ever. Every worker records a heartbeat; `recover_interrupted` gives a
task whose worker has gone silent back to the queue, or, after
`RATUSZ_JOB_MAX_ATTEMPTS` runs, marks it failed and tells the person so. Every
worker calls it while it runs, so nothing stays silently lost.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import OperationalError, close_old_connections, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task
from django_tasks.base import TaskResultStatus

from ratusz.core import audit
from ratusz.core.errors import Denied
from ratusz.core.models import Job, User, WorkerHeartbeat

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class JobResult:
    """Where the finished work is: a page or a download, and what to call the link."""

    url: str
    label: str


Progress = Callable[[int, int, str], None]
Runner = Callable[[Job, Progress], JobResult]


@dataclass(frozen=True)
class JobKind:
    kind: str
    label: Any
    runner: Runner


_KINDS: dict[str, JobKind] = {}


def register(kind: str, *, label: Any, runner: Runner) -> None:
    """An area offers a kind of job (in its AppConfig.ready)."""
    _KINDS[kind] = JobKind(kind, label, runner)


def kind_label(kind: str) -> str:
    entry = _KINDS.get(kind)
    return str(entry.label) if entry else kind


# --- asking for a job -------------------------------------------------------------


def start(kind: str, *, owner: User, params: dict | None = None, back_url: str = "") -> Job:
    """Record a job and queue it; it runs after the surrounding transaction commits.

    `back_url` is the page the job was asked for from; the job's page links back to it.
    """
    if kind not in _KINDS:
        raise ValueError(f"unknown job kind {kind!r}")
    params = {**(params or {}), **({"back_url": back_url} if back_url else {})}
    with transaction.atomic():
        job = Job.objects.create(kind=kind, owner=owner, params=params)
        result = run_job.enqueue(str(job.pk))
        # The immediate backend (tests) has already run the job and changed the row.
        Job.objects.filter(pk=job.pk).update(task_id=str(result.id))
    job.refresh_from_db()
    return job


def running_job(kind: str, *, owner: User) -> Job | None:
    """The person's job of this kind still waiting or running, if any."""
    return (
        Job.objects.filter(kind=kind, owner=owner)
        .exclude(status__in=Job.FINISHED)
        .order_by("-created_at")
        .first()
    )


# --- running a job ------------------------------------------------------------------


def _progress(job: Job) -> Progress:
    def report(done: int, total: int, step: str = "") -> None:
        Job.objects.filter(pk=job.pk).update(done=done, total=total, step=str(step)[:200])

    return report


def _fail(job: Job, message: str) -> None:
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.FAILED, error=message, finished_at=timezone.now()
    )


@task()
def run_job(job_id: str) -> str:
    """Run one Job by the runner of its kind; the outcome is written to the Job."""
    job = Job.objects.select_related("owner").filter(pk=job_id).first()
    if job is None or job.finished:
        return "skipped"
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.RUNNING,
        started_at=timezone.now(),
        attempts=F("attempts") + 1,
        error="",
    )
    kind = _KINDS.get(job.kind)
    if kind is None:
        _fail(job, _("This kind of job is no longer offered."))
        return "failed"
    try:
        with audit.acting_as(job.owner):
            result = kind.runner(job, _progress(job))
    except (Denied, PermissionDenied) as exc:
        _fail(job, str(exc) or _("You may not do this."))
        return "failed"
    except ValidationError as exc:
        _fail(job, " ".join(exc.messages))
        return "failed"
    except Exception:
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        _fail(job, _("The job stopped with an unexpected error; it has been logged."))
        raise
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.DONE,
        result_url=result.url,
        result_label=str(result.label)[:200],
        finished_at=timezone.now(),
        step="",
    )
    return "done"


# --- workers, heartbeats and interrupted tasks ----------------------------------------


def beat(worker_id: str) -> None:
    """Say that this worker is alive."""
    now = timezone.now()
    updated = WorkerHeartbeat.objects.filter(worker_id=worker_id).update(seen_at=now)
    if not updated:
        WorkerHeartbeat.objects.create(
            worker_id=worker_id,
            host=socket.gethostname()[:255],
            pid=os.getpid(),
            started_at=now,
            seen_at=now,
        )


def recover_interrupted(now: datetime | None = None) -> dict[str, int]:
    """Requeue or fail the running tasks whose worker has gone silent.

    A task is retried while it has run fewer than RATUSZ_JOB_MAX_ATTEMPTS times
    (every run leaves its worker's id on the task), then reported as failed.
    """
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    silent_since = now - timedelta(seconds=settings.RATUSZ_JOB_STALE_SECONDS)
    retried = failed = 0
    with transaction.atomic():
        alive = set(
            WorkerHeartbeat.objects.filter(seen_at__gte=silent_since).values_list(
                "worker_id", flat=True
            )
        )
        running = DBTaskResult.objects.running().select_for_update(skip_locked=True)
        for result in running:
            worker = result.worker_ids[-1] if result.worker_ids else ""
            if worker in alive or (result.started_at and result.started_at >= silent_since):
                continue
            jobs = Job.objects.filter(task_id=str(result.id))
            if len(result.worker_ids) < settings.RATUSZ_JOB_MAX_ATTEMPTS:
                result.status = TaskResultStatus.READY
                result.save(update_fields=["status"])
                jobs.exclude(status__in=Job.FINISHED).update(
                    status=Job.Status.QUEUED,
                    step=_("Interrupted by a restart; waiting to run again."),
                )
                retried += 1
                logger.warning("task %s interrupted on worker %s: requeued", result.id, worker)
            else:
                result.set_failed(Interrupted(len(result.worker_ids)))
                jobs.exclude(status__in=Job.FINISHED).update(
                    status=Job.Status.FAILED,
                    finished_at=now,
                    error=_(
                        "The job was interrupted %(n)d times (the worker stopped) and was "
                        "given up. Start it again; if it keeps failing, tell the administrator."
                    )
                    % {"n": len(result.worker_ids)},
                )
                failed += 1
                logger.error("task %s interrupted on every attempt: failed", result.id)
        WorkerHeartbeat.objects.filter(seen_at__lt=now - timedelta(days=1)).delete()
    return {"retried": retried, "failed": failed}


class Interrupted(Exception):
    """The worker running the task stopped before the task finished."""

    def __init__(self, attempts: int) -> None:
        super().__init__(f"interrupted on each of {attempts} attempts")


class Heartbeat(threading.Thread):
    """Beats for a worker and recovers interrupted tasks, on its own connection."""

    def __init__(self, worker_id: str) -> None:
        super().__init__(name="ratusz-heartbeat", daemon=True)
        self.worker_id = worker_id
        self.stopped = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopped.wait(settings.RATUSZ_JOB_HEARTBEAT_SECONDS):
                tick(self.worker_id)
        finally:
            connection.close()

    def stop(self) -> None:
        self.stopped.set()


def tick(worker_id: str) -> None:
    """One heartbeat and one recovery pass; a busy database only postpones them."""
    close_old_connections()
    try:
        beat(worker_id)
        recover_interrupted()
    except OperationalError as exc:
        logger.info("heartbeat postponed: %s", exc)
