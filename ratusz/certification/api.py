"""REST API of the certification record: certificates, external audits and the
certification body's findings, through the same services as the pages."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action as api_action
from rest_framework.response import Response

from ratusz.certification import readiness, services
from ratusz.certification.models import (
    Certificate,
    CertificationBody,
    ExternalAudit,
    ExternalFinding,
)
from ratusz.core.api import LockSerializer, StepsMixin
from ratusz.core.api_permissions import IsStaff, QualityManagerWrites


class CertificationBodySerializer(serializers.ModelSerializer):
    class Meta:
        model = CertificationBody
        fields = ["id", "name", "short_name", "accreditation_body", "accreditation_number"]


class CertificateSerializer(serializers.ModelSerializer):
    class Meta:
        model = Certificate
        fields = [
            "id",
            "body",
            "standard",
            "number",
            "scope",
            "sites",
            "decision_date",
            "issue_date",
            "expiry_date",
            "status",
            "version",
        ]
        read_only_fields = ["version"]


class CertificateUpdateSerializer(LockSerializer, CertificateSerializer):
    class Meta(CertificateSerializer.Meta):
        read_only_fields = []


class FindingSerializer(serializers.ModelSerializer):
    nonconformity_reference = serializers.CharField(
        source="nonconformity.reference", read_only=True, default=None
    )

    class Meta:
        model = ExternalFinding
        fields = [
            "id",
            "audit",
            "number",
            "grade",
            "clause",
            "org_unit",
            "description",
            "response_due",
            "nonconformity",
            "nonconformity_reference",
        ]
        read_only_fields = ["audit", "number", "nonconformity", "nonconformity_reference"]
        extra_kwargs = {"clause": {"required": False, "allow_null": True}}


class ExternalAuditSerializer(serializers.ModelSerializer):
    class Meta:
        model = ExternalAudit
        fields = [
            "id",
            "certificate",
            "body",
            "kind",
            "start_date",
            "end_date",
            "status",
            "lead_auditor",
            "team",
            "audit_days",
            "result",
            "version",
        ]
        read_only_fields = ["version"]


class ExternalAuditUpdateSerializer(ExternalAuditSerializer):
    version = serializers.IntegerField()

    class Meta(ExternalAuditSerializer.Meta):
        read_only_fields = []


class CertificationBodyViewSet(viewsets.ReadOnlyModelViewSet):
    """Certification bodies and their accreditation."""

    permission_classes = [IsStaff]
    serializer_class = CertificationBodySerializer
    queryset = CertificationBody.objects.all()


class CertificateViewSet(
    StepsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """The office's certificates; the quality manager records them (overlaps refused)."""

    permission_classes = [QualityManagerWrites]
    serializer_class = CertificateSerializer
    queryset = Certificate.objects.select_related("body").order_by("-issue_date")
    http_method_names = ["get", "post", "put", "head", "options"]
    step_target = "certificate"

    def get_serializer_class(self):
        return CertificateUpdateSerializer if self.action == "update" else CertificateSerializer

    def perform_create(self, serializer):
        serializer.instance = services.create_certificate(
            actor=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        self.save_update(serializer, services.update_certificate)


class ExternalAuditViewSet(
    StepsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """External audits of the certification body and their findings (send `version` to update)."""

    permission_classes = [QualityManagerWrites]
    queryset = ExternalAudit.objects.select_related("body", "certificate").order_by("-start_date")
    http_method_names = ["get", "post", "put", "head", "options"]
    step_target = "audit"

    def get_serializer_class(self):
        return ExternalAuditUpdateSerializer if self.action == "update" else ExternalAuditSerializer

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("version", None)
        serializer.instance = services.create_external_audit(actor=self.request.user, **data)

    def perform_update(self, serializer):
        self.save_update(serializer, services.update_external_audit)

    @extend_schema(methods=["GET"], responses=FindingSerializer(many=True))
    @extend_schema(methods=["POST"], request=FindingSerializer, responses={201: FindingSerializer})
    @api_action(detail=True, methods=["get", "post"], pagination_class=None)
    def findings(self, request, pk=None):
        audit = self.get_object()
        if request.method == "POST":
            payload = FindingSerializer(data=request.data)
            payload.is_valid(raise_exception=True)
            finding = services.add_finding(
                actor=request.user, audit=audit, **payload.validated_data
            )
            return Response(FindingSerializer(finding).data, status=status.HTTP_201_CREATED)
        findings = audit.findings.select_related("nonconformity").order_by("number")
        return Response(FindingSerializer(findings, many=True).data)


class VerdictSerializer(serializers.Serializer):
    state = serializers.CharField()
    reason = serializers.CharField()
    fix_url = serializers.CharField()


class ClauseReadinessSerializer(serializers.Serializer):
    clause = serializers.CharField(source="clause.number")
    title = serializers.CharField(source="clause.title")
    state = serializers.ChoiceField(
        choices=[readiness.GREEN, readiness.AMBER, readiness.RED, readiness.NOT_COVERED]
    )
    evidence = serializers.CharField()
    reasons = VerdictSerializer(many=True)


class WeekSerializer(serializers.Serializer):
    week_start = serializers.DateField()
    score = serializers.IntegerField(allow_null=True)


@extend_schema_serializer(many=False)  # one assessment, though served by a viewset's `list`
class ReadinessSerializer(serializers.Serializer):
    date = serializers.DateField(source="today")
    score = serializers.IntegerField(allow_null=True)
    clauses = ClauseReadinessSerializer(many=True)
    weeks = WeekSerializer(many=True)


class ReadinessViewSet(viewsets.ViewSet):
    """Readiness for the certification audit: each applicable clause green, amber or red
    (or not covered yet) with the reasons, the score and the weekly trend."""

    permission_classes = [IsStaff]

    @extend_schema(responses=ReadinessSerializer)
    def list(self, request):
        result = readiness.assess()
        result.weeks = readiness.trend()
        return Response(ReadinessSerializer(result).data)


def register(router) -> None:
    router.register("readiness", ReadinessViewSet, basename="readiness")
    router.register("certification-bodies", CertificationBodyViewSet, basename="certification-body")
    router.register("certificates", CertificateViewSet, basename="certificate")
    router.register("external-audits", ExternalAuditViewSet, basename="external-audit")
