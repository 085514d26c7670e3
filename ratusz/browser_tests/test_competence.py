"""Competence in a real browser, with axe-core on each page: the head of civil
affairs sees a gap in the matrix, plans a training for it, records attendance and
the evaluation of its effectiveness, and the person's row in the matrix turns
green."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

GAP = "Dostęp do rejestru PESEL"


def test_a_head_closes_a_gap_through_a_training(
    browser, demo_site, sign_in, page, assert_accessible
):
    head = sign_in("owner")
    head.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Competence and training", exact=True
    ).click()
    expect(head.get_by_role("heading", level=1)).to_have_text("Competence matrix")
    assert_accessible(head)
    row = head.get_by_role("row", name=re.compile("Marek Kamiński"))
    expect(row.get_by_text("expired")).to_be_visible()
    row.get_by_role("link", name="Marek Kamiński").click()
    head.wait_for_url(re.compile(r"/competence/people/\d+/$"))
    person = head.url
    assert_accessible(head)

    year = timezone.localdate().year
    head.get_by_role("button", name=f"Plan a training in {year}: {GAP}").click()
    expect(head.get_by_text(f"{GAP} is on the {year} training plan.")).to_be_visible()
    head.get_by_role("link", name="Schedule a training").click()
    assert_accessible(head)
    head.get_by_label("Topic").fill("Rejestr PESEL — uprawnienia i bezpieczeństwo")
    held = timezone.localdate() - timedelta(days=40)
    head.get_by_label("Date").fill(held.isoformat())
    head.get_by_role("button", name="Save").click()
    expect(head.get_by_text("Training added.")).to_be_visible()
    assert_accessible(head)

    head.get_by_label("Marek Kamiński").check()
    head.get_by_role("button", name="Save attendance").click()
    expect(head.get_by_text("Attendance recorded.")).to_be_visible()
    head.get_by_label("Effectiveness").select_option("effective")
    head.get_by_label("How it was evaluated").fill("Kierownik sprawdził 5 wyszukiwań w rejestrze.")
    head.get_by_role("button", name="Save the evaluation").click()
    expect(head.get_by_text("Evaluation saved.")).to_be_visible()
    assert_accessible(head)

    head.goto(f"{demo_site}/competence/")
    row = head.get_by_role("row", name=re.compile("Marek Kamiński"))
    expect(row.locator("td").last).to_have_text("none")
    assert_accessible(head)

    # The self-assessment: last year's results and this year's answer form.
    head.goto(f"{demo_site}/competence/self-assessment/")
    assert_accessible(head)
    head.get_by_role("link", name=f"Management-control self-assessment {year - 1}").click()
    expect(head.get_by_role("table", name="Results by group")).to_be_visible()
    assert_accessible(head)
    head.goto(f"{demo_site}/competence/self-assessment/")
    head.get_by_role("row", name=re.compile(f"self-assessment {year}")).get_by_role(
        "link", name="Answer"
    ).click()
    expect(head.get_by_text("The version for managers.")).to_be_visible()
    assert_accessible(head)

    # On a phone no competence page scrolls sideways: wide tables scroll in their box.
    head.set_viewport_size({"width": 390, "height": 844})
    for path in ("/competence/", "/competence/plan/", "/competence/trainings/", person):
        head.goto(path if path.startswith("http") else f"{demo_site}{path}")
        width = head.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], f"{path} is {width[0]}px wide at {width[1]}px"
