"""The measures KPIs can be computed from: every area's `kpi.py` SOURCES."""

from __future__ import annotations

from ratusz.core.plugins import KpiSource, area_modules


def all_sources() -> dict[str, KpiSource]:
    """Every KPI source by key, in INSTALLED_APPS order."""
    found: dict[str, KpiSource] = {}
    for _label, module in area_modules("kpi"):
        for source in module.SOURCES:
            found[source.key] = source
    return found


def choices() -> list[tuple[str, str]]:
    return [(key, str(source.label)) for key, source in all_sources().items()]
