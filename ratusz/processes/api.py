"""REST API of the process map: the same services and rules as the pages."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action as api_action
from rest_framework.response import Response

from ratusz.core.api_permissions import IsStaff
from ratusz.core.models import OrgUnit
from ratusz.processes import selectors, services
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


class ProcessVersionSerializer(serializers.Serializer):
    version = serializers.IntegerField()


LIST_PARAMETERS = [
    OpenApiParameter("unit", OpenApiTypes.INT, description="Owner unit id (with its sub-units)"),
    OpenApiParameter("kind", OpenApiTypes.STR, enum=Process.Kind.values),
    OpenApiParameter("risk", OpenApiTypes.INT, enum=Process.Risk.values),
    OpenApiParameter("active", OpenApiTypes.STR, enum=list(selectors.ACTIVE_FILTERS)),
    OpenApiParameter("q", OpenApiTypes.STR, description="Text in code, name or description"),
    OpenApiParameter("sort", OpenApiTypes.STR, enum=list(selectors.SORTS)),
]


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


@extend_schema_view(list=extend_schema(parameters=LIST_PARAMETERS))
class ProcessViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """The process map: list and read (all staff); add (quality manager); change
    (quality manager; the head of the owner unit: description and clauses)."""

    permission_classes = [IsStaff]

    def get_serializer_class(self):
        if self.action in ("update", "partial_update"):
            return ProcessUpdateSerializer
        return ProcessSerializer

    def get_queryset(self):
        params = self.request.query_params
        unit_id = _int(params.get("unit"))
        active = params.get("active", "active")
        filters = selectors.ProcessFilters(
            unit=OrgUnit.objects.filter(pk=unit_id).first() if unit_id else None,
            kind=params.get("kind", ""),
            risk=_int(params.get("risk")),
            active=active if active in selectors.ACTIVE_FILTERS else "active",
            q=params.get("q", "").strip(),
            sort=params.get("sort", "code"),
        )
        return selectors.process_list(user=self.request.user, filters=filters).prefetch_related(
            "clauses"
        )

    def get_object(self):
        process = selectors.process_detail(user=self.request.user, pk=self.kwargs["pk"])
        if process is None:
            raise Http404
        return process

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data["clauses"] = list(data.get("clauses", []))
        serializer.instance = services.create_process(actor=self.request.user, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        version = data.pop("version", None)
        if version is None:
            raise DjangoValidationError({"version": [_("Send the version you loaded.")]})
        if "clauses" in data:
            data["clauses"] = list(data["clauses"])
        serializer.instance = services.update_process(
            actor=self.request.user,
            process=serializer.instance,
            expected_version=version,
            **data,
        )

    @extend_schema(request=ProcessVersionSerializer, responses=ProcessSerializer)
    @api_action(detail=True, methods=["post"])
    def deactivate(self, request, pk=None):
        payload = ProcessVersionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        process = services.deactivate_process(
            actor=request.user,
            process=self.get_object(),
            expected_version=payload.validated_data["version"],
        )
        return Response(ProcessSerializer(process).data)


def register(router) -> None:
    router.register("processes", ProcessViewSet, basename="process")
