"""The evidence pack is built by a background job; its page shows progress, then the download."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.management import call_command

from ratusz.certification import services
from ratusz.certification.models import EvidencePack
from ratusz.certification.tests import factories
from ratusz.core.models import Job, Office

DATABASE_BACKEND = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
}


@pytest.fixture
def certified(office):
    # ORM: the office's own record is kept in the admin; no service writes it.
    Office.objects.create(pk=1, name="Urząd Miasta", short_name="UM", qms_scope="Usługi")
    factories.certificate(factories.body())


def test_building_a_pack_from_the_page_leads_to_its_job_and_then_its_download(
    office, certified, client_for
):
    client = client_for(office.quality)

    response = client.post("/certification/evidence/build/")

    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    page = client.get(job.get_absolute_url()).content.decode()
    pack = EvidencePack.objects.get()
    assert f"/certification/evidence/{pack.pk}/download/" in page
    assert "Download the evidence pack" in page
    assert 'href="/certification/evidence/">Back</a>' in page
    download = client.get(f"/certification/evidence/{pack.pk}/download/")
    assert zipfile.is_zipfile(io.BytesIO(b"".join(download.streaming_content)))


@pytest.mark.django_db(transaction=True)
def test_the_pack_is_built_by_the_worker_not_in_the_request(
    office, certified, client_for, settings
):
    settings.TASKS = DATABASE_BACKEND
    settings.RATUSZ_JOB_HEARTBEAT_SECONDS = 3600
    client = client_for(office.quality)

    client.post("/certification/evidence/build/")
    client.post("/certification/evidence/build/")  # asked twice: still one pack to build

    assert not EvidencePack.objects.exists()
    job = Job.objects.get()
    evidence_page = client.get("/certification/evidence/").content.decode()
    assert job.get_absolute_url() in evidence_page  # "see its progress"

    call_command("worker", "--batch")

    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.total > 2 and job.done == job.total - 1
    assert job.result_url == f"/certification/evidence/{EvidencePack.objects.get().pk}/download/"


def test_only_the_quality_manager_asks_for_a_pack(office):
    from ratusz.core.errors import Denied

    with pytest.raises(Denied):
        services.request_evidence_pack(actor=office.owner)
    assert not Job.objects.exists()
