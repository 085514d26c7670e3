"""Reminders about actions, run by `ratusz remind` from cron or a systemd timer.

Three stages for an overdue action: its owner is told at once, the head of its
unit after ESCALATE_AFTER_DAYS, and every quality manager after
ESCALATE_TO_QUALITY_AFTER_DAYS, because by then the unit has not dealt with it.

Idempotent: each notice has a dedupe key (kind, action, due date), so running
the command twice notifies nobody twice; a moved due date is a new notice.
E-mail digests send only notifications that were never e-mailed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ratusz.core import selectors
from ratusz.core.audit import ChainReport
from ratusz.core.models import Action, Notification, User
from ratusz.core.notifications import render
from ratusz.core.services import notify

ESCALATE_AFTER_DAYS = 7
ESCALATE_TO_QUALITY_AFTER_DAYS = 14

# Registered by CoreConfig.ready(), so every process renders it, not only `remind`.
NOTIFICATIONS = {
    "action_overdue_to_quality": gettext_lazy(
        "Action %(ref)s of %(owner)s (%(unit)s) is still overdue since %(due)s; "
        "please follow it up: %(title)s"
    ),
}


@dataclass
class ReminderReport:
    due_soon: int = 0
    overdue: int = 0
    escalated: int = 0
    escalated_to_quality: int = 0
    emails: int = 0


def _params(action: Action) -> dict:
    return {
        "ref": action.reference,
        "title": action.title,
        "due": action.due_date.isoformat(),
        "owner": str(action.owner),
    }


def send_action_reminders(today: date | None = None) -> ReminderReport:
    today = today or timezone.localdate()
    report = ReminderReport()
    quality_managers: list[User] | None = None
    soon = today + timedelta(days=settings.RATUSZ_DUE_SOON_DAYS)
    open_actions = Action.objects.open().select_related("owner", "org_unit__head")
    for action in open_actions.filter(due_date__gte=today, due_date__lte=soon).iterator():
        if notify(
            recipient=action.owner,
            kind="action_due_soon",
            params=_params(action),
            url=action.get_absolute_url(),
            dedupe_key=f"action_due_soon:{action.pk}:{action.due_date}",
        ):
            report.due_soon += 1
    for action in open_actions.filter(due_date__lt=today).iterator():
        if notify(
            recipient=action.owner,
            kind="action_overdue",
            params=_params(action),
            url=action.get_absolute_url(),
            dedupe_key=f"action_overdue:{action.pk}:{action.due_date}",
        ):
            report.overdue += 1
        head = action.org_unit.head
        late_by = (today - action.due_date).days
        escalate = late_by >= ESCALATE_AFTER_DAYS and head and head.pk != action.owner_id
        if escalate and notify(
            recipient=head,
            kind="action_overdue_escalated",
            params=_params(action),
            url=action.get_absolute_url(),
            dedupe_key=f"action_escalated:{action.pk}:{action.due_date}",
        ):
            report.escalated += 1
        if late_by < ESCALATE_TO_QUALITY_AFTER_DAYS:
            continue
        if quality_managers is None:
            quality_managers = list(selectors.quality_managers())
        for manager in quality_managers:
            if manager.pk == action.owner_id:
                continue
            if notify(
                recipient=manager,
                kind="action_overdue_to_quality",
                params={**_params(action), "unit": action.org_unit.name},
                url=action.get_absolute_url(),
                dedupe_key=f"action_to_quality:{action.pk}:{action.due_date}",
            ):
                report.escalated_to_quality += 1
    return report


def send_email_digests() -> int:
    """One e-mail per person with every notification not yet e-mailed."""
    pending = (
        Notification.objects.filter(emailed_at__isnull=True, read_at__isnull=True)
        .select_related("recipient")
        .order_by("recipient_id", "created_at")
    )
    by_user: dict[User, list[Notification]] = defaultdict(list)
    for note in pending:
        if note.recipient.email and note.recipient.is_active:
            by_user[note.recipient].append(note)
    sent = 0
    for user, notes in by_user.items():
        with translation.override(user.language or settings.LANGUAGE_CODE):
            lines = [f"- {render(n)}\n  {settings.SITE_URL}{n.url}" for n in notes]
            subject = _("Ratusz: %(n)d new notifications") % {"n": len(notes)}
            body = "\n".join([_("Hello %(name)s,") % {"name": user}, "", *lines])
        with transaction.atomic():
            # Mark first, so a crash after sending cannot send the same digest twice.
            marked = Notification.objects.filter(
                pk__in=[n.pk for n in notes], emailed_at__isnull=True
            ).update(emailed_at=timezone.now())
            if marked:
                send_mail(subject, body, None, [user.email])
                sent += 1
    return sent


def send_audit_head(report: ChainReport) -> int:
    """E-mail the audit trail's head (or the news that it is broken) to the quality managers.

    A copy of the head in their mailboxes, outside the database, is what
    reveals later a trail cut short or rewritten from that point back.
    """
    sent = 0
    for user in selectors.quality_managers().exclude(email=""):
        with translation.override(user.language or settings.LANGUAGE_CODE):
            if report.intact:
                subject = _("Ratusz: audit trail head of %(date)s") % {
                    "date": date_format(timezone.localdate())
                }
                body = _(
                    "The audit trail is intact: %(count)d entries.\n\n"
                    "Entry number: %(seq)d\nHash: %(hash)s\n\n"
                    "Keep this message: `ratusz verify_audit_trail --against` compares the "
                    "trail with such a copy and shows whether entries were removed or "
                    "rewritten since. Write the head into the management review minutes too."
                ) % {"count": report.checked, "seq": report.head_seq, "hash": report.head_hash}
            else:
                subject = _("Ratusz: the audit trail is NOT intact")
                body = "\n".join(
                    [
                        _("The daily check of the audit trail found %(n)d problem(s):")
                        % {"n": len(report.problems)},
                        "",
                        *(f"- {problem}" for problem in report.problems),
                    ]
                )
        send_mail(subject, body, None, [user.email])
        sent += 1
    return sent
