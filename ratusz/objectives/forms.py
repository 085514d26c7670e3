from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ratusz.core import selectors as core_selectors
from ratusz.core.forms import DateInput, StaffChoiceField, UnitChoiceField, VersionedForm
from ratusz.core.widgets import CheckboxPicker
from ratusz.documents.models import Document
from ratusz.objectives.models import Kpi, Objective
from ratusz.objectives.sources import choices as source_choices
from ratusz.processes.models import Process


class ProcessesField(forms.ModelMultipleChoiceField):
    widget = CheckboxPicker

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(queryset=Process.objects.filter(is_active=True).order_by("code"), **kwargs)

    def label_from_instance(self, obj):
        return f"{obj.code} {obj.name}"


class PolicyDocumentField(forms.ModelChoiceField):
    """A document in force (the quality policy): chosen here, never edited."""

    def __init__(self, **kwargs):
        super().__init__(
            queryset=Document.objects.filter(
                current_version__isnull=False, withdrawn_at__isnull=True
            ).order_by("number"),
            required=False,
            empty_label=_("— none chosen —"),
            **kwargs,
        )


class ObjectiveForm(forms.Form):
    title = forms.CharField(label=_("Objective"), max_length=255)
    description = forms.CharField(
        label=_("What is to be achieved"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    org_unit = UnitChoiceField(
        label=_("Unit"),
        queryset=core_selectors.unit_choices(),
        required=False,
        empty_label=_("— the whole office —"),
    )
    policy_document = PolicyDocumentField(
        label=_("Quality policy"),
        help_text=_("The policy document this objective carries out (ISO 9001 6.2.1 a)."),
    )
    processes = ProcessesField(label=_("Processes"))
    resources = forms.CharField(
        label=_("Resources needed"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    owner = StaffChoiceField(label=_("Responsible"), queryset=core_selectors.staff_choices())
    due_date = forms.DateField(label=_("To be achieved by"), widget=DateInput())
    evaluation = forms.CharField(
        label=_("How results are evaluated"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Who evaluates the result, when and on what basis."),
    )


class ObjectiveCreateForm(ObjectiveForm):
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["year", *[name for name in self.fields if name != "year"]])


class ObjectiveEditForm(VersionedForm, ObjectiveForm):
    pass


class EvaluateForm(VersionedForm):
    result = forms.ChoiceField(
        label=_("Result"),
        choices=[
            (Objective.Status.ACHIEVED, Objective.Status.ACHIEVED.label),
            (Objective.Status.NOT_ACHIEVED, Objective.Status.NOT_ACHIEVED.label),
            (Objective.Status.WITHDRAWN, Objective.Status.WITHDRAWN.label),
        ],
    )
    result_notes = forms.CharField(
        label=_("Evaluation of the result"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("How the result was evaluated, and on what figures."),
    )


class KpiForm(forms.Form):
    name = forms.CharField(label=_("What is measured"), max_length=255)
    description = forms.CharField(
        label=_("How it is measured"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    source = forms.ChoiceField(
        label=_("Computed from"),
        required=False,
        help_text=_("Leave empty to enter each value by hand with its evidence."),
    )
    unit = forms.CharField(label=_("Unit of measure"), max_length=20, help_text=_("e.g. %, days"))
    higher_is_better = forms.TypedChoiceField(
        label=_("Direction"),
        choices=[("True", _("Higher is better")), ("False", _("Lower is better"))],
        coerce=lambda value: value == "True",
    )
    target = forms.DecimalField(label=_("Target"), max_digits=12, decimal_places=2)
    warning = forms.DecimalField(
        label=_("Warning threshold"),
        max_digits=12,
        decimal_places=2,
        required=False,
        help_text=_("A value past the target but not past this threshold is a warning."),
    )
    frequency = forms.ChoiceField(label=_("Frequency"), choices=Kpi.Frequency.choices)
    measured_from = forms.DateField(
        label=_("Measured from"),
        widget=DateInput(),
        help_text=_("The first day of the first period measured, e.g. 1 January."),
    )
    owner = StaffChoiceField(label=_("Measured by"), queryset=core_selectors.staff_choices())
    processes = ProcessesField(label=_("Processes"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [("", _("— entered by hand —")), *source_choices()]


class KpiEditForm(VersionedForm, KpiForm):
    is_active = forms.BooleanField(
        label=_("Active (still measured)"),
        required=False,
        help_text=_("An inactive KPI keeps its measurements."),
    )


class MeasurementForm(forms.Form):
    period_start = forms.DateField(
        label=_("Period (its first day)"),
        widget=DateInput(),
        help_text=_("e.g. 1 March for March, 1 April for the second quarter."),
    )
    value = forms.DecimalField(label=_("Value"), max_digits=12, decimal_places=2)
    unit = forms.CharField(label=_("Unit of measure"), max_length=20)
    note = forms.CharField(
        label=_("Evidence note"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Where the figure comes from; or attach the file below."),
    )
    evidence = forms.FileField(label=_("Evidence file"), required=False)


class ComputeForm(forms.Form):
    period_start = forms.DateField(label=_("Period (its first day)"), widget=DateInput())


class CorrectForm(VersionedForm):
    value = forms.DecimalField(label=_("Value"), max_digits=12, decimal_places=2)
    note = forms.CharField(label=_("Why it is corrected"), widget=forms.Textarea(attrs={"rows": 2}))


class CommentForm(VersionedForm):
    analysis = forms.CharField(
        label=_("Analysis and evaluation"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why the figure is what it is, and what follows from it (ISO 9001 9.1.3)."),
    )
