"""REST API of residents' submissions: the same services and rules as the pages."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action as api_action

from ratusz.core.api import LockSerializer, StepsMixin
from ratusz.core.api_permissions import IsStaff
from ratusz.core.models import OrgUnit, User
from ratusz.feedback import selectors, services
from ratusz.feedback.filters import SubmissionFilter
from ratusz.feedback.models import Channel, Kind, Outcome, Submission


class SubmissionSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(read_only=True)

    class Meta:
        model = Submission
        fields = [
            "id",
            "reference",
            "year",
            "number",
            "kind",
            "channel",
            "received_on",
            "submitter_name",
            "submitter_address",
            "submitter_email",
            "subject",
            "content",
            "about_mayor",
            "status",
            "org_unit",
            "handler",
            "assigned_on",
            "clock_from",
            "statutory_deadline",
            "deadline",
            "completion_due",
            "returned_on",
            "outcome",
            "outcome_reasons",
            "forwarded_to",
            "forwarded_on",
            "reply_sent_on",
            "notified",
            "remarks",
            "published",
            "closed_on",
            "nonconformity",
            "idea",
            "version",
        ]
        read_only_fields = [
            f
            for f in fields
            if f
            not in (
                "kind",
                "channel",
                "received_on",
                "submitter_name",
                "submitter_address",
                "submitter_email",
                "subject",
                "content",
                "about_mayor",
                "org_unit",
                "remarks",
            )
        ]


class RegisterSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Kind.choices)
    channel = serializers.ChoiceField(choices=[c for c in Channel.choices if c[0] != "web"])
    received_on = serializers.DateField()
    subject = serializers.CharField(max_length=services.MAX_SUBJECT)
    content = serializers.CharField(max_length=services.MAX_CONTENT)
    submitter_name = serializers.CharField(max_length=200, allow_blank=True, required=False)
    submitter_address = serializers.CharField(max_length=300, allow_blank=True, required=False)
    submitter_email = serializers.EmailField(allow_blank=True, required=False)
    about_mayor = serializers.BooleanField(required=False)
    org_unit = serializers.PrimaryKeyRelatedField(
        queryset=OrgUnit.objects.all(), allow_null=True, required=False
    )
    remarks = serializers.CharField(allow_blank=True, required=False)


class AssignSerializer(LockSerializer):
    org_unit = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all())
    handler = serializers.PrimaryKeyRelatedField(queryset=User.objects.all())


class DelaySerializer(LockSerializer):
    reason = serializers.CharField(max_length=2000)
    new_deadline = serializers.DateField()


class ForwardSerializer(LockSerializer):
    forwarded_to = serializers.CharField(max_length=200)
    submitter_told = serializers.BooleanField()


class OutcomeSerializer(LockSerializer):
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    outcome_reasons = serializers.CharField(allow_blank=True, max_length=5000)


class ReplyDraftSerializer(LockSerializer):
    reply_text = serializers.CharField(max_length=services.MAX_CONTENT)
    reply_signatory = serializers.CharField(max_length=200)


class SendSerializer(LockSerializer):
    reply_sent_on = serializers.DateField()
    notified = serializers.CharField(allow_blank=True, max_length=300)


class SubmissionViewSet(
    StepsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Residents' submissions: those the caller may read; registering (any staff);
    the handling steps (the handler, the head of the unit, the quality manager)."""

    permission_classes = [IsStaff]
    queryset = Submission.objects.none()
    filterset_class = SubmissionFilter
    step_target = "submission"

    def get_serializer_class(self):
        if self.action == "create":
            return RegisterSerializer
        return SubmissionSerializer

    def get_queryset(self):
        return selectors.submission_list(user=self.request.user)

    def get_object(self):
        s = selectors.submission_detail(user=self.request.user, pk=self.kwargs["pk"])
        if s is None:
            raise Http404
        return s

    @extend_schema(request=RegisterSerializer, responses={201: SubmissionSerializer})
    def create(self, request, *args, **kwargs):
        from rest_framework import status
        from rest_framework.response import Response

        payload = RegisterSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        s = services.register_submission(actor=request.user, **payload.validated_data)
        return Response(SubmissionSerializer(s).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=AssignSerializer, responses=SubmissionSerializer)
    @api_action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        return self.run_step(request, AssignSerializer, services.assign)

    @extend_schema(request=DelaySerializer, responses=SubmissionSerializer)
    @api_action(detail=True, methods=["post"])
    def delay(self, request, pk=None):
        return self.run_step(request, DelaySerializer, services.give_delay_notice)

    @extend_schema(request=ForwardSerializer, responses=SubmissionSerializer)
    @api_action(detail=True, methods=["post"])
    def forward(self, request, pk=None):
        return self.run_step(request, ForwardSerializer, services.forward)

    @extend_schema(request=OutcomeSerializer, responses=SubmissionSerializer)
    @api_action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        return self.run_step(request, OutcomeSerializer, services.decide)

    @extend_schema(request=ReplyDraftSerializer, responses=SubmissionSerializer)
    @api_action(detail=True, methods=["post"], url_path="draft-reply")
    def draft_reply(self, request, pk=None):
        return self.run_step(request, ReplyDraftSerializer, services.draft_reply)

    @extend_schema(request=LockSerializer, responses=SubmissionSerializer)
    @api_action(detail=True, methods=["post"], url_path="approve-reply")
    def approve_reply(self, request, pk=None):
        return self.run_step(request, LockSerializer, services.approve_reply)

    @extend_schema(request=SendSerializer, responses=SubmissionSerializer)
    @api_action(detail=True, methods=["post"], url_path="send-reply")
    def send_reply(self, request, pk=None):
        return self.run_step(request, SendSerializer, services.send_reply)

    @extend_schema(request=LockSerializer, responses=SubmissionSerializer)
    @api_action(detail=True, methods=["post"], url_path="open-nonconformity")
    def open_nonconformity(self, request, pk=None):
        return self.run_step(request, LockSerializer, services.open_nonconformity)


def register(router) -> None:
    router.register("submissions", SubmissionViewSet, basename="submission")
