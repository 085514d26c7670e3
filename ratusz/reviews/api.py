"""REST API of the management reviews: reviews and their inputs (read), and the
decisions (read, and added through the same service as the page)."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action as api_action
from rest_framework.response import Response

from ratusz.core.api import confirmed_field
from ratusz.core.api_permissions import IsStaff
from ratusz.core.models import OrgUnit, User
from ratusz.reviews import selectors, services
from ratusz.reviews.filters import ReviewFilter
from ratusz.reviews.models import Decision, Review


class ReviewSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(read_only=True)
    attendees = serializers.SerializerMethodField()

    class Meta:
        model = Review
        fields = [
            "id",
            "reference",
            "planned_date",
            "location",
            "period_start",
            "period_end",
            "chair",
            "attendees",
            "status",
            "held_on",
            "suitability",
            "adequacy",
            "effectiveness",
            "alignment",
            "signed_at",
            "distributed_at",
            "version",
        ]
        read_only_fields = fields

    def get_attendees(self, review: Review) -> list[int]:
        return [row.person_id for row in review.attendance.all()]


class FigureSerializer(serializers.Serializer):
    label = serializers.CharField()
    value = serializers.CharField()
    previous = serializers.CharField()


class InputSerializer(serializers.Serializer):
    title = serializers.CharField()
    summary = serializers.CharField()
    url = serializers.CharField()
    figures = FigureSerializer(many=True)


class TopicSerializer(serializers.Serializer):
    topic = serializers.CharField()
    label = serializers.CharField()
    held_in_ratusz = serializers.BooleanField()
    comment = serializers.CharField()
    inputs = InputSerializer(many=True, source="entries")


class DecisionSerializer(serializers.ModelSerializer):
    owner = serializers.IntegerField(source="action.owner_id", read_only=True, allow_null=True)
    due_date = serializers.DateField(source="action.due_date", read_only=True, allow_null=True)
    action_status = serializers.CharField(source="action.status", read_only=True, allow_null=True)

    class Meta:
        model = Decision
        fields = ["id", "number", "kind", "text", "action", "owner", "due_date", "action_status"]
        read_only_fields = fields


class DecisionPayload(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Decision.Kind.choices)
    text = serializers.CharField()
    owner = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), allow_null=True
    )
    due_date = serializers.DateField(allow_null=True)
    org_unit = serializers.PrimaryKeyRelatedField(
        queryset=OrgUnit.objects.all(), required=False, allow_null=True
    )
    confirmed = confirmed_field()


class ReviewViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Management reviews (all staff read them); their inputs (compiled live while
    planned, frozen once held) and their decisions (the quality manager adds them
    while the record is open; each becomes an action)."""

    permission_classes = [IsStaff]
    serializer_class = ReviewSerializer
    queryset = Review.objects.none()  # for the schema; the real one is below
    filterset_class = ReviewFilter

    def get_queryset(self):
        return selectors.review_list(user=self.request.user).prefetch_related("attendance")

    def get_object(self):
        review = selectors.review_detail(user=self.request.user, pk=self.kwargs["pk"])
        if review is None:
            raise Http404
        return review

    @extend_schema(responses=TopicSerializer(many=True))
    @api_action(detail=True, methods=["get"], pagination_class=None, filterset_class=None)
    def inputs(self, request, pk=None):
        page = selectors.review_page(self.get_object(), user=request.user)
        return Response(TopicSerializer(page.topics, many=True).data)

    @extend_schema(methods=["get"], responses=DecisionSerializer(many=True))
    @extend_schema(methods=["post"], request=DecisionPayload, responses={201: DecisionSerializer})
    @api_action(detail=True, methods=["get", "post"], pagination_class=None, filterset_class=None)
    def decisions(self, request, pk=None):
        review = self.get_object()
        if request.method == "POST":
            payload = DecisionPayload(data=request.data)
            payload.is_valid(raise_exception=True)
            decision = services.add_decision(
                actor=request.user, review=review, **payload.validated_data
            )
            return Response(DecisionSerializer(decision).data, status=status.HTTP_201_CREATED)
        decisions = review.decisions.select_related("action").order_by("number")
        return Response(DecisionSerializer(decisions, many=True).data)


def register(router) -> None:
    router.register("reviews", ReviewViewSet, basename="review")
