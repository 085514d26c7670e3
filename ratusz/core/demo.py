"""The demo office “Urząd Miasta Przykładowo” (a fictional city office).

`load_demo()` builds the organisation and calls `load(ctx)` in the `demo`
module of every other Ratusz app, in INSTALLED_APPS order, so each area adds
its own demo records. Dates are relative to today where they describe work in
progress, and absolute where they are the office's history.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone, translation

from ratusz.core import services
from ratusz.core.audit import acting_as
from ratusz.core.models import Action, AuditChainHead, Clause, Office, OrgUnit, Role, User
from ratusz.core.plugins import area_modules
from ratusz.core.reference_data import seed_clause_registry

DEMO_PASSWORD = "demo"  # noqa: S105 - documented demo credential

DEMO_LOGINS = [
    ("quality", "quality manager (Pełnomocnik ds. SZJ)"),
    ("mayor", "top management (Prezydent Miasta)"),
    ("owner", "process owner, head of the Civil Affairs Department"),
    ("auditor", "internal auditor"),
    ("employee", "employee of the Civil Affairs Department"),
    ("external", "external auditor of the certification body (time-limited)"),
]


class NotDemoDatabase(Exception):
    pass


@dataclass
class DemoContext:
    office: Office
    units: dict[str, OrgUnit] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)


# code, name, kind, parent code
UNITS = [
    ("PM", "Prezydent Miasta", OrgUnit.Kind.MANAGEMENT, None),
    ("SEK", "Sekretarz Miasta", OrgUnit.Kind.MANAGEMENT, "PM"),
    ("SKA", "Skarbnik Miasta", OrgUnit.Kind.MANAGEMENT, "PM"),
    ("SZJ", "Pełnomocnik ds. Systemu Zarządzania Jakością", OrgUnit.Kind.POST, "SEK"),
    ("AW", "Audytor Wewnętrzny", OrgUnit.Kind.POST, "PM"),
    ("OR", "Wydział Organizacyjny", OrgUnit.Kind.DEPARTMENT, "SEK"),
    ("OR-KD", "Referat Kadr", OrgUnit.Kind.SECTION, "OR"),
    ("OR-IT", "Referat Informatyki", OrgUnit.Kind.SECTION, "OR"),
    ("BOM", "Biuro Obsługi Mieszkańców", OrgUnit.Kind.OFFICE, "SEK"),
    ("SO", "Wydział Spraw Obywatelskich", OrgUnit.Kind.DEPARTMENT, "SEK"),
    ("USC", "Urząd Stanu Cywilnego", OrgUnit.Kind.DEPARTMENT, "SEK"),
    ("KM", "Wydział Komunikacji", OrgUnit.Kind.DEPARTMENT, "SEK"),
    ("FN", "Wydział Finansowy", OrgUnit.Kind.DEPARTMENT, "SKA"),
    ("PO", "Wydział Podatków i Opłat", OrgUnit.Kind.DEPARTMENT, "SKA"),
    ("AB", "Wydział Architektury i Budownictwa", OrgUnit.Kind.DEPARTMENT, "PM"),
    ("GN", "Wydział Gospodarki Nieruchomościami", OrgUnit.Kind.DEPARTMENT, "PM"),
    ("IN", "Wydział Inwestycji", OrgUnit.Kind.DEPARTMENT, "PM"),
    ("ZP", "Biuro Zamówień Publicznych", OrgUnit.Kind.OFFICE, "PM"),
    ("OS", "Wydział Ochrony Środowiska", OrgUnit.Kind.DEPARTMENT, "PM"),
    ("ED", "Wydział Edukacji", OrgUnit.Kind.DEPARTMENT, "PM"),
]

# username, first name, last name, unit, position, [(role, scoped unit or None)], heads unit
USERS = [
    ("mayor", "Jan", "Nowak", "PM", "Prezydent Miasta", [(Role.TOP_MANAGEMENT, None)], True),
    (
        "secretary",
        "Ewa",
        "Wiśniewska",
        "SEK",
        "Sekretarz Miasta",
        [(Role.TOP_MANAGEMENT, None), (Role.PROCESS_OWNER, "SEK")],
        True,
    ),
    (
        "treasurer",
        "Barbara",
        "Dąbrowska",
        "SKA",
        "Skarbnik Miasta",
        [(Role.TOP_MANAGEMENT, None), (Role.PROCESS_OWNER, "SKA")],
        True,
    ),
    (
        "quality",
        "Anna",
        "Kowalska",
        "SZJ",
        "Pełnomocnik ds. Systemu Zarządzania Jakością",
        [(Role.QUALITY_MANAGER, None)],
        True,
    ),
    (
        "auditor",
        "Katarzyna",
        "Wójcik",
        "FN",
        "Inspektor, audytor wewnętrzny SZJ",
        [(Role.INTERNAL_AUDITOR, None), (Role.EMPLOYEE, None)],
        False,
    ),
    (
        "owner",
        "Piotr",
        "Zieliński",
        "SO",
        "Naczelnik Wydziału Spraw Obywatelskich",
        [(Role.PROCESS_OWNER, "SO")],
        True,
    ),
    (
        "employee",
        "Marek",
        "Kamiński",
        "SO",
        "Podinspektor ds. ewidencji ludności",
        [(Role.EMPLOYEE, None)],
        False,
    ),
    (
        "so.lis",
        "Agnieszka",
        "Lis",
        "SO",
        "Inspektor ds. dowodów osobistych",
        [(Role.EMPLOYEE, None)],
        False,
    ),
    (
        "usc.head",
        "Małgorzata",
        "Szymańska",
        "USC",
        "Kierownik Urzędu Stanu Cywilnego",
        [(Role.PROCESS_OWNER, "USC")],
        True,
    ),
    (
        "usc.mazur",
        "Tomasz",
        "Mazur",
        "USC",
        "Zastępca Kierownika USC",
        [(Role.EMPLOYEE, None), (Role.INTERNAL_AUDITOR, None)],
        False,
    ),
    (
        "km.head",
        "Andrzej",
        "Krawczyk",
        "KM",
        "Naczelnik Wydziału Komunikacji",
        [(Role.PROCESS_OWNER, "KM")],
        True,
    ),
    (
        "km.pawlak",
        "Joanna",
        "Pawlak",
        "KM",
        "Inspektor ds. rejestracji pojazdów",
        [(Role.EMPLOYEE, None)],
        False,
    ),
    (
        "or.head",
        "Krzysztof",
        "Michalski",
        "OR",
        "Naczelnik Wydziału Organizacyjnego",
        [(Role.PROCESS_OWNER, "OR")],
        True,
    ),
    (
        "kd.grabowska",
        "Monika",
        "Grabowska",
        "OR-KD",
        "Kierownik Referatu Kadr",
        [(Role.PROCESS_OWNER, "OR-KD")],
        True,
    ),
    ("it.nowicki", "Paweł", "Nowicki", "OR-IT", "Informatyk", [(Role.EMPLOYEE, None)], False),
    (
        "bom.head",
        "Magdalena",
        "Adamczyk",
        "BOM",
        "Kierownik Biura Obsługi Mieszkańców",
        [(Role.PROCESS_OWNER, "BOM")],
        True,
    ),
    (
        "bom.dudek",
        "Natalia",
        "Dudek",
        "BOM",
        "Referent ds. obsługi mieszkańców",
        [(Role.EMPLOYEE, None)],
        False,
    ),
    (
        "fn.head",
        "Grzegorz",
        "Zając",
        "FN",
        "Naczelnik Wydziału Finansowego",
        [(Role.PROCESS_OWNER, "FN")],
        True,
    ),
    (
        "po.head",
        "Elżbieta",
        "Wieczorek",
        "PO",
        "Naczelnik Wydziału Podatków i Opłat",
        [(Role.PROCESS_OWNER, "PO")],
        True,
    ),
    (
        "po.krol",
        "Michał",
        "Król",
        "PO",
        "Inspektor ds. wymiaru podatków",
        [(Role.EMPLOYEE, None), (Role.INTERNAL_AUDITOR, None)],
        False,
    ),
    (
        "ab.head",
        "Robert",
        "Wróbel",
        "AB",
        "Naczelnik Wydziału Architektury i Budownictwa",
        [(Role.PROCESS_OWNER, "AB")],
        True,
    ),
    (
        "ab.jablonska",
        "Aleksandra",
        "Jabłońska",
        "AB",
        "Inspektor ds. pozwoleń na budowę",
        [(Role.EMPLOYEE, None)],
        False,
    ),
    (
        "gn.head",
        "Dariusz",
        "Stępień",
        "GN",
        "Naczelnik Wydziału Gospodarki Nieruchomościami",
        [(Role.PROCESS_OWNER, "GN")],
        True,
    ),
    (
        "in.head",
        "Marcin",
        "Górski",
        "IN",
        "Naczelnik Wydziału Inwestycji",
        [(Role.PROCESS_OWNER, "IN")],
        True,
    ),
    (
        "in.witkowska",
        "Iwona",
        "Witkowska",
        "IN",
        "Inspektor ds. realizacji inwestycji",
        [(Role.EMPLOYEE, None)],
        False,
    ),
    (
        "zp.head",
        "Beata",
        "Kaczmarek",
        "ZP",
        "Kierownik Biura Zamówień Publicznych",
        [(Role.PROCESS_OWNER, "ZP")],
        True,
    ),
    (
        "os.head",
        "Jacek",
        "Sikora",
        "OS",
        "Naczelnik Wydziału Ochrony Środowiska",
        [(Role.PROCESS_OWNER, "OS")],
        True,
    ),
    (
        "ed.head",
        "Renata",
        "Baran",
        "ED",
        "Naczelnik Wydziału Edukacji",
        [(Role.PROCESS_OWNER, "ED")],
        True,
    ),
    (
        "aw.olszewski",
        "Łukasz",
        "Olszewski",
        "AW",
        "Audytor wewnętrzny",
        [(Role.INTERNAL_AUDITOR, None)],
        True,
    ),
    (
        "external",
        "Tomasz",
        "Lewandowski",
        None,
        "Auditor wiodący, jednostka certyfikująca",
        [(Role.EXTERNAL_AUDITOR, None)],
        False,
    ),
]

SCOPE = "Świadczenie usług publicznych związanych z zadaniami administracji samorządowej."
SCOPE_JUSTIFICATION = (
    "Wymaganie 8.3 (projektowanie i rozwój) nie ma zastosowania: usługi urzędu i ich "
    "wymagania określają przepisy prawa, urząd ich nie projektuje."
)

ACTIONS = [
    # title, kind, unit, owner, due in days (negative: overdue), status
    (
        "Uzupełnić karty usług o klauzulę RODO",
        Action.Kind.CORRECTIVE,
        "SO",
        "employee",
        -12,
        "open",
    ),
    (
        "Skrócić czas wydawania dowodów osobistych do 30 dni",
        Action.Kind.OBJECTIVE_PLAN,
        "SO",
        "owner",
        45,
        "in_progress",
    ),
    (
        "Przeszkolić pracowników BOM z obsługi ePUAP",
        Action.Kind.IMPROVEMENT,
        "BOM",
        "bom.dudek",
        5,
        "open",
    ),
    (
        "Wdrożyć rejestr terminów kar umownych dla umów inwestycyjnych",
        Action.Kind.RISK_TREATMENT,
        "IN",
        "in.head",
        -30,
        "in_progress",
    ),
    (
        "Naliczyć kary umowne za opóźnienie budowy ul. Lipowej",
        Action.Kind.FEEDBACK_RESPONSE,
        "IN",
        "in.witkowska",
        14,
        "open",
    ),
    (
        "Zaktualizować procedurę zamówień poniżej progów",
        Action.Kind.CORRECTIVE,
        "ZP",
        "zp.head",
        20,
        "open",
    ),
    (
        "Przegląd uprawnień w systemie ewidencji ludności",
        Action.Kind.CORRECTION,
        "OR-IT",
        "it.nowicki",
        -3,
        "open",
    ),
    (
        "Ankieta satysfakcji mieszkańców — analiza wyników 2026",
        Action.Kind.REVIEW_DECISION,
        "SZJ",
        "quality",
        25,
        "open",
    ),
    (
        "Oznakować stanowiska obsługi w USC zgodnie ze standardem dostępności",
        Action.Kind.IMPROVEMENT,
        "USC",
        "usc.mazur",
        -8,
        "done",
    ),
    (
        "Usunąć zaległości w rejestracji pojazdów",
        Action.Kind.CORRECTIVE,
        "KM",
        "km.pawlak",
        -40,
        "closed",
    ),
    (
        "Wprowadzić kontrolę terminów w decyzjach o warunkach zabudowy",
        Action.Kind.CORRECTIVE,
        "AB",
        "ab.jablonska",
        3,
        "in_progress",
    ),
    (
        "Opracować plan szkoleń z KPA na 2027",
        Action.Kind.OBJECTIVE_PLAN,
        "OR-KD",
        "kd.grabowska",
        35,
        "open",
    ),
    (
        "Zweryfikować terminy odpowiedzi na skargi i wnioski",
        Action.Kind.CORRECTIVE,
        "SO",
        "employee",
        2,
        "open",
    ),
    (
        "Uzupełnić ewidencję zaświadczeń wydanych po terminie",
        Action.Kind.CORRECTION,
        "PO",
        "po.krol",
        -5,
        "done",
    ),
]


def _check_database() -> Office | None:
    office = Office.current()
    if office is not None and not office.is_demo:
        raise NotDemoDatabase(
            f"This database holds the office “{office.name}”, which is not the demo; "
            "the demo is loaded only into an empty database."
        )
    if office is None and (User.objects.exists() or OrgUnit.objects.exists()):
        raise NotDemoDatabase(
            "This database already holds users or org units; "
            "the demo is loaded only into an empty database."
        )
    return office


def load_demo() -> bool:
    """Load the demo office; False if it was already there."""
    if _check_database() is not None:
        return False
    # The demo office speaks Polish: labels written into the records (e.g. the
    # audit trail's record names) are in the office's language. Its people are
    # invented: the e-mails its steps would send (invitations, replies) go nowhere,
    # neither to a real mail server nor into the terminal of `make run`.
    with (
        transaction.atomic(),
        acting_as(None),
        translation.override(settings.LANGUAGE_CODE),
        override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
    ):
        ctx = _load_core()
        modules = [module for _label, module in area_modules("demo")]
        for module in modules:
            module.load(ctx)
        # What sums up the other areas (e.g. readiness figures) is computed once
        # every area's records are in.
        for module in modules:
            if finish := getattr(module, "finish", None):
                finish(ctx)
    return True


def _load_core() -> DemoContext:
    # A test database flushed between tests has lost what migrations seeded.
    seed_clause_registry(Clause, AuditChainHead)
    office = Office.objects.create(
        pk=1,
        name="Urząd Miasta Przykładowo",
        short_name="UM Przykładowo",
        address="Rynek 1, 00-950 Przykładowo",
        qms_scope=SCOPE,
        scope_justification=SCOPE_JUSTIFICATION,
        is_demo=True,
    )
    ctx = DemoContext(office=office)
    for code, name, kind, parent in UNITS:
        ctx.units[code] = services.create_org_unit(
            name=name, code=code, kind=kind, parent=ctx.units.get(parent) if parent else None
        )
    password = make_password(DEMO_PASSWORD)
    expires = timezone.now() + timedelta(days=30)
    for username, first, last, unit, position, grants, heads in USERS:
        user = User.objects.create(
            username=username,
            first_name=first,
            last_name=last,
            password=password,
            email=f"{username}@przykladowo.example",
            position=position,
            org_unit=ctx.units.get(unit) if unit else None,
            access_expires_at=expires
            if any(r == Role.EXTERNAL_AUDITOR for r, _ in grants)
            else None,
            is_staff=username == "quality",
        )
        if username == "quality":
            user.is_superuser = True
            user.save(update_fields=["is_superuser"])
        for role, scope in grants:
            services.grant_role(user=user, role=role, org_unit=ctx.units[scope] if scope else None)
        if heads and unit:
            ctx.units[unit].head = user
            ctx.units[unit].save(update_fields=["head"])
        ctx.users[username] = user
    for clause in Clause.objects.filter(
        standard="ISO 9001", edition="2015", number__startswith="8.3"
    ):
        services.set_clause_applicability(
            actor=ctx.users["quality"],
            clause=clause,
            applicable=False,
            justification="Urząd nie projektuje usług: ich wymagania określają przepisy prawa.",
        )
    _load_actions(ctx)
    return ctx


def _load_actions(ctx: DemoContext) -> None:
    today = timezone.localdate()
    quality = ctx.users["quality"]
    for title, kind, unit, owner, due_in, status in ACTIONS:
        action = services.create_action(
            confirmed=True,
            actor=quality,
            title=title,
            kind=kind,
            org_unit=ctx.units[unit],
            owner=ctx.users[owner],
            due_date=today + timedelta(days=due_in),
            description="Działanie z przeglądu zarządzania i auditów wewnętrznych.",
        )
        actor = ctx.users[owner]
        if status in ("in_progress",):
            services.start_action(actor=actor, action=action, expected_version=None)
        if status in ("done", "closed"):
            services.complete_action(
                actor=actor,
                action=action,
                expected_version=None,
                completion_evidence="Wykonano; potwierdzenie w dokumentacji wydziału.",
            )
        if status == "closed":
            services.verify_effectiveness(
                confirmed=True,
                actor=quality,
                action=action,
                expected_version=None,
                effective=True,
                effectiveness_notes="Sprawdzono próbę 20 spraw z ostatniego miesiąca: brak zaległości.",
            )
