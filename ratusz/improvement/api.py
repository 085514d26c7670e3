"""REST API of nonconformities and improvement ideas: the same services and rules as the pages."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action as api_action
from rest_framework.response import Response

from ratusz.core.api import ActionSerializer, LockSerializer, StepsMixin, confirmed_field
from ratusz.core.api_permissions import IsStaff
from ratusz.core.models import Clause, OrgUnit, User
from ratusz.improvement import policies, selectors, services
from ratusz.improvement.filters import IdeaFilter, NcFilter
from ratusz.improvement.models import CauseCategory, Idea, Nonconformity, Source
from ratusz.processes.models import Process


class NonconformitySerializer(serializers.ModelSerializer):
    reference = serializers.CharField(read_only=True)

    class Meta:
        model = Nonconformity
        fields = [
            "id",
            "reference",
            "title",
            "description",
            "source",
            "source_reference",
            "grade",
            "status",
            "org_unit",
            "process",
            "clause",
            "detected_on",
            "target_date",
            "reported_by",
            "owner",
            "recurrence_of",
            "correction",
            "correction_done_on",
            "whys",
            "root_cause",
            "cause_categories",
            "verification_due",
            "verification_method",
            "verification_result",
            "verification_notes",
            "verified_on",
            "verified_by",
            "failed_verifications",
            "closed_at",
            "closed_by",
            "closure_notes",
            "rejection_reason",
            "version",
        ]
        read_only_fields = fields


class NonconformityCreateSerializer(serializers.Serializer):
    """A staff report (title, description, unit) or, for those who record, every field."""

    title = serializers.CharField(max_length=255)
    description = serializers.CharField()
    org_unit = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all())
    source = serializers.ChoiceField(choices=Source.choices, default=Source.STAFF_REPORT)
    source_reference = serializers.CharField(required=False, allow_blank=True, default="")
    grade = serializers.ChoiceField(
        choices=Nonconformity.Grade.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text="Required when the nonconformity is recorded open; a report is graded at triage.",
    )
    process = serializers.PrimaryKeyRelatedField(
        queryset=Process.objects.all(), required=False, allow_null=True, default=None
    )
    clause = serializers.PrimaryKeyRelatedField(
        queryset=Clause.objects.all(), required=False, allow_null=True, default=None
    )
    detected_on = serializers.DateField(required=False, allow_null=True, default=None)
    owner = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), required=False, allow_null=True, default=None
    )
    target_date = serializers.DateField(required=False, allow_null=True, default=None)
    correction = serializers.CharField(required=False, allow_blank=True, default="")


class TriageSerializer(LockSerializer):
    accept = serializers.BooleanField()
    grade = serializers.ChoiceField(
        choices=Nonconformity.Grade.choices, required=False, allow_null=True, default=None
    )
    owner = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), required=False, allow_null=True, default=None
    )
    clause = serializers.PrimaryKeyRelatedField(
        queryset=Clause.objects.all(), required=False, allow_null=True, default=None
    )
    process = serializers.PrimaryKeyRelatedField(
        queryset=Process.objects.all(), required=False, allow_null=True, default=None
    )
    target_date = serializers.DateField(required=False, allow_null=True, default=None)
    rejection_reason = serializers.CharField(required=False, allow_blank=True, default="")


class CorrectionSerializer(LockSerializer):
    correction = serializers.CharField(allow_blank=True)
    correction_done_on = serializers.DateField(required=False, allow_null=True, default=None)


class RootCauseSerializer(LockSerializer):
    whys = serializers.ListField(child=serializers.CharField(allow_blank=True), max_length=5)
    root_cause = serializers.CharField(allow_blank=True)
    categories = serializers.ListField(child=serializers.ChoiceField(CauseCategory.choices))


class NewActionSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=255)
    owner = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True))
    due_date = serializers.DateField()
    description = serializers.CharField(required=False, allow_blank=True, default="")
    confirmed = confirmed_field()


class PlanSerializer(LockSerializer):
    verification_due = serializers.DateField()
    verification_method = serializers.CharField(allow_blank=True)


class VerificationSerializer(LockSerializer):
    effective = serializers.BooleanField()
    verification_notes = serializers.CharField(allow_blank=True)
    verified_on = serializers.DateField(required=False, allow_null=True, default=None)
    confirmed = confirmed_field()


class CloseSerializer(LockSerializer):
    closure_notes = serializers.CharField(required=False, allow_blank=True, default="")


class NonconformityViewSet(
    StepsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Nonconformities (ISO 9001 8.7, 10.2) and their workflow steps (send `version`)."""

    permission_classes = [IsStaff]
    queryset = Nonconformity.objects.none()
    filterset_class = NcFilter
    step_target = "nc"

    def get_serializer_class(self):
        return NonconformityCreateSerializer if self.action == "create" else NonconformitySerializer

    def get_queryset(self):
        return selectors.nc_list(user=self.request.user)

    def get_object(self):
        nc = selectors.nc_detail(user=self.request.user, pk=self.kwargs["pk"])
        if nc is None:
            raise Http404
        return nc

    @extend_schema(request=NonconformityCreateSerializer, responses={201: NonconformitySerializer})
    def create(self, request, *args, **kwargs):
        payload = NonconformityCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        if not policies.can_record_nc(request.user):
            # Everyone else sends a staff report: the quality manager fills in the rest.
            data = {
                "title": data["title"],
                "description": data["description"],
                "org_unit": data["org_unit"],
                "detected_on": data["detected_on"],
                "correction": data["correction"],
                "source": Source.STAFF_REPORT,
            }
        nc = services.raise_nonconformity(actor=request.user, **data)
        return Response(NonconformitySerializer(nc).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=TriageSerializer, responses=NonconformitySerializer)
    @api_action(detail=True, methods=["post"])
    def triage(self, request, pk=None):
        return self.run_step(request, TriageSerializer, services.triage)

    @extend_schema(request=CorrectionSerializer, responses=NonconformitySerializer)
    @api_action(detail=True, methods=["post"])
    def correction(self, request, pk=None):
        return self.run_step(request, CorrectionSerializer, services.record_correction)

    @extend_schema(request=RootCauseSerializer, responses=NonconformitySerializer)
    @api_action(detail=True, methods=["post"], url_path="root-cause")
    def root_cause(self, request, pk=None):
        return self.run_step(request, RootCauseSerializer, services.record_root_cause)

    @extend_schema(request=NewActionSerializer, responses={201: ActionSerializer})
    @api_action(detail=True, methods=["post"])
    def actions(self, request, pk=None):
        return self.run_step(
            request, NewActionSerializer, services.add_corrective_action, created=ActionSerializer
        )

    @extend_schema(request=PlanSerializer, responses=NonconformitySerializer)
    @api_action(detail=True, methods=["post"], url_path="plan-verification")
    def plan_verification(self, request, pk=None):
        return self.run_step(request, PlanSerializer, services.plan_verification)

    @extend_schema(request=LockSerializer, responses=NonconformitySerializer)
    @api_action(detail=True, methods=["post"], url_path="request-verification")
    def request_verification(self, request, pk=None):
        return self.run_step(request, LockSerializer, services.request_verification)

    @extend_schema(request=VerificationSerializer, responses=NonconformitySerializer)
    @api_action(detail=True, methods=["post"])
    def verification(self, request, pk=None):
        return self.run_step(request, VerificationSerializer, services.record_verification)

    @extend_schema(request=CloseSerializer, responses=NonconformitySerializer)
    @api_action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return self.run_step(request, CloseSerializer, services.close)


# --- ideas ---------------------------------------------------------------------------


class IdeaSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(read_only=True)

    class Meta:
        model = Idea
        fields = [
            "id",
            "reference",
            "title",
            "description",
            "source",
            "source_reference",
            "status",
            "submitted_by",
            "org_unit",
            "process",
            "clause",
            "expected_benefit",
            "evaluation",
            "decision_notes",
            "decided_by",
            "decided_at",
            "benefit_achieved",
            "implemented_on",
            "created_at",
            "version",
        ]
        read_only_fields = fields


class IdeaCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=255)
    description = serializers.CharField()
    org_unit = serializers.PrimaryKeyRelatedField(
        queryset=OrgUnit.objects.all(), required=False, allow_null=True, default=None
    )
    process = serializers.PrimaryKeyRelatedField(
        queryset=Process.objects.all(), required=False, allow_null=True, default=None
    )
    expected_benefit = serializers.CharField(required=False, allow_blank=True, default="")


class EvaluateSerializer(LockSerializer):
    evaluation = serializers.CharField(allow_blank=True)


class DecideSerializer(LockSerializer):
    accept = serializers.BooleanField()
    decision_notes = serializers.CharField(allow_blank=True)


class ImplementedSerializer(LockSerializer):
    benefit_achieved = serializers.CharField(allow_blank=True)
    implemented_on = serializers.DateField(required=False, allow_null=True, default=None)


class IdeaViewSet(
    StepsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Improvement ideas (ISO 9001 10.3) and their steps (send `version`)."""

    permission_classes = [IsStaff]
    queryset = Idea.objects.none()
    filterset_class = IdeaFilter
    step_target = "idea"

    def get_serializer_class(self):
        return IdeaCreateSerializer if self.action == "create" else IdeaSerializer

    def get_queryset(self):
        return selectors.idea_list(user=self.request.user)

    def get_object(self):
        idea = selectors.idea_detail(user=self.request.user, pk=self.kwargs["pk"])
        if idea is None:
            raise Http404
        return idea

    @extend_schema(request=IdeaCreateSerializer, responses={201: IdeaSerializer})
    def create(self, request, *args, **kwargs):
        payload = IdeaCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        idea = services.submit_idea(actor=request.user, **payload.validated_data)
        return Response(IdeaSerializer(idea).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=EvaluateSerializer, responses=IdeaSerializer)
    @api_action(detail=True, methods=["post"])
    def evaluate(self, request, pk=None):
        return self.run_step(request, EvaluateSerializer, services.evaluate_idea)

    @extend_schema(request=DecideSerializer, responses=IdeaSerializer)
    @api_action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        return self.run_step(request, DecideSerializer, services.decide_idea)

    @extend_schema(request=NewActionSerializer, responses={201: ActionSerializer})
    @api_action(detail=True, methods=["post"])
    def actions(self, request, pk=None):
        return self.run_step(
            request, NewActionSerializer, services.add_idea_action, created=ActionSerializer
        )

    @extend_schema(request=ImplementedSerializer, responses=IdeaSerializer)
    @api_action(detail=True, methods=["post"])
    def implemented(self, request, pk=None):
        return self.run_step(request, ImplementedSerializer, services.mark_implemented)


def register(router) -> None:
    router.register("nonconformities", NonconformityViewSet, basename="nonconformity")
    router.register("ideas", IdeaViewSet, basename="idea")
