"""REST API of the contract register: the same services and rules as the pages.

Money is in grosze (integers): 1 234,56 zł is 123456.
"""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action as api_action

from ratusz.core.api import LockSerializer, StepsMixin
from ratusz.core.api_permissions import IsStaff
from ratusz.suppliers import selectors, services
from ratusz.suppliers.filters import ContractFilter, ContractorFilter
from ratusz.suppliers.models import (
    AcceptanceProtocol,
    Contract,
    Contractor,
    DelayPeriod,
    Evaluation,
    Milestone,
    Penalty,
)


class ContractorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Contractor
        fields = [
            "id",
            "name",
            "nip",
            "regon",
            "address",
            "contact_person",
            "email",
            "phone",
            "categories",
            "not_recommended",
            "not_recommended_reason",
            "version",
        ]
        read_only_fields = ["version"]
        # Validated by the services, with messages that name the field.
        extra_kwargs = {"nip": {"validators": []}, "regon": {"validators": []}}


class ContractorUpdateSerializer(ContractorSerializer):
    version = serializers.IntegerField(
        help_text="The version you loaded; a stale one gets 409 Conflict."
    )

    class Meta(ContractorSerializer.Meta):
        read_only_fields: list[str] = []


class ContractorViewSet(
    StepsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Contractors: read (all staff); add and change (quality manager, heads of units)."""

    permission_classes = [IsStaff]
    queryset = Contractor.objects.none()
    filterset_class = ContractorFilter
    step_target = "contractor"

    def get_serializer_class(self):
        if self.action in ("update", "partial_update"):
            return ContractorUpdateSerializer
        return ContractorSerializer

    def get_queryset(self):
        return selectors.contractor_list(user=self.request.user)

    def get_object(self):
        contractor = selectors.contractor_detail(user=self.request.user, pk=self.kwargs["pk"])
        if contractor is None:
            raise Http404
        return contractor

    def perform_create(self, serializer):
        serializer.instance = services.create_contractor(
            actor=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        self.save_update(serializer, services.update_contractor)


class ContractSerializer(serializers.ModelSerializer):
    days_late = serializers.IntegerField(read_only=True)
    penalties_due = serializers.IntegerField(read_only=True, default=None)
    penalties_charged = serializers.IntegerField(read_only=True, default=None)
    penalties_waived = serializers.IntegerField(read_only=True, default=None)
    report_446_required = serializers.SerializerMethodField()

    class Meta:
        model = Contract
        fields = [
            "id",
            "reference",
            "subject",
            "kind",
            "procedure",
            "contractor",
            "org_unit",
            "manager",
            "value_net",
            "value_gross",
            "offer_price",
            "spent",
            "signed_on",
            "planned_completion",
            "completed_on",
            "final_accepted_on",
            "notice_448_sent_on",
            "cap_amount",
            "cap_percent",
            "cap_base",
            "status",
            "is_public",
            "version",
            "days_late",
            "penalties_due",
            "penalties_charged",
            "penalties_waived",
            "report_446_required",
        ]
        read_only_fields = [
            "completed_on",
            "final_accepted_on",
            "notice_448_sent_on",
            "version",
            "spent",
        ]
        extra_kwargs = {"reference": {"validators": [], "required": False}}

    def get_report_446_required(self, obj: Contract) -> bool:
        return bool(obj.report_reasons)


class AnnexPayload(LockSerializer):
    signed_on = serializers.DateField()
    reason = serializers.CharField()
    milestone = serializers.PrimaryKeyRelatedField(
        queryset=Milestone.objects.all(), required=False, allow_null=True, default=None
    )
    new_date = serializers.DateField(required=False, allow_null=True, default=None)
    new_value_net = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="In grosze."
    )
    new_value_gross = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="In grosze."
    )


class AcceptancePayload(serializers.Serializer):
    kind = serializers.ChoiceField(choices=AcceptanceProtocol.Kind.choices)
    accepted_on = serializers.DateField()
    milestone = serializers.PrimaryKeyRelatedField(
        queryset=Milestone.objects.all(), required=False, allow_null=True, default=None
    )
    defects = serializers.CharField(required=False, allow_blank=True, default="")
    repair_deadline = serializers.DateField(required=False, allow_null=True, default=None)


class RepairPayload(serializers.Serializer):
    protocol = serializers.PrimaryKeyRelatedField(queryset=AcceptanceProtocol.objects.all())
    repaired_on = serializers.DateField()


class DelayPayload(serializers.Serializer):
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    cause = serializers.ChoiceField(choices=DelayPeriod.Cause.choices)
    reason = serializers.CharField()
    evidence = serializers.CharField(required=False, allow_blank=True, default="")


class EvaluationPayload(serializers.Serializer):
    scores = serializers.DictField(
        child=serializers.IntegerField(min_value=1, max_value=5),
        help_text='Score 1-5 per criterion id, e.g. {"3": 4}.',
    )
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    evaluated_on = serializers.DateField(required=False, allow_null=True, default=None)

    def validate_scores(self, value: dict) -> dict[int, int]:
        try:
            return {int(key): score for key, score in value.items()}
        except ValueError as exc:
            raise serializers.ValidationError("Criterion ids are numbers.") from exc


class ContractViewSet(
    StepsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """The contract register: read (all staff); register (quality manager, heads of units).
    Steps (annexes, acceptance protocols, defects repaired, delay periods, evaluations):
    the contract's people, as on the contract's page."""

    permission_classes = [IsStaff]
    queryset = Contract.objects.none()
    filterset_class = ContractFilter
    serializer_class = ContractSerializer

    def get_queryset(self):
        return selectors.contract_list(user=self.request.user)

    def get_object(self):
        contract = self.get_queryset().filter(pk=self.kwargs["pk"]).first()
        if contract is None:
            raise Http404
        return contract

    step_target = "contract"

    @extend_schema(request=AnnexPayload, responses=ContractSerializer)
    @api_action(detail=True, methods=["post"])
    def annex(self, request, pk=None):
        return self.run_step(request, AnnexPayload, services.add_annex)

    @extend_schema(request=AcceptancePayload, responses=ContractSerializer)
    @api_action(detail=True, methods=["post"])
    def acceptance(self, request, pk=None):
        return self.run_step(request, AcceptancePayload, services.record_acceptance)

    @extend_schema(request=DelayPayload, responses=ContractSerializer)
    @api_action(detail=True, methods=["post"])
    def delay(self, request, pk=None):
        return self.run_step(request, DelayPayload, services.record_delay)

    @extend_schema(request=RepairPayload, responses=ContractSerializer)
    @api_action(detail=True, methods=["post"])
    def repair(self, request, pk=None):
        return self.run_step(request, RepairPayload, services.record_repair)

    @extend_schema(request=EvaluationPayload, responses=ContractSerializer)
    @api_action(detail=True, methods=["post"])
    def evaluate(self, request, pk=None):
        return self.run_step(request, EvaluationPayload, services.evaluate_contractor)

    def perform_create(self, serializer):
        serializer.instance = services.create_contract(
            actor=self.request.user, **serializer.validated_data
        )


class MilestoneSerializer(serializers.ModelSerializer):
    class Meta:
        model = Milestone
        fields = [
            "id",
            "contract",
            "name",
            "planned_on",
            "original_planned_on",
            "completed_on",
            "is_final",
        ]


class MilestoneViewSet(viewsets.ReadOnlyModelViewSet):
    """Milestones of every contract (all staff)."""

    permission_classes = [IsStaff]
    serializer_class = MilestoneSerializer
    queryset = Milestone.objects.none()

    def get_queryset(self):
        return Milestone.objects.order_by("contract", "planned_on", "pk")


class PenaltySerializer(serializers.ModelSerializer):
    open = serializers.IntegerField(read_only=True)

    class Meta:
        model = Penalty
        fields = [
            "id",
            "contract",
            "clause",
            "milestone",
            "protocol",
            "event_on",
            "days",
            "raw",
            "due",
            "capped",
            "charged",
            "charge_form",
            "charge_document",
            "charged_on",
            "waived",
            "decision",
            "decision_reference",
            "decided_by",
            "decided_on",
            "justification",
            "open",
            "version",
        ]
        read_only_fields = fields


class ChargeSerializer(LockSerializer):
    amount = serializers.IntegerField(help_text="In grosze.")
    charge_form = serializers.ChoiceField(choices=Penalty.ChargeForm.choices)
    charge_document = serializers.CharField(max_length=100)
    charged_on = serializers.DateField()


class WaiveSerializer(LockSerializer):
    amount = serializers.IntegerField(help_text="In grosze.")
    decision = serializers.ChoiceField(choices=Penalty.Decision.choices)
    decision_reference = serializers.CharField(max_length=100, required=False, default="")
    justification = serializers.CharField()
    decided_on = serializers.DateField(required=False, allow_null=True, default=None)


class PenaltyViewSet(StepsMixin, viewsets.ReadOnlyModelViewSet):
    """The penalty ledger: read (all staff); charge (the contract's people); waive or
    reduce (the role the office named; a court's reduction: the contract's people)."""

    permission_classes = [IsStaff]
    serializer_class = PenaltySerializer
    queryset = Penalty.objects.none()
    step_target = "penalty"

    def get_queryset(self):
        return Penalty.objects.order_by("contract", "event_on", "pk")

    @extend_schema(request=ChargeSerializer, responses=PenaltySerializer)
    @api_action(detail=True, methods=["post"])
    def charge(self, request, pk=None):
        return self.run_step(request, ChargeSerializer, services.charge_penalty)

    @extend_schema(request=WaiveSerializer, responses=PenaltySerializer)
    @api_action(detail=True, methods=["post"])
    def waive(self, request, pk=None):
        return self.run_step(request, WaiveSerializer, services.waive_penalty)


class EvaluationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Evaluation
        fields = ["id", "contractor", "contract", "evaluated_on", "evaluator", "score", "comment"]


class EvaluationViewSet(viewsets.ReadOnlyModelViewSet):
    """Contractor evaluations (all staff)."""

    permission_classes = [IsStaff]
    serializer_class = EvaluationSerializer
    queryset = Evaluation.objects.none()

    def get_queryset(self):
        return Evaluation.objects.order_by("-evaluated_on", "-pk")


def register(router) -> None:
    router.register("contractors", ContractorViewSet, basename="contractor")
    router.register("contracts", ContractViewSet, basename="contract")
    router.register("contract-milestones", MilestoneViewSet, basename="contract-milestone")
    router.register("penalties", PenaltyViewSet, basename="penalty")
    router.register("contractor-evaluations", EvaluationViewSet, basename="contractor-evaluation")
