"""The synthetic office's processes: the promised count, owned by unit heads."""

from __future__ import annotations

import io

from django.core.management import call_command

from ratusz.core import search
from ratusz.core.models import User
from ratusz.processes.generate import COUNTS
from ratusz.processes.models import Process


def test_scale_s_generates_its_processes_owned_by_unit_heads(db):
    call_command("generate", "--scale", "s", verbosity=0, stdout=io.StringIO())
    processes = list(Process.objects.select_related("owner_unit"))
    assert len(processes) == COUNTS["s"] == 12
    assert all(p.owner_id == p.owner_unit.head_id for p in processes)
    assert all(p.owner_id for p in processes)
    assert Process.clauses.through.objects.count() >= 3 * len(processes)
    assert len({p.owner_unit_id for p in processes}) > 3
    quality = User.objects.get(username="quality")
    assert search.search(quality, processes[0].code, kinds=["process"]).results


def test_city_l_has_120_processes():
    assert (COUNTS["l"], COUNTS["m"]) == (120, 40)
