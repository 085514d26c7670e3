"""REST API of documented information: the same services and rules as the pages."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action as api_action
from rest_framework.response import Response

from ratusz.core.api import LockSerializer, StepsMixin
from ratusz.core.api_permissions import IsStaff
from ratusz.core.models import OrgUnit, Role, User
from ratusz.documents import policies, selectors, services
from ratusz.documents.filters import RegisterFilter
from ratusz.documents.models import Document, DocumentType, DocumentVersion


class DocumentSerializer(serializers.ModelSerializer):
    current_version = serializers.IntegerField(
        source="current_version.number", read_only=True, default=None
    )

    class Meta:
        model = Document
        fields = [
            "id",
            "number",
            "title",
            "doc_type",
            "owner_unit",
            "owner",
            "clauses",
            "confidentiality",
            "retention_category",
            "review_interval_months",
            "next_review_date",
            "current_version",
            "withdrawn_at",
            "version",
        ]
        read_only_fields = ["next_review_date", "current_version", "withdrawn_at", "version"]


class DocumentCreateSerializer(DocumentSerializer):
    number = serializers.CharField(required=False, allow_blank=True)
    body = serializers.CharField(required=False, allow_blank=True, write_only=True)
    change_summary = serializers.CharField(required=False, allow_blank=True, write_only=True)

    class Meta(DocumentSerializer.Meta):
        fields = [*DocumentSerializer.Meta.fields, "body", "change_summary"]


class VersionSerializer(serializers.ModelSerializer):
    document = serializers.CharField(source="document.number", read_only=True)

    class Meta:
        model = DocumentVersion
        fields = [
            "id",
            "document",
            "number",
            "status",
            "change_summary",
            "body",
            "author",
            "approver",
            "approved_at",
            "effective_date",
            "content_hash",
            "version",
        ]
        read_only_fields = fields


class SubmitReviewSerializer(LockSerializer):
    reviewers = serializers.PrimaryKeyRelatedField(
        many=True, queryset=User.objects.filter(is_active=True)
    )


class ReviewSerializer(serializers.Serializer):
    agreed = serializers.BooleanField()
    comment = serializers.CharField(allow_blank=True, required=False, default="")


class ApproveSerializer(LockSerializer):
    effective_date = serializers.DateField(required=False, allow_null=True, default=None)
    units = serializers.PrimaryKeyRelatedField(
        queryset=OrgUnit.objects.all(),
        many=True,
        required=False,
        default=list,
        help_text="Who must read it (with sub-units); with roles, at least one is needed.",
    )
    roles = serializers.ListField(
        child=serializers.ChoiceField(
            choices=[c for c in Role.choices if c[0] != Role.EXTERNAL_AUDITOR]
        ),
        required=False,
        default=list,
    )


class ReadConfirmationSerializer(serializers.Serializer):
    content_hash = serializers.CharField(
        help_text="The version's content_hash: the text that was read and understood."
    )


class RejectSerializer(LockSerializer):
    reason = serializers.CharField(allow_blank=True)


class DraftSerializer(LockSerializer):
    body = serializers.CharField(allow_blank=True)
    change_summary = serializers.CharField(allow_blank=True)


class DocumentTypeSerializer(serializers.ModelSerializer):
    class Meta:
        model = DocumentType
        fields = [
            "id",
            "code",
            "name_en",
            "name_pl",
            "prefix",
            "review_interval_months",
            "approver_role",
            "self_approval_allowed",
            "is_external",
        ]


class DocumentTypeViewSet(viewsets.ReadOnlyModelViewSet):
    """Document types and their numbering and approval rules."""

    permission_classes = [IsStaff]
    serializer_class = DocumentTypeSerializer
    queryset = DocumentType.objects.all()


class DocumentViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """The document register: list, read, register a document with its first draft."""

    permission_classes = [IsStaff]
    queryset = Document.objects.none()  # for the schema; the real one is below
    filterset_class = RegisterFilter

    def get_serializer_class(self):
        return DocumentCreateSerializer if self.action == "create" else DocumentSerializer

    def get_queryset(self):
        return selectors.register(user=self.request.user).prefetch_related("clauses")

    def get_object(self):
        document = selectors.document_detail(user=self.request.user, pk=self.kwargs["pk"])
        if document is None:
            raise Http404
        return document

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data["clauses"] = list(data.get("clauses", []))
        serializer.instance = services.create_document(actor=self.request.user, **data)

    @extend_schema(responses=VersionSerializer(many=True))
    @api_action(detail=True, methods=["get"], pagination_class=None)
    def versions(self, request, pk=None):
        document = self.get_object()
        visible = selectors.versions_visible(user=request.user, document=document)
        return Response(VersionSerializer(visible, many=True).data)


class VersionViewSet(StepsMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """A document version and its lifecycle steps (send `version`)."""

    step_target = "version"
    permission_classes = [IsStaff]
    serializer_class = VersionSerializer
    queryset = DocumentVersion.objects.none()

    def get_object(self):
        version = (
            DocumentVersion.objects.select_related("document__doc_type", "document__owner_unit")
            .prefetch_related("review_requests")
            .filter(pk=self.kwargs["pk"])
            .first()
        )
        if version is None or not policies.can_view_version(self.request.user, version):
            raise Http404
        return version

    @extend_schema(request=DraftSerializer, responses=VersionSerializer)
    @api_action(detail=True, methods=["post"])
    def edit(self, request, pk=None):
        return self.run_step(request, DraftSerializer, services.update_draft)

    @extend_schema(request=SubmitReviewSerializer, responses=VersionSerializer)
    @api_action(detail=True, methods=["post"], url_path="submit-review")
    def submit_review(self, request, pk=None):
        return self.run_step(request, SubmitReviewSerializer, services.submit_for_review)

    @extend_schema(request=ReviewSerializer, responses=VersionSerializer)
    @api_action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        return self.run_step(request, ReviewSerializer, services.record_review)

    @extend_schema(request=LockSerializer, responses=VersionSerializer)
    @api_action(detail=True, methods=["post"], url_path="submit-approval")
    def submit_approval(self, request, pk=None):
        return self.run_step(request, LockSerializer, services.submit_for_approval)

    @extend_schema(request=ApproveSerializer, responses=VersionSerializer)
    @api_action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self.run_step(request, ApproveSerializer, services.approve)

    @extend_schema(request=RejectSerializer, responses=VersionSerializer)
    @api_action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self.run_step(request, RejectSerializer, services.reject)

    @extend_schema(request=ReadConfirmationSerializer, responses=VersionSerializer)
    @api_action(detail=True, methods=["post"])
    def acknowledge(self, request, pk=None):
        return self.run_step(request, ReadConfirmationSerializer, services.acknowledge)


def register(router) -> None:
    router.register("document-types", DocumentTypeViewSet, basename="document-type")
    router.register("documents", DocumentViewSet, basename="document")
    router.register("document-versions", VersionViewSet, basename="document-version")
