"""Synthetic documents for benchmarks: city-L holds 3,000 documents with 5
versions each (DESIGN §7), four superseded and one in force, distributed to
their unit, and indexed for search. Written with bulk_create in batches."""

from __future__ import annotations

import hashlib
from datetime import datetime, time, timedelta

from django.utils import timezone

from ratusz.core import search
from ratusz.documents.models import Distribution, Document, DocumentType, DocumentVersion
from ratusz.documents.search import document_row

DOCUMENTS_AT_L = 3_000
VERSIONS = 5
BATCH = 500
WORDS = [
    "wniosek",
    "decyzja",
    "termin",
    "skarga",
    "organ",
    "strona",
    "postępowanie",
    "zaświadczenie",
    "opłata",
    "rejestr",
    "ewidencja",
    "kontrola",
    "procedura",
    "odpowiedzialność",
    "dokumentacja",
    "mieszkaniec",
    "urząd",
    "wydział",
    "naczelnik",
    "karta",
    "usługi",
    "zamówienie",
    "umowa",
    "kara",
    "protokół",
    "audit",
]


def _body(rng, number: str, version: int) -> str:
    lines = [f"# {number} — wersja {version}", "", "## Cel", ""]
    lines += [" ".join(rng.choice(WORDS) for _ in range(14)) + "." for _ in range(6)]
    lines += ["", "## Przebieg", ""]
    lines += [f"{i}. " + " ".join(rng.choice(WORDS) for _ in range(10)) for i in range(1, 8)]
    return "\n".join(lines)


def generate(ctx, scale) -> int:
    rng = ctx.rng
    total = max(int(DOCUMENTS_AT_L * scale.factor), 20)
    types = [t for t in DocumentType.objects.all() if not t.is_external]
    tz = timezone.get_current_timezone()
    created = 0
    for start in range(0, total, BATCH):
        size = min(BATCH, total - start)
        documents = []
        for i in range(start, start + size):
            doc_type = types[i % len(types)]
            unit = ctx.units[i % len(ctx.units)]
            people = ctx.members.get(unit.pk) or [ctx.quality]
            documents.append(
                Document(
                    doc_type=doc_type,
                    number=f"{doc_type.prefix}-G{i + 1:05d}",
                    title=f"{doc_type.name_pl} {' '.join(rng.choice(WORDS) for _ in range(4))}",
                    owner_unit=unit,
                    owner=rng.choice(people),
                    created_by=ctx.quality,
                    confidentiality="restricted" if i % 20 == 0 else "internal",
                )
            )
        Document.objects.bulk_create(documents)
        versions, distribution = [], []
        for document in documents:
            first = ctx.today - timedelta(days=rng.randint(400, 3600))
            step = max((ctx.today - first).days // VERSIONS, 1)
            for n in range(1, VERSIONS + 1):
                effective = first + timedelta(days=step * (n - 1))
                body = _body(rng, document.number, n)
                in_force = n == VERSIONS
                versions.append(
                    DocumentVersion(
                        document=document,
                        number=n,
                        body=body,
                        text_content=body,
                        change_summary=f"Aktualizacja {n}",
                        author=document.owner,
                        approver=ctx.quality,
                        effective_date=effective,
                        approved_at=datetime.combine(effective, time(9), tzinfo=tz),
                        content_hash=hashlib.sha256(body.encode()).hexdigest(),
                        status=DocumentVersion.Status.IN_FORCE
                        if in_force
                        else DocumentVersion.Status.SUPERSEDED,
                    )
                )
            distribution.append(Distribution(document=document, org_unit=document.owner_unit))
        DocumentVersion.objects.bulk_create(versions)
        Distribution.objects.bulk_create(distribution)
        current = {v.document_id: v for v in versions if v.number == VERSIONS}
        for document in documents:
            version = current[document.pk]
            document.current_version = version
            # A few are overdue for review, a few are due soon, the rest later.
            document.next_review_date = version.effective_date + timedelta(
                days=rng.choice([200, 300, 365, 365, 400, 500])
            )
        Document.objects.bulk_update(documents, ["current_version", "next_review_date"])
        for document in documents:
            document.current_version = current[document.pk]
            search.index("document", **document_row(document))
        created += size
    return created
