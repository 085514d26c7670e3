"""Audit fixtures on top of the shared `office`; the builders live in `factories`."""

from __future__ import annotations

import pytest

from ratusz.audits.tests.factories import AuditWorld


@pytest.fixture
def world(office) -> AuditWorld:
    return AuditWorld(office)
