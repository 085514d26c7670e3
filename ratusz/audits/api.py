"""REST API of internal audits: the same services and rules as the pages."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action as api_action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from ratusz.audits import planning, policies, qualification, selectors, services
from ratusz.audits.filters import AuditFilter, FindingFilter, ProgrammeItemFilter
from ratusz.audits.models import (
    Audit,
    AuditorProfile,
    ChecklistItem,
    Finding,
    Programme,
    ProgrammeItem,
    QuestionTemplate,
)
from ratusz.core import access
from ratusz.core.api import LockSerializer, StepsMixin
from ratusz.core.api_permissions import IsStaff
from ratusz.core.models import OrgUnit, User


class ProgrammeItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProgrammeItem
        fields = [
            "id",
            "programme",
            "process",
            "org_unit",
            "clauses",
            "planned_month",
            "status",
            "risk_score",
            "rationale",
            "justification",
        ]
        read_only_fields = fields


class ProgrammeSerializer(serializers.ModelSerializer):
    items = ProgrammeItemSerializer(many=True, read_only=True)

    class Meta:
        model = Programme
        fields = [
            "id",
            "year",
            "status",
            "objectives",
            "approved_by",
            "approved_at",
            "version",
            "items",
        ]
        read_only_fields = fields


class ProgrammeViewSet(StepsMixin, viewsets.ReadOnlyModelViewSet):
    """Audit programmes per year with their items; the quality manager approves them."""

    step_target = "programme"
    permission_classes = [IsStaff]
    serializer_class = ProgrammeSerializer
    lookup_field = "year"

    def get_queryset(self):
        return Programme.objects.prefetch_related("items__clauses")

    @extend_schema(request=LockSerializer, responses=ProgrammeSerializer)
    @api_action(detail=True, methods=["post"])
    def approve(self, request, year=None):
        return self.run_step(request, LockSerializer, planning.approve_programme)


class ProgrammeItemViewSet(viewsets.ReadOnlyModelViewSet):
    """Items of the audit programmes (one planned or deferred audit each)."""

    permission_classes = [IsStaff]
    serializer_class = ProgrammeItemSerializer

    filterset_class = ProgrammeItemFilter

    def get_queryset(self):
        return ProgrammeItem.objects.prefetch_related("clauses").order_by(
            "programme__year", "planned_month", "id"
        )


class AuditSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(read_only=True)
    team = serializers.PrimaryKeyRelatedField(
        many=True, queryset=User.objects.filter(is_active=True), required=False
    )

    class Meta:
        model = Audit
        fields = [
            "id",
            "reference",
            "title",
            "objectives",
            "scope",
            "criteria",
            "process",
            "org_units",
            "clauses",
            "planned_start",
            "planned_end",
            "opening_meeting",
            "closing_meeting",
            "lead_auditor",
            "team",
            "programme_item",
            "status",
            "summary",
            "report_issued_at",
            "cancel_reason",
            "version",
        ]
        read_only_fields = [
            "closing_meeting",
            "status",
            "summary",
            "report_issued_at",
            "cancel_reason",
            "version",
        ]
        # Plan checks (dates, the team's independence) are the service's, as on the page.
        validators = []


class CloseAuditSerializer(LockSerializer):
    closing_meeting = serializers.DateTimeField(required=False, allow_null=True, default=None)
    summary = serializers.CharField(allow_blank=True)


class AcknowledgeSerializer(serializers.Serializer):
    org_unit = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all())
    comment = serializers.CharField(allow_blank=True, required=False, default="")


class ChecklistItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = ChecklistItem
        fields = [
            "id",
            "audit",
            "position",
            "question",
            "guidance",
            "clause",
            "answer",
            "evidence",
            "answered_by",
            "answered_at",
            "version",
        ]
        read_only_fields = fields


class AnswerSerializer(LockSerializer):
    answer = serializers.ChoiceField(choices=ChecklistItem.Answer.choices)
    evidence = serializers.CharField(allow_blank=True, required=False, default="")


class ChecklistItemViewSet(StepsMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """A checklist question of an audit and its answer (send the `version` you loaded)."""

    step_target = "item"
    permission_classes = [IsStaff]
    serializer_class = ChecklistItemSerializer
    queryset = ChecklistItem.objects.none()

    def get_object(self):
        item = ChecklistItem.objects.select_related("audit").filter(pk=self.kwargs["pk"]).first()
        if item is None or not policies.can_view_checklist_item(self.request.user, item):
            raise Http404
        return item

    @extend_schema(request=AnswerSerializer, responses=ChecklistItemSerializer)
    @api_action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        return self.run_step(request, AnswerSerializer, services.answer_question)


class AuditViewSet(
    StepsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Audits the user may see; planning one goes through the same independence checks."""

    permission_classes = [IsStaff]
    serializer_class = AuditSerializer
    queryset = Audit.objects.none()  # for the schema; the real one is below
    filterset_class = AuditFilter
    step_target = "audit"

    def get_queryset(self):
        return selectors.audit_list(user=self.request.user).prefetch_related("clauses", "team")

    def get_object(self):
        audit = selectors.audit_detail(user=self.request.user, pk=self.kwargs["pk"])
        if audit is None:
            raise Http404
        return audit

    def perform_create(self, serializer):
        if not policies.can_plan_audits(self.request.user):
            raise PermissionDenied(
                _("Only the quality manager and auditors of the pool plan audits.")
            )
        data = dict(serializer.validated_data)
        for name in ("org_units", "clauses", "team"):
            data[name] = list(data.get(name, []))
        serializer.instance = services.create_audit(actor=self.request.user, **data)

    @extend_schema(request=LockSerializer, responses=AuditSerializer)
    @api_action(detail=True, methods=["post"])
    def start(self, request, pk=None):
        """Start the audit: its checklist is built from the question templates."""
        return self.run_step(request, LockSerializer, services.start_audit)

    @extend_schema(responses=ChecklistItemSerializer(many=True))
    @api_action(detail=True, methods=["get"], pagination_class=None)
    def checklist(self, request, pk=None):
        items = selectors.checklist_of(self.get_object())
        return Response(ChecklistItemSerializer(items, many=True).data)

    @extend_schema(request=CloseAuditSerializer, responses=AuditSerializer)
    @api_action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """Close the audit and issue its report (lead auditor; every question answered)."""
        return self.run_step(request, CloseAuditSerializer, services.close_audit)

    @extend_schema(request=AcknowledgeSerializer, responses=AuditSerializer)
    @api_action(detail=True, methods=["post"])
    def acknowledge(self, request, pk=None):
        """The head of an audited unit acknowledges the issued report for that unit."""
        return self.run_step(request, AcknowledgeSerializer, services.acknowledge_report)


class AuditFindingSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(read_only=True)
    clause = serializers.PrimaryKeyRelatedField(
        queryset=Finding._meta.get_field("clause").related_model.objects.all(),
        required=False,
        allow_null=True,
        default=None,  # left out, the service answers which clause is missing
    )

    class Meta:
        model = Finding
        fields = [
            "id",
            "reference",
            "audit",
            "grade",
            "clause",
            "process",
            "org_unit",
            "description",
            "evidence",
            "checklist_item",
            "nonconformity",
            "idea",
            "created_at",
        ]
        read_only_fields = ["nonconformity", "idea", "created_at"]


class FindingViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Findings of the audits the user may see; a nonconformity finding raises an NC."""

    permission_classes = [IsStaff]
    serializer_class = AuditFindingSerializer

    filterset_class = FindingFilter

    def get_queryset(self):
        visible = policies.audits_visible_to(self.request.user).values("pk")
        return Finding.objects.filter(audit_id__in=visible).select_related("audit").order_by("-id")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        audit = data.pop("audit")
        if not policies.can_view_audit(self.request.user, audit):
            raise Http404
        serializer.instance = services.record_finding(actor=self.request.user, audit=audit, **data)


class AuditorListSerializer(serializers.ListSerializer):
    def to_representation(self, data):
        # Every member's qualification in one lookup, not one per row.
        return super().to_representation(qualification.attach(data))


class AuditorSerializer(serializers.ModelSerializer):
    """A pool member. `trained_on`, `training` and `can_lead` are read from the
    competence records where they are kept there (and are then not written)."""

    audits_done = serializers.SerializerMethodField()
    version = serializers.IntegerField(
        required=False,
        help_text="When updating a member of the pool: the version you loaded; "
        "a stale one gets 409 Conflict.",
    )

    class Meta:
        model = AuditorProfile
        fields = [
            "id",
            "user",
            "trained_on",
            "training",
            "qualifications",
            "can_lead",
            "is_active",
            "audits_done",
            "version",
        ]
        validators = []
        # POST with someone already in the pool updates them (the service decides).
        extra_kwargs = {"user": {"validators": []}}
        list_serializer_class = AuditorListSerializer

    def get_audits_done(self, obj) -> int:
        return getattr(obj, "led_count", 0) + getattr(obj, "team_count", 0)

    def to_representation(self, instance):
        data = super().to_representation(instance)
        found = getattr(instance, "qualification", None)
        if found is None:
            found = qualification.of([instance])[instance.user_id]
        data["trained_on"] = found.trained_on.isoformat() if found.trained_on else None
        data["training"] = found.training
        data["can_lead"] = found.can_lead
        return data


class AuditorViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """The auditor pool; the quality manager adds and updates members (POST with the user)."""

    permission_classes = [IsStaff]
    serializer_class = AuditorSerializer

    def get_queryset(self):
        return selectors.auditor_pool()

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.save_auditor(
            actor=self.request.user, expected_version=data.pop("version", None), **data
        )


class QuestionTemplateSerializer(serializers.ModelSerializer):
    class Meta:
        model = QuestionTemplate
        fields = ["id", "text", "guidance", "clause", "process", "is_active", "version"]
        read_only_fields = ["version"]


class QuestionTemplateViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Reusable checklist questions per clause and process (the quality manager adds them)."""

    permission_classes = [IsStaff]
    serializer_class = QuestionTemplateSerializer

    queryset = QuestionTemplate.objects.none()  # for the schema; the real one is below

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return QuestionTemplate.objects.none()
        if not (access.reads_everything(self.request.user)):
            raise PermissionDenied(
                _("The question templates are for the quality manager and auditors.")
            )
        return QuestionTemplate.objects.order_by("id")

    def perform_create(self, serializer):
        serializer.instance = services.create_question_template(
            actor=self.request.user, **serializer.validated_data
        )


def register(router) -> None:
    router.register("audit-programmes", ProgrammeViewSet, basename="audit-programme")
    router.register("audit-programme-items", ProgrammeItemViewSet, basename="audit-programme-item")
    router.register("audits", AuditViewSet, basename="audit")
    router.register("audit-findings", FindingViewSet, basename="audit-finding")
    router.register("audit-checklist", ChecklistItemViewSet, basename="audit-checklist-item")
    router.register("auditors", AuditorViewSet, basename="auditor")
    router.register("audit-questions", QuestionTemplateViewSet, basename="audit-question")
