"""The demo office: loads once, with every role, its history and working logins.

The `demo` fixture (ratusz/conftest.py) loads the demo once for all the tests
that use it; each test's own changes are rolled back.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client

from ratusz.certification import readiness
from ratusz.certification.models import Certificate, ExternalAudit, ReadinessSnapshot
from ratusz.core.models import Action, AuditEvent, Clause, Office, OrgUnit, User


def counts():
    return [m.objects.count() for m in (User, OrgUnit, Action, Certificate, AuditEvent)]


def test_the_demo_office_has_every_role_and_its_certificate_history(demo):
    office = Office.current()
    assert office.name == "Urząd Miasta Przykładowo" and office.is_demo
    assert User.objects.count() >= 30
    roles = set(User.objects.values_list("role_assignments__role", flat=True))
    assert roles >= {
        "quality_manager",
        "top_management",
        "process_owner",
        "internal_auditor",
        "employee",
        "external_auditor",
    }
    certificates = Certificate.objects.order_by("issue_date")
    assert certificates.first().issue_date.year == 2002
    current = certificates.last()
    assert current.issue_date.year == 2023 and current.issue_date.month == 12
    assert current.status == "valid" and current.body.short_name == "UDT-CERT"
    assert "PCA" in current.body.accreditation_body
    recert = ExternalAudit.objects.get(status="planned")
    assert recert.kind == "recertification" and (
        recert.start_date.year,
        recert.start_date.month,
    ) == (2026, 12)
    assert not Clause.objects.get(number="8.3").applicable
    assert Action.objects.filter(status="open").exists()


def test_the_demo_shows_a_readiness_trend_and_gaps_to_fix(demo):
    weeks = ReadinessSnapshot.objects.order_by("week_start")
    assert weeks.count() == 13
    assert all(w.week_start.weekday() == 0 for w in weeks)
    latest = readiness.assess()
    assert latest.count(readiness.RED) >= 1  # the recertification audit finds work to do
    assert latest.count(readiness.GREEN) >= 1
    # The dashboard's figure (this week's) is the one the readiness page shows.
    assert weeks.last().score == latest.score


def test_running_the_demo_twice_changes_nothing(demo):
    before = counts()
    call_command("demo", verbosity=0)
    assert counts() == before


@pytest.mark.parametrize(
    "username", ["quality", "mayor", "owner", "auditor", "employee", "external"]
)
def test_every_demo_login_works(demo, settings, username):
    # The production hasher first, as a real installation has it.
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    client = Client()
    response = client.post("/login/", {"username": username, "password": "demo"})
    assert response.status_code == 302, username
    assert client.get("/").status_code == 200


def test_the_dashboard_shows_the_demo_certificates_audit_cycle(demo, client_for):
    quality = User.objects.get(username="quality")
    response = client_for(quality).get("/", HTTP_ACCEPT_LANGUAGE="en")
    cycle = response.context["card"].cycle
    assert [m.state for m in cycle.milestones] == ["done", "done", "planned"]
    html = response.content.decode()
    assert "Audit cycle of this certificate" in html and "Recertification audit" in html


def test_loading_the_demo_sends_no_e_mail(db, monkeypatch, mailoutbox):
    """Its people are invented: no invitation reaches a mail server or the terminal."""
    from django.core.mail import send_mail

    from ratusz.core import demo as demo_module

    class Invitations:
        @staticmethod
        def load(ctx):
            send_mail("Zaproszenie", "Przegląd zarządzania", None, ["owner@przykladowo.example"])

    monkeypatch.setattr(demo_module, "area_modules", lambda name: [("reviews", Invitations)])

    assert demo_module.load_demo()
    assert Office.current().is_demo
    assert mailoutbox == []
    send_mail("After the demo", "Mail works again.", None, ["quality@example.org"])
    assert len(mailoutbox) == 1
