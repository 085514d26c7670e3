"""The demo office's process map: P01–P16, owned by the heads of their units.

The `demo` fixture (ratusz/conftest.py) loads the demo once for all the tests
that use it; each test's own changes are rolled back by the usual `db` savepoint.
"""

from __future__ import annotations

from django.core.management import call_command
from django.test import Client

from ratusz.core.models import User
from ratusz.processes.demo import PROCESSES
from ratusz.processes.models import Process

EXPECTED = {
    "P01": ("management", "SZJ", 3),
    "P02": ("core", "BOM", 4),
    "P03": ("core", "SO", 4),
    "P04": ("core", "USC", 3),
    "P05": ("core", "KM", 5),
    "P06": ("core", "PO", 4),
    "P07": ("core", "AB", 5),
    "P08": ("core", "GN", 3),
    "P09": ("core", "IN", 5),
    "P10": ("support", "ZP", 5),
    "P11": ("core", "OS", 2),
    "P12": ("core", "ED", 2),
    "P13": ("support", "FN", 3),
    "P14": ("support", "OR-KD", 2),
    "P15": ("support", "OR-IT", 3),
    "P16": ("management", "AW", 2),
}


def test_the_demo_has_the_sixteen_processes_with_fixed_codes(demo):
    processes = {p.code: p for p in Process.objects.select_related("owner_unit", "owner__org_unit")}
    assert set(processes) == set(EXPECTED)
    for code, (kind, unit, risk) in EXPECTED.items():
        process = processes[code]
        assert (process.kind, process.owner_unit.code, process.risk) == (kind, unit, risk), code
        assert process.is_active and process.description, code
        assert process.clauses.exists(), code
        # The owner is the head of the unit, where the unit has one.
        assert process.owner == process.owner_unit.head, code
    assert processes["P03"].name == "Dowody osobiste i ewidencja ludności"
    assert processes["P03"].owner.username == "owner"
    assert processes["P01"].owner.username == "quality"
    assert sum(1 for p in processes.values() if p.owner_id) >= 12
    assert len(PROCESSES) == 16


def test_the_demo_processes_map_to_sensible_clauses(demo):
    def numbers(code):
        return set(Process.objects.get(code=code).clauses.values_list("number", flat=True))

    assert {"8.2", "8.5.1", "7.5", "9.1.2"} <= numbers("P02")
    assert "8.4" in numbers("P10")
    assert {"7.1.2", "7.2"} <= numbers("P14")
    assert "7.1.3" in numbers("P15")
    assert {"9.2", "10.2"} <= numbers("P16")
    assert {"4.4", "9.3"} <= numbers("P01")


def test_the_demo_process_map_opens_for_an_employee_in_polish(demo):
    client = Client()
    client.force_login(
        User.objects.get(username="employee"), backend="ratusz.core.auth.RatuszBackend"
    )
    response = client.get("/processes/", HTTP_ACCEPT_LANGUAGE="pl")
    html = response.content.decode()
    assert response.status_code == 200
    assert "P16" in html and "Rejestracja pojazdów i prawa jazdy" in html
    p05 = Process.objects.get(code="P05")
    assert client.get(f"/processes/{p05.pk}/").status_code == 200


def test_running_the_demo_twice_adds_no_process(demo):
    before = Process.objects.count()
    call_command("demo", verbosity=0)
    assert Process.objects.count() == before
