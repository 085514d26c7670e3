"""REST API of quality objectives, KPIs and measurements: the same services and
rules as the pages."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action as api_action

from ratusz.core.api import LockSerializer, StepsMixin
from ratusz.core.api_permissions import IsStaff
from ratusz.objectives import policies, selectors, services
from ratusz.objectives.filters import KpiFilter, ObjectiveFilter
from ratusz.objectives.models import Kpi, Measurement, Objective


class ObjectiveSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(read_only=True)
    kpi_count = serializers.IntegerField(read_only=True, allow_null=True, default=None)

    class Meta:
        model = Objective
        fields = [
            "id",
            "reference",
            "year",
            "number",
            "title",
            "description",
            "org_unit",
            "policy_document",
            "processes",
            "resources",
            "owner",
            "due_date",
            "evaluation",
            "status",
            "approved_by",
            "approved_at",
            "result_notes",
            "kpi_count",
            "version",
        ]
        read_only_fields = [
            "number",
            "status",
            "approved_by",
            "approved_at",
            "result_notes",
            "version",
        ]


class ObjectiveUpdateSerializer(ObjectiveSerializer):
    version = serializers.IntegerField(
        help_text="The version you loaded; a stale one gets 409 Conflict."
    )

    class Meta(ObjectiveSerializer.Meta):
        read_only_fields = [
            "year",
            "number",
            "status",
            "approved_by",
            "approved_at",
            "result_notes",
        ]


class ObjectiveEvaluateSerializer(LockSerializer):
    result = serializers.ChoiceField(choices=[s.value for s in services.RESULTS])
    result_notes = serializers.CharField()


class ObjectiveViewSet(
    StepsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Quality objectives: read (all staff); set and change (quality manager; head of
    the unit for its own); approve (top management); evaluate the result."""

    permission_classes = [IsStaff]
    queryset = Objective.objects.none()  # for the schema; the real one is below
    filterset_class = ObjectiveFilter
    step_target = "objective"

    def get_serializer_class(self):
        if self.action in ("update", "partial_update"):
            return ObjectiveUpdateSerializer
        return ObjectiveSerializer

    def get_queryset(self):
        return selectors.objective_list(user=self.request.user).prefetch_related("processes")

    def get_object(self):
        objective = selectors.objective_detail(user=self.request.user, pk=self.kwargs["pk"])
        if objective is None:
            raise Http404
        return objective

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data["processes"] = list(data.get("processes", []))
        serializer.instance = services.create_objective(actor=self.request.user, **data)

    def perform_update(self, serializer):
        if "processes" in serializer.validated_data:
            serializer.validated_data["processes"] = list(serializer.validated_data["processes"])
        self.save_update(serializer, services.update_objective)

    @extend_schema(request=LockSerializer, responses=ObjectiveSerializer)
    @api_action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self.run_step(request, LockSerializer, services.approve_objective)

    @extend_schema(request=ObjectiveEvaluateSerializer, responses=ObjectiveSerializer)
    @api_action(detail=True, methods=["post"])
    def evaluate(self, request, pk=None):
        return self.run_step(request, ObjectiveEvaluateSerializer, services.evaluate_objective)


class KpiSerializer(serializers.ModelSerializer):
    last_period = serializers.DateField(read_only=True, allow_null=True, default=None)
    last_value = serializers.DecimalField(
        max_digits=12, decimal_places=2, read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = Kpi
        fields = [
            "id",
            "objective",
            "name",
            "description",
            "unit",
            "higher_is_better",
            "target",
            "warning",
            "frequency",
            "measured_from",
            "owner",
            "processes",
            "source",
            "is_active",
            "version",
            "last_period",
            "last_value",
        ]
        read_only_fields = ["is_active", "version"]


class KpiUpdateSerializer(KpiSerializer):
    version = serializers.IntegerField(
        help_text="The version you loaded; a stale one gets 409 Conflict."
    )

    class Meta(KpiSerializer.Meta):
        read_only_fields = ["objective"]


class ComputeSerializer(serializers.Serializer):
    period_start = serializers.DateField()


class KpiViewSet(
    StepsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """KPIs with their latest value: read (all staff); add and change (those who
    keep the objective); compute a period of a computed KPI."""

    permission_classes = [IsStaff]
    queryset = Kpi.objects.none()
    filterset_class = KpiFilter
    step_target = "kpi"

    def get_serializer_class(self):
        if self.action in ("update", "partial_update"):
            return KpiUpdateSerializer
        return KpiSerializer

    def get_queryset(self):
        return selectors.kpi_table(user=self.request.user).prefetch_related("processes")

    def get_object(self):
        kpi = selectors.kpi_detail(user=self.request.user, pk=self.kwargs["pk"])
        if kpi is None:
            raise Http404
        return kpi

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data["processes"] = list(data.get("processes", []))
        if not policies.can_view_objectives(self.request.user, data["objective"]):
            raise Http404
        serializer.instance = services.create_kpi(actor=self.request.user, **data)

    def perform_update(self, serializer):
        if "processes" in serializer.validated_data:
            serializer.validated_data["processes"] = list(serializer.validated_data["processes"])
        self.save_update(serializer, services.update_kpi)

    @extend_schema(request=ComputeSerializer, responses=KpiSerializer)
    @api_action(detail=True, methods=["post"])
    def compute(self, request, pk=None):
        return self.run_step(request, ComputeSerializer, services.compute_measurement)


class MeasurementSerializer(serializers.ModelSerializer):
    unit = serializers.CharField(write_only=True, help_text="Must be the KPI's unit.")
    period = serializers.CharField(source="period_label", read_only=True)
    standing = serializers.CharField(read_only=True)

    class Meta:
        model = Measurement
        fields = [
            "id",
            "kpi",
            "period_start",
            "period",
            "value",
            "unit",
            "note",
            "computed",
            "analysis",
            "standing",
            "entered_by",
            "entered_at",
            "version",
        ]
        read_only_fields = ["computed", "analysis", "entered_by", "entered_at", "version"]
        validators: list = []  # one measurement per period: the service says so by field


class CommentSerializer(LockSerializer):
    analysis = serializers.CharField()


class MeasurementViewSet(
    StepsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Measurements: read (all staff); enter one with its evidence note (those who
    keep the KPI); write the analysis of a period (9.1.3)."""

    permission_classes = [IsStaff]
    queryset = Measurement.objects.none()
    serializer_class = MeasurementSerializer
    step_target = "measurement"
    filterset_fields = ["kpi"]

    def get_queryset(self):
        if not policies.can_view_objectives(self.request.user):
            return Measurement.objects.none()
        return Measurement.objects.select_related("kpi").order_by("kpi_id", "period_start")

    def get_object(self):
        measurement = self.get_queryset().filter(pk=self.kwargs["pk"]).first()
        if measurement is None:
            raise Http404
        return measurement

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.record_measurement(actor=self.request.user, **data)

    @extend_schema(request=CommentSerializer, responses=MeasurementSerializer)
    @api_action(detail=True, methods=["post"])
    def comment(self, request, pk=None):
        return self.run_step(request, CommentSerializer, services.comment_measurement)


def register(router) -> None:
    router.register("objectives", ObjectiveViewSet, basename="objective")
    router.register("kpis", KpiViewSet, basename="kpi")
    router.register("measurements", MeasurementViewSet, basename="measurement")
