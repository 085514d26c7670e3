"""Contractors, public contracts and their penalties (ISO 9001 8.4; Prawo zamówień publicznych).

Money is kept in grosze (whole numbers), so sums are exact; the penalty arithmetic
lives in `ratusz.lib.penalties`.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cached_property
from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ratusz.core.models import OrgUnit
from ratusz.core.tones import Tone
from ratusz.lib.penalties import days_of_delay
from ratusz.lib.taxids import normalize_nip, normalize_regon
from ratusz.processes.models import Process


def validate_nip(value: str) -> None:
    try:
        normalize_nip(value)
    except ValueError:
        raise ValidationError(
            _("This NIP is not valid: it has 10 digits and its last digit must match."),
            code="nip",
        ) from None


def validate_regon(value: str) -> None:
    try:
        normalize_regon(value)
    except ValueError:
        raise ValidationError(
            _("This REGON is not valid: it has 9 or 14 digits and its last digit must match."),
            code="regon",
        ) from None


NOTICE_448_DAYS = 30


class LargeContractThreshold(models.Model):
    """When a contract is large for art. 446 ust. 1 pkt 3 PZP (90 days of delay, not 30).

    The law names 20 000 000 euro for works and 10 000 000 euro for supplies and
    services; their złoty equivalents change every two years with the exchange rate the
    President of the Public Procurement Office (UZP) announces. The quality manager adds
    each new pair with the date it is in force from; a contract takes the pair in force
    on its signing date (today while it is not signed).
    """

    valid_from = models.DateField(_("in force from"), unique=True)
    works = models.BigIntegerField(_("works: net value from (gr)"))
    supplies_services = models.BigIntegerField(_("supplies and services: net value from (gr)"))
    source = models.CharField(_("source"), max_length=300, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("large contract threshold")
        verbose_name_plural = _("large contract thresholds")
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(works__gt=0) & Q(supplies_services__gt=0),
                name="large_threshold_positive",
            )
        ]

    def __str__(self) -> str:
        return str(self.valid_from)

    @staticmethod
    def column(kind: str) -> str:
        return "works" if kind == Contract.Kind.WORKS else "supplies_services"

    @classmethod
    def amount_for(cls, kind: str, on: date) -> int | None:
        """The amount for a contract kind in force on a date (the earliest before any)."""
        rows = cls.objects.order_by("-valid_from")
        row = rows.filter(valid_from__lte=on).first() or rows.last()
        return getattr(row, cls.column(kind)) if row else None

    @classmethod
    def annotation(cls):
        """`large_threshold` for a contract queryset, as `amount_for` computes it."""
        today = models.Value(timezone.localdate(), output_field=models.DateField())
        on = Coalesce(OuterRef("signed_on"), today)
        in_force = cls.objects.filter(valid_from__lte=on).order_by("-valid_from")
        earliest = cls.objects.order_by("valid_from")

        def pick(column: str):
            return Coalesce(
                Subquery(in_force.values(column)[:1]),
                Subquery(earliest.values(column)[:1]),
                output_field=models.BigIntegerField(),
            )

        return models.Case(
            models.When(kind=Contract.Kind.WORKS, then=pick("works")),
            default=pick("supplies_services"),
            output_field=models.BigIntegerField(),
        )


class Contractor(models.Model):
    name = models.CharField(_("name"), max_length=300)
    nip = models.CharField(
        _("NIP"), max_length=10, unique=True, null=True, blank=True, validators=[validate_nip]
    )
    regon = models.CharField(_("REGON"), max_length=14, blank=True, validators=[validate_regon])
    address = models.TextField(_("address"), blank=True)
    contact_person = models.CharField(_("contact person"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    categories = models.CharField(
        _("categories"),
        max_length=300,
        blank=True,
        help_text=_("What the contractor supplies, e.g. road works, IT services."),
    )
    not_recommended = models.BooleanField(_("not recommended"), default=False)
    not_recommended_reason = models.TextField(_("why not recommended"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("contractor")
        verbose_name_plural = _("contractors")
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(not_recommended=False) | ~Q(not_recommended_reason=""),
                name="contractor_not_recommended_has_reason",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("suppliers:contractor", args=[self.pk])

    def clean(self) -> None:
        if self.not_recommended and not self.not_recommended_reason.strip():
            raise ValidationError(
                {"not_recommended_reason": _("Say why the contractor is not recommended.")}
            )


class Contract(models.Model):
    class Kind(models.TextChoices):
        WORKS = "works", _("Works")
        SUPPLIES = "supplies", _("Supplies")
        SERVICES = "services", _("Services")

    class Procedure(models.TextChoices):
        BASIC = "basic", _("Basic mode (tryb podstawowy)")
        OPEN = "open", _("Open tender")
        RESTRICTED = "restricted", _("Restricted tender")
        NEGOTIATED = "negotiated", _("Negotiated procedure")
        SINGLE_SOURCE = "single_source", _("Single-source procurement (z wolnej ręki)")
        BELOW_THRESHOLD = "below_threshold", _("Below the PZP threshold")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        RUNNING = "running", _("Running")
        COMPLETED = "completed", _("Completed")
        TERMINATED = "terminated", _("Terminated")
        WITHDRAWN = "withdrawn", _("Withdrawn from")

    STATUS_TONES: ClassVar[dict[str, Tone]] = {
        Status.PLANNED: Tone.INFO,
        Status.RUNNING: Tone.INFO,
        Status.COMPLETED: Tone.OK,
        Status.TERMINATED: Tone.BAD,
        Status.WITHDRAWN: Tone.BAD,
    }

    class SecurityForm(models.TextChoices):
        NONE = "", _("None")
        CASH = "cash", _("Cash")
        BANK = "bank_guarantee", _("Bank guarantee")
        INSURANCE = "insurance_guarantee", _("Insurance guarantee")
        SURETY = "surety", _("Surety")

    class CapBase(models.TextChoices):
        NET = "net", _("net value")
        GROSS = "gross", _("gross value")

    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number in the register"), null=True, blank=True)
    reference = models.CharField(_("contract number"), max_length=60, unique=True)
    subject = models.CharField(_("subject"), max_length=400)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    procedure = models.CharField(_("procedure"), max_length=20, choices=Procedure.choices)
    contractor = models.ForeignKey(
        Contractor, verbose_name=_("contractor"), on_delete=models.PROTECT, related_name="contracts"
    )
    org_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("responsible unit"), on_delete=models.PROTECT, related_name="+"
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contract manager"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="managed_contracts",
    )
    value_net = models.BigIntegerField(_("value net (gr)"))
    value_gross = models.BigIntegerField(_("value gross (gr)"))
    offer_price = models.BigIntegerField(_("offer price (gr)"))
    spent = models.BigIntegerField(_("spent so far (gr)"), default=0)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    planned_completion = models.DateField(_("planned completion"))
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    payment_terms = models.TextField(_("payment terms"), blank=True)
    security_amount = models.BigIntegerField(_("performance security (gr)"), default=0)
    security_form = models.CharField(
        _("form of the security"), max_length=30, choices=SecurityForm.choices, blank=True
    )
    security_return_on = models.DateField(
        _("security returned on acceptance by"), null=True, blank=True
    )
    security_retained_return_on = models.DateField(
        _("retained security returned by"), null=True, blank=True
    )
    warranty_ends = models.DateField(_("warranty ends"), null=True, blank=True)
    statutory_warranty_ends = models.DateField(_("statutory warranty ends"), null=True, blank=True)
    cap_amount = models.BigIntegerField(_("penalty cap (gr)"), null=True, blank=True)
    cap_percent = models.DecimalField(
        _("penalty cap (%)"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    cap_base = models.CharField(
        _("cap taken of"), max_length=5, choices=CapBase.choices, default=CapBase.NET
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    process = models.ForeignKey(
        Process,
        verbose_name=_("related process"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    is_public = models.BooleanField(_("public investment (shown to residents)"), default=False)
    final_accepted_on = models.DateField(_("final acceptance"), null=True, blank=True)
    notice_448_sent_on = models.DateField(_("art. 448 notice published"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        ordering = ["-year", "-number", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cap_amount__isnull=False) | Q(cap_percent__isnull=False),
                name="contract_has_penalty_cap",
            ),
            models.CheckConstraint(
                condition=Q(value_net__gte=0) & Q(value_gross__gte=0) & Q(offer_price__gte=0),
                name="contract_values_not_negative",
            ),
            models.UniqueConstraint(
                fields=["year", "number"],
                condition=Q(number__isnull=False),
                name="contract_number_unique",
            ),
        ]
        indexes = [models.Index(fields=["status", "planned_completion"])]

    def __str__(self) -> str:
        return f"{self.reference} {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("suppliers:contract", args=[self.pk])

    # --- derived facts (no queries when the list selectors prefetched and annotated) ---

    def _excused(self) -> list[tuple[date, date]]:
        periods = getattr(self, "excused_delays", None)
        if periods is None:
            periods = list(self.delays.exclude(cause=DelayPeriod.Cause.CONTRACTOR))
        return [(d.starts_on, d.ends_on) for d in periods]

    @cached_property
    def days_late(self) -> int:
        """Days of zwłoka against the planned completion (to completion, or to today)."""
        if self.status == self.Status.PLANNED:
            return 0
        done = self.completed_on or timezone.localdate()
        return days_of_delay(self.planned_completion, done, excused=self._excused())

    @cached_property
    def current_completion(self) -> date:
        """When it was finished, or the earliest it can still be: the plan or today."""
        return self.completed_on or max(self.planned_completion, timezone.localdate())

    @cached_property
    def total_due(self) -> int:
        annotated = getattr(self, "penalties_due", None)
        if annotated is not None:
            return int(annotated)
        return int(self.penalties.aggregate(total=models.Sum("due"))["total"] or 0)

    @staticmethod
    def art446_thresholds() -> tuple[int, int]:
        """Days of delay after which the art. 446 report is required: (normal, large)."""
        return (
            int(getattr(settings, "RATUSZ_ART446_DELAY_DAYS", 30)),
            int(getattr(settings, "RATUSZ_ART446_DELAY_DAYS_LARGE", 90)),
        )

    @cached_property
    def large_from(self) -> int | None:
        """The net value (gr) from which this contract is large (art. 446 ust. 1 pkt 3 PZP).

        The amount for its kind in force on its signing date; the lists annotate it
        (`LargeContractThreshold.annotation`), otherwise one query.
        """
        if "large_threshold" in self.__dict__:  # annotated by the list selectors
            return self.__dict__["large_threshold"]
        return LargeContractThreshold.amount_for(self.kind, self.signed_on or timezone.localdate())

    @property
    def is_large(self) -> bool:
        return self.large_from is not None and self.value_net >= self.large_from

    def art446_delay_days(self) -> int:
        """30 days (90 for a large contract: art. 446 ust. 1 pkt 3 PZP)."""
        return self.delay_limit(self.value_net, self.large_from)

    @classmethod
    def delay_limit(cls, value_net: int, large_from: int | None) -> int:
        """The art. 446 days of delay for a contract of `value_net` (gr), large from
        `large_from` (gr; None: no amount known)."""
        normal, for_large = cls.art446_thresholds()
        return for_large if large_from is not None and value_net >= large_from else normal

    @cached_property
    def report_reasons(self) -> list[str]:
        """Why the art. 446 PZP report is required on this contract (empty: it is not)."""
        reasons = []
        price = self.offer_price
        if price and self.value_gross * 10 >= price * 11:
            # xgettext:no-python-format
            reasons.append(gettext("The value reached 10 % over the offer price."))
        if price and self.spent * 10 >= price * 11:
            # xgettext:no-python-format
            reasons.append(gettext("Spending reached 10 % over the offer price."))
        if price and self.total_due * 10 >= price:
            # xgettext:no-python-format
            reasons.append(gettext("Penalties reached 10 % of the price."))
        limit = self.art446_delay_days()
        if self.days_late > limit:
            reasons.append(gettext("The delay passed %(days)s days.") % {"days": limit})
        if self.status in (self.Status.TERMINATED, self.Status.WITHDRAWN):
            reasons.append(gettext("The contract was terminated or withdrawn from."))
        return reasons

    @property
    def notice_448_due(self) -> date | None:
        """Art. 448 PZP: the completion notice within 30 days of the final acceptance."""
        if self.final_accepted_on is None:
            return None
        return self.final_accepted_on + timedelta(days=NOTICE_448_DAYS)

    def clean(self) -> None:
        errors = {}
        if self.cap_amount is None and self.cap_percent is None:
            errors["cap_amount"] = _(
                "Give the total maximum of penalties (art. 436 pkt 3 PZP): an amount or a "
                "percentage."
            )
        if self.cap_amount is not None and self.cap_percent is not None:
            errors["cap_percent"] = _("Give the cap as an amount or a percentage, not both.")
        if self.cap_percent is not None and not 0 < self.cap_percent <= 100:
            errors["cap_percent"] = _("The cap is a percentage between 0 and 100.")
        if self.cap_amount is not None and self.cap_amount <= 0:
            errors["cap_amount"] = _("The cap must be greater than zero.")
        if (
            self.value_gross is not None
            and self.value_net is not None
            and self.value_gross < self.value_net
        ):
            errors["value_gross"] = _("The gross value cannot be lower than the net value.")
        if self.signed_on and self.planned_completion and self.planned_completion < self.signed_on:
            errors["planned_completion"] = _("Completion cannot be planned before signing.")
        if errors:
            raise ValidationError(errors)


class PenaltyClause(models.Model):
    class Breach(models.TextChoices):
        LATE_COMPLETION = "late_completion", _("Late completion")
        LATE_MILESTONE = "late_milestone", _("Late milestone")
        LATE_REPAIR = "late_repair", _("Late repair of defects")
        WITHDRAWAL = "withdrawal", _("Withdrawal caused by the contractor")
        UNPAID_SUBCONTRACTOR = "unpaid_subcontractor", _("Unpaid subcontractor")
        OTHER = "other", _("Other")

    class Basis(models.TextChoices):
        # xgettext:no-python-format
        PERCENT_PER_DAY = "percent_per_day", _("% of the value per day")
        AMOUNT_PER_DAY = "amount_per_day", _("fixed amount per day")
        # xgettext:no-python-format
        ONE_OFF_PERCENT = "one_off_percent", _("one-off % of the value")
        ONE_OFF_AMOUNT = "one_off_amount", _("one-off amount")

    PERCENT_BASES = (Basis.PERCENT_PER_DAY, Basis.ONE_OFF_PERCENT)
    PER_DAY = (Basis.PERCENT_PER_DAY, Basis.AMOUNT_PER_DAY)

    contract = models.ForeignKey(
        Contract, verbose_name=_("contract"), on_delete=models.CASCADE, related_name="clauses"
    )
    breach = models.CharField(_("breach"), max_length=30, choices=Breach.choices)
    description = models.CharField(_("clause of the contract"), max_length=300, blank=True)
    basis = models.CharField(_("basis"), max_length=20, choices=Basis.choices)
    base = models.CharField(
        _("percentage of"), max_length=5, choices=Contract.CapBase.choices, blank=True
    )
    rate = models.DecimalField(_("rate"), max_digits=14, decimal_places=4)

    class Meta:
        verbose_name = _("penalty clause")
        verbose_name_plural = _("penalty clauses")
        ordering = ["contract", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(rate__gt=0), name="penalty_clause_rate_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.get_breach_display()}: {self.rate_display}"

    @property
    def rate_display(self) -> str:
        if self.basis in self.PERCENT_BASES:
            per = _(" per day") if self.basis in self.PER_DAY else ""
            rate = formats.number_format(self.rate.normalize())  # 0,1 in Polish
            return f"{rate} % {self.get_base_display()}{per}"
        from ratusz.suppliers.money import zloty

        per = _(" per day") if self.basis in self.PER_DAY else ""
        return f"{zloty(int(self.rate))}{per}"

    def clean(self) -> None:
        if self.rate is None or self.rate <= 0:
            raise ValidationError({"rate": _("The rate must be greater than zero.")})
        if self.basis in self.PERCENT_BASES and not self.base:
            raise ValidationError(
                {"base": _("A percentage rate needs its base: the net or the gross value.")}
            )
        if self.basis not in self.PERCENT_BASES and self.rate != self.rate.to_integral_value():
            raise ValidationError({"rate": _("An amount is given in whole grosze.")})


class Milestone(models.Model):
    contract = models.ForeignKey(
        Contract, verbose_name=_("contract"), on_delete=models.CASCADE, related_name="milestones"
    )
    name = models.CharField(_("name"), max_length=300)
    planned_on = models.DateField(_("planned date"))
    original_planned_on = models.DateField(_("date in the signed contract"))
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    is_final = models.BooleanField(_("completion of the whole contract"), default=False)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["contract", "planned_on", "pk"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The completion milestone is named in the reader's language, whatever was stored."""
        return gettext("Completion of the contract") if self.is_final else self.name


class Annex(models.Model):
    contract = models.ForeignKey(
        Contract, verbose_name=_("contract"), on_delete=models.CASCADE, related_name="annexes"
    )
    position = models.PositiveSmallIntegerField(_("annex number"))
    signed_on = models.DateField(_("signed on"))
    reason = models.TextField(_("reason"))
    milestone = models.ForeignKey(
        Milestone,
        verbose_name=_("milestone moved"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="annexes",
    )
    old_date = models.DateField(_("date before"), null=True, blank=True)
    new_date = models.DateField(_("new date"), null=True, blank=True)
    old_value_gross = models.BigIntegerField(_("gross value before (gr)"), null=True, blank=True)
    new_value_gross = models.BigIntegerField(_("new gross value (gr)"), null=True, blank=True)
    new_value_net = models.BigIntegerField(_("new net value (gr)"), null=True, blank=True)

    class Meta:
        verbose_name = _("annex")
        verbose_name_plural = _("annexes")
        ordering = ["contract", "position"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "position"], name="annex_position_unique")
        ]

    def __str__(self) -> str:
        return _("Annex %(n)s") % {"n": self.position}


class AcceptanceProtocol(models.Model):
    class Kind(models.TextChoices):
        PARTIAL = "partial", _("Partial")
        FINAL = "final", _("Final")

    contract = models.ForeignKey(
        Contract, verbose_name=_("contract"), on_delete=models.CASCADE, related_name="protocols"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    milestone = models.ForeignKey(
        Milestone,
        verbose_name=_("milestone"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="protocols",
    )
    accepted_on = models.DateField(_("accepted on"))
    defects = models.TextField(_("defects found"), blank=True)
    repair_deadline = models.DateField(_("repair deadline"), null=True, blank=True)
    repaired_on = models.DateField(_("defects repaired on"), null=True, blank=True)

    class Meta:
        verbose_name = _("acceptance protocol")
        verbose_name_plural = _("acceptance protocols")
        ordering = ["contract", "accepted_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.accepted_on}"


class DelayPeriod(models.Model):
    class Cause(models.TextChoices):
        CONTRACTOR = "contractor", _("Contractor's fault (zwłoka)")
        OFFICE = "office", _("The office's fault")
        FORCE_MAJEURE = "force_majeure", _("Force majeure")
        WEATHER = "weather", _("Weather")
        SITE = "site", _("Collisions found on site")
        OTHER = "other", _("Other cause not attributable to the contractor")

    contract = models.ForeignKey(
        Contract, verbose_name=_("contract"), on_delete=models.CASCADE, related_name="delays"
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    cause = models.CharField(_("attributed to"), max_length=20, choices=Cause.choices)
    reason = models.TextField(_("reason"))
    evidence = models.CharField(_("evidence"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("delay period")
        verbose_name_plural = _("delay periods")
        ordering = ["contract", "starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="delay_period_in_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.starts_on}–{self.ends_on} {self.get_cause_display()}"

    @property
    def is_zwloka(self) -> bool:
        return self.cause == self.Cause.CONTRACTOR


class Penalty(models.Model):
    class ChargeForm(models.TextChoices):
        NOTE = "note", _("Debit note")
        DEDUCTION = "deduction", _("Deduction from payment")

    class Decision(models.TextChoices):
        WAIVED = "waived", _("Waived")
        REDUCED = "reduced", _("Reduced")
        COURT = "court", _("Reduced by a court")

    contract = models.ForeignKey(
        Contract, verbose_name=_("contract"), on_delete=models.CASCADE, related_name="penalties"
    )
    clause = models.ForeignKey(
        PenaltyClause, verbose_name=_("clause"), on_delete=models.PROTECT, related_name="penalties"
    )
    milestone = models.ForeignKey(
        Milestone,
        verbose_name=_("milestone"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="penalties",
    )
    protocol = models.ForeignKey(
        "AcceptanceProtocol",
        verbose_name=_("acceptance protocol (defects repaired late)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="penalties",
    )
    event_on = models.DateField(_("breach on"))
    days = models.PositiveIntegerField(_("days of zwłoka"), default=0)
    description = models.TextField(_("what happened"), blank=True)
    raw = models.BigIntegerField(_("by the clause (gr)"), default=0)
    due = models.BigIntegerField(_("due (gr)"), default=0)
    capped = models.BooleanField(_("cut by the cap"), default=False)
    charged = models.BigIntegerField(_("charged (gr)"), default=0)
    charge_form = models.CharField(
        _("charged by"), max_length=10, choices=ChargeForm.choices, blank=True
    )
    charge_document = models.CharField(_("document number"), max_length=100, blank=True)
    charged_on = models.DateField(_("charged on"), null=True, blank=True)
    waived = models.BigIntegerField(_("waived or reduced (gr)"), default=0)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, blank=True)
    decision_reference = models.CharField(_("decision number"), max_length=100, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    justification = models.TextField(_("justification"), blank=True)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("penalty")
        verbose_name_plural = _("penalties")
        ordering = ["contract", "event_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(charged__gte=0) & Q(waived__gte=0), name="penalty_amounts_positive"
            ),
            models.CheckConstraint(
                condition=Q(waived=0) | ~Q(justification=""), name="penalty_waiver_justified"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.clause.get_breach_display()} {self.event_on}"

    @property
    def open(self) -> int:
        return max(self.due - self.charged - self.waived, 0)


class Art446Report(models.Model):
    contract = models.OneToOneField(
        Contract, verbose_name=_("contract"), on_delete=models.CASCADE, related_name="report_446"
    )
    spent = models.BigIntegerField(_("amount spent (gr)"))
    estimate = models.BigIntegerField(_("estimated value (gr)"))
    causes = models.TextField(_("causes of the irregularities"))
    assessment = models.TextField(_("assessment of performance"))
    conclusions = models.TextField(_("conclusions for future procurements"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("written by"), on_delete=models.PROTECT
    )
    written_on = models.DateField(_("written on"))

    class Meta:
        verbose_name = _("art. 446 report")
        verbose_name_plural = _("art. 446 reports")

    def __str__(self) -> str:
        return _("Art. 446 report on %(contract)s") % {"contract": self.contract.reference}


class EvaluationCriterion(models.Model):
    name = models.CharField(_("criterion"), max_length=200, unique=True)
    description = models.TextField(_("what is assessed"), blank=True)
    weight = models.PositiveSmallIntegerField(_("weight"))
    is_active = models.BooleanField(_("in force"), default=True)

    class Meta:
        verbose_name = _("evaluation criterion")
        verbose_name_plural = _("evaluation criteria")
        ordering = ["-weight", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(weight__gt=0), name="criterion_weight_positive")
        ]

    def __str__(self) -> str:
        return self.name


class Evaluation(models.Model):
    contractor = models.ForeignKey(
        Contractor,
        verbose_name=_("contractor"),
        on_delete=models.CASCADE,
        related_name="evaluations",
    )
    contract = models.ForeignKey(
        Contract,
        verbose_name=_("contract"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="evaluations",
    )
    evaluated_on = models.DateField(_("evaluated on"))
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("evaluated by"), on_delete=models.PROTECT
    )
    score = models.DecimalField(_("weighted score (1–5)"), max_digits=4, decimal_places=2)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("contractor evaluation")
        verbose_name_plural = _("contractor evaluations")
        ordering = ["-evaluated_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.contractor} {self.evaluated_on}: {self.score}"


class EvaluationScore(models.Model):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(
        EvaluationCriterion, verbose_name=_("criterion"), on_delete=models.PROTECT
    )
    weight = models.PositiveSmallIntegerField(_("weight"))
    score = models.PositiveSmallIntegerField(_("score"))

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(score__gte=1, score__lte=5), name="score_1_to_5"),
            models.UniqueConstraint(
                fields=["evaluation", "criterion"], name="evaluation_score_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"
