"""Shared test fixtures: a small office and the personas of DESIGN §2."""

from __future__ import annotations

from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
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
    # Background jobs run at once, inside the request, so no test needs a worker;
    # tests of the worker itself switch back to the database backend.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with translation.override("en"):
        yield


class DemoOffice:
    """The demo office for the tests that ask for the `demo` fixture.

    Loading the demo takes far longer than a test, so it is loaded once, in a
    transaction kept open while the tests that use it run one after another (they
    are collected together and kept on one test process, see
    `pytest_collection_modifyitems`), and rolled back before any other test runs.
    Each test's own changes are rolled back by its `db` savepoint inside it.
    """

    current: DemoOffice | None = None

    def __init__(self, blocker, media) -> None:
        self.blocker = blocker
        self.media = media
        self.atomic = None

    def load(self) -> None:
        if self.atomic is not None:
            return
        with self.blocker.unblock():
            atomic = transaction.atomic()
            atomic.__enter__()
            try:
                with override_settings(MEDIA_ROOT=self.media):
                    call_command("demo", verbosity=0)
            except BaseException as error:
                atomic.__exit__(type(error), error, error.__traceback__)
                raise
            self.atomic = atomic

    def drop(self) -> None:
        if self.atomic is None:
            return
        with self.blocker.unblock():
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)
        self.atomic = None


@pytest.fixture(scope="session")
def _demo_office(django_db_setup, django_db_blocker, tmp_path_factory):
    office = DemoOffice(django_db_blocker, tmp_path_factory.mktemp("demo-media"))
    DemoOffice.current = office
    yield office
    office.drop()
    DemoOffice.current = None


@pytest.fixture(autouse=True)
def _demo_before_the_tests_savepoint(request, _fast_and_isolated):
    # Autouse fixtures are set up before the `db` fixture that a test asks for,
    # so the test's savepoint opens inside the demo's transaction.
    if "demo" in request.fixturenames:
        office = request.getfixturevalue("_demo_office")
        office.load()
        request.getfixturevalue("settings").MEDIA_ROOT = office.media


@pytest.fixture
def demo(db):
    """The demo office, as `ratusz demo` loads it (see DemoOffice)."""
    return None


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """The tests of one file run in one test process (`--dist loadgroup`), and all the
    tests that use the demo office run together, first (the longest group), in one
    process, so it is loaded once. This hook runs before xdist's, which reads the groups."""
    for item in items:
        group = (
            "demo" if "demo" in getattr(item, "fixturenames", ()) else item.nodeid.split("::")[0]
        )
        item.add_marker(pytest.mark.xdist_group(group))
    items.sort(key=lambda item: "demo" not in getattr(item, "fixturenames", ()))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A test that commits (`transaction=True`, the live server of the browser
    tests) empties every table when it ends, taking what the migrations seeded
    (the clause registry, document types, the audit trail's opening entry) with
    it. Tests run in parallel in any order, so it is put back at once, as a fresh
    installation has it, for whichever test comes next."""
    result = yield
    office = DemoOffice.current
    if office is not None and nextitem is not None and "demo" not in nextitem.fixturenames:
        office.drop()
    marker = item.get_closest_marker("django_db")
    commits = (marker is not None and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ()))
    )
    # After the last test the test database itself is gone: nothing to prepare.
    if commits and nextitem is not None:
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            reseed_reference_data()
    return result


def reseed_reference_data() -> None:
    from ratusz.core import audit, search
    from ratusz.core.models import AuditChainHead, AuditEvent, Clause
    from ratusz.core.reference_data import seed_clause_registry
    from ratusz.documents.models import DocumentType
    from ratusz.documents.reference_data import seed_document_types

    if not AuditEvent.objects.exists():
        audit.open_trail(AuditEvent, AuditChainHead, note={"opened": "with the database"})
    seed_clause_registry(Clause, AuditChainHead)
    seed_document_types(DocumentType)
    # The search index is raw SQL, not a model: a flush leaves it holding the
    # emptied records, so it is rebuilt from what is there now (nothing).
    search.reindex_all()


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
        return services.create_action(confirmed=True, actor=actor, **fields)


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


class _FormReader(HTMLParser):
    """The fields a browser would send back from each form on a page, including
    fields outside a form that name it with their `form` attribute."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[tuple[str, dict[str, list[str]]]] = []
        self._by_id: dict[str, dict[str, list[str]]] = {}
        self._form: dict[str, list[str]] | None = None
        self._target: dict[str, list[str]] | None = None  # where the current field goes
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {}
            self.forms.append((a.get("action") or "", self._form))
            if a.get("id"):
                self._by_id[a["id"]] = self._form
            return
        target = self._by_id.get(a["form"]) if a.get("form") else self._form
        if tag == "option":
            target = self._target
        if target is None or "name" not in a and tag != "option":
            return
        if tag == "input":
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind not in ("submit", "button", "file"):
                target.setdefault(a["name"], []).append(a.get("value") or "")
        elif tag == "textarea":
            self._target, self._textarea = target, a["name"]
            target.setdefault(a["name"], []).append("")
        elif tag == "select":
            self._target, self._select = target, a["name"]
        elif tag == "option" and self._select and "selected" in a:
            target.setdefault(self._select, []).append(a.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._target is not None and self._textarea:
            values = self._target[self._textarea]
            values[-1] += data.removeprefix("\n") if not values[-1] else data


@pytest.fixture
def form_on_page():
    """What the browser would post back from the form on a page whose action ends
    with `action` (the page's own form when it has no action): after a conflict,
    this is the user's text with the version the page now carries."""

    def read(response, action: str = "") -> dict[str, list[str]]:
        reader = _FormReader()
        reader.feed(response.content.decode())
        for form_action, fields in reader.forms:
            matches = form_action.endswith(action) if action else form_action == ""
            if "csrfmiddlewaretoken" in fields and matches:
                fields.pop("csrfmiddlewaretoken")
                return fields
        raise AssertionError(f"no form posting to {action!r} on the page")

    return read
