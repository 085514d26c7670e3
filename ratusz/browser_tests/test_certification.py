"""Readiness and the evidence pack in a real browser, with axe-core on each page."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from ratusz.audits.models import Programme, ProgrammeItem

pytestmark = pytest.mark.browser


def nav(page, name: str) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name=name, exact=True).click()


def _programme_back_to_draft() -> None:
    """This year's programme was edited (so it awaits approval again) and the late
    audit was deferred with a justification."""
    today = timezone.localdate()
    programme = Programme.objects.get(year=today.year)
    Programme.objects.filter(pk=programme.pk).update(
        status=Programme.Status.DRAFT, approved_at=None, approved_by=None
    )
    for item in programme.items.filter(status=ProgrammeItem.Status.PLANNED):
        if item.planned_month < today.month and not item.audits.filter(status="closed").exists():
            ProgrammeItem.objects.filter(pk=item.pk).update(
                status=ProgrammeItem.Status.DEFERRED,
                justification="Przeniesiony na przyszły rok: reorganizacja wydziału.",
            )


def test_quality_fixes_a_red_clause_and_external_downloads_the_pack(
    browser, demo_site, sign_in, page, assert_accessible, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.RATUSZ_JOB_HEARTBEAT_SECONDS = 3600
    _programme_back_to_draft()
    quality = sign_in("quality")
    nav(quality, "Readiness")
    expect(quality.get_by_role("heading", level=1)).to_contain_text("certification body came")
    assert_accessible(quality)
    row = quality.locator("#clause-9\\.2")
    expect(row).to_have_attribute("data-state", "red")
    expect(row).to_contain_text("not approved")
    row.get_by_role("link", name=re.compile("Fix it")).click()
    assert_accessible(quality)
    quality.get_by_role("button", name="Approve the programme").click()
    expect(quality.get_by_text("The programme is approved.")).to_be_visible()
    nav(quality, "Readiness")
    expect(quality.locator("#clause-9\\.2")).to_have_attribute("data-state", "green")

    # The quality manager builds the evidence pack and shares it with the external auditor.
    nav(quality, "Certification")
    assert_accessible(quality)
    quality.get_by_role("link", name="Evidence pack", exact=True).click()
    quality.get_by_role("button", name="Build a new evidence pack").click()
    # The pack is built by the background worker: the job's page says it waits for it...
    expect(quality.get_by_text("Waiting for the background worker to take it.")).to_be_visible()
    assert_accessible(quality)
    job_page = quality.url
    quality.goto("about:blank")  # the page's polling and the worker share one test database
    call_command("worker", "--batch")
    # ...and once the worker has run it, offers the download.
    quality.goto(job_page)
    expect(
        quality.get_by_role("link", name=re.compile(r"Download the evidence pack \(\d+ files\)"))
    ).to_be_visible()
    assert_accessible(quality)
    nav(quality, "Certification")
    quality.get_by_role("link", name="Evidence pack", exact=True).click()
    share = quality.locator("form", has=quality.get_by_role("button", name="Share"))
    share.get_by_label("External auditor").select_option(index=1)
    share.get_by_role("button", name="Share").click()
    expect(quality.get_by_text("can now download the pack")).to_be_visible()

    # The external auditor signs in, sees the index and downloads the ZIP — and nothing else.
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    try:
        external = context.new_page()
        external.goto(f"{demo_site}/login/")
        external.get_by_label("Username").fill("external")
        external.get_by_label("Password").fill("demo")
        external.get_by_role("button", name="Sign in").click()
        external.wait_for_url(f"{demo_site}/")
        expect(external.get_by_role("heading", level=1)).to_have_text(
            "Evidence for the external audit"
        )
        assert_accessible(external)
        with external.expect_download() as download_info:
            external.get_by_role("link", name="Download the evidence pack (ZIP)").click()
        data = open(download_info.value.path(), "rb").read()  # noqa: SIM115 - a temp file
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
        assert "index.pdf" in names
        assert any(name.startswith("documents/") for name in names)
        assert "nonconformities.pdf" in names
        response = external.goto(f"{demo_site}/documents/")
        assert response.status == 403
    finally:
        context.close()
