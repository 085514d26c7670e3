"""The load test's public-form scenario reads receipts as the portal writes them, and
finds a receipt whose submission is missing or whose number was given twice."""

from __future__ import annotations

import pytest

from ratusz.core.loadtest import Tally, scenarios
from ratusz.feedback import loadtest, services
from ratusz.feedback.tests.test_pages import GOOD

pytestmark = pytest.mark.django_db


def test_the_scenario_joins_the_load_test_command():
    assert "public-feedback" in scenarios() and "office" in scenarios()


def test_it_reads_the_token_off_the_form_and_the_number_off_the_receipt(client_for):
    client = client_for(None, language=None)  # Polish, as the clients ask for
    form = client.get("/public/feedback/")
    assert loadtest.TOKEN.search(form.content)
    receipt = client.post("/public/feedback/", GOOD)
    found = loadtest.RECEIPT.search(receipt.content)
    assert found and found.group(1).decode() == receipt.context["s"].reference
    assert found.group(2).decode() == receipt.context["code"]


def test_it_counts_a_receipt_without_its_submission_as_lost_and_a_number_given_twice():
    stored, _code = services.submit_public(
        kind="motion", subject=f"{loadtest.MARK} 3-7", content="Ławki w parku."
    )
    tally = Tally(
        created={
            "submission": {
                3_000_007: stored.reference,  # stored under its number: fine
                3_000_008: stored.reference,  # not stored, and its number given twice
            }
        }
    )
    lost, duplicates = loadtest.check(tally)
    assert lost == [f"{loadtest.MARK} 3-8: receipt {stored.reference}, stored nothing"]
    assert duplicates == [f"{stored.reference} × 2"]
