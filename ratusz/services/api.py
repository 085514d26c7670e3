"""REST API of public services: service cards, the case register and the timeliness
figures, with the same services and rules as the pages.

Cards: read (all staff); add and change (the quality manager, the head of the unit).
Cases and figures: read (all staff); cases are written only by the import.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.response import Response

from ratusz.core.api import StepsMixin
from ratusz.core.api_permissions import IsStaff
from ratusz.services import figures, services
from ratusz.services.filters import CardFilter, CaseFilter
from ratusz.services.forms import MonthField
from ratusz.services.models import Case, ServiceCard

# What the card's services write, plus what the API shows besides.
CARD_FIELDS = ["id", *services.CARD_FIELDS, "processes", "updated_at", "version"]


class ServiceCardSerializer(serializers.ModelSerializer):
    class Meta:
        model = ServiceCard
        fields = CARD_FIELDS
        read_only_fields = ["updated_at", "version"]
        # Validated by the services, with messages that name the field.
        extra_kwargs = {"number": {"validators": []}}


class ServiceCardCreateSerializer(ServiceCardSerializer):
    class Meta(ServiceCardSerializer.Meta):
        read_only_fields = ["updated_at", "version", "is_active"]


class ServiceCardUpdateSerializer(ServiceCardSerializer):
    version = serializers.IntegerField(
        help_text="The version you loaded; a stale one gets 409 Conflict."
    )

    class Meta(ServiceCardSerializer.Meta):
        read_only_fields = ["updated_at"]


class ServiceCardViewSet(
    StepsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Service cards: read (all staff); add and change (quality manager, heads of units)."""

    permission_classes = [IsStaff]
    queryset = ServiceCard.objects.none()
    filterset_class = CardFilter
    step_target = "card"

    def get_serializer_class(self):
        if self.action in ("update", "partial_update"):
            return ServiceCardUpdateSerializer
        if self.action == "create":
            return ServiceCardCreateSerializer
        return ServiceCardSerializer

    def get_queryset(self):
        return ServiceCard.objects.prefetch_related("processes").order_by("number")

    def get_object(self):
        card = self.get_queryset().filter(pk=self.kwargs["pk"]).first()
        if card is None:
            raise Http404
        return card

    def perform_create(self, serializer):
        serializer.instance = services.create_card(
            actor=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        self.save_update(serializer, services.update_card)


class CaseSerializer(serializers.ModelSerializer):
    class Meta:
        model = Case
        fields = [
            "id",
            "case_sign",
            "jrwa",
            "service",
            "org_unit",
            "started_on",
            "closed_on",
            "term",
            "suspended_days",
            "delay_notice_on",
            "outcome",
            "due_on",
            "timeliness",
            "handling_days",
        ]
        read_only_fields = fields


class CaseViewSet(viewsets.ReadOnlyModelViewSet):
    """The case register as imported from the EZD (all staff; written only by the import)."""

    permission_classes = [IsStaff]
    serializer_class = CaseSerializer
    queryset = Case.objects.none()
    filterset_class = CaseFilter

    def get_queryset(self):
        return Case.objects.order_by("-started_on", "-pk")


class FiguresSerializer(serializers.Serializer):
    service = serializers.IntegerField(allow_null=True, help_text="The card; null: no card.")
    number = serializers.CharField(allow_blank=True)
    name = serializers.CharField(allow_blank=True)
    on_time_target = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    started = serializers.IntegerField()
    settled = serializers.IntegerField()
    on_time = serializers.IntegerField()
    late_notified = serializers.IntegerField()
    late_unnotified = serializers.IntegerField()
    on_time_share = serializers.DecimalField(
        max_digits=4, decimal_places=1, allow_null=True, help_text="Percent of settled cases."
    )
    mean_days = serializers.DecimalField(max_digits=8, decimal_places=1, allow_null=True)
    median_days = serializers.IntegerField(allow_null=True)
    p90_days = serializers.IntegerField(allow_null=True)


MONTH_HELP = "A month as YYYY-MM; by default the last twelve months."


class FiguresViewSet(viewsets.GenericViewSet):
    """Timeliness figures by service, from the rollup the import refreshes (all staff)."""

    permission_classes = [IsStaff]
    serializer_class = FiguresSerializer
    pagination_class = None
    filter_backends: list = []

    @extend_schema(
        parameters=[
            OpenApiParameter("first", OpenApiTypes.STR, description=MONTH_HELP),
            OpenApiParameter("last", OpenApiTypes.STR, description=MONTH_HELP),
        ],
        responses=FiguresSerializer(many=True),
    )
    def list(self, request):
        first, last = figures.last_twelve_months(timezone.localdate())
        errors = {}
        chosen = {}
        for name, default in (("first", first), ("last", last)):
            try:
                chosen[name] = MonthField(required=False).clean(request.query_params.get(name, ""))
            except ValidationError as error:
                errors[name] = error.messages
            chosen[name] = chosen.get(name) or default
        if not errors and chosen["first"] > chosen["last"]:
            errors["last"] = [_("The last month comes after the first.")]
        if errors:
            return Response(errors, status=400)
        by_card = figures.grouped("service_id", first=chosen["first"], last=chosen["last"])
        cards = ServiceCard.objects.in_bulk([k for k in by_card if k is not None])
        rows = []
        for key, value in by_card.items():
            card = cards.get(key) if isinstance(key, int) else None
            rows.append(
                {
                    "service": key,
                    "number": card.number if card else "",
                    "name": card.name if card else "",
                    "on_time_target": card.on_time_target if card else None,
                    "started": value.started,
                    "settled": value.settled,
                    "on_time": value.on_time,
                    "late_notified": value.late_notified,
                    "late_unnotified": value.late_unnotified,
                    "on_time_share": value.on_time_share,
                    "mean_days": value.mean_days,
                    "median_days": value.median_days,
                    "p90_days": value.p90_days,
                }
            )
        rows.sort(key=lambda r: (r["number"] == "", r["number"]))
        return Response(FiguresSerializer(rows, many=True).data)


def register(router) -> None:
    router.register("service-cards", ServiceCardViewSet, basename="service-card")
    router.register("cases", CaseViewSet, basename="case")
    router.register("service-figures", FiguresViewSet, basename="service-figures")
