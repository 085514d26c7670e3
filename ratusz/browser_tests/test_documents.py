"""A procedure's whole life in a real browser, with axe-core on every page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def field(name: str) -> re.Pattern:
    """A field's whole label ("Title" or "Title:"), not a checkbox whose label holds it."""
    return re.compile(rf"^\s*{re.escape(name)}:?\s*$")


def choose(page, label: str, option_text: str) -> None:
    """Select the option whose text contains option_text (tree labels carry dashes)."""
    select = page.get_by_role("combobox", name=label)
    value = select.locator("option", has_text=option_text).first.get_attribute("value")
    select.select_option(value)


def tick(page, group: str, option_text: str) -> None:
    """Tick the option of a checkbox picker (a labelled group) whose name holds option_text."""
    picker = page.get_by_role("group", name=group)
    picker.get_by_role("checkbox", name=re.compile(re.escape(option_text))).first.check()


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


def test_a_procedure_is_written_reviewed_approved_and_acknowledged(
    contexts, demo_site, assert_accessible
):
    def session(username):
        context = contexts()
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto(f"{demo_site}/login/")
        page.get_by_label(field("Username")).fill(username)
        page.get_by_label(field("Password")).fill("demo")
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{demo_site}/")
        return page

    # The quality manager registers a procedure and writes its draft.
    quality = session("quality")
    quality.get_by_role("link", name="Documents", exact=True).click()
    expect(quality.get_by_role("heading", level=1)).to_have_text("Documents")
    assert_accessible(quality)
    quality.get_by_role("link", name="Register a document").click()
    assert_accessible(quality)
    quality.get_by_label(field("Type")).select_option(label="Procedure")
    quality.get_by_label(field("Title")).fill(
        "Obsługa wniosków o udostępnienie informacji publicznej"
    )
    choose(quality, "Owner unit", "Wydział Spraw Obywatelskich")
    quality.get_by_label(field("Text")).fill("# Cel\n\nUdostępnienie informacji w terminie 14 dni.")
    quality.get_by_role("button", name="Register and open the draft").click()
    expect(quality.get_by_role("heading", level=1)).to_contain_text("Draft of P-")
    assert_accessible(quality)
    number = re.search(r"P-\d+", quality.get_by_role("heading", level=1).inner_text()).group(0)
    quality.get_by_role("link", name="Back to the version").click()
    quality.get_by_text("Send for review").first.click()
    tick(quality, "Reviewers", "Piotr Zieliński")
    quality.get_by_role("button", name="Send for review").click()
    expect(quality.get_by_text("Sent to the reviewers.")).to_be_visible()
    document_url = quality.url

    # The head of civil affairs reviews it.
    owner = session("owner")
    owner.goto(document_url)
    owner.get_by_label(field("I agree with this version")).check()
    owner.get_by_role("button", name="Send my review").click()
    expect(owner.get_by_text("Your review is recorded.")).to_be_visible()

    # The author sends it for approval and sets who must read it.
    quality.reload()
    quality.get_by_role("button", name="Send for approval").click()
    expect(quality.get_by_text("Sent for approval.")).to_be_visible()
    quality.get_by_role("link", name=number).first.click()
    quality.get_by_role("link", name="change", exact=True).click()
    tick(quality, "Org units (with their sub-units)", "Wydział Spraw Obywatelskich")
    quality.get_by_role("button", name="Save").click()

    # The mayor approves it; it comes into force today.
    mayor = session("mayor")
    mayor.goto(document_url)
    assert_accessible(mayor)
    mayor.get_by_label(re.compile("I approve this version")).check()
    mayor.get_by_role("button", name="Approve this version").click()
    expect(mayor.get_by_text("In force", exact=True)).to_be_visible()

    # The employee finds it in "To read" and confirms it.
    employee = session("employee")
    employee.get_by_role("link", name="To read", exact=True).click()
    row = employee.get_by_role("row", name=re.compile(number))
    expect(row).to_be_visible()
    assert_accessible(employee)
    # The confirmation is at the end of the text, not in the list.
    row.get_by_role("link", name=re.compile("Read and confirm")).click()
    employee.get_by_role("button", name="I have read and understood it").click()
    expect(employee.get_by_text("your confirmation is recorded")).to_be_visible()
    expect(employee.get_by_role("row", name=re.compile(number))).to_have_count(0)

    # The document page shows the acknowledgement.
    quality.goto(document_url.split("/v1/")[0] + "/")
    expect(quality.get_by_text(re.compile(r"1 of \d+ people confirmed"))).to_be_visible()
    assert_accessible(quality)
