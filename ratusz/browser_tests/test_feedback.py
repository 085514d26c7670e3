"""A resident sends a complaint through the portal and checks its status; the quality
manager handles it to a reply PDF; axe-core checks each public and staff page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from ratusz.core.models import User
from ratusz.feedback.models import Submission

pytestmark = pytest.mark.browser


def test_a_complaint_goes_from_the_portal_to_a_reply_pdf(
    demo_site, sign_in, page, assert_accessible
):
    # The resident, without an account.
    page.goto(f"{demo_site}/public/")
    assert_accessible(page)
    page.get_by_role("link", name="Send a complaint, motion, petition or request").click()
    assert_accessible(page)
    page.get_by_label("Complaint (skarga)").check()
    page.locator("#id_subject").fill("Kary umowne <b>nie</b> są naliczane")
    page.locator("#id_content").fill("Wykonawca spóźnił się, a kar nie naliczono.")
    page.locator("#id_submitter_name").fill("Ewa Nowak")
    page.locator("#id_submitter_address").fill("ul. Długa 2, Przykładowo")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("your submission is registered")
    assert_accessible(page)
    reference = page.locator(".receipt dd strong").first.inner_text()
    code = page.locator(".receipt code").inner_text()
    page.get_by_role("link", name="Check the status").click()
    assert_accessible(page)
    page.locator("#id_reference").fill(reference)
    page.locator("#id_code").fill(code)
    page.get_by_role("button", name="Check").click()
    expect(page.get_by_role("status")).to_contain_text("Registered, to be assigned")
    assert_accessible(page)
    for path in (
        "/public/accessibility/",
        "/public/privacy/",
        "/public/feedback/statistics/",
        "/public/quality/",
        "/public/petitions/",
        "/public/feedback/",
    ):
        page.goto(f"{demo_site}{path}")
        assert_accessible(page)
        # Fits a 390 px phone without scrolling sideways.
        page.set_viewport_size({"width": 390, "height": 800})
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
        page.set_viewport_size({"width": 1280, "height": 900})

    # The quality manager handles it.
    submission = Submission.objects.get(subject__startswith="Kary umowne <b>")
    quality = sign_in("quality")
    quality.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Residents' submissions", exact=True
    ).click()
    assert_accessible(quality)
    quality.get_by_role("link", name=submission.reference).click()
    assert_accessible(quality)
    me = User.objects.get(username="quality")
    quality.get_by_text("Assign to a unit and a person").click()
    quality.locator("#id_assign_handler").select_option(str(me.pk))
    quality.get_by_role("button", name="Assign", exact=True).click()
    quality.get_by_text("Decide the outcome").click()
    quality.locator("#id_decide_outcome").select_option("justified")
    quality.locator("#id_decide_outcome_reasons").fill("Kar nie naliczono mimo opóźnienia.")
    quality.get_by_role("button", name="Record the outcome").click()
    quality.get_by_text("Draft the reply (art. 238 k.p.a.)").click()
    quality.locator("#id_draft_reply_signatory").fill("Anna Kowalska, Pełnomocnik")
    quality.get_by_role("button", name="Save the draft").click()
    quality.get_by_role("button", name="Approve the reply").click()
    quality.get_by_text("Record the reply as sent").first.click()
    quality.get_by_role("button", name="Record as sent").click()
    expect(quality.locator(".badge").first).to_contain_text("Closed")
    assert_accessible(quality)
    with quality.expect_download() as download:
        quality.get_by_role("link", name="The reply as PDF").click()
    assert re.search(r"SW-\d{4}-\d+-reply\.pdf", download.value.suggested_filename)
    quality.get_by_role("button", name="Open a nonconformity from this complaint").click()
    expect(quality.get_by_role("link", name=re.compile(r"^NC\W\d{4}"))).to_be_visible()
