"""Sign-in rules beyond Django's.

- Accounts whose access has expired are refused, but a correct password of
  such an account is recognised: the sign-in form says the access expired,
  and the attempt is not counted as a failed guess.
- Failed sign-ins are counted per client address (django-axes), taken from
  the trusted reverse proxy's header, and each round of failures from one
  address doubles its waiting time; no account is ever locked for everyone.
"""

from __future__ import annotations

import ipaddress
from datetime import timedelta
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _


class RatuszBackend(ModelBackend):
    def user_can_authenticate(self, user) -> bool:
        # Also asked for every request of a session: an expired account's session ends.
        if getattr(user, "access_expired", False):
            return False
        return super().user_can_authenticate(user)

    def authenticate(self, request, username=None, password=None, **kwargs):
        model = get_user_model()
        if username is None:
            username = kwargs.get(model.USERNAME_FIELD)
        if username is None or password is None:
            return None
        try:
            user = model._default_manager.get_by_natural_key(username)
        except model.DoesNotExist:
            model().set_password(password)  # same time as for an existing account
            return None
        # Expired or not: `SignInForm` refuses an expired account with its reason.
        if user.check_password(password) and super().user_can_authenticate(user):
            return user
        return None


def refuse_expired_access(user) -> None:
    if user.access_expired:
        raise forms.ValidationError(
            _("Your access to Ratusz expired on %(date)s. Ask the quality manager to extend it.")
            % {"date": date_format(timezone.localtime(user.access_expires_at))},
            code="access_expired",
        )


class SignInForm(AuthenticationForm):
    def confirm_login_allowed(self, user) -> None:
        super().confirm_login_allowed(user)
        refuse_expired_access(user)


class AdminSignInForm(AdminAuthenticationForm):
    def confirm_login_allowed(self, user) -> None:
        super().confirm_login_allowed(user)
        refuse_expired_access(user)


def _trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(
        ip in ipaddress.ip_network(proxy, strict=False) for proxy in settings.RATUSZ_TRUSTED_PROXIES
    )


def client_ip(request: HttpRequest) -> str:
    """The client's address: from the trusted proxy's header, else the connection's.

    The header is believed only when the connection comes from a trusted
    proxy; of its addresses the last one not a trusted proxy is taken (the
    ones before it are whatever the client chose to send).
    """
    remote = request.META.get("REMOTE_ADDR", "")
    header = settings.RATUSZ_CLIENT_IP_HEADER
    if not header or not _trusted(remote):
        return remote
    key = "HTTP_" + header.upper().replace("-", "_")
    chain = [part.strip() for part in request.META.get(key, "").split(",") if part.strip()]
    for address in reversed(chain):
        if not _trusted(address):
            try:
                return str(ipaddress.ip_address(address))
            except ValueError:
                return remote
    return chain[0] if chain else remote


FAILURE_MEMORY = timedelta(hours=24)
FIRST_DELAY = timedelta(minutes=1)


def login_delay(request: Any = None) -> timedelta:
    """How long an address waits after a round of failed sign-ins: doubles each round."""
    longest = timedelta(minutes=settings.RATUSZ_LOGIN_MAX_DELAY_MINUTES)
    address = getattr(request, "axes_ip_address", None)
    if not address:
        return longest
    from axes.models import AccessFailureLog

    failures = AccessFailureLog.objects.filter(
        ip_address=address, attempt_time__gte=timezone.now() - FAILURE_MEMORY
    ).count()
    rounds = max(failures - 1, 0) // settings.AXES_FAILURE_LIMIT
    return min(FIRST_DELAY * 2 ** min(rounds, 20), longest)
