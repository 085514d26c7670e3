"""REST API of the core area: the same services and permission layer as the pages."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action as api_action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter
from rest_framework.views import exception_handler as drf_exception_handler

from ratusz.core import access, selectors, services
from ratusz.core.api_permissions import IsStaff
from ratusz.core.errors import Conflict, Denied
from ratusz.core.filters import ActionApiFilter
from ratusz.core.models import Action, OrgUnit, User


def exception_handler(exc, context):
    """Service errors become clear HTTP answers: 400 per field, 403, 409 on conflict."""
    if isinstance(exc, DjangoValidationError):
        detail = (
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
        return Response(detail, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, Conflict):
        current = exc.current
        body = {"detail": str(exc)}
        if isinstance(current, Action):
            body["current"] = ActionSerializer(current).data
        return Response(body, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, Denied):
        exc = PermissionDenied(str(exc))
    return drf_exception_handler(exc, context)


class OrgUnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = OrgUnit
        fields = ["id", "name", "code", "kind", "parent", "head", "is_active"]


class UserSerializer(serializers.ModelSerializer):
    roles = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "first_name",
            "last_name",
            "email",
            "position",
            "org_unit",
            "roles",
            "is_active",
        ]

    def get_roles(self, obj) -> list[dict]:
        return [{"role": ra.role, "org_unit": ra.org_unit_id} for ra in obj.role_assignments.all()]


CONFIRMED_HELP = (
    "true to save what is unusual but allowed (a due date in the past, an effectiveness "
    "check before its planned date); without it such a request gets 400 naming `confirmed`."
)


def confirmed_field() -> serializers.BooleanField:
    return serializers.BooleanField(
        required=False, default=False, write_only=True, help_text=CONFIRMED_HELP
    )


class ActionSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(read_only=True)
    is_overdue = serializers.SerializerMethodField()
    confirmed = confirmed_field()

    class Meta:
        model = Action
        fields = [
            "id",
            "reference",
            "title",
            "description",
            "kind",
            "status",
            "org_unit",
            "owner",
            "due_date",
            "clause",
            "source_label",
            "effectiveness_required",
            "effectiveness_due",
            "completed_at",
            "completed_by",
            "completion_evidence",
            "effectiveness_result",
            "effectiveness_notes",
            "verified_at",
            "verified_by",
            "cancel_reason",
            "created_by",
            "created_at",
            "updated_at",
            "version",
            "is_overdue",
            "confirmed",
        ]
        read_only_fields = [
            "status",
            "source_label",
            "completed_at",
            "completed_by",
            "completion_evidence",
            "effectiveness_result",
            "effectiveness_notes",
            "verified_at",
            "verified_by",
            "cancel_reason",
            "created_by",
            "created_at",
            "updated_at",
            "version",
        ]

    def get_is_overdue(self, obj) -> bool:
        return obj.is_overdue()


class ActionUpdateSerializer(ActionSerializer):
    version = serializers.IntegerField(
        help_text="The version you loaded; a stale one gets 409 Conflict."
    )

    class Meta(ActionSerializer.Meta):
        read_only_fields = [f for f in ActionSerializer.Meta.read_only_fields if f != "version"]


class LockSerializer(serializers.Serializer):
    """A step on a record two people may edit: send the version you loaded."""

    version = serializers.IntegerField(
        help_text="The version you loaded; a stale one gets 409 Conflict."
    )


class StepsMixin:
    """Workflow steps of a viewset, all run one way.

    A step validates its payload, turns the `version` the client loaded into the
    service's `expected_version`, calls the service with the acting user and the
    record (under the service's own parameter name, `step_target`) and answers
    with the record as saved now. A step that creates another record (an action
    raised on a nonconformity) answers 201 with that record in `created`'s shape.
    """

    step_target: str = "obj"

    def run_step(self, request, payload_class, service, *, created=None):
        record = self.get_object()  # type: ignore[attr-defined]
        data: dict = {}
        if payload_class is not None:
            payload = payload_class(data=request.data)
            payload.is_valid(raise_exception=True)
            data = dict(payload.validated_data)
        if "version" in data:
            data["expected_version"] = data.pop("version")
        result = service(actor=request.user, **{self.step_target: record}, **data)
        if created is not None:
            return Response(created(result).data, status=status.HTTP_201_CREATED)
        return Response(self.get_serializer(self.get_object()).data)  # type: ignore[attr-defined]

    def save_update(self, serializer, service) -> None:
        """PUT/PATCH through the area's update service, with the version the client loaded."""
        data = dict(serializer.validated_data)
        version = data.pop("version", None)
        if version is None:
            raise DjangoValidationError({"version": [_("Send the version you loaded.")]})
        serializer.instance = service(
            actor=serializer.context["request"].user,
            **{self.step_target: serializer.instance},
            expected_version=version,
            **data,
        )


class CompleteSerializer(LockSerializer):
    completion_evidence = serializers.CharField(allow_blank=True)


class VerifySerializer(LockSerializer):
    effective = serializers.BooleanField()
    effectiveness_notes = serializers.CharField(allow_blank=True)
    confirmed = confirmed_field()


class CancelSerializer(LockSerializer):
    cancel_reason = serializers.CharField(allow_blank=True)


class OrgUnitViewSet(viewsets.ReadOnlyModelViewSet):
    """Org units of the office (read-only; configured in the admin)."""

    serializer_class = OrgUnitSerializer
    permission_classes = [IsStaff]
    queryset = OrgUnit.objects.order_by("path")


class UserViewSet(viewsets.ReadOnlyModelViewSet):
    """Staff directory (read-only)."""

    serializer_class = UserSerializer
    permission_classes = [IsStaff]
    queryset = (
        User.objects.filter(is_active=True).prefetch_related("role_assignments").order_by("id")
    )


class ActionViewSet(
    StepsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Actions from every source: list, read, raise, edit and move through their lifecycle."""

    permission_classes = [IsStaff]
    queryset = Action.objects.none()  # for the schema; the real one is below
    filterset_class = ActionApiFilter
    step_target = "action"

    def get_serializer_class(self):
        if self.action in ("update", "partial_update"):
            return ActionUpdateSerializer
        return ActionSerializer

    def get_queryset(self):
        return selectors.action_list(user=self.request.user)

    def get_object(self):
        action = selectors.action_detail(user=self.request.user, pk=self.kwargs["pk"])
        if action is None:
            raise Http404
        return action

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.create_action(actor=self.request.user, **data)

    def perform_update(self, serializer):
        self.save_update(serializer, services.update_action)

    @extend_schema(request=LockSerializer, responses=ActionSerializer)
    @api_action(detail=True, methods=["post"])
    def start(self, request, pk=None):
        return self.run_step(request, LockSerializer, services.start_action)

    @extend_schema(request=CompleteSerializer, responses=ActionSerializer)
    @api_action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        return self.run_step(request, CompleteSerializer, services.complete_action)

    @extend_schema(request=VerifySerializer, responses=ActionSerializer)
    @api_action(detail=True, methods=["post"])
    def verify(self, request, pk=None):
        return self.run_step(request, VerifySerializer, services.verify_effectiveness)

    @extend_schema(request=CancelSerializer, responses=ActionSerializer)
    @api_action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        return self.run_step(request, CancelSerializer, services.cancel_action)


@extend_schema_serializer(many=False)  # one account, though served by a viewset's `list`
class MeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    roles = serializers.ListField(child=serializers.CharField())


class MeViewSet(viewsets.ViewSet):
    """The signed-in account."""

    @extend_schema(responses=MeSerializer)
    def list(self, request):
        user = request.user
        return Response(
            {"id": user.pk, "username": user.get_username(), "roles": sorted(access.roles(user))}
        )


def register(router) -> None:
    router.register("org-units", OrgUnitViewSet, basename="org-unit")
    router.register("users", UserViewSet, basename="user")
    router.register("actions", ActionViewSet, basename="action")
    router.register("me", MeViewSet, basename="me")


class Router(DefaultRouter):
    """Records are found by a number (an id, a programme's year): a path with anything
    else in its place matches no route and is 404, never a lookup that fails (500)."""

    def get_lookup_regex(self, viewset, lookup_prefix=""):
        lookup_field = getattr(viewset, "lookup_field", "pk")
        kwarg = getattr(viewset, "lookup_url_kwarg", None) or lookup_field
        value = getattr(viewset, "lookup_value_regex", "[0-9]+")
        return f"(?P<{lookup_prefix}{kwarg}>{value})"


def build_router() -> DefaultRouter:
    """One router for the whole API: core's endpoints, then each area's `api.register`."""
    from ratusz.core.plugins import area_modules

    router = Router()
    register(router)
    for _label, module in area_modules("api"):
        module.register(router)
    return router
