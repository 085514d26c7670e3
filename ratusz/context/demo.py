"""The demo office's context: 20 issues (climate change relevant for the streets
that flood), 12 interested parties with their requirements, a review last spring."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from ratusz.context import services
from ratusz.context.models import ContextIssue

# title, kind, category, effect on the QMS, source, owner's unit, days to next review
ISSUES = [
    (
        "Zmiany w Kodeksie postępowania administracyjnego",
        "external",
        "legal",
        "Procedury i karty usług trzeba aktualizować po każdej nowelizacji.",
        "Dziennik Ustaw",
        "SEK",
        120,
    ),
    (
        "Cyfryzacja usług (e-Urząd, ePUAP, mObywatel)",
        "external",
        "technological",
        "Rośnie udział wniosków elektronicznych; procesy obsługi muszą je przyjmować.",
        "Ministerstwo Cyfryzacji",
        "OR-IT",
        90,
    ),
    (
        "Ograniczenia budżetu miasta",
        "external",
        "economic",
        "Mniej środków na szkolenia i inwestycje; priorytety w planie działań.",
        "Uchwała budżetowa",
        "SKA",
        200,
    ),
    (
        "Starzenie się mieszkańców",
        "external",
        "social",
        "Więcej spraw załatwianych osobiście, potrzeba dostępności i pomocy przy wnioskach.",
        "GUS, diagnoza społeczna",
        "BOM",
        300,
    ),
    (
        "Wybory samorządowe i zmiana priorytetów rady",
        "external",
        "political",
        "Nowe cele strategiczne mogą zmienić cele jakości.",
        "Kalendarz wyborczy",
        "PM",
        250,
    ),
    (
        "Zmiana klimatu: podtopienia ulic nadrzecznych",
        "external",
        "environmental",
        "Ulewy zalewają ul. Nadrzeczną, Łąkową i Młyńską; awarie i wnioski o odszkodowania, prace inwestycyjne opóźnione.",
        "Miejski plan adaptacji do zmian klimatu",
        "OS",
        150,
    ),
    (
        "Fale upałów latem",
        "external",
        "environmental",
        "Obsługa klientów w BOM w upale; ryzyko przerw w pracy.",
        "IMGW",
        "OS",
        150,
    ),
    (
        "Wymogi dostępności cyfrowej",
        "external",
        "legal",
        "Strona i dokumenty muszą spełniać WCAG 2.1 AA.",
        "Ustawa o dostępności cyfrowej",
        "OR-IT",
        180,
    ),
    (
        "Rynek wykonawców robót budowlanych",
        "external",
        "economic",
        "Mało ofert w przetargach, rosnące ceny, opóźnienia inwestycji.",
        "Biuro Zamówień Publicznych",
        "ZP",
        100,
    ),
    (
        "Cyberzagrożenia (phishing, ransomware)",
        "external",
        "technological",
        "Ryzyko utraty danych mieszkańców i przerw w obsłudze.",
        "CERT Polska",
        "OR-IT",
        60,
    ),
    (
        "Oczekiwania mieszkańców co do terminów",
        "external",
        "social",
        "Skargi na opóźnienia w sprawach budowlanych.",
        "Rejestr skarg i wniosków",
        "AB",
        90,
    ),
    (
        "RODO i ochrona danych osobowych",
        "external",
        "legal",
        "Każdy proces przetwarzający dane musi mieć podstawę i okres retencji.",
        "Inspektor ochrony danych",
        "OR",
        200,
    ),
    (
        "Doświadczona kadra w wydziałach merytorycznych",
        "internal",
        "strength",
        "Krótki czas wdrożenia nowych procedur.",
        "Przegląd kadrowy",
        "OR-KD",
        300,
    ),
    (
        "Rotacja pracowników w BOM",
        "internal",
        "weakness",
        "Nowe osoby popełniają błędy w przyjmowaniu wniosków.",
        "Referat Kadr",
        "OR-KD",
        120,
    ),
    (
        "Przestarzały system dziedzinowy podatków",
        "internal",
        "weakness",
        "Ręczne obejścia i ryzyko błędów naliczeń.",
        "Wydział Podatków i Opłat",
        "PO",
        150,
    ),
    (
        "Certyfikat ISO 9001 od 2002 roku",
        "internal",
        "strength",
        "Utrwalona kultura jakości, regularne audyty.",
        "Certyfikat UDT-CERT",
        "SZJ",
        330,
    ),
    (
        "Środki unijne na termomodernizację",
        "external",
        "opportunity",
        "Szansa na poprawę warunków obsługi i obniżenie kosztów.",
        "Regionalny program operacyjny",
        "IN",
        180,
    ),
    (
        "Współpraca z organizacjami pozarządowymi",
        "external",
        "opportunity",
        "Konsultacje społeczne i lepsze rozpoznanie potrzeb.",
        "Program współpracy z NGO",
        "SEK",
        240,
    ),
    (
        "Zależność od jednego dostawcy systemu EZD",
        "internal",
        "threat",
        "Awaria lub koniec wsparcia wstrzymuje obieg dokumentów.",
        "Umowa serwisowa",
        "OR-IT",
        45,
    ),
    (
        "Zaległe przeglądy dokumentacji SZJ",
        "internal",
        "weakness",
        "Nieaktualne procedury grożą niezgodnością w audycie.",
        "Audyt wewnętrzny",
        "SZJ",
        -20,
    ),
]

# name, kind, owner's unit, description, [(requirement, monitoring, review)]
PARTIES = [
    (
        "Mieszkańcy",
        "external",
        "BOM",
        "Osoby załatwiające sprawy w urzędzie.",
        [
            (
                "Sprawy załatwione w terminach KPA.",
                "Rejestr spraw, terminowość miesięcznie.",
                "Przegląd zarządzania raz w roku.",
            ),
            (
                "Uprzejma i dostępna obsługa.",
                "Ankieta satysfakcji, skargi.",
                "Przegląd zarządzania raz w roku.",
            ),
        ],
    ),
    (
        "Rada Miasta",
        "external",
        "SEK",
        "Organ stanowiący gminy.",
        [
            (
                "Realizacja uchwał i budżetu.",
                "Sprawozdania z wykonania uchwał.",
                "Sesja absolutoryjna.",
            ),
        ],
    ),
    (
        "Wojewoda (nadzór prawny)",
        "external",
        "SEK",
        "Organ nadzoru nad legalnością działań.",
        [
            (
                "Zgodność aktów z prawem.",
                "Rozstrzygnięcia nadzorcze.",
                "Kwartalnie przez radców prawnych.",
            ),
        ],
    ),
    (
        "Regionalna Izba Obrachunkowa",
        "external",
        "SKA",
        "Kontrola gospodarki finansowej.",
        [
            ("Prawidłowa gospodarka finansowa.", "Wyniki kontroli RIO.", "Po każdej kontroli."),
        ],
    ),
    (
        "Przedsiębiorcy",
        "external",
        "PO",
        "Podatnicy i wnioskodawcy.",
        [
            (
                "Sprawne wydawanie decyzji i zaświadczeń.",
                "Terminowość, skargi.",
                "Przegląd zarządzania.",
            ),
        ],
    ),
    (
        "Wykonawcy i dostawcy",
        "external",
        "ZP",
        "Strony umów zawieranych przez urząd.",
        [
            (
                "Przejrzyste przetargi i terminowe płatności.",
                "Odwołania do KIO, terminy płatności.",
                "Raz w roku przy ocenie dostawców.",
            ),
        ],
    ),
    (
        "Pracownicy urzędu",
        "internal",
        "OR-KD",
        "Kadra urzędu.",
        [
            (
                "Bezpieczne warunki pracy i szkolenia.",
                "Ocena ryzyka zawodowego, plan szkoleń.",
                "Raz w roku.",
            ),
        ],
    ),
    (
        "Związki zawodowe",
        "internal",
        "OR-KD",
        "Reprezentacja pracowników.",
        [
            (
                "Konsultacja regulaminów pracy i wynagradzania.",
                "Protokoły uzgodnień.",
                "Przy każdej zmianie regulaminu.",
            ),
        ],
    ),
    (
        "Jednostka certyfikująca UDT-CERT",
        "external",
        "SZJ",
        "Audytor certyfikujący SZJ.",
        [
            (
                "Spełnianie wymagań ISO 9001 i zasad certyfikacji.",
                "Raporty z audytów zewnętrznych.",
                "Po każdym audycie.",
            ),
        ],
    ),
    (
        "Organizacje pozarządowe",
        "external",
        "SEK",
        "Partnerzy w realizacji zadań publicznych.",
        [
            (
                "Otwarte konkursy i konsultacje.",
                "Sprawozdanie z programu współpracy.",
                "Raz w roku.",
            ),
        ],
    ),
    (
        "Mieszkańcy ulic zagrożonych podtopieniami",
        "external",
        "OS",
        "Mieszkańcy ul. Nadrzecznej, Łąkowej i Młyńskiej.",
        [
            (
                "Ostrzeżenia i szybka reakcja na podtopienia.",
                "Zgłoszenia, czas reakcji służb.",
                "Po każdym zdarzeniu i raz w roku.",
            ),
        ],
    ),
    (
        "Media lokalne",
        "external",
        "SEK",
        "Prasa i portale informacyjne.",
        [
            (
                "Rzetelna i szybka informacja publiczna.",
                "Terminowość odpowiedzi na wnioski o informację.",
                "Raz w roku.",
            ),
        ],
    ),
]


def load(ctx) -> None:
    if ContextIssue.objects.exists():
        return
    quality = ctx.users["quality"]
    today = timezone.localdate()

    def owner(unit_code):
        return ctx.units[unit_code].head or quality

    for title, kind, category, effect, source, unit, days in ISSUES:
        services.create_issue(
            actor=quality,
            title=title,
            kind=kind,
            category=category,
            effect=effect,
            source=source,
            owner=owner(unit),
            review_date=today + timedelta(days=days),
        )
    services.decide_climate_change(
        actor=ctx.users["mayor"],
        relevant=True,
        justification=(
            "Ulewy podtapiają ulice Nadrzeczną, Łąkową i Młyńską: zakłócają usługi, "
            "opóźniają inwestycje i wymagają planu reagowania. Upały wpływają na obsługę w BOM."
        ),
        decided_on=today - timedelta(days=200),
    )
    for index, (name, kind, unit, description, requirements) in enumerate(PARTIES):
        party = services.create_party(
            actor=quality, name=name, kind=kind, owner=owner(unit), description=description
        )
        for text, monitoring, review in requirements:
            party = services.add_requirement(
                actor=quality, party=party, text=text, monitoring=monitoring, review=review
            ).party
        # The last party was not reviewed this year: readiness 4.2 points at it.
        if index < len(PARTIES) - 1:
            services.mark_party_reviewed(
                actor=quality, party=party, reviewed_on=today - timedelta(days=30 + index * 10)
            )
    services.record_context_review(
        actor=quality,
        reviewed_on=today - timedelta(days=90),
        notes="Dodano ryzyko podtopień i fale upałów; zaktualizowano wymagania mieszkańców.",
    )
