"""REST API of the office's context: the same services and rules as the pages."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action as api_action

from ratusz.context import selectors, services
from ratusz.context.filters import IssueFilter, PartyFilter
from ratusz.context.models import ContextIssue, InterestedParty, Requirement
from ratusz.core.api import LockSerializer, StepsMixin
from ratusz.core.api_permissions import IsStaff

VERSION_HELP = "The version you loaded; a stale one gets 409 Conflict."


class IssueSerializer(serializers.ModelSerializer):
    class Meta:
        model = ContextIssue
        fields = [
            "id",
            "title",
            "kind",
            "category",
            "description",
            "effect",
            "source",
            "owner",
            "review_date",
            "is_active",
            "created_at",
            "version",
        ]
        read_only_fields = ["is_active", "created_at", "version"]


class IssueUpdateSerializer(IssueSerializer):
    version = serializers.IntegerField(help_text=VERSION_HELP)

    class Meta(IssueSerializer.Meta):
        read_only_fields = ["created_at"]


class IssueViewSet(
    StepsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Internal and external issues: read (all staff); add (quality manager, top
    management); change (they and the issue's owner)."""

    permission_classes = [IsStaff]
    queryset = ContextIssue.objects.none()  # for the schema; the real one is below
    filterset_class = IssueFilter
    step_target = "issue"

    def get_serializer_class(self):
        if self.action in ("update", "partial_update"):
            return IssueUpdateSerializer
        return IssueSerializer

    def get_queryset(self):
        return selectors.issue_list(user=self.request.user)

    def get_object(self):
        issue = selectors.issue_detail(user=self.request.user, pk=self.kwargs["pk"])
        if issue is None:
            raise Http404
        return issue

    def perform_create(self, serializer):
        serializer.instance = services.create_issue(
            actor=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        self.save_update(serializer, services.update_issue)


class RequirementSerializer(serializers.ModelSerializer):
    class Meta:
        model = Requirement
        fields = ["id", "text", "monitoring", "review"]


class RequirementPayload(LockSerializer):
    text = serializers.CharField()
    monitoring = serializers.CharField()
    review = serializers.CharField()


class PartySerializer(serializers.ModelSerializer):
    requirements = RequirementSerializer(many=True, read_only=True)

    class Meta:
        model = InterestedParty
        fields = [
            "id",
            "name",
            "kind",
            "description",
            "owner",
            "reviewed_on",
            "is_active",
            "requirements",
            "version",
        ]
        read_only_fields = ["reviewed_on", "is_active", "version"]


class PartyUpdateSerializer(PartySerializer):
    version = serializers.IntegerField(help_text=VERSION_HELP)

    class Meta(PartySerializer.Meta):
        read_only_fields = ["reviewed_on"]


class PartyViewSet(
    StepsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Interested parties with their requirements: read (all staff); add (quality
    manager, top management); change (they and the party's owner)."""

    permission_classes = [IsStaff]
    queryset = InterestedParty.objects.none()
    filterset_class = PartyFilter
    step_target = "party"

    def get_serializer_class(self):
        if self.action in ("update", "partial_update"):
            return PartyUpdateSerializer
        return PartySerializer

    def get_queryset(self):
        return selectors.party_list(user=self.request.user).prefetch_related("requirements")

    def get_object(self):
        party = selectors.party_detail(user=self.request.user, pk=self.kwargs["pk"])
        if party is None:
            raise Http404
        return party

    def perform_create(self, serializer):
        serializer.instance = services.create_party(
            actor=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        self.save_update(serializer, services.update_party)

    @extend_schema(request=RequirementPayload, responses=RequirementSerializer)
    @api_action(detail=True, methods=["post"], url_path="requirements")
    def add_requirement(self, request, pk=None):
        return self.run_step(
            request, RequirementPayload, services.add_requirement, created=RequirementSerializer
        )

    @extend_schema(request=LockSerializer, responses=PartySerializer)
    @api_action(detail=True, methods=["post"])
    def reviewed(self, request, pk=None):
        return self.run_step(request, LockSerializer, services.mark_party_reviewed)


def register(router) -> None:
    router.register("context-issues", IssueViewSet, basename="context-issue")
    router.register("interested-parties", PartyViewSet, basename="interested-party")
