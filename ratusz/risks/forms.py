from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ratusz.context.models import ContextIssue, Requirement
from ratusz.core import selectors as core_selectors
from ratusz.core.forms import (
    ConfirmableForm,
    DateInput,
    StaffChoiceField,
    UnitChoiceField,
    VersionedForm,
)
from ratusz.core.models import OrgUnit, User
from ratusz.processes.models import Process
from ratusz.risks.models import ChangePlan, Risk, RiskScale

LEVELS = (
    ("inherent_likelihood", _("Inherent likelihood"), "likelihood"),
    ("inherent_impact", _("Inherent impact"), "impact"),
    ("residual_likelihood", _("Residual likelihood"), "likelihood"),
    ("residual_impact", _("Residual impact"), "impact"),
)


def _level_choices(meanings: list[str]) -> list[tuple[str, str]]:
    return [("", "—")] + [(str(i), f"{i}: {text}") for i, text in enumerate(meanings, start=1)]


class LevelsMixin(forms.Form):
    """The four levels, each chosen from the office's scale with its meaning."""

    def add_levels(self, scale: RiskScale) -> None:
        meanings = {"likelihood": scale.likelihood_meanings, "impact": scale.impact_meanings}
        for name, label, axis in LEVELS:
            self.fields[name] = forms.TypedChoiceField(
                label=label, choices=_level_choices(meanings[axis]), coerce=int
            )
        self.fields["residual_reason"] = forms.CharField(
            label=_("Why the residual level is higher (only if it is)"),
            widget=forms.Textarea(attrs={"rows": 2}),
            required=False,
            help_text=_("Controls normally lower a risk; a higher residual level needs a reason."),
        )


class RiskForm(LevelsMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Risk or opportunity"), choices=Risk.Kind.choices)
    category = forms.ChoiceField(label=_("Category"), choices=Risk.Category.choices)
    cause = forms.CharField(label=_("Cause"), widget=forms.Textarea(attrs={"rows": 2}))
    event = forms.CharField(
        label=_("Event"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What may happen because of the cause."),
    )
    effect = forms.CharField(
        label=_("Effect"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What it does to residents, services or the office."),
    )
    process = forms.ModelChoiceField(
        label=_("Process"),
        queryset=Process.objects.filter(is_active=True).order_by("code"),
        required=False,
    )
    org_unit = UnitChoiceField(label=_("Unit"), queryset=core_selectors.unit_choices())
    owner = StaffChoiceField(label=_("Owner"), queryset=core_selectors.staff_choices())
    controls = forms.CharField(
        label=_("Existing controls"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    response = forms.ChoiceField(
        label=_("Response"),
        choices=Risk.Response.choices,
        help_text=_(
            "A risk: accept, reduce, transfer or avoid. An opportunity: exploit, enhance, share or accept."
        ),
    )
    appetite = forms.IntegerField(
        label=_("Accepted level"),
        min_value=1,
        help_text=_("The highest residual level (likelihood × impact) the office accepts."),
    )
    review_date = forms.DateField(label=_("Next review"), widget=DateInput())
    issues = forms.ModelMultipleChoiceField(
        label=_("Context issues"),
        queryset=ContextIssue.objects.filter(is_active=True).order_by("title"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    requirements = forms.ModelMultipleChoiceField(
        label=_("Requirements of interested parties"),
        queryset=Requirement.objects.filter(party__is_active=True).select_related("party"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, scale: RiskScale, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_levels(scale)
        self.order_fields(
            [
                "title",
                "kind",
                "category",
                "cause",
                "event",
                "effect",
                "process",
                "org_unit",
                "owner",
                "controls",
                *[name for name, _l, _a in LEVELS],
                "residual_reason",
                "appetite",
                "response",
                "review_date",
                "issues",
                "requirements",
            ]
        )


class RiskEditForm(VersionedForm, forms.Form):
    title = RiskForm.base_fields["title"]
    kind = RiskForm.base_fields["kind"]
    category = RiskForm.base_fields["category"]
    cause = RiskForm.base_fields["cause"]
    event = RiskForm.base_fields["event"]
    effect = RiskForm.base_fields["effect"]
    process = RiskForm.base_fields["process"]
    org_unit = RiskForm.base_fields["org_unit"]
    owner = RiskForm.base_fields["owner"]
    controls = RiskForm.base_fields["controls"]
    appetite = RiskForm.base_fields["appetite"]
    response = RiskForm.base_fields["response"]
    review_date = RiskForm.base_fields["review_date"]
    issues = RiskForm.base_fields["issues"]
    requirements = RiskForm.base_fields["requirements"]

    def __init__(self, *args, risk: Risk, **kwargs):
        super().__init__(*args, **kwargs)
        # A unit closed, a process retired or an owner who left since: still offered.
        self.fields["org_unit"].queryset = OrgUnit.objects.filter(
            Q(is_active=True) | Q(pk=risk.org_unit_id)
        ).order_by("path")
        self.fields["process"].queryset = Process.objects.filter(
            Q(is_active=True) | Q(pk=risk.process_id)
        ).order_by("code")
        owners = self.fields["owner"]
        owners.queryset = (
            User.objects.filter(Q(pk=risk.owner_id) | Q(pk__in=owners.queryset.values("pk")))
            .select_related("org_unit")
            .order_by("last_name", "first_name")
        )


class AssessForm(LevelsMixin, VersionedForm):
    note = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("What changed since the last assessment, e.g. a treatment done."),
    )
    review_date = forms.DateField(label=_("Next review"), widget=DateInput(), required=False)

    def __init__(self, *args, **kwargs):
        scale = kwargs.pop("scale", None) or RiskScale.current()
        super().__init__(*args, **kwargs)
        self.add_levels(scale)
        self.order_fields(
            [
                *[name for name, _l, _a in LEVELS],
                "residual_reason",
                "note",
                "review_date",
                "version",
            ]
        )


class TreatmentForm(ConfirmableForm, VersionedForm):
    title = forms.CharField(label=_("Action"), max_length=255)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    owner = StaffChoiceField(label=_("Owner"), queryset=core_selectors.staff_choices())
    due_date = forms.DateField(label=_("Due date"), widget=DateInput())


class ScaleForm(forms.Form):
    likelihood_levels = forms.CharField(
        label=_("Likelihood levels"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One level per line, lowest first: what each level means."),
    )
    impact_levels = forms.CharField(
        label=_("Impact levels"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One level per line, lowest first: what each level means."),
    )
    appetite = forms.IntegerField(
        label=_("Default accepted level"),
        min_value=1,
        help_text=_("Offered for new risks; a risk above its accepted level needs a treatment."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean(self) -> dict:
        data = super().clean()
        for name in ("likelihood_levels", "impact_levels"):
            if name in data:
                data[name] = [line for line in data[name].splitlines() if line.strip()]
        return data


class ChangeForm(forms.Form):
    title = forms.CharField(label=_("Change"), max_length=200)
    purpose = forms.CharField(label=_("Purpose"), widget=forms.Textarea(attrs={"rows": 2}))
    consequences = forms.CharField(
        label=_("Potential consequences"), widget=forms.Textarea(attrs={"rows": 2})
    )
    integrity = forms.CharField(
        label=_("How the QMS stays whole"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Which documents, processes and records change with it, and when."),
    )
    resources = forms.CharField(
        label=_("Resources needed"), widget=forms.Textarea(attrs={"rows": 2})
    )
    responsibilities = forms.CharField(
        label=_("Responsibilities"), widget=forms.Textarea(attrs={"rows": 2})
    )
    org_unit = UnitChoiceField(label=_("Unit"), queryset=core_selectors.unit_choices())
    owner = StaffChoiceField(label=_("Owner"), queryset=core_selectors.staff_choices())
    planned_for = forms.DateField(label=_("Planned for"), widget=DateInput())


class ChangeEditForm(VersionedForm, ChangeForm):
    status = forms.ChoiceField(label=_("Status"), choices=ChangePlan.Status.choices)

    def __init__(self, *args, plan: ChangePlan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = OrgUnit.objects.filter(
            Q(is_active=True) | Q(pk=plan.org_unit_id)
        ).order_by("path")
        owners = self.fields["owner"]
        owners.queryset = (
            User.objects.filter(Q(pk=plan.owner_id) | Q(pk__in=owners.queryset.values("pk")))
            .select_related("org_unit")
            .order_by("last_name", "first_name")
        )
