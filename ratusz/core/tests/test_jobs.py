"""Background jobs: queued in the database, run by `ratusz worker`, shown on their page,
and never silently lost when a worker is killed mid-job."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from ratusz.core import jobs
from ratusz.core.models import Job, WorkerHeartbeat

DATABASE_BACKEND = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
}


def count_to_three(job: Job, progress: jobs.Progress) -> jobs.JobResult:
    for step in range(3):
        progress(step, 3, f"krok {step + 1}")
    return jobs.JobResult(url="/result/", label="Pobierz wynik")


def refuse(job: Job, progress: jobs.Progress) -> jobs.JobResult:
    raise ValidationError("Brak danych do zestawienia.")


@pytest.fixture(autouse=True)
def kinds():
    jobs.register("test.count", label="Liczenie", runner=count_to_three)
    jobs.register("test.refuse", label="Odmowa", runner=refuse)
    yield
    jobs._KINDS.pop("test.count")
    jobs._KINDS.pop("test.refuse")


@pytest.fixture
def database_backend(settings):
    settings.TASKS = DATABASE_BACKEND
    settings.RATUSZ_JOB_HEARTBEAT_SECONDS = 3600  # no heartbeat thread ticks in a test


def claim_and_die(job: Job, worker_id: str) -> DBTaskResult:
    """What a worker killed mid-job leaves behind: its task claimed, the job running,
    and no heartbeat from it any more."""
    result = DBTaskResult.objects.get(pk=job.task_id)
    result.claim(worker_id)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, attempts=1)
    return result


@pytest.mark.django_db(transaction=True)
def test_a_job_waits_in_the_database_until_the_worker_runs_it(office, database_backend, client_for):
    job = jobs.start("test.count", owner=office.quality)
    client = client_for(office.quality)

    waiting = client.get(job.get_absolute_url()).content.decode()
    assert "Waiting for the background worker" in waiting

    call_command("worker", "--batch")

    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    assert DBTaskResult.objects.get(pk=job.task_id).status == TaskResultStatus.SUCCESSFUL
    done = client.get(job.get_absolute_url()).content.decode()
    assert 'href="/result/"' in done and "Pobierz wynik" in done
    assert not WorkerHeartbeat.objects.exists()  # a stopped worker signs off


@pytest.mark.django_db(transaction=True)
def test_a_job_of_a_worker_killed_mid_job_runs_again_on_the_next_worker(
    office, database_backend, settings
):
    job = jobs.start("test.count", owner=office.quality)
    claim_and_die(job, "killed-worker")
    settings.RATUSZ_JOB_STALE_SECONDS = 0  # the dead worker has been silent long enough

    call_command("worker", "--batch")

    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    assert job.attempts == 2
    assert DBTaskResult.objects.get(pk=job.task_id).worker_ids[0] == "killed-worker"


@pytest.mark.django_db(transaction=True)
def test_a_job_interrupted_on_every_attempt_is_reported_failed_to_its_owner(
    office, database_backend, client_for
):
    job = jobs.start("test.count", owner=office.quality)
    result = claim_and_die(job, "first")
    result.worker_ids = ["first", "second", "third"]
    result.save(update_fields=["worker_ids"])

    counts = jobs.recover_interrupted(now=timezone.now() + timedelta(minutes=5))

    assert counts == {"retried": 0, "failed": 1}
    assert DBTaskResult.objects.get(pk=job.task_id).status == TaskResultStatus.FAILED
    page = client_for(office.quality).get(job.get_absolute_url()).content.decode()
    assert "interrupted 3 times" in page
    assert "hx-trigger" not in page  # finished: the page stops asking


@pytest.mark.django_db(transaction=True)
def test_a_running_job_of_a_live_worker_is_left_alone(office, database_backend):
    job = jobs.start("test.count", owner=office.quality)
    claim_and_die(job, "busy-worker")
    jobs.beat("busy-worker")

    counts = jobs.recover_interrupted(now=timezone.now() + timedelta(seconds=5))

    assert counts == {"retried": 0, "failed": 0}
    assert DBTaskResult.objects.get(pk=job.task_id).status == TaskResultStatus.RUNNING


def test_the_job_page_polls_while_the_job_runs_and_keeps_a_plain_link(office, client_for):
    # ORM: a job caught half-way, as the worker leaves it between two steps.
    job = Job.objects.create(
        kind="test.count", owner=office.quality, status=Job.Status.RUNNING, done=1, total=4
    )
    client = client_for(office.quality)

    page = client.get(job.get_absolute_url()).content.decode()
    fragment = client.get(job.get_absolute_url(), headers={"HX-Request": "true"})

    assert 'hx-trigger="every 2s"' in page
    assert f'<a href="{job.get_absolute_url()}">' in page  # works without JavaScript
    assert '<meta http-equiv="refresh"' in page
    assert 'value="25"' in page and "Step 1 of 4" in page
    assert "<html" not in fragment.content.decode()
    assert 'id="job-status"' in fragment.content.decode()


def test_a_job_that_is_refused_shows_why(office, client_for):
    job = jobs.start("test.refuse", owner=office.quality)

    assert job.status == Job.Status.FAILED
    page = client_for(office.quality).get(job.get_absolute_url()).content.decode()
    assert "Brak danych do zestawienia." in page


def test_a_job_is_shown_only_to_whoever_asked_for_it(office, client_for):
    job = jobs.start("test.count", owner=office.quality)

    assert client_for(office.owner).get(job.get_absolute_url()).status_code == 404
