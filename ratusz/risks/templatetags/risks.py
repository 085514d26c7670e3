"""The heat map drawn as SVG; the page shows the same figures as a table."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

register = template.Library()

# Light fills, so black figures keep a contrast above 7:1 on each of them.
FILLS = {"low": "#d8f0d8", "medium": "#fff1b0", "high": "#ffd7a8", "critical": "#f6c0c0"}
CELL = 48
LEFT = 28
BOTTOM = 28


@register.simple_tag
def heat_svg(heat_map, scale, query: str = "") -> SafeString:
    """The grid of one heat map; each cell with risks links to them in the register.

    Hidden from assistive technology, which reads the table below it instead; its
    links are out of the tab order for the same reason.
    """
    columns = len(heat_map.rows[0]) if heat_map.rows else 0
    width = LEFT + columns * CELL
    height = len(heat_map.rows) * CELL + BOTTOM
    base = reverse("risks:list")
    prefix = f"{base}?{query}&" if query else f"{base}?"
    cells = []
    for y, row in enumerate(heat_map.rows):
        for x, cell in enumerate(row):
            rect = format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="#555"/>'
                '<text x="{}" y="{}" text-anchor="middle" font-size="16" fill="#000">{}</text>',
                LEFT + x * CELL,
                y * CELL,
                CELL,
                CELL,
                FILLS[cell.band],
                LEFT + x * CELL + CELL // 2,
                y * CELL + CELL // 2 + 6,
                cell.count or "",
            )
            if cell.count:
                href = f"{prefix}cell={heat_map.basis[0]}-{cell.likelihood}-{cell.impact}"
                rect = format_html('<a href="{}" tabindex="-1">{}</a>', href, rect)
            cells.append(rect)
    labels = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="middle" font-size="12" fill="#000">{}</text>',
        [
            (LEFT // 2, y * CELL + CELL // 2 + 4, row[0].likelihood)
            for y, row in enumerate(heat_map.rows)
        ]
        + [
            (LEFT + x * CELL + CELL // 2, len(heat_map.rows) * CELL + 18, cell.impact)
            for x, cell in enumerate(heat_map.rows[0] if heat_map.rows else [])
        ],
    )
    return format_html(
        '<svg class="heat-map" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
        'aria-hidden="true" focusable="false"><title>{t}</title>{cells}{labels}</svg>',
        w=width,
        h=height,
        t=_("Likelihood (rows) × impact (columns)"),
        cells=SafeString("".join(cells)),
        labels=labels,
    )
