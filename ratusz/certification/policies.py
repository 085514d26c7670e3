"""Who may see and keep the certification record: every member of staff reads the
certificates, external audits and their findings; the quality manager keeps them,
builds the evidence pack and opens time-limited access for the body's auditors."""

from __future__ import annotations

from ratusz.certification.models import (
    Certificate,
    EvidencePack,
    ExternalAudit,
    ExternalFinding,
)
from ratusz.core import access


def can_view_record(user, record: object = None) -> bool:
    return access.can_view_directory(user)


def can_keep_record(user, record: object = None) -> bool:
    return access.can_view_directory(user) and access.is_quality_manager(user)


def can_manage_evidence(user) -> bool:
    """Build evidence packs and open or end external auditors' access."""
    return access.is_quality_manager(user)


def can_download_pack(user, pack: EvidencePack) -> bool:
    """The quality manager, or an external auditor the pack was shared with."""
    if access.is_quality_manager(user):
        return True
    return (
        access.is_external(user)
        and access.is_active_account(user)
        and pack.auditors.filter(pk=user.pk).exists()
    )


def register() -> None:
    for model in (Certificate, ExternalAudit, ExternalFinding):
        access.register_object_policy(model, view=can_view_record, change=can_keep_record)
