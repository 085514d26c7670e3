"""Contractors and contracts of the demo office, with the cases residents complain about:
a street reconstruction 47 days late whose penalties were never charged, a penalty
waived with a justification, a contract whose penalties hit the cap, an annex that
takes the value over 10 % above the offer (art. 446 PZP), a completed contract with its
art. 448 notice and evaluation, and a terminated one."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from ratusz.lib.penalties import days_of_delay
from ratusz.processes.models import Process
from ratusz.suppliers import services
from ratusz.suppliers.models import (
    Contract,
    Contractor,
    DelayPeriod,
    Penalty,
    PenaltyClause,
)

# name, NIP, categories
CONTRACTORS = [
    ("Drogbud Przykładowo Sp. z o.o.", "5260181596", "roboty drogowe"),
    ("Elektro-Lux Oświetlenie S.A.", "1860913901", "oświetlenie uliczne"),
    ("Termo-Dom Sp. z o.o.", "6281948218", "termomodernizacja, roboty budowlane"),
    ("Dachpol Jan Kowalczyk", "9935181904", "roboty dekarskie"),
    ("Zielony Ogród Sp. z o.o.", "9378657972", "utrzymanie zieleni"),
    ("Komputronik-Serwis Sp. z o.o.", "5432319484", "sprzęt komputerowy"),
    ("Biuro Projektów Miejskich Sp. z o.o.", "7574911868", "dokumentacja projektowa"),
    ("Czysta Gmina Sp. z o.o.", "2527601891", "odbiór odpadów"),
    ("Transkom Przewozy Sp. z o.o.", "5559797114", "usługi transportowe"),
    ("Mostpol S.A.", "4710497466", "obiekty mostowe"),
    ("Papiernik Hurt s.c.", "5075291702", "materiały biurowe"),
    ("Geodezja Nowak i Wspólnicy", "3423667121", "usługi geodezyjne"),
]

CRITERIA = [
    ("Terminowość", 40, "Dotrzymanie terminów umowy i kamieni milowych."),
    ("Jakość wykonania", 30, "Wady stwierdzone przy odbiorach i ich usunięcie."),
    ("Współpraca", 20, "Kontakt, reagowanie na uwagi inspektora nadzoru."),
    ("Dokumentacja", 10, "Kompletność dokumentów odbiorowych i rozliczeń."),
]


def _term_late_by(days: int, today: date) -> date:
    """A planned completion that leaves exactly `days` days of zwłoka today."""
    planned = today - timedelta(days=days)
    while days_of_delay(planned, today) != days:
        planned -= timedelta(days=1)
    return planned


def _clause(actor, contract, breach, basis, rate, base="net"):
    return services.add_clause(
        actor=actor, contract=contract, breach=breach, basis=basis, rate=Decimal(rate), base=base
    )


def _final(contract):
    return contract.milestones.get(is_final=True)


def load(ctx) -> None:
    if Contract.objects.exists():
        return
    today = timezone.localdate()
    quality, mayor = ctx.users["quality"], ctx.users["mayor"]
    investments = ctx.units["IN"]
    manager = ctx.users.get("in.head") or quality
    inspector = ctx.users.get("in.witkowska")
    process = Process.objects.filter(code="P09").first()

    contractors = {
        nip: services.create_contractor(
            actor=quality,
            name=name,
            nip=nip,
            categories=categories,
            address="ul. Przemysłowa 1, 00-001 Przykładowo",
        )
        for name, nip, categories in CONTRACTORS
    }
    criteria = [
        services.create_criterion(actor=quality, name=name, weight=weight, description=text)
        for name, weight, text in CRITERIA
    ]

    def contract(nip, **fields) -> Contract:
        defaults = {
            "kind": Contract.Kind.WORKS,
            "procedure": Contract.Procedure.BASIC,
            "org_unit": investments,
            "manager": manager,
            "cap_percent": Decimal(20),
            "status": Contract.Status.RUNNING,
            "process": process,
            "is_public": True,
            "payment_terms": "Przelew 30 dni od doręczenia faktury.",
        }
        defaults.update(fields)
        return services.create_contract(actor=quality, contractor=contractors[nip], **defaults)

    # 1. The residents' complaint: 47 days late, penalties due, never charged.
    street = contract(
        "5260181596",
        subject="Przebudowa ulicy Kwiatowej wraz z kanalizacją deszczową",
        value_net=485_000_000,
        value_gross=596_550_000,
        offer_price=596_550_000,
        signed_on=today - timedelta(days=320),
        planned_completion=_term_late_by(47, today),
        security_amount=29_827_500,
        security_form=Contract.SecurityForm.BANK,
        manager=inspector or manager,
    )
    late = _clause(
        quality,
        street,
        PenaltyClause.Breach.LATE_COMPLETION,
        PenaltyClause.Basis.PERCENT_PER_DAY,
        "0.1",
    )
    services.add_milestone(
        actor=quality,
        contract=street,
        name="Kanalizacja deszczowa",
        planned_on=street.planned_completion - timedelta(days=90),
    )
    services.record_penalty(
        actor=quality,
        contract=street,
        clause=late,
        milestone=_final(street),
        event_on=street.planned_completion + timedelta(days=1),
        description="Roboty nawierzchniowe niezakończone w terminie umownym.",
    )

    # 2. A penalty reduced by the mayor, with a written justification.
    computers = contract(
        "5432319484",
        subject="Dostawa sprzętu komputerowego dla Biura Obsługi Mieszkańców",
        kind=Contract.Kind.SUPPLIES,
        procedure=Contract.Procedure.BELOW_THRESHOLD,
        value_net=18_000_000,
        value_gross=22_140_000,
        offer_price=22_140_000,
        signed_on=today - timedelta(days=150),
        planned_completion=today - timedelta(days=100),
        is_public=False,
    )
    computers_due = computers.planned_completion
    per_day = _clause(
        quality,
        computers,
        PenaltyClause.Breach.LATE_COMPLETION,
        PenaltyClause.Basis.AMOUNT_PER_DAY,
        "50000",
        base="",
    )
    services.record_acceptance(
        actor=quality,
        contract=computers,
        kind="final",
        accepted_on=computers_due + timedelta(days=8),
    )
    penalty = services.record_penalty(
        actor=quality,
        contract=computers,
        clause=per_day,
        milestone=_final(computers),
        event_on=computers_due + timedelta(days=8),
    )
    services.waive_penalty(
        actor=mayor,
        penalty=penalty,
        expected_version=penalty.version,
        amount=penalty.due // 2,
        decision=Penalty.Decision.REDUCED,
        decision_reference="Zarządzenie nr 112/2026",
        justification=(
            "Opóźnienie dostawy wynikło z braków u producenta podzespołów w całej Europie; "
            "wykonawca uprzedził urząd na piśmie i dostarczył sprzęt zastępczy na czas "
            "opóźnienia. Kara zmniejszona o połowę."
        ),
    )
    penalty.refresh_from_db()
    services.charge_penalty(
        actor=quality,
        penalty=penalty,
        expected_version=penalty.version,
        amount=penalty.open,
        charge_form=Penalty.ChargeForm.DEDUCTION,
        charge_document="FV/2026/0418",
        charged_on=computers_due + timedelta(days=20),
    )
    _complete(quality, computers)

    # 3. Penalties hit the cap (10 % of the net value), charged by a debit note.
    lights = contract(
        "1860913901",
        subject="Modernizacja oświetlenia ulicznego na osiedlu Słonecznym",
        value_net=120_000_000,
        value_gross=147_600_000,
        offer_price=147_600_000,
        signed_on=today - timedelta(days=300),
        planned_completion=today - timedelta(days=120),
        cap_percent=Decimal(10),
    )
    lights_late = _clause(
        quality,
        lights,
        PenaltyClause.Breach.LATE_COMPLETION,
        PenaltyClause.Basis.PERCENT_PER_DAY,
        "0.2",
    )
    services.record_delay(
        actor=quality,
        contract=lights,
        starts_on=lights.planned_completion + timedelta(days=1),
        ends_on=lights.planned_completion + timedelta(days=10),
        cause=DelayPeriod.Cause.WEATHER,
        reason="Silne mrozy uniemożliwiające prace ziemne (dziennik budowy).",
        evidence="Dziennik budowy, wpisy 41–45",
    )
    services.record_acceptance(
        actor=quality,
        contract=lights,
        kind="final",
        accepted_on=lights.planned_completion + timedelta(days=75),
        defects="Dwie latarnie bez zasilania.",
        repair_deadline=lights.planned_completion + timedelta(days=90),
    )
    capped = services.record_penalty(
        actor=quality,
        contract=lights,
        clause=lights_late,
        milestone=_final(lights),
        event_on=lights.planned_completion + timedelta(days=75),
    )
    services.charge_penalty(
        actor=quality,
        penalty=capped,
        expected_version=capped.version,
        amount=capped.due,
        charge_form=Penalty.ChargeForm.NOTE,
        charge_document="NK/2026/07",
        charged_on=lights.planned_completion + timedelta(days=80),
    )
    lights.refresh_from_db()
    services.write_446_report(
        actor=quality,
        contract=lights,
        spent=lights.value_gross - capped.due,
        estimate=150_000_000,
        causes="Zwłoka wykonawcy w dostawie opraw LED; 10 dni mrozów nie obciąża wykonawcy.",
        assessment="Umowa wykonana z opóźnieniem; kary naliczone do wysokości limitu.",
        conclusions="W kolejnych postępowaniach wymagać harmonogramu dostaw opraw z zapasem.",
    )
    _complete(quality, lights)

    # 4. An annex takes the value more than 10 % over the offer price: art. 446 flagged.
    school = contract(
        "6281948218",
        subject="Termomodernizacja Szkoły Podstawowej nr 3",
        value_net=250_000_000,
        value_gross=307_500_000,
        offer_price=307_500_000,
        signed_on=today - timedelta(days=200),
        planned_completion=today + timedelta(days=20),
    )
    _clause(
        quality,
        school,
        PenaltyClause.Breach.LATE_COMPLETION,
        PenaltyClause.Basis.PERCENT_PER_DAY,
        "0.05",
    )
    school.refresh_from_db()
    services.add_annex(
        actor=quality,
        contract=school,
        expected_version=school.version,
        signed_on=today - timedelta(days=5),
        reason=(
            "Roboty dodatkowe: wymiana stropu nad salą gimnastyczną, której stanu nie dało "
            "się ocenić przed zdjęciem pokrycia (art. 455 ust. 1 pkt 4 PZP)."
        ),
        milestone=_final(school),
        new_date=today + timedelta(days=60),
        new_value_net=282_000_000,
        new_value_gross=346_860_000,
    )

    # 5. Completed on time, art. 448 notice published, contractor evaluated.
    roof = contract(
        "9935181904",
        subject="Remont dachu budynku Urzędu Stanu Cywilnego",
        value_net=32_000_000,
        value_gross=39_360_000,
        offer_price=39_360_000,
        signed_on=today - timedelta(days=180),
        planned_completion=today - timedelta(days=60),
        warranty_ends=today + timedelta(days=20),
        security_amount=1_968_000,
        security_form=Contract.SecurityForm.CASH,
    )
    services.record_acceptance(
        actor=quality, contract=roof, kind="final", accepted_on=roof.planned_completion
    )
    roof.refresh_from_db()
    services.record_448_notice(
        actor=quality,
        contract=roof,
        expected_version=roof.version,
        published_on=roof.planned_completion + timedelta(days=12),
    )
    roof.refresh_from_db()
    services.update_contract(
        actor=quality,
        contract=roof,
        expected_version=roof.version,
        spent=roof.value_gross,
        security_return_on=today + timedelta(days=10),
    )
    _complete(quality, roof)
    scores = dict(zip((c.pk for c in criteria), (5, 5, 4, 4), strict=True))
    services.evaluate_contractor(
        actor=quality,
        contract=roof,
        scores=scores,
        comment="Prace wykonane w terminie, bez wad. Wykonawca godny polecenia.",
    )

    # 6. Terminated: the contractor abandoned the works; one-off penalty, not recommended.
    green = contract(
        "9378657972",
        subject="Utrzymanie zieleni miejskiej w pasach drogowych",
        kind=Contract.Kind.SERVICES,
        value_net=60_000_000,
        value_gross=73_800_000,
        offer_price=73_800_000,
        signed_on=today - timedelta(days=250),
        planned_completion=today + timedelta(days=110),
    )
    withdrawal = _clause(
        quality,
        green,
        PenaltyClause.Breach.WITHDRAWAL,
        PenaltyClause.Basis.ONE_OFF_PERCENT,
        "10",
        base="gross",
    )
    services.record_penalty(
        actor=quality,
        contract=green,
        clause=withdrawal,
        event_on=today - timedelta(days=40),
        description="Odstąpienie od umowy z przyczyn leżących po stronie wykonawcy.",
    )
    green.refresh_from_db()
    services.change_status(
        actor=quality,
        contract=green,
        status=Contract.Status.TERMINATED,
        expected_version=green.version,
    )
    green_contractor = Contractor.objects.get(pk=green.contractor_id)
    services.update_contractor(
        actor=quality,
        contractor=green_contractor,
        expected_version=green_contractor.version,
        not_recommended=True,
        not_recommended_reason="Porzucenie prac w sezonie 2026; umowa rozwiązana.",
    )
    services.evaluate_contractor(
        actor=quality,
        contract=green,
        scores=dict(zip((c.pk for c in criteria), (1, 2, 1, 2), strict=True)),
        comment="Prace przerwane, brak reakcji na wezwania.",
    )


def _complete(actor, contract: Contract) -> None:
    contract.refresh_from_db()
    services.change_status(
        actor=actor,
        contract=contract,
        status=Contract.Status.COMPLETED,
        expected_version=contract.version,
    )
