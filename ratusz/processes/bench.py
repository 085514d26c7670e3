"""Process map pages measured by `ratusz bench` (DESIGN §7)."""

from __future__ import annotations

from ratusz.processes.models import Process


def _a_process() -> str:
    # A high-risk process: the kind the audit programme visits most, so its page is full.
    pk = Process.objects.order_by("-risk", "code").values_list("pk", flat=True).first()
    return f"/processes/{pk}/" if pk else "/processes/"


PAGES = [
    ("Process list", lambda: "/processes/"),
    ("Process list: highest risk, core", lambda: "/processes/?kind=core&sort=-risk"),
    ("Process page", _a_process),
    ("Process map", lambda: "/processes/map/"),
]
