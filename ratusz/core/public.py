"""The public portal at `/public/`: the layout (`core/public_base.html`) is core's,
the sections are the areas' (`public.py` with `sections()`, see `core/plugins.py`).
Everything here is open to anyone, without signing in."""

from __future__ import annotations

from ratusz.core.plugins import PublicSection, area_modules


def sections() -> list[PublicSection]:
    """Every area's public sections, by their order, then in INSTALLED_APPS order."""
    found = [section for _label, module in area_modules("public") for section in module.sections()]
    return sorted(found, key=lambda section: section.order)
