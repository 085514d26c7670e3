"""Certification pages measured by `ratusz bench` (DESIGN §7)."""

from __future__ import annotations

PAGES = [
    ("Certification overview", lambda: "/certification/"),
    ("Readiness", lambda: "/certification/readiness/"),
]
