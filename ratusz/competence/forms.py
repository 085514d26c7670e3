"""Forms of the competence area; field names are the services' parameter names."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ratusz.competence.models import (
    Answer,
    Assessment,
    Attendance,
    CommunicationEntry,
    Competence,
    Question,
    Resource,
)
from ratusz.core import selectors as core_selectors
from ratusz.core.forms import DateInput, StaffChoiceField, UnitChoiceField, VersionedForm
from ratusz.core.widgets import PeopleChoiceField


class CompetenceForm(forms.Form):
    name = forms.CharField(label=pgettext_lazy("competence", "Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Competence.Kind.choices)
    evidenced_by = forms.CharField(
        label=_("How it is evidenced"),
        max_length=255,
        help_text=_("E.g. a diploma, a training certificate, an appointment by the mayor."),
    )
    validity_months = forms.IntegerField(
        label=_("Valid for (months)"),
        required=False,
        min_value=1,
        max_value=600,
        help_text=_("Empty: does not expire."),
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    audit_role = forms.ChoiceField(
        label=_("Internal audit"),
        choices=Competence.AuditRole.choices,
        required=False,
        help_text=_(
            "A valid record of this competence is what qualifies a member of the auditor "
            "pool (to audit, or to lead audits). One competence for each."
        ),
    )


class CompetenceEditForm(VersionedForm, CompetenceForm):
    pass


def _competences():
    return forms.ModelMultipleChoiceField(
        label=_("Required competences"),
        queryset=Competence.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class PositionForm(forms.Form):
    name = forms.CharField(label=pgettext_lazy("position", "Name"), max_length=200)
    org_unit = UnitChoiceField(label=_("Org unit"), queryset=core_selectors.unit_choices())
    description = forms.CharField(
        label=_("Duties"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competences"] = _competences()


class PositionEditForm(VersionedForm, PositionForm):
    is_active = forms.BooleanField(label=_("Active"), required=False)


class PlacementForm(forms.Form):
    position = forms.ModelChoiceField(label=_("Position"), queryset=None)
    since = forms.DateField(label=_("Since"), widget=DateInput())

    def __init__(self, *args, positions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].queryset = positions


class RecordForm(forms.Form):
    competence = forms.ModelChoiceField(
        label=_("Competence"), queryset=Competence.objects.order_by("name")
    )
    issued_on = forms.DateField(label=_("Issued on"), widget=DateInput())
    expires_on = forms.DateField(
        label=_("Expires on"),
        required=False,
        widget=DateInput(),
        help_text=_("Empty: set from the competence's validity (or none)."),
    )
    evidence = forms.CharField(
        label=_("Evidence"),
        max_length=255,
        required=False,
        help_text=_("What proves it, e.g. certificate no. 12/2026."),
    )
    file = forms.FileField(label=_("Evidence file"), required=False)


class RecordEditForm(VersionedForm):
    issued_on = forms.DateField(label=_("Issued on"), widget=DateInput())
    expires_on = forms.DateField(label=_("Expires on"), required=False, widget=DateInput())
    evidence = forms.CharField(label=_("Evidence"), max_length=255, required=False)
    file = forms.FileField(label=_("Add an evidence file"), required=False)


class PlanForm(forms.Form):
    competence = forms.ModelChoiceField(
        label=_("Competence"), queryset=Competence.objects.order_by("name")
    )
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)


class PlanGapsForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)
    org_unit = UnitChoiceField(
        label=_("Org unit"), queryset=core_selectors.unit_choices(), required=False
    )


class TrainingForm(forms.Form):
    topic = forms.CharField(label=_("Topic"), max_length=255)
    provider = forms.CharField(label=_("Provider"), max_length=200, required=False)
    held_on = forms.DateField(label=_("Date"), widget=DateInput())
    hours = forms.DecimalField(
        label=_("Hours"), min_value=0.5, max_value=999, decimal_places=1, initial=1
    )
    org_unit = UnitChoiceField(
        label=_("Organised for"),
        queryset=core_selectors.unit_choices(),
        required=False,
        help_text=_("Empty: the whole office."),
    )
    competence = forms.ModelChoiceField(
        label=_("Competence it gives"),
        queryset=Competence.objects.order_by("name"),
        required=False,
    )
    materials = forms.CharField(
        label=_("Materials"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    evaluate_after_days = forms.IntegerField(
        label=_("Evaluate effectiveness after (days)"), min_value=0, max_value=730, initial=30
    )
    attendees = PeopleChoiceField(
        label=_("Attendees"), queryset=core_selectors.staff_choices(), required=False
    )
    file = forms.FileField(label=_("Materials file"), required=False)


class AttendanceForm(VersionedForm):
    attended = forms.ModelMultipleChoiceField(
        label=_("Attended"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].queryset = people


class EvaluationForm(VersionedForm):
    result = forms.ChoiceField(
        label=_("Effectiveness"),
        choices=[
            (Attendance.Result.EFFECTIVE, Attendance.Result.EFFECTIVE.label),
            (Attendance.Result.NOT_EFFECTIVE, Attendance.Result.NOT_EFFECTIVE.label),
        ],
    )
    evaluation = forms.CharField(
        label=_("How it was evaluated"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("E.g. the head checked five decisions issued since the training."),
    )


class CommunicationForm(forms.Form):
    subject = forms.CharField(label=_("What"), max_length=255)
    when = forms.CharField(label=_("When"), max_length=200)
    audience = forms.CharField(label=_("With whom"), max_length=255)
    channel = forms.CharField(label=_("How"), max_length=200)
    communicator = forms.CharField(label=_("Who communicates"), max_length=200)
    direction = forms.ChoiceField(
        label=_("Internal or external"), choices=CommunicationEntry.Direction.choices
    )
    last_performed = forms.DateField(label=_("Last performed"), required=False, widget=DateInput())


class CommunicationEditForm(VersionedForm, CommunicationForm):
    pass


class ResourceForm(forms.Form):
    name = forms.CharField(label=pgettext_lazy("resource", "Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Resource.Kind.choices)
    owner = StaffChoiceField(
        label=_("Owner"), queryset=core_selectors.staff_choices(), required=False
    )
    org_unit = UnitChoiceField(
        label=_("Org unit"), queryset=core_selectors.unit_choices(), required=False
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    last_review = forms.DateField(
        label=_("Last review or maintenance"), required=False, widget=DateInput()
    )
    next_review = forms.DateField(
        label=_("Next review or maintenance"), required=False, widget=DateInput()
    )
    incidents = forms.CharField(
        label=_("Incidents"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ResourceEditForm(VersionedForm, ResourceForm):
    pass


class InductionStepForm(forms.Form):
    title = forms.CharField(
        label=_("Induction step"),
        max_length=255,
        help_text=_("E.g. introduced to the quality policy; EZD account opened."),
    )


class InductionDoneForm(VersionedForm):
    done_on = forms.DateField(label=_("Done on"), widget=DateInput())


# --- the self-assessment --------------------------------------------------------------


class AssessmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Assessment.Kind.choices)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    closes_on = forms.DateField(label=_("Answers until"), required=False, widget=DateInput())


class QuestionForm(forms.Form):
    group = forms.CharField(
        label=_("Group"),
        max_length=100,
        help_text=_("A standards group (A–E) or an area of the diagnostic."),
    )
    text = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 3}))
    audience = forms.ChoiceField(label=_("Who answers"), choices=Question.Audience.choices)


class AnswerForm(forms.Form):
    """One radio group per question the person answers."""

    def __init__(self, *args, questions, iso: bool, **kwargs):
        super().__init__(*args, **kwargs)
        values = Answer.Value
        choices = (
            [
                (values.GREEN, values.GREEN.label),
                (values.YELLOW, values.YELLOW.label),
                (values.RED, values.RED.label),
            ]
            if iso
            else [
                (values.YES, values.YES.label),
                (values.NO, values.NO.label),
                (values.UNKNOWN, values.UNKNOWN.label),
            ]
        )
        self.questions = list(questions)
        for q in self.questions:
            self.fields[f"q{q.pk}"] = forms.ChoiceField(
                label=q.text, choices=choices, widget=forms.RadioSelect
            )

    def answers(self) -> dict[int, str]:
        return {q.pk: self.cleaned_data[f"q{q.pk}"] for q in self.questions}


class WeaknessActionForm(forms.Form):
    org_unit = UnitChoiceField(label=_("Org unit"), queryset=core_selectors.unit_choices())
    owner = StaffChoiceField(label=_("Owner"), queryset=core_selectors.staff_choices())
    due_date = forms.DateField(label=_("Due date"), widget=DateInput())


class WeaknessRiskForm(forms.Form):
    org_unit = UnitChoiceField(label=_("Org unit"), queryset=core_selectors.unit_choices())
    owner = StaffChoiceField(label=_("Owner"), queryset=core_selectors.staff_choices())
    likelihood = forms.IntegerField(label=_("Likelihood"), min_value=1, max_value=9)
    impact = forms.IntegerField(label=_("Impact"), min_value=1, max_value=9)
    review_date = forms.DateField(label=_("Review date"), widget=DateInput())
