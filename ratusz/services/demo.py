"""Public services of the demo office: 60 service cards and three years of cases.

The cases come in as the office's EZD would send them: a CSV export, imported
through the same path as `ratusz import_cases`. Building permits (AB) run late often
enough to fall below their on-time target; so do a few cases of every service, some
with a timely delay notice and some without.
"""

from __future__ import annotations

import io
import random
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from ratusz.services import services
from ratusz.services.models import ServiceCard

# unit code -> (JRWA class, [(service, term, on-time target)])
CARDS = {
    "SO": ("5340", [
        ("Wydanie dowodu osobistego", "1m", 92),
        ("Zameldowanie na pobyt stały", "immediate", 92),
        ("Zameldowanie na pobyt czasowy", "immediate", 92),
        ("Wymeldowanie z pobytu stałego", "1m", 90),
        ("Udostępnienie danych z rejestru PESEL", "1m", 90),
        ("Zaświadczenie o zameldowaniu", "7d", 92),
        ("Zgłoszenie utraty dowodu osobistego", "immediate", 95),
        ("Wpis do rejestru wyborców", "immediate", 95),
        ("Wydanie zaświadczenia z rejestru mieszkańców", "7d", 92),
        ("Zgromadzenie publiczne – zawiadomienie", "immediate", 95),
    ]),
    "USC": ("5360", [
        ("Rejestracja urodzenia", "immediate", 95),
        ("Rejestracja zgonu", "immediate", 95),
        ("Zawarcie małżeństwa – zapewnienie", "1m", 92),
        ("Wydanie odpisu aktu stanu cywilnego", "7d", 92),
        ("Zmiana imienia lub nazwiska", "1m", 90),
        ("Sprostowanie aktu stanu cywilnego", "1m", 90),
        ("Transkrypcja zagranicznego aktu", "1m", 85),
        ("Zaświadczenie o stanie cywilnym", "7d", 92),
        ("Uznanie ojcostwa", "immediate", 92),
        ("Rozwód – wpis wzmianki", "1m", 90),
    ]),
    "KM": ("5430", [
        ("Rejestracja pojazdu", "1m", 92),
        ("Wyrejestrowanie pojazdu", "1m", 90),
        ("Wydanie prawa jazdy", "1m", 90),
        ("Wymiana prawa jazdy", "1m", 90),
        ("Licencja na transport drogowy taksówką", "2m", 85),
        ("Zezwolenie na przewóz osób", "2m", 85),
        ("Czasowe wycofanie pojazdu z ruchu", "14d", 90),
        ("Wtórnik dowodu rejestracyjnego", "14d", 92),
    ]),
    "AB": ("6740", [
        ("Pozwolenie na budowę", "2m", 90),
        ("Zgłoszenie robót budowlanych", "1m", 90),
        ("Pozwolenie na rozbiórkę", "2m", 85),
        ("Warunki zabudowy", "2m", 80),
        ("Decyzja o lokalizacji inwestycji celu publicznego", "2m", 80),
        ("Zmiana sposobu użytkowania obiektu", "1m", 85),
        ("Przeniesienie pozwolenia na budowę", "1m", 90),
        ("Zaświadczenie o samodzielności lokalu", "7d", 92),
    ]),
    "PO": ("3120", [
        ("Podatek od nieruchomości – informacja", "1m", 90),
        ("Ulga w spłacie zobowiązania podatkowego", "2m", 85),
        ("Zaświadczenie o niezaleganiu w podatkach", "7d", 95),
        ("Podatek od środków transportowych", "1m", 90),
        ("Zwrot podatku akcyzowego rolnikom", "1m", 92),
        ("Opłata targowa – zwrot", "1m", 90),
        ("Zaświadczenie o wielkości gospodarstwa rolnego", "7d", 92),
        ("Umorzenie zaległości podatkowej", "2m", 85),
    ]),
    "OS": ("6220", [
        ("Zezwolenie na usunięcie drzewa", "1m", 85),
        ("Zgłoszenie zamiaru usunięcia drzewa", "14d", 92),
        ("Decyzja o środowiskowych uwarunkowaniach", "2m", 80),
        ("Rejestracja zwierząt egzotycznych", "1m", 90),
        ("Karta wędkarska", "1m", 92),
        ("Zezwolenie na odbiór nieczystości ciekłych", "2m", 85),
        ("Zgłoszenie instalacji emitującej pola elektromagnetyczne", "1m", 90),
        ("Decyzja nakazująca usunięcie odpadów", "2m", 80),
    ]),
    "GN": ("6840", [
        ("Podział nieruchomości", "2m", 85),
        ("Przekształcenie prawa użytkowania wieczystego", "2m", 85),
        ("Nadanie numeru porządkowego", "1m", 90),
        ("Zwrot bonifikaty od opłaty przekształceniowej", "1m", 90),
        ("Rozgraniczenie nieruchomości", "2m", 80),
        ("Dzierżawa gruntu gminnego", "2m", 85),
        ("Zaświadczenie o przekształceniu", "7d", 92),
        ("Aktualizacja opłaty rocznej", "1m", 90),
    ]),
}  # fmt: skip
SLOW = {"Pozwolenie na budowę", "Warunki zabudowy"}
# unit code -> (life situation, legal basis, room)
DETAILS = {
    "SO": ("identity", "Ustawa z dnia 6 sierpnia 2010 r. o dowodach osobistych; ustawa z dnia "
           "24 września 2010 r. o ewidencji ludności", "Sala obsługi mieszkańców, stanowiska 1–4"),
    "USC": ("civil_status", "Ustawa z dnia 28 listopada 2014 r. – Prawo o aktach stanu "
            "cywilnego", "Urząd Stanu Cywilnego, pokój 5"),
    "KM": ("transport", "Ustawa z dnia 20 czerwca 1997 r. – Prawo o ruchu drogowym",
           "Wydział Komunikacji, pokój 110"),
    "AB": ("building", "Ustawa z dnia 7 lipca 1994 r. – Prawo budowlane",
           "Wydział Architektury i Budownictwa, pokój 201"),
    "PO": ("taxes", "Ustawa z dnia 12 stycznia 1991 r. o podatkach i opłatach lokalnych; "
           "Ordynacja podatkowa", "Wydział Podatków, pokój 15"),
    "OS": ("environment", "Ustawa z dnia 16 kwietnia 2004 r. o ochronie przyrody",
           "Wydział Ochrony Środowiska, pokój 305"),
    "GN": ("municipal", "Ustawa z dnia 21 sierpnia 1997 r. o gospodarce nieruchomościami",
           "Wydział Gospodarki Nieruchomościami, pokój 210"),
}  # fmt: skip
IN_REVIEW = {"Przeniesienie pozwolenia na budowę", "Aktualizacja opłaty rocznej"}
WITHDRAWN = {"Zgromadzenie publiczne – zawiadomienie"}
GDPR = (
    "Administratorem danych osobowych jest Burmistrz. Dane są przetwarzane w celu "
    "załatwienia sprawy (art. 6 ust. 1 lit. c i e RODO) przez okres wynikający z przepisów "
    "o archiwach. Kontakt z inspektorem ochrony danych: iod@urzad.example."
)


def _details(code: str, name: str, term: str) -> dict:
    topic, basis, room = DETAILS[code]
    certificate = name.startswith("Zaświadczenie")
    return {
        "topic": topic,
        "term": term,
        "outcome": "Zaświadczenie"
        if certificate
        else "Decyzja administracyjna lub czynność urzędowa",
        "who_may_apply": "Osoba, której sprawa dotyczy, lub jej pełnomocnik.",
        "legal_basis": basis,
        "required_documents": "Wniosek (formularz do pobrania lub w urzędzie)\n"
        "Dokument tożsamości do wglądu\nPełnomocnictwo, jeśli wniosek składa pełnomocnik",
        "fees": "17 zł opłaty skarbowej, na rachunek urzędu 12 3456 7890 0000 0000 1234 5678; "
        "zwolnione: sprawy z zakresu pomocy społecznej."
        if certificate
        else "Bez opłat.",
        "where_to_apply": f"{room}; poniedziałek 8:00–17:00, wtorek–piątek 8:00–16:00; "
        "pocztą lub przez ePUAP.",
        "epuap_url": "https://epuap.gov.pl/",
        "appeal": ""
        if certificate
        else "Odwołanie do Samorządowego Kolegium Odwoławczego, "
        "za pośrednictwem urzędu, w terminie 14 dni od doręczenia decyzji.",
        "contact": "tel. 22 123 45 67, urzad@urzad.example",
        "gdpr_clause": GDPR,
        "is_published": name not in IN_REVIEW and name not in WITHDRAWN,
        "is_active": name not in WITHDRAWN,
    }


CASES_PER_YEAR = 10_000
YEARS = 3
ALLOWED_DAYS = {"immediate": 0, "7d": 7, "14d": 14, "1m": 30, "2m": 60}


def load(ctx) -> None:
    if ServiceCard.objects.exists():
        return
    quality = ctx.users["quality"]
    cards = []  # (number, unit, jrwa, term, slow)
    for code, (jrwa, specs) in CARDS.items():
        for n, (name, term, target) in enumerate(specs, start=1):
            number = f"KU-{code}-{n:02d}"
            services.create_card(
                actor=quality,
                number=number,
                name=name,
                org_unit=ctx.units[code],
                on_time_target=Decimal(target),
                **_details(code, name, term),
            )
            cards.append((number, code, jrwa, term, name in SLOW))
    today = timezone.localdate()
    rng = random.Random(2026)
    lines = ["case_sign;jrwa;service;unit;started_on;closed_on;term;suspended_days;"
             "delay_notice_on;outcome"]  # fmt: skip
    span = 365 * YEARS
    for n in range(CASES_PER_YEAR * YEARS):
        number, unit, jrwa, term, slow = rng.choice(cards)
        started = today - timedelta(days=rng.randrange(span))
        allowed = ALLOWED_DAYS[term]
        suspended = rng.choice((0, 0, 0, 0, 0, 7, 14)) if allowed >= 30 else 0
        roll = rng.random()
        notice = None
        if roll < (0.70 if slow else 0.975):
            taken = rng.randrange(allowed + 1)
        elif roll < (0.85 if slow else 0.99):
            taken = allowed + suspended + rng.randrange(3, 30)
            notice = started + timedelta(days=max(allowed - 3, 0))
        else:
            taken = allowed + suspended + rng.randrange(3, 45)
        closed = started + timedelta(days=taken + suspended)
        open_case = closed > today
        lines.append(
            ";".join(
                (
                    f"{jrwa}.{started.year}.{n + 1}",
                    jrwa,
                    number,
                    unit,
                    started.isoformat(),
                    "" if open_case else closed.isoformat(),
                    term,
                    str(suspended),
                    "" if open_case or notice is None else notice.isoformat(),
                    "" if open_case else rng.choice(("decyzja pozytywna", "wydano", "odmowa")),
                )
            )
        )
    record = services.start_import(actor=quality, file_name="ezd-eksport-demo.csv")
    data = io.BytesIO(("\n".join(lines) + "\n").encode("utf-8"))
    services.run_import(record=record, stream=data, today=today)
