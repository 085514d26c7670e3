"""Forms of the contract register; field names are the services' parameter names."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ratusz.core import selectors as core_selectors
from ratusz.core.forms import DateInput, StaffChoiceField, UnitChoiceField, VersionedForm
from ratusz.processes.models import Process
from ratusz.suppliers.models import (
    AcceptanceProtocol,
    Contract,
    Contractor,
    DelayPeriod,
    EvaluationCriterion,
    Milestone,
    Penalty,
    PenaltyClause,
)
from ratusz.suppliers.money import parse_zloty


class ZlotyField(forms.CharField):
    """An amount typed in złoty ("1 234,56"), handed to the service in grosze."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", _("In złoty, e.g. 1 234 567,89."))
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        return parse_zloty(value)


def _date(label, required=True, **kwargs):
    return forms.DateField(label=label, required=required, widget=DateInput(), **kwargs)


def _text(label, required=True, rows=3, **kwargs):
    return forms.CharField(
        label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}), **kwargs
    )


class ContractorForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=300)
    nip = forms.CharField(label=_("NIP"), max_length=13, required=False)
    regon = forms.CharField(label=_("REGON"), max_length=17, required=False)
    address = _text(_("Address"), required=False, rows=2)
    contact_person = forms.CharField(label=_("Contact person"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    categories = forms.CharField(label=_("Categories"), max_length=300, required=False)
    not_recommended = forms.BooleanField(label=_("Not recommended"), required=False)
    not_recommended_reason = _text(_("Why not recommended"), required=False)


class ContractorEditForm(VersionedForm, ContractorForm):
    pass


class ContractForm(forms.Form):
    reference = forms.CharField(
        label=_("Contract number"),
        max_length=60,
        required=False,
        help_text=_("Leave empty to take the next number of the register (UM/year/number)."),
    )
    subject = forms.CharField(label=_("Subject"), max_length=400)
    contractor = forms.ModelChoiceField(
        label=_("Contractor"), queryset=Contractor.objects.order_by("name")
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Contract.Kind.choices)
    procedure = forms.ChoiceField(label=_("Procedure"), choices=Contract.Procedure.choices)
    org_unit = UnitChoiceField(label=_("Responsible unit"), queryset=core_selectors.unit_choices())
    manager = StaffChoiceField(
        label=_("Contract manager"), queryset=core_selectors.staff_choices(), required=False
    )
    value_net = ZlotyField(label=_("Value net"))
    value_gross = ZlotyField(label=_("Value gross"))
    offer_price = ZlotyField(label=_("Offer price (gross)"))
    signed_on = _date(_("Signed on"), required=False)
    planned_completion = _date(_("Planned completion"))
    cap_amount = ZlotyField(
        label=_("Penalty cap: amount"),
        required=False,
        help_text=_("The total maximum of penalties (art. 436 pkt 3 PZP): an amount or a %."),
    )
    cap_percent = forms.DecimalField(
        # xgettext:no-python-format
        label=_("Penalty cap: % of the value"),
        required=False,
        max_digits=6,
        decimal_places=2,
    )
    cap_base = forms.ChoiceField(label=_("Cap taken of"), choices=Contract.CapBase.choices)
    payment_terms = _text(_("Payment terms"), required=False, rows=2)
    security_amount = ZlotyField(label=_("Performance security"), required=False)
    security_form = forms.ChoiceField(
        label=_("Form of the security"), choices=Contract.SecurityForm.choices, required=False
    )
    warranty_ends = _date(_("Warranty ends"), required=False)
    statutory_warranty_ends = _date(_("Statutory warranty ends"), required=False)
    process = forms.ModelChoiceField(
        label=_("Related process"), queryset=Process.objects.filter(is_active=True), required=False
    )
    is_public = forms.BooleanField(
        label=_("Public investment (shown to residents)"), required=False
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[(s, label) for s, label in Contract.Status.choices if s in ("planned", "running")],
    )

    def clean_security_amount(self):
        return self.cleaned_data.get("security_amount") or 0


class ContractEditForm(VersionedForm):
    subject = forms.CharField(label=_("Subject"), max_length=400)
    kind = forms.ChoiceField(label=_("Kind"), choices=Contract.Kind.choices)
    procedure = forms.ChoiceField(label=_("Procedure"), choices=Contract.Procedure.choices)
    org_unit = UnitChoiceField(label=_("Responsible unit"), queryset=core_selectors.unit_choices())
    manager = StaffChoiceField(
        label=_("Contract manager"), queryset=core_selectors.staff_choices(), required=False
    )
    offer_price = ZlotyField(label=_("Offer price (gross)"))
    spent = ZlotyField(label=_("Spent so far"))
    signed_on = _date(_("Signed on"), required=False)
    payment_terms = _text(_("Payment terms"), required=False, rows=2)
    security_amount = ZlotyField(label=_("Performance security"), required=False)
    security_form = forms.ChoiceField(
        label=_("Form of the security"), choices=Contract.SecurityForm.choices, required=False
    )
    security_return_on = _date(_("Security returned on acceptance by"), required=False)
    security_retained_return_on = _date(_("Retained security returned by"), required=False)
    warranty_ends = _date(_("Warranty ends"), required=False)
    statutory_warranty_ends = _date(_("Statutory warranty ends"), required=False)
    process = forms.ModelChoiceField(
        label=_("Related process"), queryset=Process.objects.filter(is_active=True), required=False
    )
    is_public = forms.BooleanField(
        label=_("Public investment (shown to residents)"), required=False
    )

    def clean_security_amount(self):
        return self.cleaned_data.get("security_amount") or 0


class MilestoneForm(forms.Form):
    name = forms.CharField(label=_("Milestone"), max_length=300)
    planned_on = _date(_("Planned date"))


class ClauseForm(forms.Form):
    breach = forms.ChoiceField(label=_("Breach"), choices=PenaltyClause.Breach.choices)
    basis = forms.ChoiceField(label=_("Basis"), choices=PenaltyClause.Basis.choices)
    base = forms.ChoiceField(
        label=_("Percentage of"),
        choices=[("", "—"), *Contract.CapBase.choices],
        required=False,
        help_text=_("For a percentage: the net or the gross value."),
    )
    rate = forms.DecimalField(
        label=_("Rate"),
        max_digits=14,
        decimal_places=2,
        help_text=_("A percentage (0,2 means 0.2 %) or an amount in złoty."),
    )
    description = forms.CharField(label=_("Clause of the contract"), max_length=300, required=False)

    def clean(self):
        data = super().clean()
        if data.get("rate") is not None and data.get("basis") not in PenaltyClause.PERCENT_BASES:
            data["rate"] = (data["rate"] * 100).quantize(Decimal(1))
        return data


class AnnexForm(VersionedForm):
    signed_on = _date(_("Signed on"))
    reason = _text(_("Reason"))
    milestone = forms.ModelChoiceField(
        label=_("Milestone moved"), queryset=Milestone.objects.all(), required=False
    )
    new_date = _date(_("New date"), required=False)
    new_value_net = ZlotyField(label=_("New value net"), required=False)
    new_value_gross = ZlotyField(label=_("New value gross"), required=False)


class AcceptanceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=AcceptanceProtocol.Kind.choices)
    milestone = forms.ModelChoiceField(
        label=_("Milestone (partial acceptance)"), queryset=Milestone.objects.all(), required=False
    )
    accepted_on = _date(_("Accepted on"))
    defects = _text(_("Defects found"), required=False)
    repair_deadline = _date(_("Repair deadline"), required=False)


class RepairForm(forms.Form):
    protocol = forms.ModelChoiceField(
        label=_("Acceptance protocol"), queryset=AcceptanceProtocol.objects.all()
    )
    repaired_on = _date(_("Defects repaired on"))


class ContractFileForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What the file is"),
        choices=[
            ("contract", _("The contract")),
            ("annex", _("Annex")),
            ("protocol", _("Acceptance protocol")),
            ("delay", _("Delay evidence")),
            ("other", _("Other")),
        ],
    )
    file = forms.FileField(label=_("File"))
    description = forms.CharField(
        label=_("Description"),
        max_length=200,
        required=False,
        help_text=_("E.g. the annex's number or the site log entries."),
    )


class DelayForm(forms.Form):
    starts_on = _date(_("From"))
    ends_on = _date(_("To"))
    cause = forms.ChoiceField(label=_("Attributed to"), choices=DelayPeriod.Cause.choices)
    reason = _text(_("Reason"))
    evidence = forms.CharField(
        label=_("Evidence"),
        max_length=300,
        required=False,
        help_text=_("E.g. the site log entry or the letter's reference."),
    )


class PenaltyForm(forms.Form):
    clause = forms.ModelChoiceField(label=_("Clause"), queryset=PenaltyClause.objects.all())
    milestone = forms.ModelChoiceField(
        label=_("Milestone late"), queryset=Milestone.objects.all(), required=False
    )
    protocol = forms.ModelChoiceField(
        label=_("Defects repaired late (acceptance protocol)"),
        queryset=AcceptanceProtocol.objects.all(),
        required=False,
        help_text=_("For late repair of defects: the days count from the repair deadline."),
    )
    event_on = _date(_("Breach on"))
    days = forms.IntegerField(
        label=_("Days of zwłoka"),
        min_value=1,
        required=False,
        help_text=_(
            "Only when no milestone or protocol is chosen; theirs are counted from the dates."
        ),
    )
    description = _text(_("What happened"), required=False)


class StatusForm(VersionedForm):
    status = forms.ChoiceField(
        label=_("New status"),
        choices=[(s, label) for s, label in Contract.Status.choices if s != "planned"],
    )


class ReportForm(forms.Form):
    spent = ZlotyField(label=_("Amount spent"))
    estimate = ZlotyField(label=_("Estimated value of the contract"))
    causes = _text(_("Causes of the irregularities"))
    assessment = _text(_("Assessment of performance"))
    conclusions = _text(_("Conclusions for future procurements"))


class NoticeForm(VersionedForm):
    published_on = _date(_("Notice published on"))


class NonconformityForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    description = _text(_("What the contractor failed to do"))


class EvaluationForm(forms.Form):
    """One score (1–5) for each criterion in force, and a comment."""

    comment = _text(_("Comment"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(EvaluationCriterion.objects.filter(is_active=True))
        for criterion in self.criteria:
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=_("%(name)s (weight %(weight)s)")
                % {"name": criterion.name, "weight": criterion.weight},
                choices=[(n, str(n)) for n in range(1, 6)],
                coerce=int,
            )
        self.order_fields([*(f"score_{c.pk}" for c in self.criteria), "comment"])

    def clean(self):
        data = super().clean()
        if not self.criteria:
            raise ValidationError(_("The quality manager has not set evaluation criteria yet."))
        scores = {c.pk: data.pop(f"score_{c.pk}") for c in self.criteria if f"score_{c.pk}" in data}
        return {"scores": scores, "comment": data.get("comment", "")}


class CriterionForm(forms.Form):
    name = forms.CharField(label=_("Criterion"), max_length=200)
    weight = forms.IntegerField(label=_("Weight"), min_value=1, max_value=100)
    description = _text(_("What is assessed"), required=False)


class ThresholdForm(forms.Form):
    valid_from = _date(
        _("In force from"),
        help_text=_("The date from which the announced amounts apply (usually 1 January)."),
    )
    works = ZlotyField(
        label=_("Works: net value from"),
        help_text=_("The złoty equivalent of 20 000 000 euro, e.g. 86 200 000,00."),
    )
    supplies_services = ZlotyField(
        label=_("Supplies and services: net value from"),
        help_text=_("The złoty equivalent of 10 000 000 euro, e.g. 43 100 000,00."),
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=300,
        required=False,
        help_text=_("The announcement of the President of UZP and its Monitor Polski entry."),
    )


class ChargeForm(VersionedForm):
    amount = ZlotyField(label=_("Amount charged"))
    charge_form = forms.ChoiceField(label=_("Charged by"), choices=Penalty.ChargeForm.choices)
    charge_document = forms.CharField(label=_("Document number"), max_length=100)
    charged_on = _date(_("Charged on"))


class WaiveForm(VersionedForm):
    amount = ZlotyField(label=_("Amount waived or reduced"))
    decision = forms.ChoiceField(label=_("Decision"), choices=Penalty.Decision.choices)
    decision_reference = forms.CharField(
        label=_("Decision or judgment number"), max_length=100, required=False
    )
    justification = _text(_("Written justification"))
    decided_on = _date(_("Decided on"), required=False)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Contract register (CSV or XLSX)"),
        help_text=_("The first row names the columns; all rows are imported or none."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise ValidationError(_("Choose a CSV or XLSX file."))
        if upload.size > 10 * 1024 * 1024:
            raise ValidationError(_("The file is larger than 10 MB."))
        return upload
