"""The question sets the office starts from: the office's own, editable text.

The management-control questions follow the five groups of the Minister of
Finance's standards of management control for the public finance sector
(komunikat nr 23 Ministra Finansów z 16 grudnia 2009 r.): A internal
environment, B objectives and risk management, C control mechanisms,
D information and communication, E monitoring and assessment. The wording is
written for a city office and is not quoted from any publication.

The ISO 18091 areas follow the four quadrants under which the standard is
publicly described; the indicators under them are the office's own list and
must be checked against the text of the standard the office holds.
Each row: (group, audience, text). The first year's questionnaire copies these;
later years copy the previous year's (edited) questions.
"""

from __future__ import annotations

CONTROL_GROUPS = {
    "A": "A. Środowisko wewnętrzne",
    "B": "B. Cele i zarządzanie ryzykiem",
    "C": "C. Mechanizmy kontroli",
    "D": "D. Informacja i komunikacja",
    "E": "E. Monitorowanie i ocena",
}

CONTROL = [
    ("A", "all", "Znam zasady etyczne obowiązujące w urzędzie i wiem, gdzie je znaleźć."),
    ("A", "all", "Mój zakres obowiązków jest aktualny i opisuje to, co faktycznie robię."),
    ("A", "staff", "W ostatnim roku miałem(-am) możliwość podnoszenia kwalifikacji."),
    ("A", "managers", "Pracownicy mojej komórki mają aktualne zakresy czynności i uprawnienia."),
    ("B", "all", "Znam cele mojej komórki organizacyjnej na ten rok."),
    ("B", "all", "Wiem, jakie ryzyka mogą przeszkodzić w realizacji zadań mojej komórki."),
    ("B", "managers", "Ryzyka mojej komórki zostały w tym roku zidentyfikowane i ocenione."),
    ("C", "all", "Procedury, według których pracuję, są aktualne i dostępne."),
    ("C", "all", "W czasie mojej nieobecności zadania przejmuje wyznaczona osoba."),
    ("C", "managers", "Dostęp do systemów informatycznych jest nadawany i odbierany na wniosek."),
    ("D", "all", "Otrzymuję na czas informacje potrzebne do wykonywania zadań."),
    ("D", "staff", "Mogę zgłosić przełożonemu nieprawidłowości bez obaw o konsekwencje."),
    ("D", "managers", "Komórka ma ustalony sposób przekazywania informacji pracownikom."),
    ("E", "all", "Wnioski z kontroli i audytów są omawiane w mojej komórce."),
    ("E", "managers", "W tym roku oceniłem(-am) działanie kontroli zarządczej w mojej komórce."),
]

ISO18091_GROUPS = {
    "1": "1. Rozwój instytucjonalny na rzecz dobrego rządzenia",
    "2": "2. Zrównoważony rozwój gospodarczy",
    "3": "3. Włączający rozwój społeczny",
    "4": "4. Zrównoważony rozwój środowiskowy",
}

ISO18091 = [
    ("1", "all", "Urząd ma aktualny plan strategiczny przyjęty przez radę."),
    ("1", "all", "Budżet i sprawozdania finansowe są publikowane w zrozumiałej formie."),
    ("1", "all", "Mieszkańcy mogą załatwić najczęstsze sprawy elektronicznie."),
    ("1", "all", "Skargi i wnioski są rozpatrywane w terminie, a wyniki analizowane."),
    ("2", "all", "Gmina prowadzi działania wspierające lokalnych przedsiębiorców."),
    ("2", "all", "Gmina zna i monitoruje poziom bezrobocia na swoim terenie."),
    ("3", "all", "Usługi urzędu są dostępne dla osób z niepełnosprawnościami."),
    ("3", "all", "Gmina ma program wsparcia dla osób zagrożonych wykluczeniem."),
    ("4", "all", "Gmina monitoruje jakość powietrza i informuje o niej mieszkańców."),
    ("4", "all", "Poziom selektywnej zbiórki odpadów jest mierzony i poprawia się."),
]


def groups(kind: str) -> dict[str, str]:
    return ISO18091_GROUPS if kind == "iso18091" else CONTROL_GROUPS


def questions(kind: str) -> list[tuple[str, str, str]]:
    return ISO18091 if kind == "iso18091" else CONTROL
