"""The demo office's certification history (DESIGN §1).

First certified in 2002 by UDT-CERT (accredited by PCA), recertified every
three years since, last in December 2023: the recertification audit is due in
December 2026.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from ratusz.certification import readiness
from ratusz.certification.models import Certificate, CertificationBody, ExternalAudit

SCOPE = "Świadczenie usług publicznych związanych z zadaniami administracji samorządowej"


def _standard(year: int) -> str:
    if year < 2010:
        return "PN-EN ISO 9001:2001"  # the Polish edition of ISO 9001:2000
    if year < 2017:
        return "PN-EN ISO 9001:2009"  # the Polish edition of ISO 9001:2008
    return "PN-EN ISO 9001:2015"


def load(ctx) -> None:
    body = CertificationBody.objects.create(
        name="Jednostka Certyfikująca UDT-CERT (Urząd Dozoru Technicznego)",
        short_name="UDT-CERT",
        accreditation_body="Polskie Centrum Akredytacji (PCA)",
    )
    for cycle, year in enumerate(range(2002, 2024, 3), start=1):
        decision = date(year, 12, 12)
        certificate = Certificate.objects.create(
            body=body,
            standard=_standard(year),
            number=f"UDT-CERT/SZJ/{year}/{cycle:02d}",
            scope=SCOPE,
            sites="Rynek 1, 00-950 Przykładowo",
            decision_date=decision,
            issue_date=date(year, 12, 15),
            expiry_date=date(year + 3, 12, 14),
            status=Certificate.Status.VALID if year == 2023 else Certificate.Status.EXPIRED,
        )
        kind = ExternalAudit.Kind.STAGE_2 if year == 2002 else ExternalAudit.Kind.RECERTIFICATION
        ExternalAudit.objects.create(
            certificate=certificate,
            body=body,
            kind=kind,
            start_date=date(year, 11, 24),
            end_date=date(year, 11, 26),
            status=ExternalAudit.Status.DONE,
            lead_auditor="Zespół UDT-CERT",
            result="Rekomendacja do certyfikacji.",
        )
        for offset in (1, 2):
            ExternalAudit.objects.create(
                certificate=certificate,
                body=body,
                kind=ExternalAudit.Kind.SURVEILLANCE,
                start_date=date(year + offset, 11, 18),
                end_date=date(year + offset, 11, 19),
                status=ExternalAudit.Status.DONE,
                lead_auditor="Zespół UDT-CERT",
                result="Utrzymanie certyfikatu.",
            )
    current = Certificate.objects.get(number="UDT-CERT/SZJ/2023/08")
    ExternalAudit.objects.create(
        certificate=current,
        body=body,
        kind=ExternalAudit.Kind.RECERTIFICATION,
        start_date=date(2026, 12, 7),
        end_date=date(2026, 12, 9),
        status=ExternalAudit.Status.PLANNED,
        lead_auditor="Tomasz Lewandowski",
        audit_days=6,
    )


def finish(ctx) -> None:
    """The readiness trend, once every area's demo records are in (the rules of later
    areas read them: computed earlier, the figure was half of what the page shows)."""
    load_readiness_history()


def load_readiness_history(weeks: int = 12) -> None:
    """Weekly readiness figures for the trend: the rules applied on each past Monday
    (to today's records, which is as close to history as a fresh demo gets)."""
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    for back in range(weeks, -1, -1):
        readiness.record_week(readiness.assess(monday - timedelta(weeks=back)))
