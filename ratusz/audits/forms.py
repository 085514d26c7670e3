from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ratusz.audits import selectors
from ratusz.audits.models import Audit, ChecklistItem, Finding, ProgrammeItem
from ratusz.core import selectors as core_selectors
from ratusz.core.forms import (
    DateInput,
    IrreversibleForm,
    StaffChoiceField,
    UnitChoiceField,
    VersionedForm,
)
from ratusz.core.models import Clause, OrgUnit
from ratusz.core.widgets import ClauseChoiceField, PeopleChoiceField, UnitsChoiceField
from ratusz.processes.models import Process

MONTHS = [
    (1, _("January")),
    (2, _("February")),
    (3, _("March")),
    (4, _("April")),
    (5, _("May")),
    (6, _("June")),
    (7, _("July")),
    (8, _("August")),
    (9, _("September")),
    (10, _("October")),
    (11, _("November")),
    (12, _("December")),
]


class DateTimeInput(DateInput):
    """A date-and-time picker that keeps what was typed when it is not a date and time."""

    input_type = "datetime-local"
    iso_format = "%Y-%m-%dT%H:%M"


def clause_choices():
    return Clause.objects.filter(applicable=True).order_by("standard", "edition", "sort_key")


class ClauseField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.number} {obj.title}"


class AuditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    process = forms.ModelChoiceField(
        label=_("Process"),
        queryset=Process.objects.filter(is_active=True).order_by("code"),
        required=False,
    )
    org_units = UnitsChoiceField(label=_("Audited units"), queryset=core_selectors.unit_choices())
    clauses = ClauseChoiceField(label=_("ISO clauses"), required=True)
    objectives = forms.CharField(label=_("Objectives"), widget=forms.Textarea(attrs={"rows": 3}))
    scope = forms.CharField(label=_("Scope"), widget=forms.Textarea(attrs={"rows": 3}))
    criteria = forms.CharField(
        label=_("Audit criteria"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E.g. ISO 9001:2015, the office's procedures, the law that applies."),
    )
    planned_start = forms.DateField(label=_("Planned start"), widget=DateInput())
    planned_end = forms.DateField(label=_("Planned end"), widget=DateInput())
    opening_meeting = forms.DateTimeField(
        label=_("Opening meeting"), widget=DateTimeInput(), required=False
    )
    lead_auditor = StaffChoiceField(
        label=_("Lead auditor"), queryset=selectors.assignable_auditors()
    )
    team = PeopleChoiceField(
        label=_("Audit team"),
        queryset=selectors.assignable_auditors(),
        required=False,
        help_text=_("Only active members of the auditor pool, never from the audited units."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Who may lead is read when the form is drawn: the qualification may
        # come from competence records, which a queryset built at import misses.
        self.fields["lead_auditor"].queryset = selectors.assignable_auditors(lead=True)


class AuditEditForm(VersionedForm, AuditForm):
    closing_meeting = forms.DateTimeField(
        label=_("Closing meeting"), widget=DateTimeInput(), required=False
    )


class StartForm(VersionedForm):
    pass


class CancelForm(VersionedForm):
    cancel_reason = forms.CharField(
        label=_("Reason for cancelling"), widget=forms.Textarea(attrs={"rows": 3})
    )


class CloseForm(IrreversibleForm, VersionedForm):
    confirm_label = _("I issue the report: the audit cannot be changed afterwards")
    closing_meeting = forms.DateTimeField(
        label=_("Closing meeting"), widget=DateTimeInput(), required=False
    )
    summary = forms.CharField(
        label=_("Conclusions"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )


class QuestionForm(forms.Form):
    question = forms.CharField(label=_("Your question"), widget=forms.Textarea(attrs={"rows": 2}))
    clause = ClauseField(label=_("ISO clause"), queryset=clause_choices(), required=False)


class AnswerForm(VersionedForm):
    answer = forms.ChoiceField(
        label=_("Answer"), choices=ChecklistItem.Answer.choices, widget=forms.RadioSelect
    )
    evidence = forms.CharField(
        label=_("Evidence seen"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(
        self, *args, item: ChecklistItem | None = None, in_checklist: bool = False, **kwargs
    ):
        if in_checklist and item is not None:
            # Every question's fields belong to the one checklist form of the page
            # (the HTML `form` attribute), named apart by the question.
            kwargs.setdefault("prefix", f"q{item.pk}")
        super().__init__(*args, **kwargs)
        if item is not None:
            # One form per question on the page: ids must be unique.
            self.auto_id = f"id_q{item.pk}_%s" if not in_checklist else "id_%s"
        if in_checklist:
            # A question left unanswered is simply not answered yet.
            self.fields["answer"].required = False
            for field in self.fields.values():
                field.widget.attrs["form"] = CHECKLIST_FORM_ID


CHECKLIST_FORM_ID = "checklist-answers"


class FindingForm(forms.Form):
    # No grade is preselected: the auditor chooses one every time.
    grade = forms.ChoiceField(
        label=_("Grade"), choices=Finding.Grade.choices, widget=forms.RadioSelect
    )
    clause = ClauseField(label=_("ISO clause"), queryset=clause_choices(), required=False)
    org_unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=OrgUnit.objects.none(), required=False
    )
    description = forms.CharField(label=_("Finding"), widget=forms.Textarea(attrs={"rows": 3}))
    evidence = forms.CharField(
        label=_("Objective evidence"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    checklist_item = forms.ModelChoiceField(
        label=_("Checklist question"), queryset=ChecklistItem.objects.none(), required=False
    )

    def __init__(self, *args, audit: Audit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = audit.org_units.all()
        self.fields["checklist_item"].queryset = audit.checklist.order_by("position")
        self.fields["checklist_item"].label_from_instance = lambda i: f"{i.position}. {i}"


class AcknowledgeForm(forms.Form):
    org_unit = forms.ModelChoiceField(label=_("Unit"), queryset=OrgUnit.objects.all())
    comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File"))
    description = forms.CharField(label=_("Description"), max_length=255, required=False)

    def __init__(self, *args, item: ChecklistItem | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if item is not None:
            self.auto_id = f"id_f{item.pk}_%s"


# --- programme --------------------------------------------------------------------------------


class ProgrammeForm(VersionedForm):
    objectives = forms.CharField(
        label=_("Objectives of the programme"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ItemForm(VersionedForm):
    planned_month = forms.TypedChoiceField(label=_("Planned month"), choices=MONTHS, coerce=int)
    org_unit = UnitChoiceField(label=_("Unit"), queryset=core_selectors.unit_choices())
    clauses = ClauseChoiceField(label=_("ISO clauses"))
    deferred = forms.BooleanField(label=_("Defer this audit to a later year"), required=False)
    justification = forms.CharField(
        label=_("Justification for deferral"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Required when deferring: say why, and when the process will be audited."),
    )


class NewItemForm(forms.Form):
    process = forms.ModelChoiceField(
        label=_("Process"),
        queryset=Process.objects.filter(is_active=True).order_by("code"),
        required=False,
    )
    org_unit = UnitChoiceField(label=_("Unit"), queryset=core_selectors.unit_choices())
    planned_month = forms.TypedChoiceField(label=_("Planned month"), choices=MONTHS, coerce=int)
    clauses = ClauseChoiceField(
        label=_("ISO clauses"), help_text=_("Empty: the process's clauses.")
    )
    rationale = forms.CharField(
        label=_("Why and when"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


def item_initial(item: ProgrammeItem) -> dict:
    return {
        "planned_month": item.planned_month,
        "org_unit": item.org_unit_id,
        "clauses": [c.pk for c in item.clauses.all()],
        "deferred": item.status == ProgrammeItem.Status.DEFERRED,
        "justification": item.justification,
        "version": item.version,
    }


# --- pool and questions -----------------------------------------------------------------------


class AuditorForm(VersionedForm):
    user = StaffChoiceField(label=_("Member of staff"), queryset=core_selectors.staff_choices())
    trained_on = forms.DateField(label=_("Auditor training completed"), widget=DateInput())
    training = forms.CharField(label=_("Training"), max_length=255, required=False)
    qualifications = forms.CharField(
        label=_("Qualifications and experience"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    can_lead = forms.BooleanField(label=_("Qualified to lead audits"), required=False)
    is_active = forms.BooleanField(label=_("In the pool"), required=False, initial=True)

    # What competence records hold once they keep the qualification; the free
    # text on qualifications and experience stays with the pool entry.
    QUALIFICATION = ("trained_on", "training", "can_lead")

    def __init__(self, *args, membership_only: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].required = False  # someone new to the pool has none yet
        if membership_only:  # competence records hold the qualification
            for name in self.QUALIFICATION:
                del self.fields[name]


class QuestionTemplateForm(VersionedForm):
    text = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 2}))
    guidance = forms.CharField(
        label=_("What to look for"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    clause = ClauseField(label=_("ISO clause"), queryset=clause_choices(), required=False)
    process = forms.ModelChoiceField(
        label=_("Process"), queryset=Process.objects.order_by("code"), required=False
    )
    is_active = forms.BooleanField(label=_("In use"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].required = False  # a new question has none yet
