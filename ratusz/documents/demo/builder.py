"""Builds the demo register from `register.py` and the texts in `texts/`.

Each document is taken through the real lifecycle by the services, then what just
happened is moved back into the office's history.
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from django.utils import timezone

from ratusz.core import services as core_services
from ratusz.core.models import Clause, Notification, User
from ratusz.documents import selectors, services
from ratusz.documents.demo.register import (
    DOCUMENTS,
    ELECTRONIC_REGISTER,
    EMPLOYEE_UNREAD,
    PERIODIC_REVIEWS,
    RECORDS,
    REVIEW_COMMENTS,
    WITHDRAWALS,
    WORK_IN_PROGRESS,
    ApprovedVersion,
    DocumentSpec,
    WorkInProgress,
)
from ratusz.documents.models import (
    Acknowledgement,
    Document,
    DocumentType,
    DocumentVersion,
    PeriodicReview,
    RecordType,
    ReviewRequest,
    Transition,
)
from ratusz.documents.reference_data import seed_document_types
from ratusz.documents.selectors import to_read
from ratusz.lib.deadlines import add_months

if TYPE_CHECKING:
    from collections.abc import Callable

    from ratusz.core.demo import DemoContext

TEXTS = Path(__file__).parent / "texts"


def _text(number: str, name: str) -> str:
    return (TEXTS / number / f"{name}.md").read_text(encoding="utf-8")


def _submitted_text(number: str, version_number: int, entry: ApprovedVersion | None) -> str:
    """The text first submitted for a version: the one sent back, if the approver returned it."""
    if entry is not None and entry.returned:
        return _text(number, f"v{version_number}-returned")
    return _text(number, f"v{version_number}")


def _working_day(day: date) -> date:
    """The day itself, or the Friday before it if it falls on a weekend."""
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def _at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _stable_number(*parts: object) -> int:
    """A number that looks random but is the same on every load."""
    return zlib.crc32("/".join(str(part) for part in parts).encode())


class _Builder:
    def __init__(self, ctx: DemoContext) -> None:
        self.ctx = ctx
        self.today = timezone.localdate()
        self.now = timezone.now()
        self.types = {doc_type.code: doc_type for doc_type in DocumentType.objects.all()}
        self.clauses: dict[str, Clause] = {}

    def user(self, username: str) -> User:
        return self.ctx.users[username]

    def clause(self, number: str) -> Clause:
        if number not in self.clauses:
            self.clauses[number] = Clause.objects.get(
                standard="ISO 9001", edition="2015", number=number
            )
        return self.clauses[number]

    def day(self, when: date | int) -> date:
        if isinstance(when, date):
            return _working_day(when)
        return _working_day(self.today - timedelta(days=when))

    # one document, from the first draft to today

    def document(self, spec: DocumentSpec) -> Document:
        days = [self.day(entry.effective) for entry in spec.versions]
        for i in range(len(days) - 2, -1, -1):  # keep the history in order
            days[i] = _working_day(min(days[i], days[i + 1] - timedelta(days=90)))
        writer = self.user(spec.writer)
        first = spec.versions[0] if spec.versions else None
        document = services.create_document(
            actor=writer,
            doc_type=self.types[spec.doc_type],
            title=spec.title,
            owner_unit=self.ctx.units[spec.owner_unit],
            owner=self.user(spec.owner),
            body=_submitted_text(spec.number, 1, first),
            change_summary=first.summary if first else "Pierwsza wersja.",
            clauses=[self.clause(number) for number in spec.clauses],
            confidentiality=spec.confidentiality,
            retention_category=spec.retention_category,
            number=spec.number,
        )
        withdrawal = WITHDRAWALS.get(spec.number)
        previous = None
        for version_number, entry in enumerate(spec.versions, start=1):
            if version_number == 1:
                version = document.versions.get()
            else:
                version = services.start_new_version(actor=writer, document=document)
                services.update_draft(
                    actor=writer,
                    version=version,
                    expected_version=None,
                    body=_submitted_text(spec.number, version_number, entry),
                    change_summary=entry.summary,
                )
            self.approve(spec, version, _text(spec.number, f"v{version_number}"), entry)
            self.backdate(
                document,
                version,
                previous,
                days[version_number - 1],
                created=version_number == 1,
            )
            previous = version
        # Distributed once the history is in place: who had to read the versions long
        # superseded is not part of the demo, so the staff is not notified of each one.
        document.refresh_from_db()
        services.set_distribution(
            actor=self.user("quality"),
            document=document,
            units=[self.ctx.units[code] for code in spec.distribution_units],
            roles=list(spec.distribution_roles),
        )
        if spec.versions and not withdrawal:
            self.acknowledge(spec, document, previous, days[-1])
        if not spec.versions:
            self.wip_dates(document.versions.get(), 4, created=True)
        for when, notes in PERIODIC_REVIEWS.get(spec.number, ()):
            self.periodic_review(spec, document, self.day(when), notes)
        if withdrawal:
            self.withdraw(document, previous, *withdrawal)
        if spec.number in WORK_IN_PROGRESS:
            self.work(spec, document, WORK_IN_PROGRESS[spec.number])
        return document

    def review_round(self, spec: DocumentSpec, version: DocumentVersion) -> None:
        writer = self.user(spec.writer)
        reviewers = [self.user(name) for name in spec.reviewers]
        services.submit_for_review(
            actor=writer, version=version, expected_version=None, reviewers=reviewers
        )
        others = (reviewer for reviewer in reviewers if reviewer.pk != writer.pk)
        for n, reviewer in enumerate(others):
            services.record_review(
                actor=reviewer, version=version, agreed=True, comment=REVIEW_COMMENTS[n % 2]
            )
        services.submit_for_approval(actor=writer, version=version, expected_version=None)

    def approve(
        self, spec: DocumentSpec, version: DocumentVersion, body: str, entry: ApprovedVersion
    ) -> None:
        approver = self.user(spec.approver)
        self.review_round(spec, version)
        if entry.returned:
            services.reject(
                actor=approver, version=version, expected_version=None, reason=entry.returned
            )
            services.update_draft(
                actor=self.user(spec.writer),
                version=version,
                expected_version=None,
                body=body,
                change_summary=entry.summary,
            )
            self.review_round(spec, version)
        services.approve(actor=approver, version=version, expected_version=None)
        version.refresh_from_db()

    # moving what just happened back into the office's history

    def backdate(
        self,
        document: Document,
        version: DocumentVersion,
        previous: DocumentVersion | None,
        effective: date,
        *,
        created: bool,
    ) -> None:
        steps = list(
            Transition.objects.filter(version=version)
            .exclude(
                to_status__in=(DocumentVersion.Status.SUPERSEDED, DocumentVersion.Status.WITHDRAWN)
            )
            .order_by("id")
        )
        approval_day = _working_day(effective - timedelta(days=6))
        approved = _at(approval_day, 12, 15)
        earlier = len(steps) - 2  # the steps before the approval and the entry into force
        times = [
            _at(_working_day(approval_day - timedelta(days=5 * (earlier - i))), 10 + i % 4, 5)
            for i in range(earlier)
        ]
        times += [approved, _at(effective, 7, 30)]
        for step, when in zip(steps, times, strict=True):
            Transition.objects.filter(pk=step.pk).update(at=when)
        sent = max(
            when
            for step, when in zip(steps, times, strict=True)
            if step.to_status == DocumentVersion.Status.AWAITING_APPROVAL
        )
        ReviewRequest.objects.filter(version=version).update(decided_at=sent - timedelta(days=1))
        started = times[0] - timedelta(days=10)
        DocumentVersion.objects.filter(pk=version.pk).update(
            approved_at=approved, effective_date=effective, created_at=started, updated_at=approved
        )
        if previous is not None:
            Transition.objects.filter(
                version=previous, to_status=DocumentVersion.Status.SUPERSEDED
            ).update(at=_at(effective, 7, 30))
        months = document.interval_months
        Document.objects.filter(pk=document.pk).update(
            next_review_date=add_months(effective, months) if months else None
        )
        if created:
            Document.objects.filter(pk=document.pk).update(created_at=started)

    def wip_dates(self, version: DocumentVersion, days_ago: int, *, created: bool = False) -> None:
        """Work in progress: drafted, `days_ago` sent to review, a week later to approval."""
        start = _working_day(self.today - timedelta(days=days_ago))

        def when(days: int, hour: int) -> datetime:
            return min(_at(_working_day(start + timedelta(days=days)), hour), self.now)

        steps = list(Transition.objects.filter(version=version).order_by("id"))
        for n, step in enumerate(steps):
            Transition.objects.filter(pk=step.pk).update(at=when(7 * n, 10 + n))
        ReviewRequest.objects.filter(version=version, decided_at__isnull=False).update(
            decided_at=when(3, 14)
        )
        drafted = _at(start - timedelta(days=8), 9)
        DocumentVersion.objects.filter(pk=version.pk).update(
            created_at=drafted, updated_at=when(7 * (len(steps) - 1), 10) if steps else drafted
        )
        if created:
            Document.objects.filter(pk=version.document_id).update(created_at=drafted)

    def acknowledge(
        self, spec: DocumentSpec, document: Document, version: DocumentVersion, effective: date
    ) -> None:
        """Most recipients have confirmed the version in force; a few have not yet."""
        recent = (self.today - effective).days < 30
        since = max(effective, ELECTRONIC_REGISTER)
        by_day = defaultdict(list)
        for person in selectors.recipients(document).order_by("username"):
            number = _stable_number(spec.number, version.number, person.username)
            if person.username == "employee":
                if spec.number in EMPLOYEE_UNREAD:
                    continue
            elif number % (3 if recent else 9) == 0:
                continue
            day = min(since + timedelta(days=1 + 3 * (number % 6)), self.today - timedelta(days=1))
            services.acknowledge(actor=person, version=version, content_hash=version.content_hash)
            by_day[max(day, effective)].append(person.pk)
        for day, people in by_day.items():
            Acknowledgement.objects.filter(version=version, user_id__in=people).update(
                at=_at(day, 8 + len(people) % 7, 10)
            )

    def periodic_review(
        self, spec: DocumentSpec, document: Document, day: date, notes: str
    ) -> None:
        review = services.record_periodic_review(
            actor=self.user(spec.owner), document=document, notes=notes
        )
        months = document.interval_months
        next_date = add_months(day, months) if months else None
        PeriodicReview.objects.filter(pk=review.pk).update(
            reviewed_at=_at(day, 11), next_review_date=next_date
        )
        Document.objects.filter(pk=document.pk).update(next_review_date=next_date)

    def withdraw(
        self, document: Document, version: DocumentVersion, day: date, reason: str
    ) -> None:
        services.withdraw(actor=self.user("quality"), document=document, reason=reason)
        Document.objects.filter(pk=document.pk).update(withdrawn_at=_at(day, 8))
        Transition.objects.filter(
            version=version, to_status=DocumentVersion.Status.WITHDRAWN
        ).update(at=_at(day, 8))

    def work(self, spec: DocumentSpec, document: Document, work: WorkInProgress) -> None:
        writer = self.user(spec.writer)
        version = services.start_new_version(actor=writer, document=document)
        services.update_draft(
            actor=writer,
            version=version,
            expected_version=None,
            body=_text(spec.number, f"v{version.number}"),
            change_summary=work.summary,
        )
        services.submit_for_review(
            actor=writer,
            version=version,
            expected_version=None,
            reviewers=[self.user(name) for name, _answered in work.reviewers],
        )
        for name, answered in work.reviewers:
            if answered:
                services.record_review(
                    actor=self.user(name), version=version, agreed=True, comment="Bez uwag."
                )
        if work.state == "approval":
            services.submit_for_approval(actor=writer, version=version, expected_version=None)
        self.wip_dates(version, work.days_ago)


def _records(
    ctx: DemoContext, documents: dict[str, Document], clause: Callable[[str], Clause]
) -> None:
    for spec in RECORDS:
        record = RecordType.objects.create(
            name=spec.name,
            keeper_unit=ctx.units[spec.keeper_unit],
            location=spec.location,
            retention_category=spec.retention_category,
            retention=spec.retention,
            disposal=spec.disposal,
        )
        record.defined_by.set([documents[number] for number in spec.defined_by])
        record.clauses.set([clause(number) for number in spec.clauses])


def _settle_notifications(ctx: DemoContext) -> None:
    """Mark the history's notifications read; keep only what still waits for someone."""
    working = {
        f"/documents/{version.document_id}/v{version.number}/": version
        for version in DocumentVersion.objects.filter(status__in=DocumentVersion.WORKING)
    }
    pending_reviews = set(
        ReviewRequest.objects.filter(
            decision=ReviewRequest.Decision.PENDING,
            version__status=DocumentVersion.Status.IN_REVIEW,
        ).values_list("version_id", "reviewer_id")
    )
    for user in ctx.users.values():
        unread = Notification.objects.filter(
            recipient=user, read_at__isnull=True, kind__startswith="document_"
        )
        wanted = {f"document_to_read:{version.pk}" for version in to_read(user=user)}
        stale = []
        for note in unread:
            version = working.get(note.url)
            if note.kind == "document_to_read":
                keep = note.dedupe_key in wanted
            elif note.kind == "document_review_requested":
                keep = version is not None and (version.pk, user.pk) in pending_reviews
            elif note.kind == "document_awaiting_approval":
                keep = (
                    version is not None
                    and version.status == DocumentVersion.Status.AWAITING_APPROVAL
                )
            else:
                keep = version is not None
            if not keep:
                stale.append(note.pk)
        if stale:
            core_services.mark_notifications_read(user=user, ids=stale)


def load(ctx: DemoContext) -> None:
    seed_document_types(DocumentType)  # missing after a test flush
    builder = _Builder(ctx)
    documents = {spec.number: builder.document(spec) for spec in DOCUMENTS}
    _records(ctx, documents, builder.clause)
    _settle_notifications(ctx)
