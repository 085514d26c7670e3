"""Shared test fixtures: a small office and the personas of DESIGN §2."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone, translation

from ratusz.core import services
from ratusz.core.models import Action, Role, User


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    # Messages raised outside a request are asserted in English; pages choose
    # their language per request as in production.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with translation.override("en"):
        yield


class Office:
    """The units and people every test can use."""

    def __init__(self) -> None:
        self.root = services.create_org_unit(name="Urząd Miasta", code="UM", kind="management")
        self.qms = services.create_org_unit(name="Pełnomocnik SZJ", code="SZJ", parent=self.root)
        self.civil = services.create_org_unit(
            name="Wydział Spraw Obywatelskich", code="SO", parent=self.root
        )
        self.civil_desk = services.create_org_unit(
            name="Referat Dowodów", code="SO-D", parent=self.civil, kind="section"
        )
        self.transport = services.create_org_unit(
            name="Wydział Komunikacji", code="KM", parent=self.root
        )
        self.finance = services.create_org_unit(
            name="Wydział Finansowy", code="FN", parent=self.root
        )
        self.quality = self.person("quality", self.qms, Role.QUALITY_MANAGER)
        self.mayor = self.person("mayor", self.root, Role.TOP_MANAGEMENT)
        self.owner = self.person("owner", self.civil, Role.PROCESS_OWNER, scope=self.civil)
        self.transport_owner = self.person(
            "km_owner", self.transport, Role.PROCESS_OWNER, scope=self.transport
        )
        self.auditor = self.person("auditor", self.finance, Role.INTERNAL_AUDITOR)
        self.employee = self.person("employee", self.civil, Role.EMPLOYEE)
        self.colleague = self.person("colleague", self.civil, Role.EMPLOYEE)
        self.outsider = self.person("outsider", self.transport, Role.EMPLOYEE)
        self.external = self.person(
            "external",
            None,
            Role.EXTERNAL_AUDITOR,
            expires=timezone.now() + timedelta(days=10),
        )

    def person(self, username, unit, role, scope=None, expires=None) -> User:
        user = User.objects.create_user(
            username=username,
            password="secret-pass-123",
            first_name=username.title(),
            last_name="Test",
            org_unit=unit,
            access_expires_at=expires,
        )
        services.grant_role(user=user, role=role, org_unit=scope)
        return user

    def action(self, **overrides) -> Action:
        fields = {
            "title": "Uzupełnić karty usług",
            "org_unit": self.civil,
            "owner": self.employee,
            "due_date": timezone.localdate() + timedelta(days=10),
        }
        fields.update(overrides)
        actor = fields.pop("actor", self.quality)
        return services.create_action(actor=actor, **fields)


@pytest.fixture
def office(db) -> Office:
    return Office()


@pytest.fixture
def client_for():
    """A test client signed in as the given user, reading pages in English (the
    language the assertions are written in; the office's default is Polish)."""

    def make(user: User | None, language: str | None = "en") -> Client:
        """`language=None` leaves the choice to the browser and the user's setting."""
        client = Client()
        if language:
            client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        if user is not None:
            client.force_login(user, backend="ratusz.core.auth.RatuszBackend")
        return client

    return make
