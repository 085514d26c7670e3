"""How areas plug into shared commands: an optional module per app.

`demo.py` (demo data), `generate.py` (benchmark data) and `bench.py` (pages to
benchmark) are found in every Ratusz app other than core, in INSTALLED_APPS
order, so that a new area joins these commands without editing them.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from types import ModuleType

from django.apps import apps


def area_modules(name: str) -> Iterator[tuple[str, ModuleType]]:
    """Yield (app label, module) for each Ratusz app, other than core, that has `name`."""
    for config in apps.get_app_configs():
        if not config.name.startswith("ratusz.") or config.label == "core":
            continue
        try:
            module = importlib.import_module(f"{config.name}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.{name}":
                raise
            continue
        yield config.label, module
