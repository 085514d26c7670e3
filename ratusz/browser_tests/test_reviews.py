"""The quality manager runs the management review in a real browser: from the
compiled inputs through the record and decisions to the review pack, with
axe-core checking each page."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ratusz.reviews.models import Review

pytestmark = pytest.mark.browser


def test_quality_runs_the_review_from_inputs_to_the_pack(
    demo_site, sign_in, page, assert_accessible
):
    # The demo plans the 2026 review a week before the recertification audit; it is
    # held today, whatever day the test runs.
    review = Review.objects.get(year=2026)
    Review.objects.filter(pk=review.pk).update(planned_date=timezone.localdate())
    quality = sign_in("quality")
    quality.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Management reviews", exact=True
    ).click()
    assert_accessible(quality)
    quality.get_by_role("link", name=review.reference).click()
    expect(quality.locator("#input-c4")).to_contain_text("Nonconformities opened")
    expect(quality.locator("#input-c1")).to_contain_text("Residents' satisfaction survey")
    assert_accessible(quality)

    # A comment on the nonconformities input.
    c4 = quality.locator("#input-c4")
    c4.get_by_text("Comment on this input").click()
    c4.get_by_label("Quality manager's comment").fill("Mniej niezgodności po terminie.")
    c4.get_by_role("button", name="Save the comment").click()
    expect(quality.get_by_text("Comment saved.")).to_be_visible()

    # The meeting: the chair and two heads present; the inputs are frozen.
    hold = quality.locator("#step-hold")
    hold.get_by_text("Record that the review was held").click()
    for surname in ("Nowak", "Wiśniewska", "Zieliński"):
        hold.get_by_label(re.compile(surname)).check()
    hold.get_by_label("I confirm: the inputs are frozen as they are now").check()
    hold.get_by_role("button", name="Hold the review and freeze its inputs").click()
    expect(quality.get_by_text("The review is held; its inputs are frozen.")).to_be_visible()
    assert_accessible(quality)

    # The record: conclusions, then a decision without an owner, refused, then with one.
    record = quality.locator("#step-record")
    record.get_by_text("Write the record").click()
    record.get_by_label("Is the QMS still suitable?").fill("Tak.")
    record.get_by_label("Is the QMS adequate?").fill("Tak, z uwagą o zasobach.")
    record.get_by_label("Is the QMS effective?").fill("Tak.")
    record.get_by_label("Is it aligned with the office's strategic direction?").fill("Tak.")
    record.get_by_role("button", name="Save the record").click()
    expect(quality.get_by_text("The record is saved.")).to_be_visible()

    decide = quality.locator("#step-decide")
    decide.get_by_text("Record a decision").click()
    decide.get_by_label(re.compile(r"^Decision\b")).fill("Zatrudnić drugiego audytora.")
    decide.get_by_label("Due date").fill((timezone.localdate().replace(day=1)).isoformat())
    decide.get_by_role("button", name="Record the decision").click()
    expect(quality.get_by_text("Every decision needs an owner")).to_be_visible()
    assert_accessible(quality)
    decide = quality.locator("#step-decide")
    decide.get_by_label("Owner").select_option(index=1)
    decide.get_by_label("Due date").fill("2027-03-31")
    decide.get_by_role("button", name="Record the decision").click()
    expect(
        quality.get_by_text("Decision recorded and added to the action tracker.")
    ).to_be_visible()
    expect(quality.locator("#decision-1")).to_contain_text("Zatrudnić drugiego audytora.")

    # The review pack: drawing it takes seconds, longer while other tests load the machine.
    with quality.expect_download(timeout=60_000) as download_info:
        quality.get_by_role("link", name="Review pack (PDF)").click(timeout=60_000)
    data = open(download_info.value.path(), "rb").read()  # noqa: SIM115 - a temp file
    assert data.startswith(b"%PDF")
