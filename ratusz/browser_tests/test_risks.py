"""A process owner assesses a risk, adds a treatment and sees the heat map change;
axe-core checks each context and risk page, the leadership page, the process map
and a process page with its risks and KPIs."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

TITLE = "Opóźnienie wydania dowodu osobistego"


def field(name: str) -> re.Pattern:
    """A field's whole label ("Title" or "Title:"), not a checkbox whose label holds it."""
    return re.compile(rf"^\s*{re.escape(name)}:?\s*$")


def nav(page, name: str) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name=name, exact=True).click()


def open_step(step) -> None:
    if step.get_attribute("open") is None:
        step.locator("summary").click()


def residual_low_corner(page) -> int:
    """The residual heat map's figure at likelihood 1, impact 1 (from its table)."""
    cell = (
        page.locator('section[aria-labelledby="residual-heading"] tbody tr')
        .last.locator("td")
        .first
    )
    return int(cell.inner_text().strip())


def test_a_process_owner_assesses_a_risk_treats_it_and_sees_the_heat_map_change(
    browser, demo_site, sign_in, page, assert_accessible
):
    owner = sign_in("owner")
    nav(owner, "Heat map")
    expect(owner.get_by_role("heading", level=1)).to_have_text("Heat map of risks")
    assert_accessible(owner)
    before = residual_low_corner(owner)

    nav(owner, "Risks and opportunities")
    assert_accessible(owner)
    owner.get_by_label("Title, cause, event or effect").fill("dowodu osobistego")
    owner.get_by_role("button", name="Filter").click()
    owner.get_by_role("row", name=re.compile(TITLE)).get_by_role("link").first.click()
    expect(owner.get_by_role("heading", level=1)).to_contain_text(TITLE)
    assert_accessible(owner)

    step = owner.locator("#step-assess")
    open_step(step)
    step.get_by_label(field("Residual likelihood")).select_option("1")
    step.get_by_label(field("Residual impact")).select_option("1")
    step.get_by_label(field("Note")).fill("Drugi serwer i dyżury wdrożone.")
    step.get_by_role("button").click()
    expect(owner.get_by_text("The assessment is recorded.")).to_be_visible()
    expect(owner.get_by_text("Drugi serwer i dyżury wdrożone.")).to_be_visible()

    step = owner.locator("#step-add-treatment")
    open_step(step)
    step.get_by_label(field("Action")).fill("Szkolenie zastępców z wydawania dowodów")
    due = (timezone.localdate() + timedelta(days=30)).isoformat()
    step.get_by_label(field("Due date")).fill(due)
    step.get_by_role("button").click()
    expect(
        owner.get_by_role("cell", name="Szkolenie zastępców z wydawania dowodów")
    ).to_be_visible()
    assert_accessible(owner)

    nav(owner, "Heat map")
    assert residual_low_corner(owner) == before + 1
    owner.locator('section[aria-labelledby="residual-heading"] tbody tr').last.locator(
        "td"
    ).first.get_by_role("link").click()
    # Playwright reads a "/" in a name pattern as the pattern's end: match it with \S.
    expect(owner.get_by_role("link", name=re.compile(r"R\S\d{4}\S\d{4}")).first).to_be_visible()
    expect(owner.get_by_text(TITLE)).to_be_visible()


def test_the_context_pages_pass_axe(browser, demo_site, sign_in, page, assert_accessible):
    quality = sign_in("quality")
    nav(quality, "Context of the office")
    expect(
        quality.get_by_text("Climate change is a relevant issue for the office.")
    ).to_be_visible()
    assert_accessible(quality)
    quality.get_by_role("link", name="All issues").click()
    assert_accessible(quality)
    quality.get_by_role("link", name=re.compile("ulic nadrzecznych")).first.click()
    assert_accessible(quality)
    nav(quality, "Interested parties")
    assert_accessible(quality)
    quality.get_by_role("link", name="Mieszkańcy", exact=True).click()
    assert_accessible(quality)
    quality.goto(f"{demo_site}/risks/new/")
    assert_accessible(quality)
    quality.goto(f"{demo_site}/risks/scale/")
    assert_accessible(quality)
    nav(quality, "Leadership")
    expect(quality.get_by_role("heading", name="Leadership and commitment")).to_be_visible()
    assert_accessible(quality)
    nav(quality, "Processes")
    quality.get_by_role("link", name="The process map: processes and their interactions").click()
    expect(quality.locator("svg.process-map")).to_be_visible()
    assert_accessible(quality)
    quality.get_by_role("link", name=re.compile(r"^P03 ")).click()
    expect(quality.get_by_role("heading", name="Risks and opportunities")).to_be_visible()
    expect(quality.get_by_role("heading", name="KPIs of the process")).to_be_visible()
    assert_accessible(quality)
