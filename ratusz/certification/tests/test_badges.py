"""Status badges of certificates and external audits: a tone that matches what the
reader must do, and a certificate about to expire says so in words."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ratusz.certification.models import Certificate, ExternalAudit
from ratusz.certification.tests import factories

pytestmark = pytest.mark.django_db


def _certificate_expiring_in(days: int, **overrides) -> Certificate:
    today = timezone.localdate()
    return factories.certificate(
        factories.body(),
        issued=today - timedelta(days=1000),
        expiry_date=today + timedelta(days=days),
        **overrides,
    )


def _badge_of(html: str, status: str) -> str:
    start = html.index(f'data-status="{status}"')
    return html[html.rindex("<span", 0, start) : html.index("</span>", start)]


def test_a_certificate_expiring_in_12_days_warns_on_the_dashboard(office, client_for):
    _certificate_expiring_in(12)
    html = client_for(office.quality).get("/").content.decode()
    assert "badge-warn" in _badge_of(html, "valid")
    assert "badge-ok" not in _badge_of(html, "valid")
    assert "expires in 12 days" in html


def test_a_certificate_expiring_in_12_days_warns_in_the_certificate_history(office, client_for):
    _certificate_expiring_in(12)
    html = client_for(office.quality).get("/certification/").content.decode()
    assert "badge-warn" in _badge_of(html, "valid")
    assert "expires in 12 days" in html
    # The date itself is marked too, not only the badge.
    assert 'class="deadline deadline-warn"' in html


def test_a_certificate_far_from_expiry_stays_green_without_a_warning(office, client_for):
    _certificate_expiring_in(Certificate.EXPIRY_WARNING_DAYS + 1)
    html = client_for(office.quality).get("/").content.decode()
    assert "badge-ok" in _badge_of(html, "valid")
    assert "expires in" not in html


def test_a_valid_certificate_past_its_date_is_shown_as_expired(office):
    cert = _certificate_expiring_in(30)
    later = cert.expiry_date + timedelta(days=3)
    tone, text = cert.status_note(today=later)
    assert tone == "bad" and text.startswith("expired on")


def test_a_suspended_certificate_carries_no_expiry_note(office):
    cert = _certificate_expiring_in(12, status=Certificate.Status.SUSPENDED)
    assert cert.status_note() is None


def test_a_done_external_audit_has_a_green_badge_and_a_planned_one_blue(office, client_for):
    cert = _certificate_expiring_in(400)
    factories.audit(cert, status=ExternalAudit.Status.DONE)
    factories.audit(
        cert,
        status=ExternalAudit.Status.PLANNED,
        start_date=cert.expiry_date - timedelta(days=60),
        end_date=cert.expiry_date - timedelta(days=59),
        kind=ExternalAudit.Kind.RECERTIFICATION,
    )
    html = client_for(office.quality).get("/certification/").content.decode()
    assert "badge-ok" in _badge_of(html, "done")
    assert "badge-info" in _badge_of(html, "planned")
