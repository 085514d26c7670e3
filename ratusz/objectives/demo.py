"""Demo quality objectives of “Urząd Miasta Przykładowo” for 2026.

Eight objectives, office-wide and of units, with fifteen KPIs measured since
January 2024: three computed from the demo's nonconformities, document reviews
and audit programme, the others entered by hand with their evidence notes. One
objective still awaits the mayor's approval, and one KPI's measurements are
late, so the dashboard and the readiness view have something to show.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone

from ratusz.core.audit import record_created
from ratusz.documents.models import Document
from ratusz.lib import periods
from ratusz.objectives import services
from ratusz.objectives.models import Measurement, Objective
from ratusz.processes.models import Process

YEAR = 2026
SINCE = date(2024, 1, 1)


@dataclass
class KpiSpec:
    name: str
    unit: str
    target: str
    warning: str
    frequency: str = periods.MONTHLY
    higher_is_better: bool = True
    source: str = ""
    start: float = 0  # the first value by hand; values then move towards the target
    late_periods: int = 0  # the latest periods left unmeasured


@dataclass
class ObjectiveSpec:
    title: str
    unit: str | None  # None: the whole office
    processes: tuple[str, ...]
    description: str
    resources: str
    evaluation: str
    kpis: tuple[KpiSpec, ...]
    approved: bool = True


OBJECTIVES = [
    ObjectiveSpec(
        "Niezgodności usuwane w terminie, dokumenty przeglądane na czas",
        None,
        ("P01",),
        "Każda niezgodność zamknięta w wyznaczonym terminie; każdy dokument systemu "
        "przeglądany zgodnie z harmonogramem.",
        "Czas pracy Pełnomocnika i kierowników komórek; przypomnienia w Ratuszu.",
        "Pełnomocnik co miesiąc na podstawie rejestru niezgodności i rejestru dokumentów; "
        "wynik roczny na przeglądzie zarządzania.",
        (
            KpiSpec(
                "Niezgodności zamknięte w terminie",
                "%",
                "90",
                "75",
                source="improvement.nc_on_time",
            ),
            KpiSpec(
                "Dokumenty przejrzane w terminie",
                "%",
                "95",
                "85",
                frequency=periods.QUARTERLY,
                source="documents.reviewed_on_time",
            ),
        ),
    ),
    ObjectiveSpec(
        "Pełna realizacja programu auditów wewnętrznych",
        None,
        ("P01",),
        "Wszystkie audity zaplanowane w programie przeprowadzone w zaplanowanym miesiącu.",
        "Zespół audytorów wewnętrznych (6 osób), 20 dni audytowych w roku.",
        "Audytor wewnętrzny co kwartał; Prezydent na przeglądzie zarządzania.",
        (
            KpiSpec(
                "Wykonanie programu auditów",
                "%",
                "100",
                "80",
                frequency=periods.QUARTERLY,
                source="audits.programme_done",
            ),
        ),
    ),
    ObjectiveSpec(
        "Krótszy czas obsługi w Biurze Obsługi Mieszkańców",
        "BOM",
        ("P02",),
        "Średni czas oczekiwania poniżej 10 minut, większość spraw załatwiona od ręki, "
        "mieszkańcy zadowoleni z obsługi.",
        "System kolejkowy, dodatkowe stanowisko w godzinach szczytu, szkolenie z obsługi klienta.",
        "Kierownik BOM co miesiąc z raportu systemu kolejkowego i ankiet.",
        (
            KpiSpec("Średni czas oczekiwania", "min", "10", "15", higher_is_better=False, start=18),
            KpiSpec("Sprawy załatwione od ręki", "%", "80", "70", start=66),
            KpiSpec(
                "Zadowoleni z obsługi (ankieta)",
                "%",
                "90",
                "85",
                frequency=periods.QUARTERLY,
                start=84,
            ),
        ),
    ),
    ObjectiveSpec(
        "Dowody osobiste wydawane bez zwłoki",
        "SO",
        ("P03",),
        "Dowody osobiste gotowe do odbioru w ciągu 30 dni od złożenia wniosku.",
        "Dwa stanowiska przyjmowania wniosków, kontakt z Centrum Personalizacji Dokumentów.",
        "Naczelnik Wydziału Spraw Obywatelskich co miesiąc z Rejestru Dowodów Osobistych.",
        (
            KpiSpec("Dowody wydane w ciągu 30 dni", "%", "98", "95", start=93),
            KpiSpec(
                "Skargi na obsługę",
                "liczba",
                "2",
                "4",
                frequency=periods.QUARTERLY,
                higher_is_better=False,
                start=6,
            ),
        ),
    ),
    ObjectiveSpec(
        "Rejestracja pojazdów bez kolejek",
        "KM",
        ("P05",),
        "Większość wizyt umawiana przez internet, rejestracja w ciągu 3 dni.",
        "Moduł rezerwacji wizyt, jedno dodatkowe stanowisko.",
        "Naczelnik Wydziału Komunikacji co miesiąc z systemu rezerwacji i CEPiK.",
        (
            KpiSpec("Wizyty umówione przez internet", "%", "60", "50", start=35),
            KpiSpec(
                "Średni czas rejestracji pojazdu",
                "dni",
                "3",
                "5",
                higher_is_better=False,
                start=7,
                late_periods=3,
            ),
        ),
    ),
    ObjectiveSpec(
        "Terminowe decyzje podatkowe",
        "PO",
        ("P06",),
        "Decyzje wymiarowe podatku od nieruchomości doręczone w terminie.",
        "Aktualizacja systemu podatkowego, współpraca z Wydziałem Organizacyjnym.",
        "Naczelnik Wydziału Podatków i Opłat co miesiąc z systemu podatkowego.",
        (KpiSpec("Decyzje wydane w terminie", "%", "97", "93", start=91),),
    ),
    ObjectiveSpec(
        "Zamówienia publiczne bez odwołań i z egzekwowanymi karami",
        "ZP",
        ("P10",),
        "Postępowania prowadzone bez skutecznych odwołań; kary umowne za zwłokę naliczane "
        "zawsze, gdy wykonawca odpowiada za opóźnienie.",
        "Szkolenie z Prawa zamówień publicznych, wzory umów z karami umownymi.",
        "Kierownik Biura Zamówień Publicznych co kwartał; raz w roku Skarbnik.",
        (
            KpiSpec(
                "Postępowania bez uwzględnionych odwołań",
                "%",
                "95",
                "90",
                frequency=periods.QUARTERLY,
                start=88,
            ),
            KpiSpec(
                "Kary umowne naliczone, gdy należne",
                "%",
                "100",
                "90",
                frequency=periods.YEARLY,
                start=60,
            ),
        ),
    ),
    ObjectiveSpec(
        "Kompetentni pracownicy i więcej e-usług",
        "OR",
        ("P14", "P15"),
        "Każdy pracownik przeszkolony zgodnie z planem; coraz więcej usług dostępnych "
        "elektronicznie.",
        "Budżet szkoleniowy, Referat Informatyki.",
        "Naczelnik Wydziału Organizacyjnego: szkolenia raz w roku, e-usługi co kwartał.",
        (
            KpiSpec(
                "Pracownicy przeszkoleni zgodnie z planem",
                "%",
                "90",
                "80",
                frequency=periods.YEARLY,
                start=78,
            ),
            KpiSpec(
                "Usługi dostępne elektronicznie",
                "%",
                "70",
                "60",
                frequency=periods.QUARTERLY,
                start=45,
            ),
        ),
        approved=False,
    ),
]


def _value(spec: KpiSpec, index: int, count: int) -> Decimal:
    """From `start` towards just past the target, with a seasonal swing."""
    target = float(spec.target)
    share = index / max(count - 1, 1)
    beyond = 1.03 if spec.higher_is_better else 0.9
    value = spec.start + (target * beyond - spec.start) * share
    value += math.sin(index * 1.3) * abs(target - spec.start) * 0.15
    if spec.unit == "%":
        value = min(value, 100.0)
    return Decimal(str(round(max(value, 0), 1)))


def _measure(kpi, spec: KpiSpec, actor, today: date) -> int:
    starts = periods.due_periods(kpi.frequency, kpi.measured_from, today, set())
    if spec.late_periods:
        starts = starts[: -spec.late_periods]
    rows = [
        Measurement(
            kpi=kpi,
            period_start=start,
            value=_value(spec, i, len(starts)),
            note="Zestawienie z systemu dziedzinowego, podpisane przez kierownika komórki.",
            entered_by=actor,
        )
        for i, start in enumerate(starts)
    ]
    # The analysis of the periods that missed their target (9.1.3).
    for m in rows:
        if kpi.standing(m.value) == periods.MISSED:
            m.analysis = (
                "Wynik poniżej progu ostrzegawczego: nieobsadzone stanowisko i urlopy. "
                "Kierownik zlecił działanie korygujące."
            )
    Measurement.objects.bulk_create(rows)
    record_created(rows)
    return len(rows)


def load(ctx) -> None:
    if Objective.objects.filter(year=YEAR).exists():
        return
    today = timezone.localdate()
    quality = ctx.users["quality"]
    mayor = ctx.users["mayor"]
    policy = (
        Document.objects.filter(doc_type__code="policy", current_version__isnull=False)
        .order_by("number")
        .first()
    )
    processes = {p.code: p for p in Process.objects.all()}
    for spec in OBJECTIVES:
        unit = ctx.units[spec.unit] if spec.unit else None
        owner = (unit.head if unit else None) or quality
        objective = services.create_objective(
            actor=quality,
            year=YEAR,
            title=spec.title,
            description=spec.description,
            org_unit=unit,
            policy_document=policy,
            processes=[processes[c] for c in spec.processes if c in processes],
            resources=spec.resources,
            owner=owner,
            due_date=date(YEAR, 12, 31),
            evaluation=spec.evaluation,
        )
        for kpi_spec in spec.kpis:
            kpi = services.create_kpi(
                actor=quality,
                objective=objective,
                name=kpi_spec.name,
                unit=kpi_spec.unit,
                target=Decimal(kpi_spec.target),
                warning=Decimal(kpi_spec.warning),
                frequency=kpi_spec.frequency,
                higher_is_better=kpi_spec.higher_is_better,
                measured_from=SINCE,
                owner=owner,
                source=kpi_spec.source,
                processes=list(objective.processes.all()),
            )
            if kpi.is_computed:
                services.compute_due(kpi=kpi, today=today)
            else:
                _measure(kpi, kpi_spec, owner, today)
        if spec.approved:
            services.approve_objective(
                actor=mayor, objective=objective, expected_version=objective.version
            )
