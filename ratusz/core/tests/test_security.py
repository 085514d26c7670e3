"""Security headers and the production configuration check."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


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


def run_in_production(code_or_check, tmp_path, **extra_env):
    env = {
        **os.environ,
        "DEBUG": "False",
        "RATUSZ_HTTPS": "True",
        "ALLOWED_HOSTS": "qms.przykladowo.example",
        "RATUSZ_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "ratusz.settings",
        **extra_env,
    }
    if "SECRET_KEY" not in extra_env:
        env.pop("SECRET_KEY", None)
    return subprocess.run(
        [sys.executable, *code_or_check], env=env, capture_output=True, text=True, check=False
    )


def test_the_deploy_check_warns_when_the_secret_key_is_not_set(tmp_path):
    result = run_in_production(
        ["-m", "django", "check", "--deploy", "--fail-level", "WARNING"], tmp_path
    )
    assert result.returncode != 0
    assert "ratusz.W001" in result.stderr + result.stdout
    output = result.stderr + result.stdout  # in the configured language (Polish by default)
    assert "ratusz.W001" in output and "SECRET_KEY" in output


def test_the_language_cookie_is_secure_under_https(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.LANGUAGE_COOKIE_SECURE, settings.SESSION_COOKIE_SECURE)"
    )
    result = run_in_production(["-c", code], tmp_path, SECRET_KEY="k" * 50)
    assert result.stdout.split() == ["True", "True"], result.stderr


def test_saving_my_language_sets_a_secure_cookie_under_https(office, client_for, settings):
    settings.LANGUAGE_COOKIE_SECURE = True
    response = client_for(office.employee).post("/profile/", {"language": "en"})
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie["secure"] is True and cookie["httponly"] is True


def test_direction_override_characters_are_removed_from_titles(office):
    from ratusz.core.models import Action

    action = office.action(title="Raport\u202efdp.exe z kontroli\u2066")
    action.refresh_from_db()
    assert action.title == "Raportfdp.exe z kontroli"
    assert Action.objects.filter(title__contains="\u202e").count() == 0


def test_a_title_of_nothing_but_direction_characters_is_refused_by_field(office):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        office.action(title="\u202e\u202d")
    assert "title" in refused.value.message_dict


def test_direction_override_characters_are_removed_from_titles_sent_through_the_api(
    office, client_for
):
    response = client_for(office.quality).post(
        "/api/v1/actions/",
        {
            "title": "\u202eOdwrócony tytuł",
            "org_unit": office.civil.pk,
            "owner": office.employee.pk,
            "due_date": "2027-01-15",
            "kind": "corrective",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["title"] == "Odwrócony tytuł"
