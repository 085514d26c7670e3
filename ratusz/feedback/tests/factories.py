"""Small builders for the feedback tests, through the services."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from ratusz.feedback import services


def register(office, **overrides):
    fields = {
        "kind": "complaint",
        "channel": "letter",
        "received_on": timezone.localdate(),
        "subject": "Źle prowadzone przetargi",
        "content": "Przetarg na remont ulicy Polnej był źle przygotowany.",
        "submitter_name": "Jan Kowalski",
        "submitter_address": "ul. Polna 1, 00-001 Przykładowo",
        "submitter_email": "jan@example.org",
    }
    fields.update(overrides)
    actor = fields.pop("actor", office.quality)
    return services.register_submission(actor=actor, **fields)


def assigned(office, **overrides):
    s = register(office, **overrides)
    return services.assign(
        actor=office.quality,
        submission=s,
        expected_version=s.version,
        org_unit=office.civil,
        handler=office.employee,
    )


def decided(office, outcome="justified", **overrides):
    s = assigned(office, **overrides)
    return services.decide(
        actor=office.employee,
        submission=s,
        expected_version=s.version,
        outcome=outcome,
        outcome_reasons="Przetarg nie miał kosztorysu.",
    )


def replied(office, **overrides):
    s = decided(office, **overrides)
    s = services.draft_reply(
        actor=office.employee,
        submission=s,
        expected_version=s.version,
        reply_text=services.reply_template(s),
        reply_signatory="Anna Nowak, Sekretarz Miasta",
    )
    s = services.approve_reply(actor=office.owner, submission=s, expected_version=s.version)
    return services.send_reply(
        actor=office.employee,
        submission=s,
        expected_version=s.version,
        reply_sent_on=timezone.localdate(),
        notified="Jan Kowalski",
    )


def received(day: date, office, **overrides):
    return register(office, received_on=day, **overrides)
