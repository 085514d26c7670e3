"""The layering rule of the README: an area's models, services and policies import
only from areas before it (INSTALLED_APPS order), so areas form a chain, not a web."""

from __future__ import annotations

import ast
from pathlib import Path

from django.apps import apps

DOWN_THE_CHAIN_ONLY = ("models.py", "services.py", "policies.py")


def _areas() -> list[str]:
    return [c.label for c in apps.get_app_configs() if c.name.startswith("ratusz.")]


def _ratusz_imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        for name in names:
            parts = name.split(".")
            if len(parts) > 1 and parts[0] == "ratusz":
                found.add(parts[1])
    return found


def test_models_services_and_policies_import_only_areas_before_them():
    order = _areas()
    root = Path(apps.get_app_config("core").path).parent
    wrong = []
    for position, area in enumerate(order):
        later = set(order[position + 1 :])
        for name in DOWN_THE_CHAIN_ONLY:
            path = root / area / name
            if path.exists():
                wrong += [
                    f"{area}/{name} imports {other}" for other in _ratusz_imports(path) & later
                ]
    assert wrong == []


def test_the_rule_sees_an_import_of_a_later_area(tmp_path):
    module = tmp_path / "services.py"
    module.write_text("from ratusz.certification import services\nimport ratusz.lib.env\n")
    assert _ratusz_imports(module) == {"certification", "lib"}
