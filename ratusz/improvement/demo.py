"""Demo nonconformities and improvement ideas of “Urząd Miasta Przykładowo”.

Three years of nonconformities from complaints, process monitoring, staff
reports and suppliers, in every state of the flow, built through the services
so that every rule holds; then their dates are moved into the past (services
stamp "now"). Audit nonconformities come from the audits demo, which runs after
this one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from ratusz.core import services as core_services
from ratusz.core.models import Action, Clause, Notification
from ratusz.improvement import services
from ratusz.improvement.models import Idea, Nonconformity, Source
from ratusz.processes.models import Process

NC = Nonconformity.Status


@dataclass
class Spec:
    title: str
    description: str
    source: str
    unit: str
    reporter: str
    process: str | None
    clause: str | None
    days_ago: int  # detected this many days before today
    state: str  # reported, rejected, open, analysed, actions, verification, closed, refailed
    owner: str | None = None
    grade: str = "minor"
    target_days: int = 60  # target date: detection + this
    correction: str = ""
    whys: list[str] = field(default_factory=list)
    root_cause: str = ""
    categories: list[str] = field(default_factory=lambda: ["method"])
    actions: list[tuple[str, str, int]] = field(default_factory=list)  # title, owner, due days
    reference: str = ""


SPECS = [
    Spec(
        "Błędna kwota w decyzji podatkowej",
        "Mieszkaniec złożył skargę: w decyzji ustalającej podatek od nieruchomości przyjęto "
        "powierzchnię budynku z nieaktualnej ewidencji.",
        Source.COMPLAINT,
        "PO",
        "quality",
        "P06",
        "8.5.1",
        1000,
        "closed",
        owner="po.head",
        correction="Wydano decyzję zmieniającą i zwrócono nadpłatę.",
        whys=[
            "Przyjęto dane z ewidencji sprzed aktualizacji.",
            "Nie sprawdzono daty ostatniej aktualizacji danych.",
            "Instrukcja wymiaru nie wymagała tej kontroli.",
        ],
        root_cause="Brak w instrukcji wymiaru obowiązku weryfikacji aktualności danych ewidencji.",
        categories=["method", "information"],
        actions=[("Uzupełnić instrukcję wymiaru o kontrolę aktualności danych", "po.krol", 30)],
        reference="Skarga SK.1510.12",
    ),
    Spec(
        "Przekroczony termin rejestracji pojazdów w marcu",
        "Miesięczny monitoring procesu: 14% wniosków o rejestrację załatwiono po terminie "
        "30 dni (cel: najwyżej 2%).",
        Source.PROCESS_MONITORING,
        "KM",
        "quality",
        "P05",
        "8.5.1",
        820,
        "closed",
        owner="km.head",
        grade="major",
        correction="Przydzielono dodatkowe stanowisko do obsługi zaległych wniosków.",
        whys=[
            "Zaległości po awarii systemu CEPiK.",
            "Brak planu na wypadek przestoju systemu.",
        ],
        root_cause="Brak procedury działania awaryjnego przy niedostępności systemu CEPiK.",
        categories=["equipment", "method"],
        actions=[
            ("Opracować procedurę awaryjną przy przestoju CEPiK", "km.head", 40),
            ("Przeszkolić pracowników z procedury awaryjnej", "km.pawlak", 55),
        ],
    ),
    Spec(
        "Opóźnienie wykonawcy przebudowy ul. Lipowej",
        "Wykonawca nie dotrzymał terminu etapu II; nie naliczono kar umownych w terminie.",
        Source.SUPPLIER,
        "IN",
        "quality",
        "P09",
        "8.4.1",
        640,
        "refailed",
        owner="in.head",
        grade="major",
        target_days=150,
        correction="Naliczono kary umowne za opóźnienie etapu II.",
        whys=[
            "Nie monitorowano terminów etapów umowy.",
            "Brak rejestru terminów i kar umownych.",
        ],
        root_cause="Brak rejestru kamieni milowych umów i odpowiedzialności za jego prowadzenie.",
        categories=["method", "people"],
        actions=[("Wdrożyć rejestr terminów umów inwestycyjnych", "in.witkowska", 45)],
        reference="Umowa IN.272.4",
    ),
    Spec(
        "Błędny adres w wydanym dowodzie osobistym",
        "Pracownik zgłosił: w dowodzie wpisano błędny numer lokalu; mieszkaniec zauważył przy "
        "odbiorze.",
        Source.STAFF_REPORT,
        "SO",
        "employee",
        "P03",
        "8.5.1",
        330,
        "closed",
        owner="owner",
        correction="Unieważniono dokument i przyjęto nowy wniosek bez opłaty.",
        whys=[
            "Dane przepisano ręcznie z wniosku papierowego.",
            "Nie porównano danych z rejestrem PESEL.",
        ],
        root_cause="Brak drugiej kontroli danych przed przekazaniem wniosku do personalizacji.",
        categories=["method", "people"],
        actions=[("Wprowadzić kontrolę czterech oczu przed personalizacją", "owner", 30)],
    ),
    Spec(
        "Ponownie błędne dane w dowodzie osobistym",
        "Skarga mieszkanki: w dowodzie błędna data urodzenia dziecka wpisanego do rejestru.",
        Source.COMPLAINT,
        "SO",
        "quality",
        "P03",
        "8.5.1",
        75,
        "actions",
        owner="owner",
        target_days=60,
        correction="Przyjęto nowy wniosek i wydano dokument w trybie pilnym.",
        whys=[
            "Kontrola czterech oczu nie objęła danych dzieci.",
            "Lista kontrolna nie była aktualizowana od wdrożenia.",
        ],
        root_cause="Lista kontrolna drugiej weryfikacji nie obejmuje wszystkich pól wniosku.",
        categories=["method"],
        actions=[("Zaktualizować listę kontrolną weryfikacji wniosków", "employee", 30)],
        reference="Skarga SK.1510.48",
    ),
    Spec(
        "Odpowiedzi na skargi po terminie KPA",
        "Monitoring: 5 z 22 skarg w I kwartale rozpatrzono po terminie miesiąca (art. 237 KPA).",
        Source.PROCESS_MONITORING,
        "BOM",
        "quality",
        "P02",
        "9.1.2",
        160,
        "verification",
        owner="bom.head",
        correction="Udzielono odpowiedzi na zaległe skargi z przeprosinami.",
        whys=[
            "Skargi trafiały do wydziałów bez terminu w dekretacji.",
            "System EZD nie przypominał o terminie.",
        ],
        root_cause="Brak terminu i przypomnień w dekretacji skarg w EZD.",
        categories=["equipment", "method"],
        actions=[("Skonfigurować przypomnienia o terminie skarg w EZD", "bom.dudek", 30)],
    ),
    Spec(
        "Brak protokołu odbioru dostawy sprzętu",
        "Dostawca sprzętu komputerowego: dostawę przyjęto bez protokołu odbioru ilościowego.",
        Source.SUPPLIER,
        "ZP",
        "quality",
        "P10",
        "8.4.2",
        210,
        "actions",
        owner="zp.head",
        target_days=150,
        correction="Sporządzono protokół odbioru z udziałem dostawcy.",
        whys=["Odbiór przeprowadził pracownik spoza komisji.", "Brak wzoru protokołu w umowie."],
        root_cause="Umowy dostaw nie zawierają wzoru protokołu odbioru.",
        categories=["method", "information"],
        actions=[("Dodać wzór protokołu odbioru do wzorów umów", "zp.head", 120)],
        reference="Umowa ZP.272.19",
    ),
    Spec(
        "Akt stanu cywilnego z literówką w nazwisku",
        "Skarga: w odpisie aktu urodzenia błędnie zapisano nazwisko matki.",
        Source.COMPLAINT,
        "USC",
        "quality",
        "P04",
        "8.5.1",
        12,
        "open",
        owner="usc.head",
        target_days=45,
        correction="Sprostowano akt z urzędu i wydano nowy odpis.",
    ),
    Spec(
        "Kolejka w BOM powyżej 40 minut",
        "Zgłoszenie pracownika: w poniedziałki czas oczekiwania przekracza 40 minut.",
        Source.STAFF_REPORT,
        "USC",
        "usc.mazur",
        None,
        None,
        60,
        "rejected",
    ),
    Spec(
        "Niedziałający formularz wniosku na stronie BIP",
        "Formularz wniosku o zaświadczenie w BIP nie daje się pobrać (błąd 404).",
        Source.STAFF_REPORT,
        "SO",
        "employee",
        None,
        None,
        6,
        "reported",
    ),
    Spec(
        "Brak numeru sprawy na potwierdzeniu wpływu",
        "Potwierdzenia z kancelarii nie mają numeru sprawy, mieszkańcy nie mogą zapytać o stan.",
        Source.STAFF_REPORT,
        "BOM",
        "bom.dudek",
        None,
        None,
        1,
        "reported",
    ),
]

# Older closed ones for the statistics: (title, source, unit, process, clause, days ago, owner)
HISTORY = [
    ("Zaświadczenie wydane po 7 dniach", Source.COMPLAINT, "SO", "P03", "8.5.1", 1050, "owner"),
    (
        "Nieaktualna karta usługi w BIP",
        Source.PROCESS_MONITORING,
        "BOM",
        "P02",
        "7.5.3",
        980,
        "bom.head",
    ),
    (
        "Decyzja bez pouczenia o odwołaniu",
        Source.STAFF_REPORT,
        "AB",
        "P07",
        "8.5.1",
        900,
        "ab.head",
    ),
    ("Faktura wykonawcy bez protokołu", Source.SUPPLIER, "IN", "P09", "8.4.1", 760, "in.head"),
    (
        "Brak potwierdzenia zapoznania z procedurą",
        Source.PROCESS_MONITORING,
        "OR-KD",
        "P14",
        "7.3",
        600,
        "kd.grabowska",
    ),
    ("Błędny termin płatności w nakazie", Source.COMPLAINT, "PO", "P06", "8.5.1", 540, "po.head"),
    (
        "Brak kopii zapasowej rejestru",
        Source.PROCESS_MONITORING,
        "OR-IT",
        "P15",
        "7.1.3",
        450,
        "or.head",
    ),
]

IDEAS = [
    ("Przypomnienia SMS o odbiorze dowodu", "SO", "employee", "submitted"),
    ("Rezerwacja wizyt w USC przez internet", "USC", "usc.mazur", "evaluating"),
    (
        "Jeden formularz zgłoszenia zmiany adresu dla wszystkich wydziałów",
        "BOM",
        "bom.dudek",
        "accepted",
    ),
    ("Automat biletowy przy wejściu od ul. Rynek", "BOM", "km.pawlak", "rejected"),
    (
        "Lista kontrolna kompletności wniosku o pozwolenie na budowę",
        "AB",
        "ab.jablonska",
        "implemented",
    ),
]


def _at(day: date, hour: int = 10) -> datetime:
    moment = timezone.make_aware(datetime.combine(day, time(hour)))
    return min(moment, timezone.now())


def _clause(number: str | None) -> Clause | None:
    if not number:
        return None
    return Clause.objects.filter(standard="ISO 9001", edition="2015", number=number).first()


def _process(code: str | None) -> Process | None:
    return Process.objects.filter(code=code).first() if code else None


def load(ctx) -> None:
    if Nonconformity.objects.filter(source__in=[Source.COMPLAINT, Source.SUPPLIER]).exists():
        return
    today = timezone.localdate()
    finished: list[str] = []
    for title, source, unit, process, clause, days, owner in HISTORY:
        spec = Spec(
            title,
            f"{title}. Stwierdzono podczas bieżącej pracy wydziału.",
            source,
            unit,
            "quality",
            process,
            clause,
            days,
            "closed",
            owner=owner,
            correction="Usunięto skutki w sprawach, których dotyczyła niezgodność.",
            whys=["Brak kontroli na tym etapie procesu."],
            root_cause="Procedura nie przewidywała kontroli na tym etapie.",
            actions=[("Uzupełnić procedurę o brakującą kontrolę", owner, 30)],
        )
        finished.append(_build(ctx, spec, today))
    for spec in SPECS:
        url = _build(ctx, spec, today)
        if spec.state in ("closed", "refailed", "rejected"):
            finished.append(url)
    _ideas(ctx, today)
    # Old news: the notices about long-closed records would only bury today's.
    Notification.objects.filter(url__in=finished).delete()


def _build(ctx, spec: Spec, today: date) -> str:
    users, quality = ctx.users, ctx.users["quality"]
    detected = today - timedelta(days=spec.days_ago)
    unit = ctx.units[spec.unit]
    owner = users.get(spec.owner) if spec.owner else None
    target = detected + timedelta(days=spec.target_days)
    assigned = {}
    if spec.reporter == "quality":  # the quality manager's own records are open at once
        assigned = {
            "grade": spec.grade,
            "owner": owner,
            "clause": _clause(spec.clause),
            "process": _process(spec.process),
            "target_date": target,
        }
    nc = services.raise_nonconformity(
        actor=users[spec.reporter],
        title=spec.title,
        description=spec.description,
        source=spec.source,
        org_unit=unit,
        detected_on=detected,
        source_reference=spec.reference,
        **assigned,
    )
    Nonconformity.objects.filter(pk=nc.pk).update(created_at=_at(detected, 9))
    url = nc.get_absolute_url()
    if spec.state == "reported":
        return url
    if spec.state == "rejected":
        services.triage(
            actor=quality,
            nc=nc,
            expected_version=None,
            accept=False,
            rejection_reason="To uwaga organizacyjna, nie niezgodność usługi: przekazano do analizy "
            "obciążenia stanowisk jako pomysł doskonalący.",
        )
        return url
    if nc.status == NC.REPORTED:
        nc = services.triage(
            actor=quality,
            nc=nc,
            expected_version=None,
            accept=True,
            grade=spec.grade,
            owner=owner,
            clause=_clause(spec.clause),
            process=_process(spec.process),
            target_date=target,
        )
    actor = owner or quality
    nc = services.record_correction(
        actor=actor,
        nc=nc,
        expected_version=None,
        correction=spec.correction,
        correction_done_on=min(detected + timedelta(days=1), today),
    )
    if spec.state == "open":
        return url
    nc = services.record_root_cause(
        actor=actor,
        nc=nc,
        expected_version=None,
        whys=spec.whys,
        root_cause=spec.root_cause,
        categories=spec.categories,
    )
    Nonconformity.objects.filter(pk=nc.pk).update(
        analysed_at=_at(min(detected + timedelta(days=7), today))
    )
    actions = _add_actions(ctx, nc, spec.actions, detected, actor)
    if spec.state == "actions":
        return url  # actions still open (some overdue)
    _finish(actions, detected, today)
    nc.refresh_from_db()
    last_due = max(a.due_date for a in actions)
    verify_day = min(last_due + timedelta(days=20), today)
    nc = services.plan_verification(
        actor=actor,
        nc=nc,
        expected_version=None,
        verification_due=max(verify_day, last_due),
        verification_method="Przegląd próby 20 spraw z kwartału po wdrożeniu działań.",
    )
    nc = services.request_verification(actor=actor, nc=nc, expected_version=None)
    if spec.state == "verification":
        return url
    if spec.state == "refailed":
        nc = services.record_verification(
            confirmed=True,
            actor=quality,
            nc=nc,
            expected_version=None,
            effective=False,
            verification_notes="W kolejnej umowie znów nie naliczono kar w terminie: rejestr nie był "
            "prowadzony na bieżąco.",
            verified_on=verify_day,
        )
        more = _add_actions(
            ctx,
            nc,
            [("Wyznaczyć osobę odpowiedzialną za rejestr i kontrolę miesięczną", "in.head", 90)],
            detected,
            actor,
        )
        _finish(more, detected, today)
        nc.refresh_from_db()
        verify_day = min(max(a.due_date for a in more) + timedelta(days=30), today)
        nc = services.plan_verification(
            actor=actor,
            nc=nc,
            expected_version=None,
            verification_due=verify_day,
            verification_method="Kontrola rejestru terminów wszystkich umów inwestycyjnych.",
        )
        nc = services.request_verification(actor=actor, nc=nc, expected_version=None)
    nc = services.record_verification(
        confirmed=True,
        actor=quality,
        nc=nc,
        expected_version=None,
        effective=True,
        verification_notes="W próbie nie stwierdzono powtórzenia niezgodności.",
        verified_on=verify_day,
    )
    services.close(
        actor=quality, nc=nc, expected_version=None, closure_notes="Działania skuteczne."
    )
    Nonconformity.objects.filter(pk=nc.pk).update(
        closed_at=_at(min(verify_day + timedelta(days=3), today), 14)
    )
    return url


def _add_actions(ctx, nc, specs, detected: date, actor) -> list[Action]:
    actions = []
    for title, owner, due_days in specs:
        action = services.add_corrective_action(
            confirmed=True,
            actor=actor,
            nc=nc,
            title=title,
            owner=ctx.users[owner],
            due_date=detected + timedelta(days=due_days),
            description="Działanie korygujące usuwające przyczynę źródłową.",
        )
        Action.objects.filter(pk=action.pk).update(created_at=_at(detected + timedelta(days=8)))
        actions.append(action)
    return actions


def _finish(actions: list[Action], detected: date, today: date) -> None:
    for action in actions:
        core_services.complete_action(
            actor=action.owner,
            action=action,
            expected_version=None,
            completion_evidence="Wykonano; dowody w dokumentacji wydziału.",
        )
        done = min(action.due_date - timedelta(days=3), today)
        Action.objects.filter(pk=action.pk).update(completed_at=_at(done), updated_at=_at(done))


def _ideas(ctx, today: date) -> None:
    users, quality = ctx.users, ctx.users["quality"]
    for index, (title, unit, author, state) in enumerate(IDEAS):
        submitted = today - timedelta(days=20 + 60 * index)
        idea = services.submit_idea(
            actor=users[author],
            title=title,
            description=f"{title}: skróci czas obsługi mieszkańców i ograniczy pomyłki.",
            org_unit=ctx.units[unit],
            expected_benefit="Krótszy czas obsługi i mniej wizyt ponownych.",
            submitted_on=submitted,
        )
        Idea.objects.filter(pk=idea.pk).update(created_at=_at(submitted))
        if state == "submitted":
            continue
        idea = services.evaluate_idea(
            actor=quality,
            idea=idea,
            expected_version=None,
            evaluation="Koszt niewielki, korzyść dla mieszkańców wyraźna; wymaga zmian w "
            "organizacji pracy wydziału.",
        )
        if state == "evaluating":
            continue
        idea = services.decide_idea(
            actor=quality,
            idea=idea,
            expected_version=None,
            accept=state != "rejected",
            decision_notes="Decyzja Pełnomocnika po konsultacji z naczelnikiem wydziału."
            if state != "rejected"
            else "Nieproporcjonalny koszt wobec korzyści; wrócimy do tematu przy remoncie holu.",
        )
        if state == "rejected":
            continue
        head = ctx.units[unit].head or quality
        action = services.add_idea_action(
            confirmed=True,
            actor=quality,
            idea=idea,
            title=f"Wdrożyć: {title}",
            owner=head,
            due_date=today + timedelta(days=30)
            if state == "accepted"
            else submitted + timedelta(days=45),
        )
        if state == "implemented":
            core_services.complete_action(
                actor=head, action=action, expected_version=None, completion_evidence="Wdrożono."
            )
            idea.refresh_from_db()
            services.mark_implemented(
                actor=quality,
                idea=idea,
                expected_version=None,
                benefit_achieved="Liczba wniosków zwróconych do uzupełnienia spadła o 40%.",
                implemented_on=submitted + timedelta(days=60),
            )
