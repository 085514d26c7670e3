"""The line a certification auditor follows, in a real browser with axe-core on each page:
audit plan → checklist → finding → nonconformity → root cause → corrective action →
effectiveness → closure."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def field(name: str) -> re.Pattern:
    """A field's whole label ("Title" or "Title:"), not a checkbox whose label holds it."""
    return re.compile(rf"^\s*{re.escape(name)}:?\s*$")


def nav(page, name: str) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name=name, exact=True).click()


@pytest.fixture
def contexts(browser):
    """Browser contexts for several people at once, all closed before the server stops."""
    opened = []

    def new():
        context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
        opened.append(context)
        return context

    yield new
    for context in opened:
        context.close()


def open_step(step) -> None:
    """Open a step's <details> panel unless the page opened it already."""
    if step.get_attribute("open") is None:
        step.locator("summary").click()


def choose(select, option_text: str) -> None:
    value = select.locator("option", has_text=option_text).first.get_attribute("value")
    select.select_option(value)


def tick(page, group: str, option_text: str) -> None:
    """Tick the option of a checkbox picker (a labelled group) whose name holds option_text."""
    picker = page.get_by_role("group", name=group)
    picker.get_by_role("checkbox", name=re.compile(re.escape(option_text))).first.check()


def test_an_audit_finding_goes_all_the_way_to_a_closed_nonconformity(
    contexts, demo_site, assert_accessible
):
    def session(username):
        page = contexts().new_page()
        page.set_default_timeout(15_000)
        page.goto(f"{demo_site}/login/")
        page.get_by_label(field("Username")).fill(username)
        page.get_by_label(field("Password")).fill("demo")
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{demo_site}/")
        return page

    today = timezone.localdate().isoformat()

    # The internal auditor plans an audit of the identity card process.
    auditor = session("auditor")
    nav(auditor, "Internal audits")
    assert_accessible(auditor)
    nav(auditor, "Audit programme")
    assert_accessible(auditor)
    nav(auditor, "Internal audits")
    auditor.get_by_role("link", name="Plan an audit").click()
    assert_accessible(auditor)
    auditor.get_by_label(field("Title")).fill("Audit wydawania dowodów osobistych")
    choose(auditor.get_by_role("combobox", name="Process"), "P03")
    tick(auditor, "Audited units", "Wydział Spraw Obywatelskich")
    tick(auditor, "ISO clauses", "8.5.1")
    auditor.get_by_label(field("Objectives")).fill("Ocena zgodności wydawania dowodów z ISO 9001.")
    auditor.get_by_label(field("Scope")).fill("Wydawanie dowodów osobistych.")
    auditor.get_by_label(field("Audit criteria")).fill("ISO 9001:2015, procedura P-03.")
    auditor.get_by_label(field("Planned start")).fill(today)
    auditor.get_by_label(field("Planned end")).fill(today)
    choose(auditor.get_by_role("combobox", name="Lead auditor"), "Katarzyna")
    auditor.get_by_role("button", name="Plan the audit").click()
    expect(auditor.get_by_text(re.compile(r"Audit AW/\d{4}/\d+ planned"))).to_be_visible()
    assert_accessible(auditor)
    audit_url = auditor.url

    # It starts: the checklist comes from the question templates; one answer is a nonconformity.
    auditor.get_by_role("button", name="Start the audit").click()
    expect(auditor.get_by_text("the checklist is ready")).to_be_visible()
    # Two questions answered, then the whole checklist saved at once.
    first, second = (
        auditor.locator("#checklist ol > li").nth(0),
        auditor.locator("#checklist ol > li").nth(1),
    )
    first.get_by_label(field("Does not conform")).check()
    first.get_by_label(field("Evidence seen")).fill("2 z 10 spraw bez potwierdzenia odbioru.")
    second.get_by_label("Conforms", exact=True).check()
    auditor.get_by_role("button", name="Save all answers").click()
    expect(auditor.get_by_text("2 answers saved.")).to_be_visible()
    assert_accessible(auditor)
    auditor.get_by_role("link", name="Record a finding", exact=True).click()
    assert_accessible(auditor)
    auditor.get_by_label(field("Minor nonconformity")).check()
    choose(auditor.get_by_role("combobox", name="ISO clause"), "8.5.1")
    # "Unit" alone would also match the grade "Opportunity for improvement".
    choose(auditor.get_by_role("combobox", name="Unit"), "Wydział Spraw Obywatelskich")
    auditor.get_by_label(field("Finding")).fill("Brak potwierdzenia odbioru dowodu w 2 z 10 spraw.")
    auditor.get_by_role("button", name="Record the finding").click()
    finding_row = auditor.get_by_role("row", name=re.compile("Minor nonconformity"))
    expect(finding_row).to_contain_text(re.compile(r"NC/\d{4}/\d{4}"))
    nc_ref = re.search(r"NC/\d{4}/\d{4}", finding_row.inner_text()).group(0)

    # The head of civil affairs finds it, analyses the cause and plans an action.
    owner = session("owner")
    nav(owner, "Nonconformities")
    assert_accessible(owner)
    owner.get_by_role("link", name=nc_ref).first.click()
    expect(owner.get_by_role("heading", level=1)).to_contain_text(nc_ref)
    assert_accessible(owner)
    nc_url = owner.url
    step = owner.locator("#step-root-cause")
    open_step(step)
    step.get_by_label(field("Why did it happen?")).fill("Odbiór nie jest potwierdzany w systemie.")
    step.get_by_label(field("Why? (2)")).fill("Formularz odbioru nie wymaga podpisu.")
    step.get_by_label(field("Root cause")).fill("Formularz odbioru bez pola podpisu.")
    step.get_by_label(re.compile("Method")).check()
    step.get_by_role("button").click()
    expect(owner.get_by_text("Formularz odbioru bez pola podpisu.").first).to_be_visible()
    step = owner.locator("#step-add-action")
    open_step(step)
    step.get_by_label(field("Action")).fill("Dodać pole podpisu do formularza odbioru")
    choose(step.get_by_role("combobox", name="Owner"), "Zieliński")
    step.get_by_label(field("Due date")).fill(today)
    step.get_by_role("button").click()
    action_link = owner.get_by_role("link", name=re.compile("Dodać pole podpisu"))
    expect(action_link).to_be_visible()

    # The action is done and recorded in the common tracker.
    action_link.click()
    assert_accessible(owner)
    owner.locator("summary", has_text="Mark as done").click()
    owner.get_by_label(field("What was done, and where is the evidence?")).fill(
        "Nowy formularz w użyciu od dziś; wzór w aktach wydziału."
    )
    owner.get_by_role("button", name="Mark as done").click()
    expect(owner.locator(".badge", has_text="Closed")).to_be_visible()

    # Back on the nonconformity: plan the effectiveness check and ask for it.
    owner.goto(nc_url)
    step = owner.locator("#step-plan-verification")
    open_step(step)
    step.get_by_label(field("Check effectiveness on")).fill(today)
    step.get_by_label(field("How will effectiveness be checked?")).fill(
        "Próbka 20 spraw po miesiącu."
    )
    step.get_by_role("button").click()
    step = owner.locator("#step-request-verification")
    open_step(step)
    step.get_by_role("button").click()
    expect(owner.locator(".badge", has_text="Awaiting effectiveness check").first).to_be_visible()

    # The quality manager checks effectiveness and closes it.
    quality = session("quality")
    quality.goto(nc_url)
    assert_accessible(quality)
    step = quality.locator("#step-record-verification")
    open_step(step)
    step.get_by_label(re.compile("Yes: the nonconformity")).check()
    step.get_by_label(field("How was it checked and what was found?")).fill(
        "W próbce 20 spraw wszystkie odbiory potwierdzone."
    )
    step.get_by_role("button").click()
    step = quality.locator("#step-close")
    open_step(step)
    step.get_by_label(re.compile("I close the nonconformity")).check()
    step.get_by_role("button", name="Close").click()
    expect(quality.get_by_text(re.compile(r"Closed on .* by"))).to_be_visible()
    assert_accessible(quality)

    # The audit page links the finding to the closed nonconformity.
    quality.goto(audit_url)
    expect(quality.get_by_role("row", name=re.compile("Minor nonconformity"))).to_contain_text(
        nc_ref
    )
