"""The case import as a background job: an upload on the import page runs here."""

from __future__ import annotations

import contextlib
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ratusz.core import jobs
from ratusz.core.models import Job
from ratusz.services import importer, services
from ratusz.services.models import CaseImport

KIND = "case-import"
UPLOAD_DIR = "case-imports"


def upload_path(name: str) -> Path:
    return Path(settings.MEDIA_ROOT) / UPLOAD_DIR / name


def run(job: Job, progress: jobs.Progress) -> jobs.JobResult:
    record = CaseImport.objects.get(pk=job.params["import"])
    path = upload_path(job.params["file"])
    size = max(path.stat().st_size, 1)
    try:
        with path.open("rb") as f:

            def report(rows: int) -> None:
                progress(
                    min(round(f.tell() * 100 / size), 99),
                    100,
                    _("%(rows)s rows read") % {"rows": f"{rows:,}".replace(",", "\u00a0")},
                )

            # A refused import is a finished job: its record says why, row by row.
            with contextlib.suppress(importer.ImportRefused):
                services.run_import(
                    record=record,
                    stream=f,
                    mapping=job.params.get("mapping") or None,
                    skip_bad=bool(job.params.get("skip_bad")),
                    progress=report,
                )
    finally:
        path.unlink(missing_ok=True)
    return jobs.JobResult(url=record.get_absolute_url(), label=_("See what the import did"))


def register() -> None:
    jobs.register(KIND, label=gettext_lazy("Import of the case register"), runner=run)
