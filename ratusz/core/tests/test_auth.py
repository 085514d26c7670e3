"""Signing in and out, throttling, expiring external accounts, password change."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.utils import timezone


def sign_in(client, username, password="secret-pass-123", **headers):
    return client.post(
        "/login/",
        {"username": username, "password": password},
        HTTP_ACCEPT_LANGUAGE="en",
        **headers,
    )


def behind_proxy(address):
    """A request as the documented nginx passes it on: from 127.0.0.1, the client in a header."""
    return {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": address}


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
    assert "Too many failed attempts to sign in from this computer. Wait 1 minute" in (
        response.content.decode()
    )
    assert "_auth_user_id" not in client.session


def test_failures_behind_the_proxy_block_only_the_address_they_came_from(office):
    for _ in range(5):
        sign_in(Client(), "quality", "wrong", **behind_proxy("10.0.0.66"))
    assert sign_in(Client(), "quality", **behind_proxy("10.0.0.66")).status_code == 429
    # The quality manager at their own desk, through the same proxy, still gets in.
    assert sign_in(Client(), "quality", **behind_proxy("10.0.0.12")).status_code == 302


def test_the_forwarded_address_is_believed_only_from_a_trusted_proxy(rf):
    from ratusz.core.auth import client_ip

    proxied = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 10.0.0.7")
    assert client_ip(proxied) == "10.0.0.7"
    direct = rf.get("/", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="10.0.0.7")
    assert client_ip(direct) == "203.0.113.9"
    spoofed_proxy = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="127.0.0.1")
    assert client_ip(spoofed_proxy) == "127.0.0.1"


def test_the_proxy_header_can_be_configured(rf, settings):
    from ratusz.core.auth import client_ip

    settings.RATUSZ_CLIENT_IP_HEADER = "X-Real-IP"
    settings.RATUSZ_TRUSTED_PROXIES = ["10.1.0.0/16"]
    request = rf.get("/", REMOTE_ADDR="10.1.2.3", HTTP_X_REAL_IP="192.168.5.5")
    assert client_ip(request) == "192.168.5.5"


def test_the_wait_doubles_with_each_round_of_failures_from_one_address(office, rf):
    from axes.models import AccessFailureLog

    from ratusz.core.auth import login_delay

    request = rf.get("/")
    request.axes_ip_address = "10.0.0.66"
    waits = []
    for _ in range(4):
        # ORM: the failure log as django-axes writes it, five failures a round.
        AccessFailureLog.objects.bulk_create(
            AccessFailureLog(ip_address="10.0.0.66", username="quality", locked_out=False)
            for _ in range(5)
        )
        waits.append(login_delay(request).total_seconds() / 60)
    assert waits == [1, 2, 4, 8]
    for _ in range(4):
        AccessFailureLog.objects.bulk_create(
            AccessFailureLog(ip_address="10.0.0.66", username="quality", locked_out=False)
            for _ in range(5)
        )
    assert login_delay(request) == timedelta(minutes=15)  # RATUSZ_LOGIN_COOLOFF_MINUTES


def test_signing_in_again_after_the_wait_works_and_a_new_round_waits_longer(office):
    from axes.models import AccessAttempt

    for _ in range(5):
        sign_in(Client(), "employee", "wrong", **behind_proxy("10.0.0.66"))
    assert sign_in(Client(), "employee", **behind_proxy("10.0.0.66")).status_code == 429
    # The passing of time: the first wait (one minute) is over.
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=2))
    from axes.models import AccessAttemptExpiration

    AccessAttemptExpiration.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    for _ in range(5):
        sign_in(Client(), "employee", "wrong", **behind_proxy("10.0.0.66"))
    response = sign_in(Client(), "employee", **behind_proxy("10.0.0.66"))
    assert response.status_code == 429
    expiration = AccessAttemptExpiration.objects.get()
    assert expiration.expires_at - timezone.now() > timedelta(minutes=1, seconds=30)


def test_an_external_auditor_whose_access_expired_cannot_sign_in(office):
    # The passing of time: the access period ended a minute ago.
    office.external.access_expires_at = timezone.now() - timedelta(minutes=1)
    office.external.save()
    client = Client()
    response = sign_in(client, "external")
    assert response.status_code == 200
    assert "Your access to Ratusz expired on" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_expired_administrator_cannot_sign_in_to_the_admin_either(office):
    # ORM: administrator rights are given in the admin; the passing of time ends the access.
    office.quality.is_staff = True
    office.quality.access_expires_at = timezone.now() - timedelta(minutes=1)
    office.quality.save()
    client = Client()
    response = client.post(
        "/admin/login/",
        {"username": "quality", "password": "secret-pass-123"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "Your access to Ratusz expired on" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_correct_password_of_an_expired_account_is_not_counted_as_a_failure(office):
    from axes.models import AccessAttempt

    # The passing of time: the access period ended a minute ago.
    office.external.access_expires_at = timezone.now() - timedelta(minutes=1)
    office.external.save()
    for _ in range(6):
        sign_in(Client(), "external")
    assert not AccessAttempt.objects.exists()
    # A wrong password of an expired account still counts, and says nothing about expiry.
    response = sign_in(Client(), "external", "wrong")
    assert "expired" not in response.content.decode()
    assert AccessAttempt.objects.exists()


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
