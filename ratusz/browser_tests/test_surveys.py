"""A resident answers the residents' satisfaction survey on a phone, without an
account; the quality manager then sees the answer in its results. axe-core checks
each public and staff page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from ratusz.surveys.models import Response, Survey

pytestmark = pytest.mark.browser


def test_a_resident_answers_the_survey_and_the_quality_manager_sees_the_results(
    browser, demo_site, sign_in, page, assert_accessible
):
    survey = Survey.objects.get(status=Survey.Status.OPEN)
    before = survey.responses.count()
    phone = browser.new_context(locale="en-GB", viewport={"width": 390, "height": 844})
    resident = phone.new_page()
    resident.set_default_timeout(10_000)
    try:
        resident.goto(f"{demo_site}/public/")
        resident.get_by_role("link", name="Satisfaction surveys").click()
        assert_accessible(resident)
        resident.get_by_role("link", name=survey.title).click()
        expect(resident.get_by_role("heading", level=1)).to_have_text(survey.title)
        assert_accessible(resident)

        # Sent without the required answers: each missing question is named.
        overall = resident.get_by_role("group", name=re.compile("Jak ogólnie oceniasz"))
        overall.get_by_label("4", exact=True).check()
        resident.get_by_label(re.compile("Co powinniśmy poprawić")).fill("<b>Więcej okienek</b>")
        resident.get_by_role("button", name="Send my answers").click()
        alert = resident.get_by_role("alert")
        expect(alert).to_contain_text("Jak oceniasz czas oczekiwania na załatwienie sprawy?")
        assert Response.objects.filter(survey=survey).count() == before
        assert_accessible(resident)

        # What was given is kept; the missing answer added, the answers are taken.
        wait = resident.get_by_role("group", name=re.compile("Jak oceniasz czas oczekiwania"))
        wait.get_by_label("2", exact=True).check()
        contact = resident.get_by_role("group", name=re.compile("Z jakich form kontaktu"))
        contact.get_by_label("Telefon").check()
        contact.get_by_label("ePUAP").check()
        resident.get_by_role("button", name="Send my answers").click()
        expect(resident.get_by_role("status")).to_contain_text("Your answers have been saved")
        assert_accessible(resident)
        no_wider = resident.evaluate("document.documentElement.scrollWidth <= 390")
        assert no_wider
        # The same browser is not asked twice.
        resident.goto(f"{demo_site}/public/surveys/{survey.pk}/")
        expect(resident.get_by_role("status")).to_contain_text("already answered")
    finally:
        phone.close()
    assert Response.objects.filter(survey=survey).count() == before + 1

    quality = sign_in("quality")
    quality.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Satisfaction surveys", exact=True
    ).click()
    assert_accessible(quality)
    quality.get_by_role("link", name=survey.title).click()
    assert_accessible(quality)
    quality.get_by_role("link", name="Results", exact=True).click()
    expect(quality.get_by_role("heading", level=1)).to_contain_text(survey.title)
    expect(quality.get_by_text(f"{before + 1} (web")).to_be_visible()
    expect(quality.get_by_text("<b>Więcej okienek</b>")).to_be_visible()  # escaped, as typed
    expect(quality.get_by_text(re.compile(r"Compared with"))).to_be_visible()
    assert_accessible(quality)
