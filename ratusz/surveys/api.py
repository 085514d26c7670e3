"""REST API of satisfaction surveys: the same services and rules as the pages.

Staff read surveys, their questions and the anonymous responses; the quality
manager builds, publishes and closes surveys. Residents answer on the public page
(there is no public API for answering).
"""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action as api_action

from ratusz.core.api import LockSerializer, StepsMixin
from ratusz.core.api_permissions import IsStaff
from ratusz.surveys import selectors, services
from ratusz.surveys.filters import ResponseFilter, SurveyFilter
from ratusz.surveys.models import Answer, Option, Question, Response, Survey


class OptionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Option
        fields = ["id", "position", "label"]


class QuestionSerializer(serializers.ModelSerializer):
    options = OptionSerializer(many=True, read_only=True)

    class Meta:
        model = Question
        fields = ["id", "position", "text", "kind", "required", "options"]


class SurveySerializer(serializers.ModelSerializer):
    questions = QuestionSerializer(many=True, read_only=True)
    response_count = serializers.IntegerField(read_only=True, default=None, allow_null=True)

    class Meta:
        model = Survey
        fields = [
            "id",
            "title",
            "intro",
            "opens_on",
            "closes_on",
            "status",
            "published_at",
            "closed_at",
            "version",
            "response_count",
            "questions",
        ]
        read_only_fields = ["status", "published_at", "closed_at", "version"]


class SurveyUpdateSerializer(SurveySerializer):
    version = serializers.IntegerField(
        help_text="The version you loaded; a stale one gets 409 Conflict."
    )

    class Meta(SurveySerializer.Meta):
        read_only_fields = ["status", "published_at", "closed_at"]


class QuestionPayload(LockSerializer):
    text = serializers.CharField(max_length=300)
    kind = serializers.ChoiceField(choices=Question.Kind.choices)
    required = serializers.BooleanField(default=False)
    options = serializers.ListField(
        child=serializers.CharField(max_length=200), max_length=services.MAX_OPTIONS, default=list
    )


class AnswerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Answer
        fields = ["question", "value", "option", "text"]


class ResponseSerializer(serializers.ModelSerializer):
    answers = AnswerSerializer(many=True, read_only=True)

    class Meta:
        model = Response
        fields = ["id", "survey", "channel", "submitted_on", "answers"]


class SurveyViewSet(
    StepsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Satisfaction surveys: read (staff); build, publish, close (quality manager)."""

    permission_classes = [IsStaff]
    queryset = Survey.objects.none()  # for the schema; the real one is below
    filterset_class = SurveyFilter
    step_target = "survey"

    def get_serializer_class(self):
        if self.action in ("update", "partial_update"):
            return SurveyUpdateSerializer
        return SurveySerializer

    def get_queryset(self):
        return selectors.survey_list(user=self.request.user).prefetch_related("questions__options")

    def get_object(self):
        survey = selectors.survey_detail(user=self.request.user, pk=self.kwargs["pk"])
        if survey is None:
            raise Http404
        return survey

    def perform_create(self, serializer):
        serializer.instance = services.create_survey(
            actor=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        self.save_update(serializer, services.update_survey)

    @extend_schema(request=LockSerializer, responses=SurveySerializer)
    @api_action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        return self.run_step(request, LockSerializer, services.publish_survey)

    @extend_schema(request=LockSerializer, responses=SurveySerializer)
    @api_action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return self.run_step(request, LockSerializer, services.close_survey)

    @extend_schema(request=QuestionPayload, responses={201: QuestionSerializer})
    @api_action(detail=True, methods=["post"])
    def questions(self, request, pk=None):
        return self.run_step(
            request, QuestionPayload, services.add_question, created=QuestionSerializer
        )


class ResponseViewSet(viewsets.ReadOnlyModelViewSet):
    """The anonymous responses to surveys, with their answers (staff)."""

    permission_classes = [IsStaff]
    serializer_class = ResponseSerializer
    queryset = Response.objects.none()
    filterset_class = ResponseFilter

    def get_queryset(self):
        surveys = selectors.survey_list(user=self.request.user).values("pk")
        return (
            Response.objects.filter(survey__in=surveys).prefetch_related("answers").order_by("-pk")
        )


def register(router) -> None:
    router.register("surveys", SurveyViewSet, basename="survey")
    router.register("survey-responses", ResponseViewSet, basename="survey-response")
