"""The demo office's register: 40 risks and 10 opportunities across the sixteen
processes, assessed twice over the last year, with treatments in every state and
one risk above its accepted level that nobody treats yet (readiness 6.1 shows it)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from ratusz.context.models import ContextIssue
from ratusz.core import services as core_services
from ratusz.processes.models import Process
from ratusz.risks import services
from ratusz.risks.models import Risk

# process, title, category, cause, event, effect, inherent (l, i), residual (l, i)
RISKS = [
    (
        "P01",
        "Nieaktualna analiza kontekstu",
        "strategic",
        "Brak corocznego przeglądu",
        "Cele nie odpowiadają potrzebom",
        "Niezgodność w audycie certyfikującym",
        (3, 3),
        (2, 2),
    ),
    (
        "P01",
        "Przegląd zarządzania po terminie",
        "strategic",
        "Obciążenie kierownictwa",
        "Przegląd nie odbywa się",
        "Brak decyzji o doskonaleniu",
        (2, 4),
        (1, 3),
    ),
    (
        "P01",
        "Utrata certyfikatu ISO 9001",
        "reputation",
        "Niezamknięte niezgodności",
        "Negatywna decyzja jednostki",
        "Utrata zaufania mieszkańców",
        (2, 5),
        (1, 5),
    ),
    (
        "P02",
        "Kolejki w BOM w szczycie",
        "operational",
        "Za mało stanowisk",
        "Czas oczekiwania ponad 30 minut",
        "Skargi mieszkańców",
        (4, 3),
        (3, 2),
    ),
    (
        "P02",
        "Błędy w przyjmowaniu wniosków",
        "operational",
        "Rotacja pracowników",
        "Wniosek niekompletny",
        "Wydłużenie postępowania",
        (4, 3),
        (2, 3),
    ),
    (
        "P02",
        "Brak obsługi osób z niepełnosprawnościami",
        "legal",
        "Bariery architektoniczne",
        "Osoba nie załatwia sprawy",
        "Naruszenie ustawy o dostępności",
        (2, 4),
        (1, 3),
    ),
    (
        "P03",
        "Opóźnienie wydania dowodu osobistego",
        "operational",
        "Awaria systemu centralnego",
        "Wnioski czekają",
        "Mieszkańcy bez dokumentu",
        (3, 4),
        (3, 3),
    ),
    (
        "P03",
        "Wydanie dowodu niewłaściwej osobie",
        "corruption",
        "Słaba weryfikacja tożsamości",
        "Wydanie dokumentu osobie nieuprawnionej",
        "Kradzież tożsamości",
        (2, 5),
        (1, 5),
    ),
    (
        "P03",
        "Wyciek danych z rejestru mieszkańców",
        "information",
        "Phishing",
        "Nieuprawniony dostęp",
        "Naruszenie RODO i kara UODO",
        (3, 5),
        (2, 4),
    ),
    (
        "P04",
        "Błąd w akcie stanu cywilnego",
        "legal",
        "Pośpiech przy sporządzaniu aktu",
        "Błędny wpis",
        "Postępowanie sprostujące",
        (3, 3),
        (2, 3),
    ),
    (
        "P04",
        "Niedostępność systemu rejestrów państwowych",
        "information",
        "Awaria po stronie ministerstwa",
        "Brak możliwości sporządzenia aktu",
        "Przesunięcie ślubów",
        (3, 3),
        (3, 3),
    ),
    (
        "P05",
        "Zaległości w rejestracji pojazdów",
        "operational",
        "Wzrost liczby wniosków",
        "Termin przekroczony",
        "Skargi i ponaglenia",
        (4, 4),
        (3, 4),
    ),
    (
        "P05",
        "Nieuprawnione wydanie prawa jazdy",
        "corruption",
        "Presja klientów",
        "Dokument wydany bez podstaw",
        "Zagrożenie bezpieczeństwa",
        (2, 5),
        (1, 4),
    ),
    (
        "P05",
        "Brak druków komunikacyjnych",
        "external",
        "Opóźnienia dostaw PWPW",
        "Brak tablic i dowodów rejestracyjnych",
        "Wstrzymanie rejestracji",
        (2, 4),
        (2, 3),
    ),
    (
        "P06",
        "Błędne naliczenie podatku od nieruchomości",
        "financial",
        "Przestarzały system podatkowy",
        "Błędna decyzja wymiarowa",
        "Uchylenie decyzji i zwrot nadpłat",
        (3, 4),
        (3, 3),
    ),
    (
        "P06",
        "Przedawnienie zaległości podatkowych",
        "financial",
        "Brak monitoringu terminów",
        "Zaległość się przedawnia",
        "Utrata dochodów miasta",
        (3, 4),
        (2, 4),
    ),
    (
        "P07",
        "Przekroczenie terminu pozwolenia na budowę",
        "legal",
        "Braki kadrowe w AB",
        "Decyzja po 65 dniach",
        "Kara wymierzona przez wojewodę",
        (4, 5),
        (4, 4),
    ),
    (
        "P07",
        "Uchylenie decyzji przez organ odwoławczy",
        "legal",
        "Niedostateczne uzasadnienie",
        "Decyzja uchylona",
        "Wydłużenie procesu inwestycyjnego",
        (3, 3),
        (2, 3),
    ),
    (
        "P08",
        "Sprzedaż nieruchomości poniżej wartości",
        "financial",
        "Nieaktualny operat szacunkowy",
        "Zaniżona cena",
        "Szkoda w mieniu gminy",
        (2, 5),
        (1, 5),
    ),
    (
        "P08",
        "Nieuregulowany stan prawny działek",
        "legal",
        "Braki w księgach wieczystych",
        "Brak możliwości zbycia",
        "Opóźnienie inwestycji",
        (3, 3),
        (3, 2),
    ),
    (
        "P09",
        "Opóźnienie inwestycji drogowych",
        "external",
        "Mało ofert wykonawców",
        "Przetarg unieważniony",
        "Utrata dofinansowania",
        (4, 4),
        (3, 4),
    ),
    (
        "P09",
        "Podtopienia ulic nadrzecznych opóźniają roboty",
        "environment",
        "Ulewy i zmiana klimatu",
        "Zalanie placu budowy",
        "Przesunięcie terminów i koszty",
        (4, 4),
        (3, 3),
    ),
    (
        "P09",
        "Przekroczenie budżetu inwestycji",
        "financial",
        "Wzrost cen materiałów",
        "Koszt wyższy o 10%",
        "Konieczność zmiany budżetu",
        (3, 4),
        (3, 3),
    ),
    (
        "P10",
        "Unieważnienie przetargu",
        "legal",
        "Błędy w SWZ",
        "Odwołanie do KIO uwzględnione",
        "Powtórzenie postępowania",
        (3, 3),
        (2, 3),
    ),
    (
        "P10",
        "Zmowa przetargowa",
        "corruption",
        "Mały rynek wykonawców",
        "Uzgodnione ceny ofert",
        "Przepłacenie zamówienia",
        (2, 4),
        (2, 3),
    ),
    (
        "P10",
        "Kary umowne nie są naliczane",
        "financial",
        "Brak monitoringu terminów umów",
        "Opóźnienie bez kary",
        "Szkoda finansowa i zarzut RIO",
        (4, 4),
        (4, 3),
    ),
    (
        "P11",
        "Nielegalne składowiska odpadów",
        "environment",
        "Brak kontroli terenu",
        "Dzikie wysypisko",
        "Koszty usuwania i skargi",
        (3, 3),
        (3, 2),
    ),
    (
        "P11",
        "Fale upałów utrudniają pracę i obsługę",
        "environment",
        "Zmiana klimatu",
        "Temperatura w BOM powyżej 30°C",
        "Przerwy w obsłudze",
        (3, 3),
        (2, 2),
    ),
    (
        "P12",
        "Brak miejsc w przedszkolach",
        "strategic",
        "Migracja rodzin do miasta",
        "Odmowa przyjęcia dziecka",
        "Skargi i wnioski do rady",
        (3, 3),
        (3, 2),
    ),
    (
        "P12",
        "Błędy w rozliczeniu dotacji oświatowych",
        "financial",
        "Złożone przepisy",
        "Dotacja przekazana w złej wysokości",
        "Zwrot środków z odsetkami",
        (3, 4),
        (2, 3),
    ),
    (
        "P13",
        "Przekroczenie limitu zadłużenia",
        "financial",
        "Spadek dochodów",
        "Naruszenie wskaźnika art. 243",
        "Brak możliwości zaciągnięcia kredytu",
        (2, 5),
        (2, 4),
    ),
    (
        "P13",
        "Błąd w sprawozdaniu budżetowym",
        "financial",
        "Ręczne uzgadnianie danych",
        "Korekta sprawozdania",
        "Uwagi RIO",
        (3, 3),
        (2, 2),
    ),
    (
        "P14",
        "Odejścia doświadczonych pracowników",
        "personnel",
        "Niskie wynagrodzenia",
        "Wakat na kluczowym stanowisku",
        "Spadek jakości obsługi",
        (4, 4),
        (3, 4),
    ),
    (
        "P14",
        "Brak szkoleń z nowych przepisów",
        "personnel",
        "Ograniczony budżet szkoleń",
        "Pracownik stosuje stare przepisy",
        "Błędne decyzje",
        (3, 3),
        (2, 3),
    ),
    (
        "P15",
        "Atak ransomware",
        "information",
        "Nieaktualne oprogramowanie",
        "Zaszyfrowanie serwerów",
        "Przerwa w działaniu urzędu",
        (3, 5),
        (2, 5),
    ),
    (
        "P15",
        "Awaria systemu EZD",
        "information",
        "Zależność od jednego dostawcy",
        "Obieg dokumentów staje",
        "Przekroczenie terminów",
        (3, 4),
        (2, 4),
    ),
    (
        "P15",
        "Niedostępność strony BIP",
        "information",
        "Brak redundancji hostingu",
        "Strona nie działa",
        "Naruszenie obowiązku informacyjnego",
        (2, 3),
        (1, 3),
    ),
    (
        "P16",
        "Audyt wewnętrzny nie obejmuje ryzykownych obszarów",
        "strategic",
        "Plan audytów bez analizy ryzyka",
        "Pominięty obszar",
        "Niewykryte nieprawidłowości",
        (3, 4),
        (2, 3),
    ),
    (
        "P16",
        "Brak niezależności audytora",
        "personnel",
        "Audytor w strukturze wydziału",
        "Audyt własnej pracy",
        "Niewiarygodne wyniki",
        (2, 3),
        (1, 3),
    ),
    (
        "P07",
        "Korupcja przy wydawaniu decyzji budowlanych",
        "corruption",
        "Duża uznaniowość",
        "Przyjęcie korzyści",
        "Odpowiedzialność karna, utrata zaufania",
        (2, 5),
        (2, 4),
    ),
]

OPPORTUNITIES = [
    (
        "P02",
        "Rezerwacja wizyt online",
        "operational",
        "Dostępny system kolejkowy",
        "Mieszkańcy umawiają wizyty",
        "Krótsze kolejki",
        (4, 3),
        (4, 4),
        "exploit",
    ),
    (
        "P03",
        "Wnioski przez mObywatel",
        "information",
        "Nowe usługi państwowe",
        "Więcej wniosków elektronicznych",
        "Mniej wizyt w urzędzie",
        (4, 3),
        (4, 4),
        "enhance",
    ),
    (
        "P09",
        "Dotacje UE na retencję wody",
        "environment",
        "Nabór w programie regionalnym",
        "Miasto otrzymuje dofinansowanie",
        "Mniej podtopień ulic",
        (3, 4),
        (3, 5),
        "exploit",
    ),
    (
        "P09",
        "Wspólne zamówienia z gminami ościennymi",
        "external",
        "Porozumienie międzygminne",
        "Wspólny przetarg",
        "Niższe ceny",
        (3, 3),
        (3, 3),
        "share",
    ),
    (
        "P11",
        "Termomodernizacja budynku urzędu",
        "environment",
        "Środki z programu krajowego",
        "Modernizacja budynku",
        "Niższe koszty i komfort w upały",
        (3, 3),
        (3, 4),
        "exploit",
    ),
    (
        "P12",
        "Partnerstwo z uczelnią",
        "strategic",
        "Uczelnia szuka praktyk",
        "Praktykanci w wydziałach",
        "Dopływ kadr",
        (3, 2),
        (3, 3),
        "enhance",
    ),
    (
        "P13",
        "Lokaty wolnych środków",
        "financial",
        "Wyższe oprocentowanie",
        "Przychody z odsetek",
        "Dodatkowe dochody",
        (4, 2),
        (4, 2),
        "accept",
    ),
    (
        "P14",
        "Praca zdalna dla części stanowisk",
        "personnel",
        "Regulamin pracy zdalnej",
        "Elastyczne zatrudnienie",
        "Łatwiejsza rekrutacja",
        (3, 3),
        (3, 4),
        "enhance",
    ),
    (
        "P15",
        "Chmura rządowa dla kopii zapasowych",
        "information",
        "Oferta COI",
        "Kopie poza urzędem",
        "Odporność na ransomware",
        (3, 4),
        (3, 4),
        "exploit",
    ),
    (
        "P01",
        "Wspólny rejestr ryzyk z kontrolą zarządczą",
        "strategic",
        "Wymogi art. 68 ufp",
        "Jeden rejestr",
        "Mniej pracy, spójne dane",
        (4, 2),
        (4, 3),
        "exploit",
    ),
]

# The one risk left above its accepted level with no treatment (readiness 6.1 is red).
UNTREATED = "Kary umowne nie są naliczane"


def load(ctx) -> None:
    if Risk.objects.exists():
        return
    quality = ctx.users["quality"]
    today = timezone.localdate()
    year_ago = today - timedelta(days=300)
    processes = {p.code: p for p in Process.objects.select_related("owner_unit", "owner")}
    climate = list(ContextIssue.objects.filter(category="environmental"))
    made: list[Risk] = []
    specs = [(*spec, "reduce", "risk") for spec in RISKS] + [
        (*spec[:8], spec[8], "opportunity") for spec in OPPORTUNITIES
    ]
    for index, (
        code,
        title,
        category,
        cause,
        event,
        effect,
        inherent,
        residual,
        response,
        kind,
    ) in enumerate(specs):
        process = processes[code]
        owner = process.owner or quality
        # A year ago the residual level was one step worse for most risks: the
        # treatments since brought it to today's (the heat map's movement).
        worse = (min(residual[0] + 1, 5), residual[1])
        first = (
            worse if index % 3 and worse[0] * worse[1] <= inherent[0] * inherent[1] else residual
        )
        if kind == "opportunity":
            first = (max(residual[0] - 1, 1), residual[1])
        risk = services.create_risk(
            actor=quality,
            title=title,
            kind=kind,
            category=category,
            cause=cause,
            event=event,
            effect=effect,
            process=process,
            org_unit=process.owner_unit,
            owner=owner,
            inherent_likelihood=inherent[0],
            inherent_impact=inherent[1],
            residual_likelihood=first[0],
            residual_impact=first[1],
            residual_reason=""
            if first[0] * first[1] <= inherent[0] * inherent[1]
            else "Szansa rośnie dzięki działaniom",
            response=response,
            review_date=today + timedelta(days=30 + index * 7)
            if index % 10
            else today - timedelta(days=5),
            issues=climate if category == "environment" else [],
            assessed_on=year_ago + timedelta(days=index),
        )
        services.assess_risk(
            actor=owner if owner.is_active else quality,
            risk=risk,
            expected_version=risk.version,
            inherent_likelihood=inherent[0],
            inherent_impact=inherent[1],
            residual_likelihood=residual[0],
            residual_impact=residual[1],
            residual_reason=""
            if residual[0] * residual[1] <= inherent[0] * inherent[1]
            else "Szansa wykorzystana lepiej niż zakładano",
            note="Przegląd roczny rejestru ryzyk.",
            assessed_on=today - timedelta(days=60 - index % 30),
        )
        risk.refresh_from_db()
        made.append(risk)
    _treat(ctx, made, today)
    _changes(ctx, today)


def _changes(ctx, today) -> None:
    """Two changes to the QMS (6.3): the electronic document system carried out, and
    the move of the residents' office planned, with its actions."""
    quality = ctx.users["quality"]
    done = services.plan_change(
        actor=quality,
        title="Wdrożenie elektronicznego zarządzania dokumentacją (EZD)",
        purpose="Elektroniczny obieg spraw i krótsze terminy.",
        consequences="Przejściowo dłuższa obsługa; ryzyko utraty danych przy migracji.",
        integrity="Instrukcja kancelaryjna i procedury P02, P03 zmienione przed uruchomieniem.",
        resources="Serwer, licencje, 3 dni szkoleń na wydział.",
        responsibilities="Referat Informatyki wdraża, sekretarz miasta zatwierdza.",
        org_unit=ctx.units["OR-IT"],
        owner=ctx.units["OR-IT"].head or quality,
        planned_for=today - timedelta(days=120),
    )
    services.update_change(actor=quality, plan=done, expected_version=done.version, status="done")
    planned = services.plan_change(
        actor=quality,
        title="Przeniesienie Biura Obsługi Mieszkańców na parter",
        purpose="Dostępność dla osób z niepełnosprawnościami.",
        consequences="Dwa dni bez obsługi w BOM; zmiana oznakowania.",
        integrity="Karty usług i strona BIP zaktualizowane w dniu przeprowadzki.",
        resources="Remont pomieszczeń, przeniesienie stanowisk.",
        responsibilities="Sekretarz miasta; kierownik BOM.",
        org_unit=ctx.units["BOM"],
        owner=ctx.units["BOM"].head or quality,
        planned_for=today + timedelta(days=60),
    )
    services.add_change_action(
        actor=quality,
        plan=planned,
        title="Aktualizacja kart usług po przeprowadzce",
        owner=planned.owner,
        due_date=today + timedelta(days=65),
    )


STATES = ("open", "in_progress", "closed", "cancelled", "overdue")


def _treat(ctx, risks: list[Risk], today) -> None:
    """A treatment for every risk above its accepted level (but one) and for some
    others, cycling through the states an action takes."""
    quality = ctx.users["quality"]
    treated = [r for r in risks if r.kind == Risk.Kind.RISK and r.title != UNTREATED]
    chosen = [r for r in treated if r.above_appetite] + [
        r for r in treated if not r.above_appetite
    ][:10]
    for index, risk in enumerate(chosen):
        state = STATES[index % len(STATES)]
        due = (
            today - timedelta(days=10) if state == "overdue" else today + timedelta(days=20 + index)
        )
        owner = risk.owner if risk.owner.is_active else quality
        action = services.add_treatment(
            actor=quality,
            risk=risk,
            title=f"Ograniczenie ryzyka: {risk.title}"[:255],
            owner=owner,
            due_date=due,
            description="Działanie z przeglądu rejestru ryzyk.",
            confirmed=True,
            expected_version=None,
        )
        if state == "in_progress":
            core_services.start_action(
                actor=quality, action=action, expected_version=action.version
            )
        elif state == "closed":
            core_services.complete_action(
                actor=quality,
                action=action,
                expected_version=action.version,
                completion_evidence="Wdrożono; potwierdzone w ponownej ocenie ryzyka.",
            )
        elif state == "cancelled":
            core_services.cancel_action(
                actor=quality,
                action=action,
                expected_version=action.version,
                cancel_reason="Zastąpione innym działaniem.",
            )
            # A cancelled treatment does not treat the risk: another one does.
            services.add_treatment(
                actor=quality,
                risk=risk,
                title=f"Nowe działanie: {risk.title}"[:255],
                owner=owner,
                due_date=today + timedelta(days=45),
            )
