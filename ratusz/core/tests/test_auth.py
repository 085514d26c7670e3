"""Signing in and out, throttling, expiring external accounts, password change."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.utils import timezone


def sign_in(client, username, password="secret-pass-123"):
    return client.post(
        "/login/", {"username": username, "password": password}, HTTP_ACCEPT_LANGUAGE="en"
    )


def test_a_user_signs_in_and_lands_on_the_dashboard(office):
    client = Client()
    response = sign_in(client, "quality")
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200


def test_a_wrong_password_gets_a_clear_message(office):
    response = sign_in(Client(), "quality", "wrong")
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


def test_signing_in_is_blocked_after_repeated_failures_even_with_the_right_password(office):
    client = Client()
    for _ in range(5):
        sign_in(client, "employee", "wrong")
    response = sign_in(client, "employee")
    assert response.status_code == 429
    assert "Too many failed attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_failures_on_one_account_do_not_block_another(office):
    client = Client()
    for _ in range(5):
        sign_in(client, "employee", "wrong")
    assert sign_in(client, "quality").status_code == 302


def test_an_external_auditor_whose_access_expired_cannot_sign_in(office):
    # The passing of time: the access period ended a minute ago.
    office.external.access_expires_at = timezone.now() - timedelta(minutes=1)
    office.external.save()
    response = sign_in(Client(), "external")
    assert response.status_code == 200
    assert "_auth_user_id" not in Client().session


def test_an_external_auditor_is_signed_out_when_access_expires_mid_session(office):
    client = Client()
    assert sign_in(client, "external").status_code == 302
    assert client.get("/").status_code == 200
    # The passing of time: the access period ends while signed in.
    office.external.access_expires_at = timezone.now() - timedelta(seconds=1)
    office.external.save()
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    assert client.get("/").status_code == 302


def test_the_password_change_requires_a_strong_password(office):
    client = Client()
    sign_in(client, "employee")
    response = client.post(
        "/password/",
        {"old_password": "secret-pass-123", "new_password1": "short", "new_password2": "short"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "This password is too short" in response.content.decode()
    response = client.post(
        "/password/",
        {
            "old_password": "secret-pass-123",
            "new_password1": "Tr4mwaj-Rynek-2026",
            "new_password2": "Tr4mwaj-Rynek-2026",
        },
    )
    assert response.status_code == 302
    office.employee.refresh_from_db()
    assert office.employee.check_password("Tr4mwaj-Rynek-2026")


def test_signing_out_ends_the_session(office, client_for):
    client = client_for(office.employee)
    client.post("/logout/")
    assert client.get("/").status_code == 302


def test_a_failed_sign_in_says_so_rather_than_not_saved(office):
    page = sign_in(Client(), "quality", "wrong").content.decode()
    assert "Sign-in failed." in page
    assert "Not saved." not in page
