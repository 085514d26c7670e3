"""Documented information (ISO 9001 clause 7.5): documents, versions, approval,
periodic review, distribution and acknowledgement, and the records register."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from ratusz.core.models import Clause, OrgUnit, Role
from ratusz.core.tones import Tone


class Confidentiality(models.TextChoices):
    PUBLIC = "public", _("Public")
    INTERNAL = "internal", _("Internal")
    RESTRICTED = "restricted", _("Restricted")


class RetentionCategory(models.TextChoices):
    """Archival categories of the office's file classification scheme (JRWA)."""

    A = "A", _("A — permanent, handed to the state archive")
    B2 = "B2", _("B2 — kept 2 years")
    B5 = "B5", _("B5 — kept 5 years")
    B10 = "B10", _("B10 — kept 10 years")
    B25 = "B25", _("B25 — kept 25 years")
    B50 = "B50", _("B50 — kept 50 years")
    BE5 = "BE5", _("BE5 — 5 years, then an archivist's review")
    BE10 = "BE10", _("BE10 — 10 years, then an archivist's review")
    BC = "Bc", _("Bc — kept until no longer needed")


class DocumentType(models.Model):
    """Procedure, work instruction, form …: numbering and approval rules per type."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_pl = models.CharField(_("name (Polish)"), max_length=100)
    prefix = models.CharField(
        _("number prefix"), max_length=10, unique=True, help_text=_("e.g. P for P-07")
    )
    number_width = models.PositiveSmallIntegerField(_("digits in the number"), default=2)
    review_interval_months = models.PositiveSmallIntegerField(
        _("review interval (months)"),
        null=True,
        blank=True,
        help_text=_("Empty: documents of this type have no periodic review."),
    )
    approver_role = models.CharField(
        _("approved by"), max_length=30, choices=Role.choices, default=Role.QUALITY_MANAGER
    )
    self_approval_allowed = models.BooleanField(
        _("the author may approve their own document"), default=False
    )
    is_external = models.BooleanField(
        _("external document"),
        default=False,
        help_text=_("Legal acts and standards: registered and distributed, not written here."),
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("document type")
        verbose_name_plural = _("document types")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def number_series(self) -> str:
        """The series its documents' numbers are taken from (`core.services.take_number`)."""
        return f"document:{self.pk}"

    @property
    def name(self) -> str:
        return self.name_pl if (get_language() or "").startswith("pl") else self.name_en


class DocumentQuerySet(models.QuerySet):
    def for_register(self) -> DocumentQuerySet:
        return self.select_related("doc_type", "owner_unit", "owner", "current_version")


class Document(models.Model):
    doc_type = models.ForeignKey(
        DocumentType, verbose_name=_("type"), on_delete=models.PROTECT, related_name="documents"
    )
    number = models.CharField(_("number"), max_length=30, unique=True)
    title = models.CharField(_("title"), max_length=255)
    owner_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("owner unit"), on_delete=models.PROTECT, related_name="documents"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="owned_documents",
    )
    clauses = models.ManyToManyField(Clause, verbose_name=_("ISO clauses"), blank=True)
    confidentiality = models.CharField(
        _("confidentiality"),
        max_length=20,
        choices=Confidentiality.choices,
        default=Confidentiality.INTERNAL,
    )
    retention_category = models.CharField(
        _("retention category"),
        max_length=10,
        choices=RetentionCategory.choices,
        default=RetentionCategory.A,
    )
    review_interval_months = models.PositiveSmallIntegerField(
        _("review interval (months)"),
        null=True,
        blank=True,
        help_text=_("Empty: the type's interval."),
    )
    next_review_date = models.DateField(_("next review"), null=True, blank=True, db_index=True)
    current_version = models.OneToOneField(
        "DocumentVersion",
        verbose_name=_("version in force"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["number"]
        indexes = [
            models.Index(fields=["doc_type", "number"], name="document_type_number"),
            models.Index(fields=["owner_unit", "number"], name="document_unit_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("documents:detail", args=[self.pk])

    @property
    def interval_months(self) -> int | None:
        return self.review_interval_months or self.doc_type.review_interval_months


class DocumentVersion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        AWAITING_APPROVAL = "awaiting_approval", _("Awaiting approval")
        APPROVED = "approved", _("Approved, not yet in force")
        IN_FORCE = "in_force", _("In force")
        SUPERSEDED = "superseded", _("Superseded")
        WITHDRAWN = "withdrawn", pgettext_lazy("document version", "Withdrawn")

    STATUS_TONES: ClassVar[dict[str, Tone]] = {
        Status.DRAFT: Tone.INFO,
        Status.IN_REVIEW: Tone.INFO,
        Status.AWAITING_APPROVAL: Tone.WARN,
        Status.APPROVED: Tone.INFO,
        Status.IN_FORCE: Tone.OK,
        Status.SUPERSEDED: Tone.MUTED,
        Status.WITHDRAWN: Tone.BAD,
    }

    WORKING = (Status.DRAFT, Status.IN_REVIEW, Status.AWAITING_APPROVAL, Status.APPROVED)
    EDITABLE = (Status.DRAFT,)

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    change_summary = models.TextField(_("what changed"), blank=True)
    body = models.TextField(
        _("text"), blank=True, help_text=_("Written in Markdown: # heading, **bold**, - list.")
    )
    text_content = models.TextField(_("searchable text"), blank=True, editable=False)
    # Read out of the version's files for search: derived, so not in the audit trail.
    audit_trail_derived_fields = ("text_content",)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    effective_date = models.DateField(_("effective from"), null=True, blank=True)
    content_hash = models.CharField(_("content SHA-256"), max_length=64, blank=True)
    # The review round now open (or last held): each "Send for review" opens a new one,
    # and the earlier rounds' reviews stay on the version as evidence (7.5.2).
    review_round = models.PositiveSmallIntegerField(_("review round"), default=0, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="version_unique_number"),
            models.UniqueConstraint(
                fields=["document"], condition=Q(status="in_force"), name="version_one_in_force"
            ),
            models.UniqueConstraint(
                fields=["document"],
                condition=Q(status__in=["draft", "in_review", "awaiting_approval", "approved"]),
                name="version_one_in_progress",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "in_review", "awaiting_approval"])
                | (Q(approved_at__isnull=False) & ~Q(content_hash="")),
                name="version_approved_has_hash",
            ),
        ]
        indexes = [models.Index(fields=["status", "document"], name="version_status")]

    def __str__(self) -> str:
        return f"{self.document.number} v{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("documents:version", args=[self.document_id, self.number])

    @property
    def label(self) -> str:
        return f"{self.document.number} v{self.number}"


class ReviewRequest(models.Model):
    """A named reviewer's comments on a version in one review round.

    A version returned to its author and sent for review again opens a new round; the
    requests of earlier rounds are kept, so every comment made on the version stays.
    """

    class Decision(models.TextChoices):
        PENDING = "pending", _("Waiting")
        AGREED = "agreed", _("Agreed")
        CHANGES = "changes", _("Changes requested")

    version = models.ForeignKey(
        DocumentVersion, on_delete=models.CASCADE, related_name="review_requests"
    )
    round = models.PositiveSmallIntegerField(_("review round"), default=1)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decision = models.CharField(
        _("decision"), max_length=20, choices=Decision.choices, default=Decision.PENDING
    )
    comment = models.TextField(_("comment"), blank=True)
    decided_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("review request")
        verbose_name_plural = _("review requests")
        ordering = ["-round", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "round", "reviewer"], name="review_unique_reviewer_in_round"
            )
        ]

    def __str__(self) -> str:
        return f"{self.version} — {self.reviewer}"


class Transition(models.Model):
    """Every status change of a version: who, when, why and what content."""

    version = models.ForeignKey(
        DocumentVersion, on_delete=models.CASCADE, related_name="transitions"
    )
    from_status = models.CharField(max_length=20, choices=DocumentVersion.Status.choices)
    to_status = models.CharField(max_length=20, choices=DocumentVersion.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    comment = models.TextField(blank=True)
    content_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("transition")
        verbose_name_plural = _("transitions")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.version}: {self.get_from_status_display()} → {self.get_to_status_display()}"


class Distribution(models.Model):
    """Who must read a document: an org unit (with its sub-units) or everyone with a role."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="distribution")
    org_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("org unit"), null=True, blank=True, on_delete=models.CASCADE
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices, blank=True)

    class Meta:
        verbose_name = _("distribution")
        verbose_name_plural = _("distribution")
        constraints = [
            models.CheckConstraint(
                condition=(Q(org_unit__isnull=False) & Q(role=""))
                | (Q(org_unit__isnull=True) & ~Q(role="")),
                name="distribution_unit_or_role",
            ),
            models.UniqueConstraint(
                fields=["document", "org_unit"],
                condition=Q(org_unit__isnull=False),
                name="distribution_unique_unit",
            ),
            models.UniqueConstraint(
                fields=["document", "role"], condition=~Q(role=""), name="distribution_unique_role"
            ),
        ]

    def __str__(self) -> str:
        return str(self.org_unit or self.get_role_display())


class Acknowledgement(models.Model):
    """“Read and understood” of one person for one version."""

    version = models.ForeignKey(
        DocumentVersion, on_delete=models.CASCADE, related_name="acknowledgements"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="acknowledgements"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("acknowledgement")
        verbose_name_plural = _("acknowledgements")
        constraints = [
            models.UniqueConstraint(fields=["version", "user"], name="acknowledgement_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.version}"


class PeriodicReview(models.Model):
    """A periodic review of a document, with or without a new version."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="reviews")
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(auto_now_add=True)
    notes = models.TextField(_("notes"))
    next_review_date = models.DateField(_("next review"), null=True)

    class Meta:
        verbose_name = _("periodic review")
        verbose_name_plural = _("periodic reviews")
        ordering = ["-reviewed_at"]

    def __str__(self) -> str:
        return f"{self.document.number} {timezone.localtime(self.reviewed_at):%Y-%m-%d}"


class RecordType(models.Model):
    """The records register (7.5.3.2): what is kept, where, by whom, how long."""

    name = models.CharField(_("record"), max_length=200)
    keeper_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("kept by"), on_delete=models.PROTECT, related_name="record_types"
    )
    location = models.CharField(_("where it is kept"), max_length=255)
    retention_category = models.CharField(
        _("retention category"), max_length=10, choices=RetentionCategory.choices
    )
    retention = models.CharField(_("retention period"), max_length=100)
    disposal = models.CharField(_("disposal"), max_length=255)
    defined_by = models.ManyToManyField(
        Document, verbose_name=_("defined by"), blank=True, related_name="record_types"
    )
    clauses = models.ManyToManyField(Clause, verbose_name=_("ISO clauses"), blank=True)

    class Meta:
        verbose_name = _("record type")
        verbose_name_plural = _("records register")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
