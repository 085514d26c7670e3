"""Security headers and the production configuration check."""

from __future__ import annotations

import os
import subprocess
import sys


def test_pages_carry_a_strict_content_security_policy(office, client_for):
    response = client_for(office.quality).get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_the_production_configuration_passes_djangos_deploy_check(tmp_path):
    env = {
        **os.environ,
        "SECRET_KEY": "k" * 20 + "-production-secret-9f8e7d6c5b4a3210zyxwvu",
        "DEBUG": "False",
        "RATUSZ_HTTPS": "True",
        "ALLOWED_HOSTS": "qms.przykladowo.example",
        "RATUSZ_DATA_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env={**env, "DJANGO_SETTINGS_MODULE": "ratusz.settings"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_unknown_address_shows_a_plain_not_found_page(office, client_for, settings):
    settings.DEBUG = False
    response = client_for(office.quality).get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    text = response.content.decode()
    assert "There is nothing at this address" in text
    assert "tried" not in text and "core:" not in text


def test_a_refusal_says_why(office, client_for):
    response = client_for(office.employee).get("/audit-trail/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert "open to the quality manager and auditors" in response.content.decode()
