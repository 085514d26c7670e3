"""The process map of the demo office “Urząd Miasta Przykładowo” (ISO 9001 4.4).

Sixteen processes with fixed codes P01–P16: other areas' demos look them up
with `Process.objects.get(code=...)`, so the codes, and the order in which the
demos run (processes first among the new areas), must stay. Each process is
owned by the head of its unit, where the unit has one.
"""

from __future__ import annotations

from dataclasses import dataclass

from ratusz.core.models import Clause
from ratusz.processes import services
from ratusz.processes.models import Process


@dataclass(frozen=True)
class Spec:
    code: str
    name: str
    kind: str
    unit: str
    risk: int
    clauses: tuple[str, ...]
    description: str


RESIDENT_SERVICE = ("8.2", "8.5.1", "7.5", "9.1.2")

PROCESSES = [
    Spec(
        "P01",
        "Zarządzanie urzędem i systemem zarządzania jakością",
        Process.Kind.MANAGEMENT,
        "SZJ",
        3,
        ("4.1", "4.4", "5.1", "5.2", "5.3", "6.1", "6.2", "9.3"),
        "Ustalanie polityki jakości, celów i zakresu systemu zarządzania jakością oraz "
        "nadzór nad jego skutecznością. Obejmuje analizę kontekstu, ryzyk i szans oraz "
        "coroczny przegląd zarządzania z udziałem Prezydenta Miasta.",
    ),
    Spec(
        "P02",
        "Obsługa mieszkańców w Biurze Obsługi Mieszkańców",
        Process.Kind.CORE,
        "BOM",
        4,
        (*RESIDENT_SERVICE, "7.4", "8.5.3"),
        "Przyjmowanie wniosków, udzielanie informacji i kierowanie spraw do właściwych "
        "wydziałów w jednym miejscu. Biuro prowadzi karty usług i zbiera opinie mieszkańców "
        "o jakości obsługi.",
    ),
    Spec(
        "P03",
        "Dowody osobiste i ewidencja ludności",
        Process.Kind.CORE,
        "SO",
        4,
        (*RESIDENT_SERVICE, "8.5.2", "8.5.3"),
        "Wydawanie dowodów osobistych, zameldowania i wymeldowania oraz udostępnianie "
        "danych z rejestru PESEL. Proces wymaga szczególnej ochrony danych osobowych "
        "i dotrzymania terminów KPA.",
    ),
    Spec(
        "P04",
        "Rejestracja stanu cywilnego",
        Process.Kind.CORE,
        "USC",
        3,
        (*RESIDENT_SERVICE, "8.5.2"),
        "Sporządzanie aktów urodzenia, małżeństwa i zgonu, wydawanie odpisów i zaświadczeń "
        "oraz przyjmowanie oświadczeń o wstąpieniu w związek małżeński.",
    ),
    Spec(
        "P05",
        "Rejestracja pojazdów i prawa jazdy",
        Process.Kind.CORE,
        "KM",
        5,
        (*RESIDENT_SERVICE, "8.5.3", "8.7"),
        "Rejestracja i wyrejestrowanie pojazdów, wydawanie praw jazdy i zezwoleń. "
        "Największa liczba spraw w urzędzie i najdłuższe kolejki, dlatego proces ma "
        "najwyższy priorytet w programie auditów.",
    ),
    Spec(
        "P06",
        "Podatki i opłaty lokalne",
        Process.Kind.CORE,
        "PO",
        4,
        (*RESIDENT_SERVICE, "8.7"),
        "Wymiar i pobór podatku od nieruchomości, rolnego, leśnego i od środków transportowych "
        "oraz opłat lokalnych, w tym ulgi i umorzenia. Błąd w decyzji wymiarowej dotyka "
        "tysięcy podatników naraz.",
    ),
    Spec(
        "P07",
        "Pozwolenia na budowę i sprawy architektoniczne",
        Process.Kind.CORE,
        "AB",
        5,
        (*RESIDENT_SERVICE, "8.7"),
        "Wydawanie pozwoleń na budowę i rozbiórkę, przyjmowanie zgłoszeń robót oraz "
        "decyzji o warunkach zabudowy. Terminy ustawowe są krótkie, a przekroczenie ich "
        "grozi karami.",
    ),
    Spec(
        "P08",
        "Gospodarka nieruchomościami miasta",
        Process.Kind.CORE,
        "GN",
        3,
        ("8.2", "8.5.1", "7.5", "8.4"),
        "Sprzedaż, dzierżawa i najem nieruchomości gminnych, przekształcenia prawa "
        "użytkowania wieczystego oraz prowadzenie ewidencji mienia miasta.",
    ),
    Spec(
        "P09",
        "Przygotowanie i realizacja inwestycji miejskich",
        Process.Kind.CORE,
        "IN",
        5,
        ("8.1", "8.4", "8.5.1", "9.1.1", "9.1.2"),
        "Planowanie, przygotowanie i nadzór nad realizacją inwestycji miejskich z udziałem "
        "wykonawców zewnętrznych. Obejmuje kontrolę harmonogramów, odbiory i naliczanie kar "
        "umownych za opóźnienia.",
    ),
    Spec(
        "P10",
        "Zamówienia publiczne",
        Process.Kind.SUPPORT,
        "ZP",
        5,
        ("8.4", "8.4.1", "8.4.2", "8.4.3", "7.5"),
        "Przygotowanie i prowadzenie postępowań o udzielenie zamówień publicznych zgodnie "
        "z ustawą Prawo zamówień publicznych oraz ocena wykonawców po realizacji umów.",
    ),
    Spec(
        "P11",
        "Ochrona środowiska",
        Process.Kind.CORE,
        "OS",
        2,
        ("8.2", "8.5.1", "7.5", "9.1.2"),
        "Wydawanie decyzji środowiskowych i zezwoleń na usunięcie drzew, gospodarka odpadami "
        "oraz edukacja ekologiczna mieszkańców.",
    ),
    Spec(
        "P12",
        "Edukacja i sprawy oświatowe",
        Process.Kind.CORE,
        "ED",
        2,
        ("8.2", "8.5.1", "7.5", "9.1.2"),
        "Prowadzenie spraw szkół i przedszkoli miejskich, rekrutacji, dowozu uczniów "
        "i stypendiów. Wydział współpracuje z dyrektorami placówek.",
    ),
    Spec(
        "P13",
        "Budżet i finanse miasta",
        Process.Kind.SUPPORT,
        "FN",
        3,
        ("7.1.1", "7.5", "9.1.3"),
        "Planowanie i wykonanie budżetu miasta, rachunkowość oraz sprawozdawczość "
        "finansowa. Zapewnia zasoby finansowe pozostałym procesom.",
    ),
    Spec(
        "P14",
        "Kadry i rozwój kompetencji",
        Process.Kind.SUPPORT,
        "OR-KD",
        2,
        ("7.1.2", "7.2", "7.3"),
        "Nabór pracowników, ocena okresowa, szkolenia i planowanie rozwoju kompetencji "
        "kadry urzędu.",
    ),
    Spec(
        "P15",
        "Informatyka i bezpieczeństwo informacji",
        Process.Kind.SUPPORT,
        "OR-IT",
        3,
        ("7.1.3", "7.1.4", "7.5.3"),
        "Utrzymanie infrastruktury teleinformatycznej, systemów dziedzinowych i kopii "
        "zapasowych oraz nadzór nad bezpieczeństwem informacji.",
    ),
    Spec(
        "P16",
        "Audyt wewnętrzny i doskonalenie",
        Process.Kind.MANAGEMENT,
        "AW",
        2,
        ("9.2", "10.1", "10.2", "10.3"),
        "Planowanie i prowadzenie auditów wewnętrznych, nadzór nad niezgodnościami "
        "i działaniami korygującymi oraz zbieranie pomysłów na doskonalenie.",
    ),
]


# Inputs and outputs of each process (4.4.1 a), and the processes each feeds: the
# interactions the process map draws.
IO = {
    "P01": (
        "Wyniki monitorowania i auditów\nPotrzeby mieszkańców",
        "Polityka i cele jakości\nDecyzje przeglądu zarządzania",
    ),
    "P02": (
        "Wnioski i pytania mieszkańców",
        "Sprawy skierowane do wydziałów\nInformacja dla mieszkańca",
    ),
    "P03": ("Wnioski o dowód osobisty i meldunek", "Dowody osobiste\nZaświadczenia"),
    "P04": ("Zgłoszenia urodzeń, małżeństw i zgonów", "Akty stanu cywilnego"),
    "P05": ("Wnioski o rejestrację pojazdu i prawo jazdy", "Dowody rejestracyjne\nPrawa jazdy"),
    "P06": ("Deklaracje podatkowe", "Decyzje podatkowe\nWpływy do budżetu"),
    "P07": ("Wnioski o pozwolenie na budowę", "Decyzje o pozwoleniu na budowę"),
    "P08": ("Wnioski o nabycie i dzierżawę nieruchomości", "Umowy i decyzje"),
    "P09": ("Plan inwestycyjny i budżet", "Oddane inwestycje"),
    "P10": ("Zapotrzebowania wydziałów", "Umowy z wykonawcami"),
    "P11": ("Wnioski i zgłoszenia środowiskowe", "Decyzje środowiskowe"),
    "P12": ("Potrzeby szkół i rekrutacja", "Organizacja sieci szkół"),
    "P13": ("Plany finansowe wydziałów", "Budżet miasta\nSprawozdania"),
    "P14": ("Potrzeby kadrowe wydziałów", "Kompetentni pracownicy"),
    "P15": ("Potrzeby informatyczne", "Działające systemy\nBezpieczne dane"),
    "P16": ("Program auditów\nZgłoszenia niezgodności", "Raporty z auditów\nDziałania korygujące"),
}
FEEDS = {
    "P01": ("P02", "P13", "P14", "P16"),
    "P02": ("P03", "P04", "P05", "P06", "P07", "P08", "P11", "P12"),
    "P06": ("P13",),
    "P09": ("P10", "P13"),
    "P10": ("P09",),
    "P13": ("P09", "P01"),
    "P14": ("P02", "P03"),
    "P15": ("P02", "P03", "P05", "P06"),
    "P16": ("P01",),
}


def load(ctx) -> None:
    numbers = {number for spec in PROCESSES for number in spec.clauses}
    clauses = {
        c.number: c
        for c in Clause.objects.filter(standard="ISO 9001", edition="2015", number__in=numbers)
    }
    missing = numbers - set(clauses)
    if missing:
        raise LookupError(f"ISO 9001:2015 clauses missing from the registry: {sorted(missing)}")
    quality = ctx.users["quality"]
    for spec in PROCESSES:
        if Process.objects.filter(code=spec.code).exists():
            continue
        unit = ctx.units[spec.unit]
        services.create_process(
            actor=quality,
            code=spec.code,
            name=spec.name,
            kind=spec.kind,
            owner_unit=unit,
            owner=unit.head,
            risk=spec.risk,
            description=spec.description,
            clauses=[clauses[number] for number in spec.clauses],
            inputs=IO.get(spec.code, ("", ""))[0],
            outputs=IO.get(spec.code, ("", ""))[1],
        )
    by_code = {p.code: p for p in Process.objects.filter(code__in=[s.code for s in PROCESSES])}
    for code, targets in FEEDS.items():
        source = by_code.get(code)
        if source is None or source.feeds.exists():
            continue
        services.update_process(
            actor=quality,
            process=source,
            expected_version=None,
            feeds=[by_code[t] for t in targets if t in by_code],
        )
