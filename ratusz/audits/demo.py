"""The demo office's internal audits: three years of risk-based programmes,
audits with answered checklists, findings of every grade, nonconformities
progressed through the improvement services, and reports acknowledged.

Built through the services; dates are moved into the past afterwards where a
service stamps "now" (report issue, acknowledgements, findings).
"""

from __future__ import annotations

import itertools
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from ratusz.audits import planning, policies, services
from ratusz.audits.models import (
    Audit,
    AuditorProfile,
    Finding,
    Programme,
    ProgrammeItem,
    ReportAcknowledgement,
)
from ratusz.core import services as core_services
from ratusz.core.models import Action, Clause
from ratusz.improvement import services as improvement
from ratusz.improvement.models import Nonconformity
from ratusz.processes.models import Process

POOL = {
    # username: (training date, training, qualifications, can lead)
    "auditor": (
        date(2019, 10, 14),
        "Auditor wewnętrzny ISO 9001:2015 (szkolenie 3-dniowe, certyfikat)",
        "Prowadzi audity od 2020 r.; doświadczenie w finansach publicznych.",
        True,
    ),
    "aw.olszewski": (
        date(2018, 5, 21),
        "Auditor wiodący ISO 9001:2015 (kurs IRCA)",
        "Audytor wewnętrzny w jednostkach sektora finansów publicznych (CIA).",
        True,
    ),
    "usc.mazur": (
        date(2022, 3, 8),
        "Auditor wewnętrzny ISO 9001:2015",
        "Zastępca Kierownika USC; zna procedury KPA.",
        False,
    ),
    "po.krol": (
        date(2023, 9, 25),
        "Auditor wewnętrzny ISO 9001:2015",
        "Inspektor ds. wymiaru podatków.",
        False,
    ),
}

QUESTIONS = [
    (
        "4.1",
        "Czy urząd określił i monitoruje czynniki zewnętrzne i wewnętrzne istotne dla SZJ?",
        "Analiza kontekstu, data ostatniej aktualizacji, uwzględnienie zmian klimatu.",
    ),
    (
        "4.4",
        "Czy procesy mają właścicieli, wejścia, wyjścia i mierniki?",
        "Mapa procesów, karty procesów.",
    ),
    (
        "5.2",
        "Czy polityka jakości jest zakomunikowana i zrozumiała dla pracowników?",
        "Rozmowy z pracownikami, intranet.",
    ),
    (
        "6.1",
        "Czy ryzyka i szanse procesu są zidentyfikowane i mają działania?",
        "Rejestr ryzyk, działania i ich skuteczność.",
    ),
    (
        "6.2",
        "Czy cele jakości są mierzalne i monitorowane?",
        "Mierniki, wyniki za ostatni kwartał.",
    ),
    (
        "7.2",
        "Czy kompetencje pracowników są określone i potwierdzone?",
        "Zakresy czynności, szkolenia, oceny okresowe.",
    ),
    (
        "7.4",
        "Czy ustalono zasady komunikacji wewnętrznej i zewnętrznej?",
        "Kto, co, kiedy i jak komunikuje.",
    ),
    (
        "7.5",
        "Czy stosowane są aktualne wersje dokumentów?",
        "Porównanie wersji na stanowisku z rejestrem dokumentów.",
    ),
    (
        "7.5",
        "Czy zapisy są chronione i przechowywane zgodnie z JRWA?",
        "Kategorie archiwalne, dostęp do akt.",
    ),
    (
        "8.1",
        "Czy proces jest planowany i nadzorowany zgodnie z procedurą?",
        "Plany, harmonogramy, nadzór kierownika.",
    ),
    (
        "8.2",
        "Czy wymagania mieszkańców są określone w kartach usług?",
        "Aktualność kart usług, opłaty, terminy.",
    ),
    (
        "8.2",
        "Czy wnioski są sprawdzane pod kątem kompletności przed przyjęciem?",
        "Próbka 10 spraw.",
    ),
    (
        "8.4",
        "Czy dostawcy są oceniani według ustalonych kryteriów?",
        "Oceny dostawców, kary umowne.",
    ),
    (
        "8.5.1",
        "Czy sprawy są załatwiane w terminach KPA?",
        "Rejestr spraw, sprawy po terminie, zawiadomienia z art. 36 KPA.",
    ),
    (
        "8.5.1",
        "Czy decyzje zawierają wymagane elementy i pouczenia?",
        "Próbka decyzji z ostatniego kwartału.",
    ),
    ("8.5.2", "Czy sprawy można jednoznacznie zidentyfikować i prześledzić?", "Znaki spraw, EZD."),
    ("8.5.3", "Czy dokumenty i dane mieszkańców są chronione?", "Zabezpieczenie oryginałów, RODO."),
    (
        "8.7",
        "Czy niezgodne wyniki są identyfikowane i nadzorowane?",
        "Rejestr niezgodności, korekty.",
    ),
    (
        "9.1.2",
        "Czy zbierane i analizowane są opinie mieszkańców?",
        "Ankiety, skargi i wnioski, wnioski z analizy.",
    ),
    (
        "9.3",
        "Czy przegląd zarządzania obejmuje wszystkie wymagane dane wejściowe?",
        "Protokół ostatniego przeglądu.",
    ),
    (
        "10.2",
        "Czy działania korygujące usuwają przyczyny niezgodności?",
        "Analiza przyczyn, weryfikacja skuteczności.",
    ),
]

GENERAL_QUESTIONS = [
    "Czy pracownicy znają cele i mierniki procesu?",
    "Czy wyniki procesu są monitorowane i analizowane?",
    "Czy wcześniejsze ustalenia z auditów zostały wyjaśnione?",
    "Czy dokumentacja procesu jest aktualna?",
]

FINDING_TEXTS = {
    "major": (
        "Brak nadzoru nad terminami załatwiania spraw: {n} spraw w próbce załatwiono po "
        "terminie bez zawiadomienia strony (art. 36 KPA).",
        "Rejestr spraw za ostatni kwartał; sprawy wskazane w protokole.",
    ),
    "minor": (
        "Na stanowisku obsługi używano nieaktualnej wersji formularza wniosku.",
        "Formularz w wersji 2 na stanowisku nr {n}; w rejestrze obowiązuje wersja 3.",
    ),
    "observation": (
        "Karta usługi nie wskazuje wprost trybu odwołania; mieszkańcy dopytują w BOM.",
        "Rozmowa z pracownikiem BOM, karta usługi.",
    ),
    "opportunity": (
        "Można wprowadzić internetową rezerwację wizyt, by skrócić kolejki.",
        "Czas oczekiwania w kolejce w poniedziałki przekracza 40 minut.",
    ),
}

GRADE_CYCLE = [
    ("minor", "observation"),
    ("major", "opportunity", "minor"),
    ("observation",),
    ("minor", "opportunity"),
    ("observation", "minor"),
    ("opportunity",),
]


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _pool(ctx) -> dict[str, AuditorProfile]:
    quality = ctx.users["quality"]
    profiles = {}
    for username, (trained, training, qualifications, can_lead) in POOL.items():
        user = ctx.users.get(username)
        if user is None:
            continue
        profiles[username] = services.save_auditor(
            actor=quality,
            user=user,
            trained_on=trained,
            training=training,
            qualifications=qualifications,
            can_lead=can_lead,
        )
    return profiles


def _questions(ctx) -> None:
    quality = ctx.users["quality"]
    clauses = {c.number: c for c in Clause.objects.filter(standard="ISO 9001", edition="2015")}
    for number, text, guidance in QUESTIONS:
        services.create_question_template(
            actor=quality, text=text, guidance=guidance, clause=clauses[number]
        )
    p03 = Process.objects.filter(code="P03").first()
    if p03 is not None:
        services.create_question_template(
            actor=quality,
            text="Czy dowody osobiste są wydawane w ustawowym terminie 30 dni?",
            guidance="Rejestr Dowodów Osobistych, próbka 20 wniosków.",
            process=p03,
        )
    p10 = Process.objects.filter(code="P10").first()
    if p10 is not None:
        services.create_question_template(
            actor=quality,
            text="Czy kary umowne za opóźnienia są naliczane i dochodzone?",
            guidance="Umowy z opóźnionymi etapami, noty obciążeniowe.",
            process=p10,
        )


def _team_for(process: Process, ctx) -> tuple:
    """An independent lead (and team member) for the process: never its own unit."""
    candidates = [ctx.users[u] for u in POOL if u in ctx.users]
    unit = process.owner_unit

    def independent(user):
        return policies.independence_problem(user, units=[unit], process=process) is None

    leads = [u for u in candidates if POOL[u.username][3] and independent(u)]
    members = [u for u in candidates if not POOL[u.username][3] and independent(u)]
    lead = leads[process.pk % len(leads)]
    team = [members[process.pk % len(members)]] if members else []
    return lead, team


class _Counter:
    def __init__(self) -> None:
        self.grades = itertools.cycle(GRADE_CYCLE)
        self.n = 0


def _run_audit(ctx, item: ProgrammeItem, start: date, counter: _Counter, *, close: bool) -> Audit:
    quality = ctx.users["quality"]
    process = item.process
    lead, team = _team_for(process, ctx)
    clauses = list(item.clauses.all())
    audit = services.create_audit(
        actor=quality,
        title=f"Audit procesu {process.code} {process.name}",
        objectives="Ocena zgodności procesu z wymaganiami ISO 9001:2015 i przepisami "
        "oraz skuteczności jego realizacji.",
        scope=f"{process.name}; {item.org_unit.name}.",
        criteria="PN-EN ISO 9001:2015, procedury urzędu, Kodeks postępowania administracyjnego.",
        org_units=[item.org_unit],
        clauses=clauses,
        planned_start=start,
        planned_end=start + timedelta(days=1),
        lead_auditor=lead,
        team=team,
        process=process,
        programme_item=item,
        opening_meeting=_at(start, 9),
    )
    if not close:
        return audit
    audit = services.start_audit(actor=lead, audit=audit, expected_version=None)
    for text in GENERAL_QUESTIONS[: max(0, 4 - audit.checklist.count())]:
        services.add_question(actor=lead, audit=audit, question=text, clause=clauses[0])
    items = list(audit.checklist.order_by("position"))
    counter.n += 1
    grades = next(counter.grades)
    for index, question in enumerate(items):
        answer = "conforms"
        evidence = "Sprawdzono próbkę spraw; brak uwag."
        if index < len(grades) and grades[index] in ("major", "minor"):
            answer, evidence = "nonconforms", "Patrz ustalenie w raporcie."
        elif index < len(grades) and grades[index] == "observation":
            answer, evidence = "observation", "Drobne uchybienie; patrz ustalenie."
        elif index % 7 == 6:
            answer, evidence = "not_applicable", ""
        services.answer_question(
            actor=lead,
            item=question,
            expected_version=None,
            answer=answer,
            evidence=evidence,
            answered_at=_at(start, 11),
        )
    for index, grade in enumerate(grades):
        text, evidence = FINDING_TEXTS[grade]
        clause = (items[index].clause if index < len(items) else None) or clauses[0]
        services.record_finding(
            actor=lead,
            audit=audit,
            grade=grade,
            clause=clause,
            org_unit=item.org_unit,
            description=text.format(n=3 + counter.n % 5),
            evidence=evidence.format(n=1 + counter.n % 4),
            checklist_item=items[index] if index < len(items) else None,
            found_on=start,
            nc_target_date=start + timedelta(days=60),
        )
    closing = _at(start + timedelta(days=1), 14)
    audit = services.close_audit(
        actor=lead,
        audit=audit,
        expected_version=None,
        closing_meeting=closing,
        summary="Proces jest realizowany zgodnie z wymaganiami; ustalenia wymagają działań "
        "w terminach uzgodnionych na spotkaniu zamykającym.",
        issued_at=_at(start + timedelta(days=3), 12),
    )
    Finding.objects.filter(audit=audit).update(created_at=_at(start, 13))
    Audit.objects.filter(pk=audit.pk).update(created_at=_at(start - timedelta(days=20)))
    return audit


def _acknowledge(ctx, audit: Audit) -> None:
    for unit in audit.org_units.select_related("head"):
        if unit.head_id is None:
            continue
        ack = services.acknowledge_report(
            actor=unit.head, audit=audit, org_unit=unit, comment="Raport przyjęto bez uwag."
        )
        ReportAcknowledgement.objects.filter(pk=ack.pk).update(
            acknowledged_at=audit.report_issued_at + timedelta(days=4)
        )


def _programme(ctx, year: int, *, adjust=None) -> Programme:
    quality = ctx.users["quality"]
    programme = planning.create_programme(actor=quality, year=year)
    if adjust:
        adjust(programme)
    planning.approve_programme(actor=quality, programme=programme, expected_version=None)
    Programme.objects.filter(pk=programme.pk).update(approved_at=_at(date(year - 1, 12, 15)))
    return programme


def _progress_nc(ctx, nc: Nonconformity, *, close: bool) -> None:
    """Root cause, a corrective action done, effectiveness verified and, if `close`, closed."""
    owner = nc.owner
    if owner is None:
        return
    quality = ctx.users["quality"]
    # The quality manager does not verify a nonconformity they are responsible for.
    close = close and owner != quality
    nc = improvement.record_root_cause(
        actor=owner,
        nc=nc,
        expected_version=None,
        whys=[
            "Dlaczego sprawy załatwiono po terminie? Brak kontroli terminów.",
            "Dlaczego nie kontrolowano terminów? System EZD nie ostrzegał o terminach.",
        ],
        root_cause="Brak mechanizmu przypominania o terminach w EZD i brak nadzoru kierownika.",
        categories=["method", "equipment"],
    )
    action = improvement.add_corrective_action(
        confirmed=True,
        actor=owner,
        nc=nc,
        title="Włączyć przypomnienia o terminach w EZD i cotygodniowy przegląd spraw",
        owner=owner,
        due_date=nc.detected_on + timedelta(days=30),
    )
    if not close:
        return
    core_services.complete_action(
        actor=owner,
        action=action,
        expected_version=None,
        completion_evidence="Przypomnienia włączone; notatka z przeglądu spraw w aktach wydziału.",
    )
    nc.refresh_from_db()
    nc = improvement.plan_verification(
        actor=owner,
        nc=nc,
        expected_version=None,
        verification_due=nc.detected_on + timedelta(days=90),
        verification_method="Przegląd próbki 20 spraw po 2 miesiącach.",
    )
    nc = improvement.request_verification(actor=owner, nc=nc, expected_version=None)
    nc = improvement.record_verification(
        confirmed=True,
        actor=quality,
        nc=nc,
        expected_version=None,
        effective=True,
        verification_notes="W próbce 20 spraw brak przekroczeń terminu.",
    )
    improvement.close(actor=quality, nc=nc, expected_version=None, closure_notes="Skuteczne.")
    # The services stamp today's date; the history happened over the following months.
    done, checked = nc.detected_on + timedelta(days=25), nc.detected_on + timedelta(days=90)
    if checked < timezone.localdate():
        Action.objects.filter(pk=action.pk).update(completed_at=_at(done))
        Nonconformity.objects.filter(pk=nc.pk).update(
            verified_on=checked, closed_at=_at(checked + timedelta(days=5))
        )


def load(ctx) -> None:
    if not Process.objects.filter(is_active=True).exists():
        return
    today = timezone.localdate()
    _pool(ctx)
    _questions(ctx)
    counter = _Counter()
    closed: list[Audit] = []

    # Two past years: approved and completed; one audit done two months late.
    for year in (today.year - 2, today.year - 1):
        programme = _programme(ctx, year)
        items = list(
            programme.items.select_related("process", "org_unit").order_by("planned_month")
        )
        for index, item in enumerate(items):
            month = item.planned_month + (2 if year == today.year - 2 and index == 1 else 0)
            closed.append(
                _run_audit(ctx, item, date(year, min(month, 12), 12), counter, close=True)
            )

    # This year: done through the months already past, one late, the rest in December.
    def adjust(programme: Programme) -> None:
        programme.items.filter(planned_month__gte=today.month).update(planned_month=12)

    programme = _programme(ctx, today.year, adjust=adjust)
    items = list(programme.items.select_related("process", "org_unit").order_by("planned_month"))
    past = [i for i in items if i.planned_month < today.month]
    late = past[-1] if past else None
    for item in past:
        if item is late:
            continue
        day = date(today.year, item.planned_month, 12)
        closed.append(_run_audit(ctx, item, day, counter, close=True))
    upcoming = [i for i in items if i.planned_month == 12]
    if upcoming and today.month < 12:
        _run_audit(ctx, upcoming[0], date(today.year, 12, 2), counter, close=False)
    # `late` stays planned and never started: the programme shows it as late.

    # Reports acknowledged, except the most recent one.
    closed.sort(key=lambda a: a.planned_start)
    for audit in closed[:-1]:
        _acknowledge(ctx, audit)

    # Nonconformities from the findings: older ones closed, recent ones still open.
    ncs = Nonconformity.objects.filter(audit_finding__isnull=False).order_by("detected_on")
    for nc in ncs:
        age = (today - nc.detected_on).days
        if age > 300:
            _progress_nc(ctx, nc, close=True)
        elif age > 120:
            _progress_nc(ctx, nc, close=False)
    _recurring(ctx, today, counter)


def _recurring(ctx, today: date, counter: _Counter) -> None:
    """A nonconformity that recurs: the same process and clause within 12 months."""
    audit = (
        Audit.objects.filter(status=Audit.Status.CLOSED, findings__nonconformity__isnull=False)
        .filter(planned_start__gte=today - timedelta(days=330))
        .order_by("planned_start")
        .first()
    )
    if audit is None:
        return
    finding = audit.findings.filter(nonconformity__isnull=False).first()
    day = min(today - timedelta(days=5), audit.planned_start + timedelta(days=150))
    if day <= audit.planned_start:
        return
    quality = ctx.users["quality"]
    process = audit.process
    lead, team = _team_for(process, ctx)
    follow_up = services.create_audit(
        actor=quality,
        title=f"Audit sprawdzający {process.code}",
        objectives="Sprawdzenie skuteczności działań po wcześniejszej niezgodności.",
        scope=f"{process.name}.",
        criteria="PN-EN ISO 9001:2015, procedury urzędu.",
        org_units=[finding.org_unit],
        clauses=[finding.clause],
        planned_start=day,
        planned_end=day,
        lead_auditor=lead,
        team=team,
        process=process,
        opening_meeting=_at(day, 9),
    )
    follow_up = services.start_audit(actor=lead, audit=follow_up, expected_version=None)
    if not follow_up.checklist.exists():
        services.add_question(
            actor=lead,
            audit=follow_up,
            question="Czy niezgodność się powtarza?",
            clause=finding.clause,
        )
    for question in follow_up.checklist.all():
        services.answer_question(
            actor=lead,
            item=question,
            expected_version=None,
            answer="nonconforms",
            evidence="Ponownie stwierdzono to samo uchybienie.",
            answered_at=_at(day, 11),
        )
    services.record_finding(
        actor=lead,
        audit=follow_up,
        grade="minor",
        clause=finding.clause,
        org_unit=finding.org_unit,
        description="Niezgodność powtórzyła się mimo działań korygujących.",
        evidence="Próbka 10 spraw z ostatniego miesiąca.",
        found_on=day,
        nc_target_date=day + timedelta(days=30),
    )
    services.close_audit(
        actor=lead,
        audit=follow_up,
        expected_version=None,
        closing_meeting=_at(day, 14),
        summary="Działania korygujące okazały się nieskuteczne; niezgodność powtórzyła się.",
        issued_at=_at(day, 15),
    )
    Finding.objects.filter(audit=follow_up).update(created_at=_at(day, 13))
