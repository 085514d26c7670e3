"""The synthetic office's competence: the promised counts, and the pages open."""

from __future__ import annotations

import io

from django.core.management import call_command
from django.test import Client

from ratusz.competence import bench
from ratusz.competence.generate import RECORDS, TRAININGS
from ratusz.competence.models import CompetenceRecord, Placement, Training
from ratusz.core.models import User


def test_scale_s_generates_records_trainings_and_placements(db):
    call_command("generate", "--scale", "s", verbosity=0, stdout=io.StringIO())
    # The promised records, plus the auditor pool's qualifications moved into records.
    assert CompetenceRecord.objects.filter(competence__audit_role="").count() == RECORDS["s"]
    assert CompetenceRecord.objects.filter(competence__audit_role="auditor").exists()
    assert Training.objects.count() == TRAININGS["s"]
    assert Placement.objects.count() > 0
    client = Client()
    client.force_login(
        User.objects.get(username="quality"), backend="ratusz.core.auth.RatuszBackend"
    )
    for _name, path, *_budget in bench.PAGES:
        assert client.get(path()).status_code == 200


def test_city_l_has_20000_records_and_5000_trainings():
    assert RECORDS["l"] == 20_000 and TRAININGS["l"] == 5_000
