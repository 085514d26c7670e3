"""REST API of the process map: the same services and rules as the pages."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action as api_action

from ratusz.core.api import LockSerializer, StepsMixin
from ratusz.core.api_permissions import IsStaff
from ratusz.processes import selectors, services
from ratusz.processes.filters import ProcessFilter
from ratusz.processes.models import Process


class ProcessSerializer(serializers.ModelSerializer):
    last_audited = serializers.DateField(read_only=True, allow_null=True, default=None)
    open_nonconformities = serializers.IntegerField(
        source="open_nc", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = Process
        fields = [
            "id",
            "code",
            "name",
            "kind",
            "description",
            "owner_unit",
            "owner",
            "risk",
            "clauses",
            "inputs",
            "outputs",
            "criteria",
            "resources",
            "feeds",
            "is_active",
            "created_at",
            "version",
            "last_audited",
            "open_nonconformities",
        ]
        read_only_fields = ["is_active", "created_at", "version"]
        # Uniqueness is checked by the service, with a message that names the code.
        extra_kwargs = {"code": {"validators": []}}


class ProcessUpdateSerializer(ProcessSerializer):
    version = serializers.IntegerField(
        help_text="The version you loaded; a stale one gets 409 Conflict."
    )

    class Meta(ProcessSerializer.Meta):
        read_only_fields = ["is_active", "created_at"]


class ProcessViewSet(
    StepsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """The process map: list and read (all staff); add (quality manager); change
    (quality manager; the head of the owner unit: description and clauses)."""

    permission_classes = [IsStaff]
    queryset = Process.objects.none()  # for the schema; the real one is below
    filterset_class = ProcessFilter
    step_target = "process"

    def get_serializer_class(self):
        if self.action in ("update", "partial_update"):
            return ProcessUpdateSerializer
        return ProcessSerializer

    def get_queryset(self):
        return selectors.process_list(user=self.request.user).prefetch_related("clauses", "feeds")

    def get_object(self):
        process = selectors.process_detail(user=self.request.user, pk=self.kwargs["pk"])
        if process is None:
            raise Http404
        return process

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data["clauses"] = list(data.get("clauses", []))
        data["feeds"] = list(data.get("feeds", []))
        serializer.instance = services.create_process(actor=self.request.user, **data)

    def perform_update(self, serializer):
        self.save_update(serializer, services.update_process)

    @extend_schema(request=LockSerializer, responses=ProcessSerializer)
    @api_action(detail=True, methods=["post"])
    def deactivate(self, request, pk=None):
        return self.run_step(request, LockSerializer, services.deactivate_process)


def register(router) -> None:
    router.register("processes", ProcessViewSet, basename="process")
