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
