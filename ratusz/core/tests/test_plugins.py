"""Every area joins the shared features the same way: through the modules listed in
`core/plugins.py`, its object policies and its rows of the permission table."""

from __future__ import annotations

import importlib
import inspect

import pytest
from django.apps import apps
from django.urls import get_resolver, reverse

from ratusz.core import access
from ratusz.core.plugins import MODULES, NavEntry, ReadinessRule, area_modules
from ratusz.core.tests.test_permissions import _names

AREAS = [
    config
    for config in apps.get_app_configs()
    if config.name.startswith("ratusz.") and config.label != "core"
]
LABELS = [config.label for config in AREAS]


@pytest.mark.parametrize("label", LABELS)
def test_every_area_registers_the_policies_of_its_records(label):
    models = list(apps.get_app_config(label).get_models())
    registered = [model.__name__ for model in models if access.has_object_policy(model)]
    assert not models or registered, (
        f"{label} shows records but registers no object policy: call "
        "access.register_object_policy in its AppConfig.ready()"
    )


@pytest.mark.parametrize("label", LABELS)
def test_every_area_says_who_may_use_each_of_its_pages(label):
    config = apps.get_app_config(label)
    module = importlib.import_module(f"{config.name}.tests.test_permissions")
    assert module.TABLE, f"{label}: its permission table has no rows"
    pages = {name for name in _names(get_resolver().url_patterns) if name.startswith(f"{label}:")}
    missing = pages - set(module.TABLE)
    assert not missing, f"{label}/tests/test_permissions.py lacks rows for {sorted(missing)}"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_every_plugin_module_defines_what_core_asks_of_it(name):
    for label, module in area_modules(name):
        defined = [attr for attr in MODULES[name] if hasattr(module, attr)]
        if name == "calendar":
            assert defined, f"{label}/calendar.py defines neither personal() nor office()"
        else:
            assert defined == list(MODULES[name]), f"{label}/{name}.py must define {MODULES[name]}"


def test_readiness_rules_and_navigation_entries_are_of_the_shared_types(db):
    for label, module in area_modules("readiness"):
        assert all(isinstance(rule, ReadinessRule) for rule in module.RULES), label
    for label, module in area_modules("navigation"):
        for entry in module.ENTRIES:
            assert isinstance(entry, NavEntry), label
            assert reverse(entry.url_name)


@pytest.mark.parametrize("label", [label for label in LABELS if label != "certification"])
def test_areas_contribute_without_importing_certification(label):
    for name in MODULES:
        for found, module in area_modules(name):
            if found == label:
                source = inspect.getsource(module)
                assert "ratusz.certification" not in source, f"{label}/{name}.py"
