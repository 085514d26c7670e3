"""`ratusz worker`: run background jobs (text extraction, evidence packs) from the database.

It is django-tasks-db's worker plus what keeps jobs from being lost: a heartbeat
that says this worker is alive, and a recovery pass (at start and with every
heartbeat) that runs again, or reports as failed, the jobs of a worker that stopped
mid-job. Stop it with SIGTERM or Ctrl+C: it finishes the job it is running first.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

from ratusz.core import jobs


class RatuszWorker(Worker):
    """The database worker, with a heartbeat and interrupted-job recovery around its loop."""

    def run(self) -> None:
        jobs.tick(self.worker_id)
        heartbeat = jobs.Heartbeat(self.worker_id)
        heartbeat.start()
        try:
            super().run()
        finally:
            heartbeat.stop()
            from ratusz.core.models import WorkerHeartbeat

            WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()


def make_worker(*, batch: bool = False, interval: float = 1.0, max_tasks: int | None = None):
    return RatuszWorker(
        queue_names=["*"],
        interval=interval,
        batch=batch,
        backend_name="default",
        startup_delay=False,
        max_tasks=max_tasks,
        worker_id=get_random_string(32),
        excluded_queue_names=[],
    )


class Command(BaseCommand):
    help = "Run background jobs (text extraction, evidence packs) until stopped."

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch", action="store_true", help="Run the jobs waiting now, then exit."
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="Seconds between looks for new jobs when idle (default 1).",
        )
        parser.add_argument(
            "--max-tasks", type=int, default=None, help="Exit after this many jobs."
        )

    def handle(self, *args, batch: bool, interval: float, max_tasks: int | None, **options):
        from django_tasks import task_backends
        from django_tasks_db.backend import DatabaseBackend

        if not isinstance(task_backends["default"], DatabaseBackend):
            self.stderr.write(
                "RATUSZ_TASKS_BACKEND is not the database backend: jobs run in the request, "
                "there is nothing for a worker to do."
            )
            return
        worker = make_worker(batch=batch, interval=max(0.1, interval), max_tasks=max_tasks)
        self.stdout.write(f"Ratusz worker {worker.worker_id} is running jobs.")
        worker.configure_signals()
        try:
            worker.run()
        finally:
            worker.reset_signals()
