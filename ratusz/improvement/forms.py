from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ratusz.core import selectors as core_selectors
from ratusz.core.forms import (
    ConfirmableForm,
    DateInput,
    IrreversibleForm,
    StaffChoiceField,
    UnitChoiceField,
    VersionedForm,
)
from ratusz.core.listing import plain_choices, unit_options
from ratusz.core.models import Clause
from ratusz.improvement.models import CauseCategory, Nonconformity, Source
from ratusz.processes.models import Process


class ProcessChoiceField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(queryset=Process.objects.filter(is_active=True), **kwargs)


class ClauseChoiceField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(queryset=Clause.objects.filter(applicable=True), **kwargs)


# --- reporting -----------------------------------------------------------------------


class ReportForm(forms.Form):
    """The few-clicks report any member of staff can send from any page."""

    kind = forms.ChoiceField(
        label=_("What do you want to report?"),
        choices=[
            ("nonconformity", _("A problem: something went wrong (nonconformity)")),
            ("idea", _("An idea: something could work better")),
        ],
        widget=forms.RadioSelect,
        initial="nonconformity",
    )
    title = forms.CharField(label=_("In one sentence"), max_length=255)
    description = forms.CharField(
        label=_("What happened, or what do you suggest?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Where, when, which case or service; what the consequence was."),
    )
    org_unit = UnitChoiceField(label=_("Unit concerned"), queryset=core_selectors.unit_choices())
    detected_on = forms.DateField(
        label=_("When did the problem happen?"),
        widget=DateInput(),
        required=False,
        help_text=_("The day it happened or was noticed; empty for an idea."),
    )
    correction = forms.CharField(
        label=_("What did you already do about it? (optional)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    evidence = forms.FileField(
        label=_("Photo or scan (optional)"),
        required=False,
        help_text=_("E.g. a photo of the document, a scan or a screenshot."),
    )
    next = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self) -> dict:
        data = super().clean()
        problem = data.get("kind") == "nonconformity"
        if problem and not data.get("detected_on") and "detected_on" not in self.errors:
            self.add_error("detected_on", _("Give the day the problem happened."))
        return data


class NonconformityForm(forms.Form):
    """Recording a nonconformity with every field (quality manager, auditors, heads)."""

    source = forms.ChoiceField(label=_("Source"), choices=Source.choices)
    source_reference = forms.CharField(
        label=_("Source reference"),
        max_length=255,
        required=False,
        help_text=_("E.g. the complaint's case number or the audit report."),
    )
    title = forms.CharField(label=_("Title"), max_length=255)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 5}))
    org_unit = UnitChoiceField(label=_("Unit"), queryset=core_selectors.unit_choices())
    process = ProcessChoiceField(label=_("Process"))
    clause = ClauseChoiceField(label=_("ISO clause"))
    grade = forms.ChoiceField(
        label=_("Grade"), choices=Nonconformity.Grade.choices, widget=forms.RadioSelect
    )
    detected_on = forms.DateField(label=_("Detected on"), widget=DateInput())
    owner = StaffChoiceField(
        label=_("Responsible"),
        queryset=core_selectors.staff_choices(),
        required=False,
        help_text=_("Empty: the head of the unit."),
    )
    target_date = forms.DateField(label=_("To be closed by"), widget=DateInput(), required=False)
    correction = forms.CharField(
        label=_("Immediate correction and containment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


# --- nonconformity steps ---------------------------------------------------------------


class TriageForm(VersionedForm):
    grade = forms.ChoiceField(
        label=_("Grade"), choices=Nonconformity.Grade.choices, widget=forms.RadioSelect
    )
    owner = StaffChoiceField(
        label=_("Responsible"),
        queryset=core_selectors.staff_choices(),
        required=False,
        help_text=_("Empty: the head of the unit."),
    )
    clause = ClauseChoiceField(label=_("ISO clause"))
    process = ProcessChoiceField(label=_("Process"))
    target_date = forms.DateField(label=_("To be closed by"), widget=DateInput())


class RejectForm(VersionedForm):
    rejection_reason = forms.CharField(
        label=_("Why is this not a nonconformity?"), widget=forms.Textarea(attrs={"rows": 3})
    )


class CorrectionForm(VersionedForm):
    correction = forms.CharField(
        label=_("Immediate correction and containment"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What was done about the nonconforming output itself (ISO 9001 8.7)."),
    )
    correction_done_on = forms.DateField(label=_("Done on"), widget=DateInput(), required=False)


class RootCauseForm(VersionedForm):
    why1 = forms.CharField(label=_("Why did it happen?"), max_length=500)
    why2 = forms.CharField(label=_("Why? (2)"), max_length=500, required=False)
    why3 = forms.CharField(label=_("Why? (3)"), max_length=500, required=False)
    why4 = forms.CharField(label=_("Why? (4)"), max_length=500, required=False)
    why5 = forms.CharField(label=_("Why? (5)"), max_length=500, required=False)
    root_cause = forms.CharField(label=_("Root cause"), widget=forms.Textarea(attrs={"rows": 3}))
    categories = forms.MultipleChoiceField(
        label=_("Cause categories"),
        choices=CauseCategory.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    def clean(self) -> dict:
        # The service takes the five answers as one list, `whys`.
        data = super().clean()
        data["whys"] = [data.pop(f"why{i}", "") or "" for i in range(1, 6)]
        return data


class ActionForm(ConfirmableForm):
    title = forms.CharField(label=_("Action"), max_length=255)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    owner = StaffChoiceField(label=_("Owner"), queryset=core_selectors.staff_choices())
    due_date = forms.DateField(label=_("Due date"), widget=DateInput())


class PlanVerificationForm(VersionedForm):
    verification_due = forms.DateField(label=_("Check effectiveness on"), widget=DateInput())
    verification_method = forms.CharField(
        label=_("How will effectiveness be checked?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E.g. a sample of 20 cases from the next quarter, no repeat of the error."),
    )


class VerificationForm(ConfirmableForm, VersionedForm):
    effective = forms.TypedChoiceField(
        label=_("Were the actions effective?"),
        choices=[
            ("yes", _("Yes: the nonconformity has not recurred")),
            ("no", _("No: send it back for further actions")),
        ],
        widget=forms.RadioSelect,
        coerce=lambda value: value == "yes",
    )
    verification_notes = forms.CharField(
        label=_("How was it checked and what was found?"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    verified_on = forms.DateField(label=_("Checked on"), widget=DateInput(), required=False)


class CloseForm(IrreversibleForm, VersionedForm):
    confirm_label = _("I close the nonconformity: it cannot be reopened")
    closure_notes = forms.CharField(
        label=_("Closure notes (optional)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File"))
    description = forms.CharField(label=_("Description"), max_length=255, required=False)


# --- statistics ----------------------------------------------------------------------


class StatsFilterForm(forms.Form):
    date_from = forms.DateField(label=_("From"), widget=DateInput(), required=False)
    date_to = forms.DateField(label=_("To"), widget=DateInput(), required=False)
    unit = UnitChoiceField(
        label=_("Unit"),
        queryset=core_selectors.unit_choices(),
        required=False,
        empty_label=_("All units"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plain_choices(self.fields["unit"], unit_options)


# --- ideas ---------------------------------------------------------------------------


class EvaluateForm(VersionedForm):
    evaluation = forms.CharField(
        label=_("Evaluation"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Benefits, costs, risks, who it affects."),
    )


class DecideForm(VersionedForm):
    accept = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("yes", _("Accept and implement")), ("no", _("Do not take it up"))],
        widget=forms.RadioSelect,
        coerce=lambda value: value == "yes",
    )
    decision_notes = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 3}))


class ImplementedForm(VersionedForm):
    benefit_achieved = forms.CharField(
        label=_("Benefit achieved"), widget=forms.Textarea(attrs={"rows": 3})
    )
    implemented_on = forms.DateField(label=_("Implemented on"), widget=DateInput(), required=False)
