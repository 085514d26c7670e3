"""The synthetic office's contracts: the promised counts, numbered in series, valid NIPs."""

from __future__ import annotations

import io

from django.core.management import call_command

from ratusz.core.services import last_number
from ratusz.lib.taxids import normalize_nip
from ratusz.suppliers.generate import CONTRACTORS, CONTRACTS, MILESTONES_PER_CONTRACT
from ratusz.suppliers.models import Contract, Contractor, Milestone


def test_scale_s_generates_contractors_contracts_and_milestones(db):
    call_command("generate", "--scale", "s", verbosity=0, stdout=io.StringIO())
    assert Contractor.objects.count() == CONTRACTORS["s"]
    assert Contract.objects.count() == CONTRACTS["s"]
    assert Milestone.objects.count() == CONTRACTS["s"] * MILESTONES_PER_CONTRACT
    for nip in Contractor.objects.exclude(nip=None).values_list("nip", flat=True)[:50]:
        assert normalize_nip(nip) == nip
    latest = Contract.objects.order_by("-year", "-number").first()
    assert latest is not None and last_number(f"contract:{latest.year}") == latest.number


def test_city_l_has_the_promised_sizes():
    assert CONTRACTORS["l"] == 2000 and CONTRACTS["l"] == 20000
    assert CONTRACTS["l"] * MILESTONES_PER_CONTRACT == 100_000
