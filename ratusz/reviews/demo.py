"""The demo office's management reviews: the 2025 review held, signed and
distributed, its decisions' actions partly done and one overdue; the 2026 review
planned a week before the December recertification audit, its inputs compiled
and commented by the quality manager."""

from __future__ import annotations

from datetime import date, timedelta

from django.apps import apps
from django.utils import timezone

from ratusz.core import services as core_services
from ratusz.core.plugins import ReviewTopic
from ratusz.reviews import services
from ratusz.reviews.models import Decision, Review

HELD_2025 = date(2025, 11, 4)  # two weeks before the 2025 surveillance audit
ATTENDEES = ["secretary", "treasurer", "owner"]

DECISIONS = [
    # kind, text, owner, due (days from today; negative: past), what became of it
    (
        Decision.Kind.IMPROVEMENT,
        "Wprowadzić elektroniczną ankietę satysfakcji w Biurze Obsługi Mieszkańców.",
        "owner",
        -60,
        "done",
    ),
    (
        Decision.Kind.CHANGE,
        "Zaktualizować mapę procesów o proces obsługi skarg na wykonawców.",
        "quality",
        -14,
        "overdue",
    ),
    (
        Decision.Kind.RESOURCES,
        "Przeszkolić dwóch nowych audytorów wewnętrznych.",
        "secretary",
        45,
        "in_progress",
    ),
    (
        Decision.Kind.IMPROVEMENT,
        "Wprowadzić kontrolę terminów kar umownych w umowach inwestycyjnych.",
        "treasurer",
        90,
        "open",
    ),
]

COMMENTS_2026 = {
    ReviewTopic.PREVIOUS_ACTIONS: "Jedno działanie z przeglądu 2025 jest po terminie; "
    "wyjaśnić przyczynę na spotkaniu.",
    ReviewTopic.NONCONFORMITIES: "Liczba niezgodności zamkniętych w terminie wzrosła.",
    ReviewTopic.AUDITS: "Program auditów wewnętrznych zrealizowany; wyniki auditu "
    "nadzoru UDT-CERT bez niezgodności dużych.",
}


def _people(ctx, names):
    return [ctx.users[name] for name in names]


def _held_2025(ctx) -> None:
    quality, mayor = ctx.users["quality"], ctx.users["mayor"]
    review = services.plan_review(
        actor=quality,
        planned_date=HELD_2025,
        chair=mayor,
        attendees=_people(ctx, ATTENDEES),
        location="Sala Sesyjna Ratusza",
    )
    review = services.invite(actor=quality, review=review, expected_version=None)
    review = services.hold_review(
        actor=quality,
        review=review,
        expected_version=None,
        present=[mayor, *_people(ctx, ["secretary", "owner"])],
        today=HELD_2025,
    )
    review = services.save_record(
        actor=quality,
        review=review,
        expected_version=None,
        discussion={
            ReviewTopic.PREVIOUS_ACTIONS: "Działania z przeglądu 2024 zrealizowane.",
            ReviewTopic.SATISFACTION: "Skargi mieszkańców dotyczą głównie terminów inwestycji.",
            ReviewTopic.PROVIDERS: "Kary umowne nie są egzekwowane konsekwentnie.",
        },
        suitability="System pozostaje odpowiedni do zakresu usług urzędu.",
        adequacy="Zasoby wystarczające, z wyjątkiem liczby audytorów wewnętrznych.",
        effectiveness="Cele jakości osiągnięte w 80%; niezgodności zamykane skuteczniej.",
        alignment="Zgodny ze Strategią Rozwoju Miasta 2030 w obszarze obsługi mieszkańców.",
    )
    today = timezone.localdate()
    for kind, text, owner, due_in, fate in DECISIONS:
        decision = services.add_decision(
            actor=quality,
            review=review,
            kind=kind,
            text=text,
            owner=ctx.users[owner],
            due_date=today + timedelta(days=due_in),
            confirmed=True,
        )
        action = decision.action
        assert action is not None
        worker = ctx.users[owner]
        if fate in ("in_progress", "done"):
            action = core_services.start_action(actor=worker, action=action, expected_version=None)
        if fate == "done":
            core_services.complete_action(
                actor=worker,
                action=action,
                expected_version=None,
                completion_evidence="Ankieta uruchomiona; wyniki w raporcie kwartalnym BOM.",
            )
    review = services.sign_review(actor=mayor, review=review, expected_version=None)
    review = services.distribute_review(actor=quality, review=review, expected_version=None)
    for name in ("secretary", "owner"):
        services.acknowledge_review(actor=ctx.users[name], review=review)


def _planned_2026(ctx) -> None:
    quality = ctx.users["quality"]
    # The recertification audit the certification demo planned (read as a record:
    # an area contributes without importing certification's code).
    external_audit = apps.get_model("certification", "ExternalAudit")
    audit = (
        external_audit.objects.filter(kind="recertification", status="planned")
        .order_by("start_date")
        .first()
    )
    planned = (audit.start_date if audit else date(2026, 12, 7)) - timedelta(days=7)
    review = services.plan_review(
        actor=quality,
        planned_date=planned,
        chair=ctx.users["mayor"],
        attendees=_people(ctx, [*ATTENDEES, "auditor"]),
        location="Sala Sesyjna Ratusza",
    )
    review = services.invite(actor=quality, review=review, expected_version=None)
    for topic, comment in COMMENTS_2026.items():
        review = services.comment_input(
            actor=quality, review=review, expected_version=None, topic=topic, comment=comment
        )


def load(ctx) -> None:
    if Review.objects.exists():
        return
    _held_2025(ctx)
    _planned_2026(ctx)
