"""Writes of the contract register (ISO 9001 8.4; PZP).

Every write checks the policy, validates the record (`full_clean`) and runs in one
transaction, so a refused step leaves nothing half-saved. A contract carries a
version: two people changing it at once get a Conflict, not a lost update. The
penalty ledger is recomputed from the clauses, the milestones and the delay periods
whenever one of them changes (`recompute_ledger`).
"""

from __future__ import annotations

import contextlib
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from ratusz.core.errors import Denied
from ratusz.core.models import Attachment, OrgUnit, User
from ratusz.core.services import (
    apply_changes,
    attach_file,
    files_removed_on_failure,
    lock,
    require_status,
    save_versioned,
    take_number,
)
from ratusz.improvement.models import Nonconformity, Source
from ratusz.improvement.services import raise_nonconformity
from ratusz.lib.taxids import normalize_nip, normalize_regon
from ratusz.processes.models import Process
from ratusz.suppliers import ledger, policies
from ratusz.suppliers.models import (
    AcceptanceProtocol,
    Annex,
    Art446Report,
    Contract,
    Contractor,
    DelayPeriod,
    Evaluation,
    EvaluationCriterion,
    EvaluationScore,
    LargeContractThreshold,
    Milestone,
    Penalty,
    PenaltyClause,
)

CONTRACTOR_FIELDS = (
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
)
CONTRACT_FIELDS = (
    "subject",
    "kind",
    "procedure",
    "org_unit",
    "manager",
    "offer_price",
    "spent",
    "signed_on",
    "payment_terms",
    "security_amount",
    "security_form",
    "security_return_on",
    "security_retained_return_on",
    "warranty_ends",
    "statutory_warranty_ends",
    "process",
    "is_public",
)


def _today() -> date:
    return timezone.localdate()


def _clean_ids(values: dict) -> dict:
    """NIP and REGON kept as digits only, whatever separators were typed."""
    for name, normalize in (("nip", normalize_nip), ("regon", normalize_regon)):
        value = values.get(name)
        if value:
            # An invalid one is left as typed: the model's validator names the field.
            with contextlib.suppress(ValueError):
                values[name] = normalize(value)
    if "nip" in values and not values["nip"]:
        values["nip"] = None
    return values


def _nip_taken(contractor: Contractor) -> None:
    if contractor.nip and (
        Contractor.objects.filter(nip=contractor.nip).exclude(pk=contractor.pk).exists()
    ):
        raise ValidationError({"nip": _("A contractor with this NIP is already registered.")})


# --- contractors --------------------------------------------------------------


@transaction.atomic
def create_contractor(*, actor: User, name: str, **fields) -> Contractor:
    if not policies.can_manage_contractors(actor):
        raise Denied(_("Only the quality manager or a head of unit registers contractors."))
    unknown = set(fields) - set(CONTRACTOR_FIELDS)
    if unknown:
        raise TypeError(f"create_contractor() got unknown fields: {sorted(unknown)}")
    contractor = Contractor(name=name.strip(), **_clean_ids(fields))
    contractor.full_clean(validate_unique=False)
    _nip_taken(contractor)
    contractor.save()
    return contractor


@transaction.atomic
def update_contractor(
    *, actor: User, contractor: Contractor, expected_version: int | None, **changes
) -> Contractor:
    current = lock(Contractor, contractor.pk, expected_version)
    if not policies.can_edit_contractor(actor, current):
        raise Denied(_("Only the quality manager or a head of unit changes contractors."))
    changes = _clean_ids(changes)
    if changes.get("not_recommended") is False:
        changes["not_recommended_reason"] = changes.get("not_recommended_reason", "")
    fields = apply_changes(current, changes, CONTRACTOR_FIELDS)
    _nip_taken(current)
    return save_versioned(current, fields)


# --- contracts ----------------------------------------------------------------


def _check_money(values: dict) -> None:
    for name in ("value_net", "value_gross", "offer_price", "spent", "security_amount"):
        value = values.get(name)
        if value is not None and value < 0:
            raise ValidationError({name: _("An amount cannot be negative.")})


@transaction.atomic
def create_contract(
    *,
    actor: User,
    contractor: Contractor,
    subject: str,
    kind: str,
    procedure: str,
    org_unit: OrgUnit,
    value_net: int,
    value_gross: int,
    offer_price: int,
    planned_completion: date,
    cap_amount: int | None = None,
    cap_percent: Decimal | None = None,
    cap_base: str = Contract.CapBase.NET,
    reference: str = "",
    manager: User | None = None,
    signed_on: date | None = None,
    payment_terms: str = "",
    security_amount: int = 0,
    security_form: str = "",
    warranty_ends: date | None = None,
    statutory_warranty_ends: date | None = None,
    process: Process | None = None,
    is_public: bool = False,
    status: str = Contract.Status.PLANNED,
) -> Contract:
    """A contract in the register, with its completion as the final milestone.

    Without a number of its own the contract takes the next one of the year
    (UM/2026/0007); a contract without its total maximum of penalties is refused.
    """
    if not policies.can_create_contract(actor):
        raise Denied(_("Only the quality manager or a head of unit registers contracts."))
    _check_money({"value_net": value_net, "value_gross": value_gross, "offer_price": offer_price})
    if status not in (Contract.Status.PLANNED, Contract.Status.RUNNING):
        raise ValidationError({"status": _("A new contract is planned or running.")})
    if status == Contract.Status.RUNNING and signed_on is None:
        raise ValidationError({"signed_on": _("A running contract has its signing date.")})
    year = (signed_on or _today()).year
    contract = Contract(
        year=year,
        reference=reference.strip() or "-",
        contractor=contractor,
        subject=subject.strip(),
        kind=kind,
        procedure=procedure,
        org_unit=org_unit,
        manager=manager,
        value_net=value_net,
        value_gross=value_gross,
        offer_price=offer_price,
        planned_completion=planned_completion,
        cap_amount=cap_amount,
        cap_percent=cap_percent,
        cap_base=cap_base or Contract.CapBase.NET,
        signed_on=signed_on,
        payment_terms=payment_terms,
        security_amount=security_amount or 0,
        security_form=security_form,
        warranty_ends=warranty_ends,
        statutory_warranty_ends=statutory_warranty_ends,
        process=process,
        is_public=is_public,
        status=status,
    )
    contract.full_clean(exclude=["reference"], validate_unique=False)
    if not reference.strip():
        contract.number = take_number(f"contract:{year}")
        contract.reference = f"UM/{year}/{contract.number:04d}"
    elif Contract.objects.filter(reference=contract.reference).exists():
        raise ValidationError({"reference": _("Another contract has this number.")})
    try:
        with transaction.atomic():
            contract.save()
    except IntegrityError:
        raise ValidationError({"reference": _("Another contract has this number.")}) from None
    Milestone.objects.create(
        contract=contract,
        name=_("Completion of the contract"),
        planned_on=planned_completion,
        original_planned_on=planned_completion,
        is_final=True,
    )
    return contract


@transaction.atomic
def update_contract(
    *, actor: User, contract: Contract, expected_version: int | None, **changes
) -> Contract:
    """Change the register fields; dates and value change only by an annex."""
    current = lock(Contract, contract.pk, expected_version, related=("org_unit",))
    if not policies.can_edit_contract(actor, current):
        raise Denied(_("Only the contract manager, the head of the unit or the quality manager."))
    _check_money(changes)
    fields = apply_changes(current, changes, CONTRACT_FIELDS)
    saved = save_versioned(current, fields)
    return saved


TRANSITIONS: dict[str, tuple[str, ...]] = {
    Contract.Status.RUNNING: (Contract.Status.PLANNED,),
    Contract.Status.COMPLETED: (Contract.Status.RUNNING,),
    Contract.Status.TERMINATED: (Contract.Status.RUNNING, Contract.Status.PLANNED),
    Contract.Status.WITHDRAWN: (Contract.Status.RUNNING, Contract.Status.PLANNED),
}


@transaction.atomic
def change_status(
    *,
    actor: User,
    contract: Contract,
    status: str,
    expected_version: int | None,
    on: date | None = None,
) -> Contract:
    current = lock(Contract, contract.pk, expected_version, related=("org_unit",))
    if not policies.can_edit_contract(actor, current):
        raise Denied(_("Only the contract manager, the head of the unit or the quality manager."))
    if status not in TRANSITIONS:
        raise ValidationError({"status": _("Choose a status the contract can move to.")})
    require_status(
        current,
        *TRANSITIONS[status],
        message=_("A %(from)s contract cannot become %(to)s.")
        % {"from": current.get_status_display(), "to": Contract.Status(status).label},
    )
    if status == Contract.Status.RUNNING and current.signed_on is None:
        raise ValidationError({"status": _("Record the signing date before the contract runs.")})
    if status == Contract.Status.COMPLETED and current.final_accepted_on is None:
        raise ValidationError(
            {"status": _("A contract is completed by its final acceptance protocol.")}
        )
    current.status = status
    return save_versioned(current, ["status"])


# --- clauses, milestones, annexes ---------------------------------------------


def _editable(actor: User, contract_pk: int, expected_version: int | None = None) -> Contract:
    current = lock(Contract, contract_pk, expected_version, related=("org_unit",))
    if not policies.can_edit_contract(actor, current):
        raise Denied(_("Only the contract manager, the head of the unit or the quality manager."))
    return current


@transaction.atomic
def add_clause(
    *,
    actor: User,
    contract: Contract,
    breach: str,
    basis: str,
    rate: Decimal,
    base: str = "",
    description: str = "",
) -> PenaltyClause:
    current = _editable(actor, contract.pk)
    clause = PenaltyClause(
        contract=current,
        breach=breach,
        basis=basis,
        base=base if basis in PenaltyClause.PERCENT_BASES else "",
        rate=rate,
        description=description.strip(),
    )
    if basis in PenaltyClause.PERCENT_BASES and not base:
        raise ValidationError(
            {"base": _("A percentage rate needs its base: the net or the gross value.")}
        )
    clause.full_clean()
    clause.save()
    return clause


@transaction.atomic
def add_milestone(*, actor: User, contract: Contract, name: str, planned_on: date) -> Milestone:
    current = _editable(actor, contract.pk)
    if planned_on > current.planned_completion:
        raise ValidationError(
            {"planned_on": _("A milestone cannot be planned after the contract's completion.")}
        )
    milestone = Milestone(
        contract=current, name=name.strip(), planned_on=planned_on, original_planned_on=planned_on
    )
    milestone.full_clean()
    milestone.save()
    return milestone


@transaction.atomic
def add_annex(
    *,
    actor: User,
    contract: Contract,
    expected_version: int | None,
    signed_on: date,
    reason: str,
    milestone: Milestone | None = None,
    new_date: date | None = None,
    new_value_net: int | None = None,
    new_value_gross: int | None = None,
) -> Annex:
    """An annex moves a milestone's date, changes the value, or both, and says why."""
    current = _editable(actor, contract.pk, expected_version)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the contract is changed.")})
    if new_date is None and new_value_gross is None and new_value_net is None:
        raise ValidationError(_("An annex changes a date or the value: give the new one."))
    if new_date is not None and milestone is None:
        raise ValidationError({"milestone": _("Choose the milestone whose date the annex moves.")})
    if milestone is not None and milestone.contract_id != current.pk:
        raise ValidationError({"milestone": _("This milestone belongs to another contract.")})
    if new_date is not None and new_date < _today():
        raise ValidationError({"new_date": _("An annex cannot move a date into the past.")})
    if current.signed_on and signed_on < current.signed_on:
        raise ValidationError({"signed_on": _("An annex cannot be signed before the contract.")})
    _check_money({"value_net": new_value_net, "value_gross": new_value_gross})
    position = (
        current.annexes.order_by("-position").values_list("position", flat=True).first() or 0
    ) + 1
    annex = Annex(
        contract=current,
        position=position,
        signed_on=signed_on,
        reason=reason.strip(),
        milestone=milestone if new_date is not None else None,
        old_date=milestone.planned_on if milestone is not None and new_date else None,
        new_date=new_date,
        old_value_gross=current.value_gross if new_value_gross is not None else None,
        new_value_gross=new_value_gross,
        new_value_net=new_value_net,
    )
    annex.full_clean()
    fields = []
    if new_value_net is not None:
        current.value_net = new_value_net
        fields.append("value_net")
    if new_value_gross is not None:
        current.value_gross = new_value_gross
        fields.append("value_gross")
    if new_date is not None and milestone is not None:
        milestone.planned_on = new_date
        milestone.save(update_fields=["planned_on"])
        if milestone.is_final:
            current.planned_completion = new_date
            fields.append("planned_completion")
    annex.save()
    save_versioned(current, fields)
    recompute_ledger(contract=current)
    return annex


@transaction.atomic
def record_acceptance(
    *,
    actor: User,
    contract: Contract,
    kind: str,
    accepted_on: date,
    milestone: Milestone | None = None,
    defects: str = "",
    repair_deadline: date | None = None,
) -> AcceptanceProtocol:
    current = _editable(actor, contract.pk)
    if current.signed_on is None or accepted_on < current.signed_on:
        raise ValidationError(
            {"accepted_on": _("Acceptance cannot come before the contract is signed.")}
        )
    if accepted_on > _today():
        raise ValidationError({"accepted_on": _("Acceptance cannot be dated in the future.")})
    if repair_deadline is not None and repair_deadline < accepted_on:
        raise ValidationError(
            {"repair_deadline": _("The repair deadline cannot come before the acceptance.")}
        )
    if defects.strip() and repair_deadline is None:
        raise ValidationError({"repair_deadline": _("Give the deadline to repair the defects.")})
    if kind == AcceptanceProtocol.Kind.FINAL:
        milestone = current.milestones.filter(is_final=True).first()
    elif milestone is None:
        raise ValidationError({"milestone": _("Choose the milestone accepted.")})
    elif milestone.contract_id != current.pk:
        raise ValidationError({"milestone": _("This milestone belongs to another contract.")})
    protocol = AcceptanceProtocol(
        contract=current,
        kind=kind,
        milestone=milestone,
        accepted_on=accepted_on,
        defects=defects.strip(),
        repair_deadline=repair_deadline,
    )
    protocol.full_clean()
    protocol.save()
    if milestone is not None and milestone.completed_on is None:
        milestone.completed_on = accepted_on
        milestone.save(update_fields=["completed_on"])
    if kind == AcceptanceProtocol.Kind.FINAL:
        current.final_accepted_on = accepted_on
        current.completed_on = accepted_on
        save_versioned(current, ["final_accepted_on", "completed_on"])
    recompute_ledger(contract=current)
    return protocol


@transaction.atomic
def record_repair(
    *, actor: User, contract: Contract, protocol: AcceptanceProtocol, repaired_on: date
) -> AcceptanceProtocol:
    """The defects of an acceptance protocol repaired: a late-repair penalty stops growing."""
    current = _editable(actor, contract.pk)
    if protocol.contract_id != current.pk:
        raise ValidationError({"protocol": _("This protocol belongs to another contract.")})
    if protocol.repair_deadline is None:
        raise ValidationError({"protocol": _("This protocol found no defects to repair.")})
    if protocol.repaired_on is not None:
        raise ValidationError({"protocol": _("These defects are already recorded as repaired.")})
    if repaired_on < protocol.accepted_on:
        raise ValidationError(
            {"repaired_on": _("The defects cannot be repaired before they were found.")}
        )
    if repaired_on > _today():
        raise ValidationError({"repaired_on": _("A repair cannot be dated in the future.")})
    protocol.repaired_on = repaired_on
    protocol.save(update_fields=["repaired_on"])
    recompute_ledger(contract=current)
    return protocol


@transaction.atomic
def record_delay(
    *,
    actor: User,
    contract: Contract,
    starts_on: date,
    ends_on: date,
    cause: str,
    reason: str,
    evidence: str = "",
) -> DelayPeriod:
    current = _editable(actor, contract.pk)
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("A delay period cannot end before it starts.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Say what caused the delay.")})
    period = DelayPeriod(
        contract=current,
        starts_on=starts_on,
        ends_on=ends_on,
        cause=cause,
        reason=reason.strip(),
        evidence=evidence.strip(),
    )
    period.full_clean()
    period.save()
    recompute_ledger(contract=current)
    return period


# --- files ------------------------------------------------------------------------

FILE_KINDS = {
    "contract": _lazy("The contract"),
    "annex": _lazy("Annex"),
    "protocol": _lazy("Acceptance protocol"),
    "delay": _lazy("Delay evidence"),
    "other": _lazy("Other"),
}


def attach_contract_file(
    *, actor: User, contract: Contract, file, kind: str = "contract", description: str = ""
) -> Attachment:
    """A file kept with the contract: the signed contract, an annex, an acceptance
    protocol or the evidence of a delay (checked by core's upload rules)."""
    if kind not in FILE_KINDS:
        raise ValidationError({"kind": _("Choose what the file is.")})
    label = str(FILE_KINDS[kind])
    text = f"{label}: {description.strip()}" if description.strip() else label
    with files_removed_on_failure(), transaction.atomic():
        current = _editable(actor, contract.pk)
        try:
            return attach_file(actor=actor, target=current, upload=file, description=text[:255])
        except Denied:
            raise
        except ValidationError as exc:
            if hasattr(exc, "error_dict") and "description" in exc.error_dict:
                raise ValidationError({"description": exc.error_dict["description"]}) from exc
            raise


# --- penalties ----------------------------------------------------------------


def recompute_ledger(*, contract: Contract, today: date | None = None) -> list[Penalty]:
    """Refresh the days and the amounts due of every penalty of the contract.

    Per-day penalties of a milestone count its days of zwłoka up to its completion
    (or today while it is open); the cap is applied in date order.
    """
    today = today or _today()
    rows = list(
        contract.penalties.select_related("clause", "milestone", "protocol").order_by(
            "event_on", "pk"
        )
    )
    delays = list(contract.delays.all())
    for row in rows:
        if row.clause.basis not in PenaltyClause.PER_DAY:
            continue
        if row.protocol is not None:
            row.days = ledger.repair_delay(row.protocol, delays, today)
        elif row.milestone is not None:
            row.days = ledger.milestone_delay(row.milestone, delays, today)
    computed = ledger.compute(contract, rows)
    by_key = {line.key: line for line in computed.lines}
    for row in rows:
        line = by_key[row.pk]
        row.raw, row.due, row.capped = line.raw, line.due, line.capped
    Penalty.objects.bulk_update(rows, ["days", "raw", "due", "capped"])
    return rows


@transaction.atomic
def record_penalty(
    *,
    actor: User,
    contract: Contract,
    clause: PenaltyClause,
    event_on: date,
    milestone: Milestone | None = None,
    protocol: AcceptanceProtocol | None = None,
    days: int | None = None,
    description: str = "",
) -> Penalty:
    """A breach under a clause; the amount due is computed, never typed.

    For a late milestone the days of zwłoka come from its dates and the delay
    periods, for defects repaired late from the protocol's repair deadline and the
    repair; otherwise a per-day clause takes the days given.
    """
    current = _editable(actor, contract.pk)
    if clause.contract_id != current.pk:
        raise ValidationError({"clause": _("This clause belongs to another contract.")})
    if milestone is not None and milestone.contract_id != current.pk:
        raise ValidationError({"milestone": _("This milestone belongs to another contract.")})
    if protocol is not None:
        if protocol.contract_id != current.pk:
            raise ValidationError({"protocol": _("This protocol belongs to another contract.")})
        if protocol.repair_deadline is None:
            raise ValidationError({"protocol": _("This protocol found no defects to repair.")})
        if milestone is not None:
            raise ValidationError(
                {"protocol": _("Choose the milestone late or the protocol, not both.")}
            )
    elif clause.breach == PenaltyClause.Breach.LATE_REPAIR and not days:
        raise ValidationError(
            {"protocol": _("Choose the acceptance protocol whose defects were repaired late.")}
        )
    per_day = clause.basis in PenaltyClause.PER_DAY
    if per_day and milestone is None and protocol is None and not days:
        raise ValidationError(
            {"days": _("A per-day clause needs the milestone late or the days of zwłoka.")}
        )
    if event_on > _today():
        raise ValidationError({"event_on": _("A breach cannot be dated in the future.")})
    penalty = Penalty(
        contract=current,
        clause=clause,
        milestone=milestone,
        protocol=protocol,
        event_on=event_on,
        days=(days or 0) if per_day else 0,
        description=description.strip(),
    )
    penalty.full_clean()
    penalty.save()
    recompute_ledger(contract=current)
    penalty.refresh_from_db()
    if per_day and penalty.days == 0:
        if protocol is not None:
            raise ValidationError(
                {"protocol": _("The defects are not repaired late through the contractor's fault.")}
            )
        raise ValidationError(
            {"milestone": _("The milestone is not late through the contractor's fault.")}
        )
    return penalty


def _locked_penalty(actor: User, penalty: Penalty, expected_version: int | None) -> Penalty:
    current = lock(Penalty, penalty.pk, expected_version, related=("contract__org_unit", "clause"))
    return current


@transaction.atomic
def charge_penalty(
    *,
    actor: User,
    penalty: Penalty,
    expected_version: int | None,
    amount: int,
    charge_form: str,
    charge_document: str,
    charged_on: date,
) -> Penalty:
    """Charge (a debit note or a deduction from a payment) what is still open."""
    current = _locked_penalty(actor, penalty, expected_version)
    if not policies.can_edit_contract(actor, current.contract):
        raise Denied(_("Only the contract manager, the head of the unit or the quality manager."))
    if amount <= 0:
        raise ValidationError({"amount": _("The amount charged must be greater than zero.")})
    if amount > current.open:
        raise ValidationError(
            {
                "amount": _("Only %(open)s is still open on this penalty.")
                % {"open": _z(current.open)}
            }
        )
    if not charge_document.strip():
        raise ValidationError({"charge_document": _("Give the number of the note or payment.")})
    if charged_on > _today():
        raise ValidationError({"charged_on": _("A charge cannot be dated in the future.")})
    current.charged += amount
    current.charge_form = charge_form
    current.charge_document = charge_document.strip()
    current.charged_on = charged_on
    return save_versioned(current, ["charged", "charge_form", "charge_document", "charged_on"])


def _z(grosze: int) -> str:
    from ratusz.suppliers.money import zloty

    return zloty(grosze)


@transaction.atomic
def waive_penalty(
    *,
    actor: User,
    penalty: Penalty,
    expected_version: int | None,
    amount: int,
    decision: str,
    justification: str,
    decision_reference: str = "",
    decided_on: date | None = None,
) -> Penalty:
    """Waive or reduce a penalty by a decision of the office, or record a court's reduction.

    The office's decision is taken by the role it named (top management by default)
    and is justified in writing; a court's reduction is recorded by the contract's
    people and names the judgment.
    """
    current = _locked_penalty(actor, penalty, expected_version)
    if decision == Penalty.Decision.COURT:
        if not policies.can_edit_contract(actor, current.contract):
            raise Denied(
                _("Only the contract manager, the head of the unit or the quality manager.")
            )
        if not decision_reference.strip():
            raise ValidationError({"decision_reference": _("Give the judgment's reference.")})
    elif not policies.can_decide_waiver(actor):
        raise Denied(
            _("Only %(role)s waives or reduces a penalty.")
            % {"role": _role_label(policies.waiver_role())},
            field="decision",
        )
    if not justification.strip():
        raise ValidationError({"justification": _("Justify the decision in writing.")})
    if amount <= 0:
        raise ValidationError({"amount": _("The amount must be greater than zero.")})
    if amount > current.open:
        raise ValidationError(
            {
                "amount": _("Only %(open)s is still open on this penalty.")
                % {"open": _z(current.open)}
            }
        )
    current.waived += amount
    current.decision = decision
    current.decision_reference = decision_reference.strip()
    current.justification = justification.strip()
    current.decided_by = actor
    current.decided_on = decided_on or _today()
    return save_versioned(
        current,
        ["waived", "decision", "decision_reference", "justification", "decided_by", "decided_on"],
    )


def _role_label(role: str) -> str:
    from ratusz.core.models import Role

    return str(Role(role).label) if role in Role.values else role


# --- art. 446 and 448 -----------------------------------------------------------


@transaction.atomic
def write_446_report(
    *,
    actor: User,
    contract: Contract,
    spent: int,
    estimate: int,
    causes: str,
    assessment: str,
    conclusions: str,
) -> Art446Report:
    current = _editable(actor, contract.pk)
    if Art446Report.objects.filter(contract=current).exists():
        raise ValidationError(_("The art. 446 report on this contract is already written."))
    report = Art446Report(
        contract=current,
        spent=spent,
        estimate=estimate,
        causes=causes.strip(),
        assessment=assessment.strip(),
        conclusions=conclusions.strip(),
        written_by=actor,
        written_on=_today(),
    )
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def record_448_notice(
    *, actor: User, contract: Contract, expected_version: int | None, published_on: date
) -> Contract:
    current = _editable(actor, contract.pk, expected_version)
    if current.final_accepted_on is None:
        raise ValidationError(
            {"published_on": _("The art. 448 notice follows the final acceptance.")}
        )
    if published_on < current.final_accepted_on:
        raise ValidationError(
            {"published_on": _("The notice cannot come before the final acceptance.")}
        )
    current.notice_448_sent_on = published_on
    return save_versioned(current, ["notice_448_sent_on"])


# --- art. 446 large-contract thresholds -------------------------------------------


@transaction.atomic
def set_large_thresholds(
    *,
    actor: User,
    valid_from: date,
    works: int,
    supplies_services: int,
    source: str = "",
) -> LargeContractThreshold:
    """The amounts in force from a date (a date already recorded: its amounts corrected)."""
    if not policies.can_manage_thresholds(actor):
        raise Denied(_("Only the quality manager sets the large contract thresholds."))
    errors = {}
    if works is None or works <= 0:
        errors["works"] = _("Give the amount for works, greater than zero.")
    if supplies_services is None or supplies_services <= 0:
        errors["supplies_services"] = _(
            "Give the amount for supplies and services, greater than zero."
        )
    if errors:
        raise ValidationError(errors)
    row, _created = LargeContractThreshold.objects.update_or_create(
        valid_from=valid_from,
        defaults={"works": works, "supplies_services": supplies_services, "source": source},
    )
    return row


# --- evaluation -------------------------------------------------------------------


@transaction.atomic
def create_criterion(
    *, actor: User, name: str, weight: int, description: str = ""
) -> EvaluationCriterion:
    if not policies.can_manage_criteria(actor):
        raise Denied(_("Only the quality manager sets the evaluation criteria."))
    criterion = EvaluationCriterion(name=name.strip(), weight=weight, description=description)
    criterion.full_clean()
    criterion.save()
    return criterion


@transaction.atomic
def evaluate_contractor(
    *,
    actor: User,
    contract: Contract,
    scores: dict[int, int],
    comment: str = "",
    evaluated_on: date | None = None,
) -> Evaluation:
    """Score the contractor of a contract on every criterion in force (1–5)."""
    current = _editable(actor, contract.pk)
    criteria = list(EvaluationCriterion.objects.filter(is_active=True))
    if not criteria:
        raise ValidationError(_("The quality manager has not set evaluation criteria yet."))
    missing = [c.name for c in criteria if c.pk not in scores]
    if missing:
        raise ValidationError(
            _("Score every criterion: %(names)s.") % {"names": ", ".join(missing)}
        )
    for criterion in criteria:
        if not 1 <= scores[criterion.pk] <= 5:
            raise ValidationError({f"score_{criterion.pk}": _("A score is from 1 to 5.")})
    total_weight = sum(c.weight for c in criteria)
    weighted = Decimal(sum(c.weight * scores[c.pk] for c in criteria)) / total_weight
    evaluation = Evaluation(
        contractor_id=current.contractor_id,
        contract=current,
        evaluated_on=evaluated_on or _today(),
        evaluator=actor,
        score=weighted.quantize(Decimal("0.01")),
        comment=comment.strip(),
    )
    evaluation.full_clean()
    evaluation.save()
    EvaluationScore.objects.bulk_create(
        [
            EvaluationScore(evaluation=evaluation, criterion=c, weight=c.weight, score=scores[c.pk])
            for c in criteria
        ]
    )
    return evaluation


@transaction.atomic
def open_nonconformity(
    *, actor: User, contract: Contract, title: str, description: str
) -> Nonconformity:
    """A contractor's failure recorded as a nonconformity from a supplier, in one step."""
    current = _editable(actor, contract.pk)
    return raise_nonconformity(
        actor=actor,
        title=title,
        description=description,
        source=Source.SUPPLIER,
        org_unit=current.org_unit,
        process=current.process,
        source_reference=current.reference,
    )
