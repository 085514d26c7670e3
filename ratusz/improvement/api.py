"""REST API of nonconformities and improvement ideas: the same services and rules as the pages."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action as api_action
from rest_framework.response import Response

from ratusz.core.api import ActionSerializer
from ratusz.core.api_permissions import IsStaff
from ratusz.core.models import Clause, OrgUnit, User
from ratusz.improvement import policies, selectors, services
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
    grade = serializers.ChoiceField(choices=Nonconformity.Grade.choices, default="minor")
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


class NonconformityLockSerializer(serializers.Serializer):
    version = serializers.IntegerField()


class TriageSerializer(NonconformityLockSerializer):
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
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class CorrectionSerializer(NonconformityLockSerializer):
    correction = serializers.CharField(allow_blank=True)
    done_on = serializers.DateField(required=False, allow_null=True, default=None)


class RootCauseSerializer(NonconformityLockSerializer):
    whys = serializers.ListField(child=serializers.CharField(allow_blank=True), max_length=5)
    root_cause = serializers.CharField(allow_blank=True)
    categories = serializers.ListField(child=serializers.ChoiceField(CauseCategory.choices))


class NewActionSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=255)
    owner = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True))
    due_date = serializers.DateField()
    description = serializers.CharField(required=False, allow_blank=True, default="")


class PlanSerializer(NonconformityLockSerializer):
    due = serializers.DateField()
    method = serializers.CharField(allow_blank=True)


class VerificationSerializer(NonconformityLockSerializer):
    effective = serializers.BooleanField()
    notes = serializers.CharField(allow_blank=True)
    checked_on = serializers.DateField(required=False, allow_null=True, default=None)


class CloseSerializer(NonconformityLockSerializer):
    notes = serializers.CharField(required=False, allow_blank=True, default="")


NC_FILTERS = [
    OpenApiParameter("status", str, description="a status, or 'open' for every open one"),
    OpenApiParameter("unit", int, description="org unit id (its subtree)"),
    OpenApiParameter("process", int),
    OpenApiParameter("clause", int),
    OpenApiParameter("source", str),
    OpenApiParameter("grade", str),
    OpenApiParameter("overdue", bool),
    OpenApiParameter("recurring", bool),
    OpenApiParameter("q", str, description="text in the title or description"),
    OpenApiParameter("sort", str, enum=list(selectors.NC_SORTS)),
]


def _flag(value: str | None) -> bool:
    return (value or "").lower() in ("1", "true", "on", "yes")


def _pk_or_none(model, value):
    if value and str(value).isdigit():
        return model.objects.filter(pk=value).first()
    return None


@extend_schema(parameters=NC_FILTERS)
class NonconformityViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Nonconformities (ISO 9001 8.7, 10.2) and their workflow steps (send `version`)."""

    permission_classes = [IsStaff]
    queryset = Nonconformity.objects.none()

    def get_serializer_class(self):
        return NonconformityCreateSerializer if self.action == "create" else NonconformitySerializer

    def get_queryset(self):
        params = self.request.query_params
        filters = selectors.NcFilters(
            status=params.get("status", ""),
            unit=_pk_or_none(OrgUnit, params.get("unit")),
            process=_pk_or_none(Process, params.get("process")),
            clause=_pk_or_none(Clause, params.get("clause")),
            source=params.get("source", ""),
            grade=params.get("grade", ""),
            overdue=_flag(params.get("overdue")),
            recurring=_flag(params.get("recurring")),
            q=params.get("q", "").strip(),
            sort=params.get("sort", "number"),
        )
        return selectors.nc_list(user=self.request.user, filters=filters)

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
                "correction": data["correction"],
                "source": Source.STAFF_REPORT,
            }
        nc = services.raise_nonconformity(actor=request.user, **data)
        return Response(NonconformitySerializer(nc).data, status=status.HTTP_201_CREATED)

    def _step(self, request, payload_class, call):
        nc = self.get_object()
        payload = payload_class(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        lock = data.pop("version", None)
        call(nc, lock, data)
        nc = self.get_object()
        return Response(NonconformitySerializer(nc).data)

    @extend_schema(request=TriageSerializer, responses=NonconformitySerializer)
    @api_action(detail=True, methods=["post"])
    def triage(self, request, pk=None):
        return self._step(
            request,
            TriageSerializer,
            lambda nc, lock, d: services.triage(
                actor=request.user, nc=nc, expected_version=lock, **d
            ),
        )

    @extend_schema(request=CorrectionSerializer, responses=NonconformitySerializer)
    @api_action(detail=True, methods=["post"])
    def correction(self, request, pk=None):
        return self._step(
            request,
            CorrectionSerializer,
            lambda nc, lock, d: services.record_correction(
                actor=request.user, nc=nc, expected_version=lock, **d
            ),
        )

    @extend_schema(request=RootCauseSerializer, responses=NonconformitySerializer)
    @api_action(detail=True, methods=["post"], url_path="root-cause")
    def root_cause(self, request, pk=None):
        return self._step(
            request,
            RootCauseSerializer,
            lambda nc, lock, d: services.record_root_cause(
                actor=request.user, nc=nc, expected_version=lock, **d
            ),
        )

    @extend_schema(request=NewActionSerializer, responses={201: ActionSerializer})
    @api_action(detail=True, methods=["post"])
    def actions(self, request, pk=None):
        nc = self.get_object()
        payload = NewActionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        action = services.add_corrective_action(actor=request.user, nc=nc, **payload.validated_data)
        return Response(ActionSerializer(action).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=PlanSerializer, responses=NonconformitySerializer)
    @api_action(detail=True, methods=["post"], url_path="plan-verification")
    def plan_verification(self, request, pk=None):
        return self._step(
            request,
            PlanSerializer,
            lambda nc, lock, d: services.plan_verification(
                actor=request.user, nc=nc, expected_version=lock, **d
            ),
        )

    @extend_schema(request=NonconformityLockSerializer, responses=NonconformitySerializer)
    @api_action(detail=True, methods=["post"], url_path="request-verification")
    def request_verification(self, request, pk=None):
        return self._step(
            request,
            NonconformityLockSerializer,
            lambda nc, lock, d: services.request_verification(
                actor=request.user, nc=nc, expected_version=lock
            ),
        )

    @extend_schema(request=VerificationSerializer, responses=NonconformitySerializer)
    @api_action(detail=True, methods=["post"])
    def verification(self, request, pk=None):
        return self._step(
            request,
            VerificationSerializer,
            lambda nc, lock, d: services.record_verification(
                actor=request.user, nc=nc, expected_version=lock, **d
            ),
        )

    @extend_schema(request=CloseSerializer, responses=NonconformitySerializer)
    @api_action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return self._step(
            request,
            CloseSerializer,
            lambda nc, lock, d: services.close(
                actor=request.user, nc=nc, expected_version=lock, **d
            ),
        )


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


class EvaluateSerializer(NonconformityLockSerializer):
    evaluation = serializers.CharField(allow_blank=True)


class DecideSerializer(NonconformityLockSerializer):
    accept = serializers.BooleanField()
    notes = serializers.CharField(allow_blank=True)


class ImplementedSerializer(NonconformityLockSerializer):
    benefit = serializers.CharField(allow_blank=True)
    implemented_on = serializers.DateField(required=False, allow_null=True, default=None)


@extend_schema(
    parameters=[
        OpenApiParameter("status", str, description="a status, or 'open' for every open one"),
        OpenApiParameter("unit", int),
        OpenApiParameter("q", str),
    ]
)
class IdeaViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Improvement ideas (ISO 9001 10.3) and their steps (send `version`)."""

    permission_classes = [IsStaff]
    queryset = Idea.objects.none()

    def get_serializer_class(self):
        return IdeaCreateSerializer if self.action == "create" else IdeaSerializer

    def get_queryset(self):
        params = self.request.query_params
        filters = selectors.IdeaFilters(
            status=params.get("status", ""),
            unit=_pk_or_none(OrgUnit, params.get("unit")),
            q=params.get("q", "").strip(),
        )
        return selectors.idea_list(user=self.request.user, filters=filters)

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

    def _step(self, request, payload_class, call):
        idea = self.get_object()
        payload = payload_class(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        lock = data.pop("version", None)
        call(idea, lock, data)
        return Response(IdeaSerializer(self.get_object()).data)

    @extend_schema(request=EvaluateSerializer, responses=IdeaSerializer)
    @api_action(detail=True, methods=["post"])
    def evaluate(self, request, pk=None):
        return self._step(
            request,
            EvaluateSerializer,
            lambda i, lock, d: services.evaluate_idea(
                actor=request.user, idea=i, expected_version=lock, **d
            ),
        )

    @extend_schema(request=DecideSerializer, responses=IdeaSerializer)
    @api_action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        return self._step(
            request,
            DecideSerializer,
            lambda i, lock, d: services.decide_idea(
                actor=request.user, idea=i, expected_version=lock, **d
            ),
        )

    @extend_schema(request=NewActionSerializer, responses={201: ActionSerializer})
    @api_action(detail=True, methods=["post"])
    def actions(self, request, pk=None):
        idea = self.get_object()
        payload = NewActionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        action = services.add_idea_action(actor=request.user, idea=idea, **payload.validated_data)
        return Response(ActionSerializer(action).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ImplementedSerializer, responses=IdeaSerializer)
    @api_action(detail=True, methods=["post"])
    def implemented(self, request, pk=None):
        return self._step(
            request,
            ImplementedSerializer,
            lambda i, lock, d: services.mark_implemented(
                actor=request.user, idea=i, expected_version=lock, **d
            ),
        )


def register(router) -> None:
    router.register("nonconformities", NonconformityViewSet, basename="nonconformity")
    router.register("ideas", IdeaViewSet, basename="idea")
