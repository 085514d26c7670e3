"""REST API of the register of risks and opportunities: the same services and
rules as the pages."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action as api_action

from ratusz.core.api import LockSerializer, StepsMixin, confirmed_field
from ratusz.core.api_permissions import IsStaff
from ratusz.core.models import Action, User
from ratusz.risks import selectors, services
from ratusz.risks.filters import AssessmentFilter, RiskFilter
from ratusz.risks.models import Assessment, Risk

VERSION_HELP = "The version you loaded; a stale one gets 409 Conflict."
LEVELS = ("inherent_likelihood", "inherent_impact", "residual_likelihood", "residual_impact")


class RiskSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(read_only=True)
    open_treatments = serializers.IntegerField(read_only=True, allow_null=True, default=None)
    residual_reason = serializers.CharField(write_only=True, required=False, allow_blank=True)

    class Meta:
        model = Risk
        fields = [
            "id",
            "reference",
            "title",
            "kind",
            "category",
            "cause",
            "event",
            "effect",
            "process",
            "org_unit",
            "owner",
            "issues",
            "requirements",
            *LEVELS,
            "residual_reason",
            "inherent_level",
            "residual_level",
            "appetite",
            "response",
            "controls",
            "review_date",
            "assessed_on",
            "status",
            "open_treatments",
            "version",
        ]
        read_only_fields = [
            "inherent_level",
            "residual_level",
            "assessed_on",
            "status",
            "version",
        ]
        # The scale is the office's, so the service checks the levels and names the field.
        extra_kwargs = {name: {"min_value": None, "max_value": None} for name in LEVELS} | {
            "appetite": {"required": False}
        }


class RiskUpdateSerializer(RiskSerializer):
    version = serializers.IntegerField(help_text=VERSION_HELP)

    class Meta(RiskSerializer.Meta):
        read_only_fields = [*RiskSerializer.Meta.read_only_fields[:-1], *LEVELS]


class AssessPayload(LockSerializer):
    inherent_likelihood = serializers.IntegerField()
    inherent_impact = serializers.IntegerField()
    residual_likelihood = serializers.IntegerField()
    residual_impact = serializers.IntegerField()
    residual_reason = serializers.CharField(required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, allow_blank=True, default="")
    review_date = serializers.DateField(required=False, allow_null=True, default=None)


class AssessmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Assessment
        fields = [
            "id",
            "risk",
            "assessed_on",
            "assessed_by",
            *LEVELS,
            "inherent_level",
            "residual_level",
            "residual_reason",
            "note",
        ]


class TreatmentPayload(LockSerializer):
    title = serializers.CharField()
    description = serializers.CharField(required=False, allow_blank=True, default="")
    owner = serializers.PrimaryKeyRelatedField(queryset=User.objects.all())
    due_date = serializers.DateField()
    confirmed = confirmed_field()


class TreatmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Action
        fields = ["id", "reference", "title", "owner", "due_date", "status"]


class RiskViewSet(
    StepsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """The register of risks and opportunities: read (all staff); add (quality
    manager, top management, heads of units for their units); change, assess and
    treat (they and the risk's owner)."""

    permission_classes = [IsStaff]
    queryset = Risk.objects.none()  # for the schema; the real one is below
    filterset_class = RiskFilter
    step_target = "risk"

    def get_serializer_class(self):
        if self.action in ("update", "partial_update"):
            return RiskUpdateSerializer
        return RiskSerializer

    def get_queryset(self):
        return selectors.risk_list(user=self.request.user).prefetch_related(
            "issues", "requirements"
        )

    def get_object(self):
        risk = selectors.risk_detail(user=self.request.user, pk=self.kwargs["pk"])
        if risk is None:
            raise Http404
        return risk

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data["issues"] = list(data.get("issues", []))
        data["requirements"] = list(data.get("requirements", []))
        serializer.instance = services.create_risk(actor=self.request.user, **data)

    def perform_update(self, serializer):
        data = serializer.validated_data
        for name in ("issues", "requirements"):
            if name in data:
                data[name] = list(data[name])
        data.pop("residual_reason", None)
        self.save_update(serializer, services.update_risk)

    @extend_schema(request=AssessPayload, responses=AssessmentSerializer)
    @api_action(detail=True, methods=["post"])
    def assess(self, request, pk=None):
        return self.run_step(
            request, AssessPayload, services.assess_risk, created=AssessmentSerializer
        )

    @extend_schema(request=TreatmentPayload, responses=TreatmentSerializer)
    @api_action(detail=True, methods=["post"])
    def treatments(self, request, pk=None):
        return self.run_step(
            request, TreatmentPayload, services.add_treatment, created=TreatmentSerializer
        )


class AssessmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Every assessment of every risk, the newest first (all staff); `?risk=` for one."""

    permission_classes = [IsStaff]
    queryset = Assessment.objects.none()
    serializer_class = AssessmentSerializer
    filterset_class = AssessmentFilter

    def get_queryset(self):
        return selectors.assessment_list(user=self.request.user)


def register(router) -> None:
    router.register("risks", RiskViewSet, basename="risk")
    router.register("risk-assessments", AssessmentViewSet, basename="risk-assessment")
