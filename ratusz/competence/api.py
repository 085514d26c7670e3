"""REST API of competence, trainings, the communication plan and resources: the
same services and rules as the pages. Competence records are personal data: the
list holds only the people the caller may see."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action as api_action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from ratusz.competence import policies, selectors, services
from ratusz.competence.filters import TrainingFilter
from ratusz.competence.models import (
    Assessment,
    CommunicationEntry,
    Competence,
    CompetenceRecord,
    Position,
    Resource,
    Training,
)
from ratusz.core.api import LockSerializer, StepsMixin
from ratusz.core.api_permissions import IsStaff
from ratusz.core.models import User

VERSION_HELP = "The version you loaded; a stale one gets 409 Conflict."


class CompetenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Competence
        fields = [
            "id",
            "name",
            "kind",
            "evidenced_by",
            "validity_months",
            "description",
            "audit_role",
            "version",
        ]
        read_only_fields = ["version"]


class CompetenceUpdateSerializer(CompetenceSerializer):
    version = serializers.IntegerField(help_text=VERSION_HELP)

    class Meta(CompetenceSerializer.Meta):
        read_only_fields = []


class CompetenceViewSet(
    StepsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Competences positions may require: read (staff); keep (quality manager, HR)."""

    permission_classes = [IsStaff]
    queryset = Competence.objects.none()
    step_target = "competence"

    def get_serializer_class(self):
        if self.action in ("update", "partial_update"):
            return CompetenceUpdateSerializer
        return CompetenceSerializer

    def get_queryset(self):
        return selectors.competence_list(user=self.request.user)

    def perform_create(self, serializer):
        serializer.instance = services.create_competence(
            actor=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        self.save_update(serializer, services.update_competence)


class PositionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Position
        fields = ["id", "name", "org_unit", "description", "competences", "is_active", "version"]
        read_only_fields = ["is_active", "version"]


class PositionViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Positions and what they require: read (staff); add (quality manager, HR, the
    head of the unit)."""

    permission_classes = [IsStaff]
    queryset = Position.objects.none()
    serializer_class = PositionSerializer

    def get_queryset(self):
        return selectors.position_list(user=self.request.user)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data["competences"] = list(data.get("competences", []))
        serializer.instance = services.create_position(actor=self.request.user, **data)


class RecordSerializer(serializers.ModelSerializer):
    class Meta:
        model = CompetenceRecord
        fields = [
            "id",
            "person",
            "competence",
            "issued_on",
            "expires_on",
            "evidence",
            "training",
            "version",
        ]
        read_only_fields = ["training", "version"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "person" in self.fields and not self.fields["person"].read_only:
            self.fields["person"].queryset = User.objects.filter(is_active=True)


class RecordUpdateSerializer(RecordSerializer):
    version = serializers.IntegerField(help_text=VERSION_HELP)

    class Meta(RecordSerializer.Meta):
        read_only_fields = ["person", "competence", "training"]


class RecordViewSet(
    StepsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """People's competence records (personal data): the person, the head of their
    unit, the quality manager and HR read them; the last three record them."""

    permission_classes = [IsStaff]
    queryset = CompetenceRecord.objects.none()
    step_target = "record"
    filterset_fields = ["person", "competence"]

    def get_serializer_class(self):
        if self.action in ("update", "partial_update"):
            return RecordUpdateSerializer
        return RecordSerializer

    def get_queryset(self):
        return selectors.records_visible_to(self.request.user).order_by("pk")

    def get_object(self):
        record = selectors.record_detail(user=self.request.user, pk=self.kwargs["pk"])
        if record is None:
            raise Http404
        return record

    def perform_create(self, serializer):
        serializer.instance = services.create_record(
            actor=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        self.save_update(serializer, services.update_record)


class TrainingSerializer(serializers.ModelSerializer):
    attendees = serializers.PrimaryKeyRelatedField(
        many=True, write_only=True, required=False, queryset=User.objects.filter(is_active=True)
    )

    class Meta:
        model = Training
        fields = [
            "id",
            "topic",
            "provider",
            "held_on",
            "hours",
            "org_unit",
            "competence",
            "materials",
            "evaluate_after_days",
            "status",
            "attendees",
            "version",
        ]
        read_only_fields = ["status", "version"]


class AttendanceSerializer(LockSerializer):
    attended = serializers.PrimaryKeyRelatedField(
        many=True, queryset=User.objects.filter(is_active=True)
    )


class TrainingViewSet(
    StepsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Trainings: read (staff); plan (quality manager, HR, heads for their units);
    record who attended (whoever organises it)."""

    permission_classes = [IsStaff]
    queryset = Training.objects.none()
    serializer_class = TrainingSerializer
    filterset_class = TrainingFilter
    step_target = "training"

    def get_queryset(self):
        return selectors.training_list(user=self.request.user)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data["attendees"] = list(data.get("attendees", []))
        serializer.instance = services.create_training(actor=self.request.user, **data)

    @extend_schema(request=AttendanceSerializer, responses=TrainingSerializer)
    @api_action(detail=True, methods=["post"])
    def attendance(self, request, pk=None):
        return self.run_step(request, AttendanceSerializer, services.record_attendance)


class CommunicationSerializer(serializers.ModelSerializer):
    class Meta:
        model = CommunicationEntry
        fields = [
            "id",
            "subject",
            "when",
            "audience",
            "channel",
            "communicator",
            "direction",
            "last_performed",
            "version",
        ]
        read_only_fields = ["version"]


class CommunicationUpdateSerializer(CommunicationSerializer):
    version = serializers.IntegerField(help_text=VERSION_HELP)

    class Meta(CommunicationSerializer.Meta):
        read_only_fields = []


class CommunicationViewSet(
    StepsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """The communication plan (7.4): read (staff); keep (quality manager)."""

    permission_classes = [IsStaff]
    queryset = CommunicationEntry.objects.none()
    step_target = "entry"

    def get_serializer_class(self):
        if self.action in ("update", "partial_update"):
            return CommunicationUpdateSerializer
        return CommunicationSerializer

    def get_queryset(self):
        return selectors.communication_list(user=self.request.user)

    def perform_create(self, serializer):
        serializer.instance = services.create_communication(
            actor=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        self.save_update(serializer, services.update_communication)


class ResourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Resource
        fields = [
            "id",
            "name",
            "kind",
            "owner",
            "org_unit",
            "description",
            "last_review",
            "next_review",
            "incidents",
            "version",
        ]
        read_only_fields = ["version"]


class ResourceUpdateSerializer(ResourceSerializer):
    version = serializers.IntegerField(help_text=VERSION_HELP)

    class Meta(ResourceSerializer.Meta):
        read_only_fields = []


class ResourceViewSet(
    StepsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Infrastructure and organisational knowledge (7.1): read (staff); keep (quality
    manager)."""

    permission_classes = [IsStaff]
    queryset = Resource.objects.none()
    step_target = "resource"

    def get_serializer_class(self):
        if self.action in ("update", "partial_update"):
            return ResourceUpdateSerializer
        return ResourceSerializer

    def get_queryset(self):
        return selectors.resource_list(user=self.request.user)

    def perform_create(self, serializer):
        serializer.instance = services.create_resource(
            actor=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        self.save_update(serializer, services.update_resource)


class SelfAssessmentSerializer(serializers.ModelSerializer):
    answered = serializers.IntegerField(
        read_only=True, help_text="How many people have answered (never who)."
    )

    class Meta:
        model = Assessment
        fields = ["id", "kind", "year", "status", "closes_on", "answered", "version"]
        read_only_fields = fields


class GroupResultSerializer(serializers.Serializer):
    group = serializers.CharField()
    share = serializers.IntegerField(
        allow_null=True, required=False, help_text="Percent of yes (self-assessment)."
    )
    light = serializers.CharField(
        allow_null=True, required=False, help_text="green, yellow or red (ISO 18091)."
    )
    previous = serializers.JSONField(
        allow_null=True,
        help_text="The same figure in the previous year's questionnaire: a percent or a light.",
    )


class UnitResultSerializer(serializers.Serializer):
    name = serializers.CharField(allow_null=True, help_text="Null: the merged smaller units.")
    answered = serializers.IntegerField()
    share = serializers.IntegerField(allow_null=True)


class QuestionResultSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="question.pk")
    group = serializers.CharField(source="question.group")
    text = serializers.CharField(source="question.text")
    share = serializers.IntegerField(allow_null=True, required=False)
    managers = serializers.IntegerField(allow_null=True, required=False)
    staff = serializers.IntegerField(allow_null=True, required=False)
    light = serializers.CharField(allow_null=True, required=False)
    weak = serializers.BooleanField()


class ResultsSerializer(serializers.Serializer):
    assessment = serializers.IntegerField(source="assessment.pk")
    previous_year = serializers.IntegerField(source="previous.year", allow_null=True)
    managers_answered = serializers.IntegerField()
    staff_answered = serializers.IntegerField()
    staff_shown = serializers.BooleanField(
        help_text="False while fewer than min_group staff have answered: their answers are "
        "left out of every figure."
    )
    min_group = serializers.IntegerField()
    groups = GroupResultSerializer(many=True)
    units = UnitResultSerializer(
        many=True, help_text="Units with at least min_group staff answers; the rest merged."
    )
    questions = QuestionResultSerializer(many=True)


class SelfAssessmentViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The self-assessments and ISO 18091 diagnostics: the list (staff); the results
    (the quality manager and heads of units), never a single answer, with staff
    answers counted only in groups of at least five, as on the page."""

    permission_classes = [IsStaff]
    queryset = Assessment.objects.none()
    serializer_class = SelfAssessmentSerializer

    def get_queryset(self):
        return selectors.assessment_list().order_by("-year", "kind", "pk")

    @extend_schema(responses=ResultsSerializer)
    @api_action(detail=True, methods=["get"])
    def results(self, request, pk=None):
        assessment = self.get_object()
        if not policies.can_view_results(request.user):
            raise PermissionDenied(
                _("The results are read by the quality manager and the heads of units.")
            )
        return Response(ResultsSerializer(selectors.assessment_results(assessment)).data)


def register(router) -> None:
    router.register("competences", CompetenceViewSet, basename="competence")
    router.register("positions", PositionViewSet, basename="position")
    router.register("competence-records", RecordViewSet, basename="competence-record")
    router.register("trainings", TrainingViewSet, basename="training")
    router.register("communication-plan", CommunicationViewSet, basename="communication")
    router.register("resources", ResourceViewSet, basename="resource")
    router.register("self-assessments", SelfAssessmentViewSet, basename="assessment")
