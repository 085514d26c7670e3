"""Residents' submissions of the demo office, in every state: the complaints the news
article's readers made (badly run tenders, late investments, penalties never
enforced; one found justified and turned into a nonconformity), one about the mayor
forwarded to the council, an anonymous one, one overdue with a delay notice and one
overdue without, a published petition and a request for public information."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from ratusz.core.models import Notification
from ratusz.feedback import services
from ratusz.feedback.models import Submission

ADDRESS = "ul. Ogrodowa 12, 00-950 Przykładowo"


def _assigned(ctx, s, unit_code: str, day):
    unit = ctx.units[unit_code]
    handler = unit.head or ctx.users["quality"]
    return services.assign(
        actor=ctx.users["quality"],
        submission=s,
        expected_version=s.version,
        org_unit=unit,
        handler=handler,
        assigned_on=day,
    ), handler


def _register(ctx, ago: int, **fields):
    today = timezone.localdate()
    fields.setdefault("channel", "letter")
    fields.setdefault("submitter_name", "Krystyna Malinowska")
    fields.setdefault("submitter_address", ADDRESS)
    return services.register_submission(
        actor=ctx.users["quality"], received_on=today - timedelta(days=ago), **fields
    )


def _reply(ctx, s, handler, approver, sent_on, outcome, reasons):
    s = services.decide(
        actor=handler,
        submission=s,
        expected_version=s.version,
        outcome=outcome,
        outcome_reasons=reasons,
    )
    s = services.draft_reply(
        actor=handler,
        submission=s,
        expected_version=s.version,
        reply_text=services.reply_template(s),
        reply_signatory="Ewa Wiśniewska, Sekretarz Miasta",
    )
    s = services.approve_reply(actor=approver, submission=s, expected_version=s.version)
    return services.send_reply(
        actor=handler,
        submission=s,
        expected_version=s.version,
        reply_sent_on=sent_on,
        notified=s.submitter_name,
    )


def load(ctx) -> None:
    if Submission.objects.exists():
        return
    quality = ctx.users["quality"]

    # Tenders badly run: found justified, answered, and a nonconformity opened.
    s = _register(
        ctx,
        55,
        kind="complaint",
        subject="Źle prowadzone przetargi na remonty dróg",
        content="Przetarg na remont ul. Polnej unieważniono dwa razy, bo specyfikacja nie "
        "zawierała przedmiaru robót. Tracimy kolejny sezon.",
    )
    s, handler = _assigned(ctx, s, "ZP", s.received_on + timedelta(days=1))
    s = _reply(
        ctx,
        s,
        handler,
        quality,
        s.received_on + timedelta(days=25),
        "justified",
        "Specyfikacje dwóch przetargów nie zawierały przedmiaru robót; procedura zostanie "
        "uzupełniona o kontrolę kompletności dokumentacji.",
    )
    services.open_nonconformity(actor=quality, submission=s, expected_version=s.version)

    # Investments late: overdue, but the handler gave a notice of delay in time.
    s = _register(
        ctx,
        45,
        kind="complaint",
        subject="Budowa hali sportowej opóźniona o pół roku",
        content="Hala przy Szkole Podstawowej nr 3 miała być gotowa we wrześniu. Prace stoją.",
        submitter_name="Tomasz Wróbel",
    )
    s, handler = _assigned(ctx, s, "IN", s.received_on + timedelta(days=2))
    services.give_delay_notice(
        actor=quality,
        submission=s,
        expected_version=s.version,
        reason="Potrzebne stanowisko wykonawcy i inspektora nadzoru.",
        new_deadline=s.deadline + timedelta(days=10),
        issued_on=s.received_on + timedelta(days=20),
    )

    # Penalties never enforced: overdue, and no notice was given.
    s = _register(
        ctx,
        40,
        kind="complaint",
        subject="Kary umowne za opóźnienia nie są naliczane",
        content="Wykonawca przebudowy ronda spóźnił się cztery miesiące, a miasto nie naliczyło "
        "kar umownych.",
        submitter_name="Stowarzyszenie Przykładowo Obywatelskie",
    )
    _assigned(ctx, s, "IN", s.received_on + timedelta(days=3))

    # About the mayor: forwarded to the city council.
    s = _register(
        ctx,
        6,
        kind="complaint",
        subject="Prezydent nie odpowiada na wnioski rady osiedla",
        content="Od trzech miesięcy prezydent nie rozpatrzył wniosków rady osiedla.",
        about_mayor=True,
        submitter_name="Rada Osiedla Zielone",
    )
    services.forward(
        actor=quality,
        submission=s,
        expected_version=s.version,
        forwarded_to=services.COUNCIL,
        submitter_told=True,
        forwarded_on=s.received_on + timedelta(days=2),
    )

    # Anonymous, through the web form: registered and left without consideration.
    services.submit_public(
        kind="complaint",
        subject="Urzędnicy nic nie robią",
        content="Nikt nie odbiera telefonów w wydziale komunikacji.",
    )

    # A petition, published; its clock runs.
    s = _register(
        ctx,
        20,
        kind="petition",
        subject="Petycja o nasadzenia drzew przy ul. Lipowej",
        content="Wnosimy o posadzenie 40 lip wzdłuż ul. Lipowej w miejsce wyciętych.",
        submitter_name="Komitet mieszkańców ul. Lipowej (pełnomocnik: Maria Lis)",
        channel="email",
    )
    s, _handler = _assigned(ctx, s, "OS", s.received_on + timedelta(days=1))
    services.publish_petition(actor=quality, submission=s, expected_version=s.version)

    # Public information: answered on time.
    s = _register(
        ctx,
        30,
        kind="public_information",
        subject="Koszt promocji miasta w 2025 r.",
        content="Proszę o informację o wydatkach na promocję miasta w 2025 r.",
        channel="email",
        submitter_name="Redakcja Gazety Przykładowskiej",
    )
    s, handler = _assigned(ctx, s, "FN", s.received_on + timedelta(days=1))
    _reply(
        ctx,
        s,
        handler,
        quality,
        s.received_on + timedelta(days=10),
        "answered",
        "Wydatki na promocję w 2025 r. wyniosły 412 300 zł.",
    )

    # A motion waiting to be assigned, and a compliment.
    _register(
        ctx,
        1,
        kind="motion",
        subject="Wydłużenie godzin pracy Biura Obsługi Mieszkańców",
        content="Proszę o otwarcie BOM w czwartki do 18:00.",
        channel="oral",
        submitter_name="Janina Kowal",
    )
    _register(
        ctx,
        12,
        kind="compliment",
        subject="Sprawna obsługa w Urzędzie Stanu Cywilnego",
        content="Dziękuję za szybkie wydanie aktu.",
        channel="email",
    )
    Notification.objects.filter(kind__startswith="feedback_").delete()
