"""The synthetic office for benchmarks: the promised sizes, never over real data."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from ratusz.core.generate import SCALES
from ratusz.core.models import Action, OrgUnit, User


def test_scale_s_generates_its_sizes_once(db):
    call_command("generate", "--scale", "s", verbosity=0, stdout=io.StringIO())
    scale = SCALES["s"]
    assert User.objects.count() == scale.users
    assert OrgUnit.objects.count() == scale.units
    # The tracker's own actions; areas add theirs (e.g. corrective actions) with a source.
    standalone = Action.objects.filter(source_type__isnull=True)
    assert standalone.count() == scale.actions
    assert Action.objects.overdue().exists() and Action.objects.filter(status="closed").exists()
    total = Action.objects.count()
    call_command("generate", "--scale", "s", verbosity=0, stdout=io.StringIO())
    assert standalone.count() == scale.actions
    assert Action.objects.count() == total


def test_the_sizes_of_city_l_follow_the_design():
    scale = SCALES["l"]
    assert (scale.users, scale.units, scale.actions) == (1_000, 40, 100_000)


def test_generate_refuses_a_database_with_an_office_of_its_own(demo):
    with pytest.raises(CommandError, match="not a synthetic one"):
        call_command("generate", "--scale", "s", verbosity=0)
