from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ratusz.core import selectors as core_selectors
from ratusz.core.forms import StaffChoiceField, UnitChoiceField, VersionedForm
from ratusz.core.models import OrgUnit, User
from ratusz.core.widgets import CheckboxPicker, ClauseChoiceField
from ratusz.processes.models import Process


class FeedsField(forms.ModelMultipleChoiceField):
    """Active processes, "P03 Name", by code: the interactions of the process map."""

    widget = CheckboxPicker

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(queryset=Process.objects.filter(is_active=True).order_by("code"), **kwargs)

    def label_from_instance(self, obj):
        return f"{obj.code} {obj.name}"


class ProcessForm(forms.Form):
    code = forms.CharField(
        label=_("Code"), max_length=20, help_text=_("Unique, e.g. P17; used in audit plans.")
    )
    name = forms.CharField(label=pgettext_lazy("process", "Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Process.Kind.choices)
    owner_unit = UnitChoiceField(label=_("Owner unit"), queryset=core_selectors.unit_choices())
    owner = StaffChoiceField(
        label=_("Process owner"),
        queryset=core_selectors.staff_choices(),
        required=False,
        help_text=_("Usually the head of the owner unit."),
    )
    risk = forms.TypedChoiceField(
        label=_("Risk"),
        choices=Process.Risk.choices,
        coerce=int,
        help_text=_("How much harm a failure of this process does; drives the audit programme."),
    )
    clauses = ClauseChoiceField(label=_("ISO clauses"))
    description = forms.CharField(
        label=_("Purpose and description"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("What the process is for and how it is run."),
    )
    inputs = forms.CharField(
        label=_("Inputs"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("What the process needs to start: requests, data, decisions; one a line."),
    )
    outputs = forms.CharField(
        label=_("Outputs"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("What the process delivers: decisions, documents, services; one a line."),
    )
    criteria = forms.CharField(
        label=_("Criteria and methods"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("How the process is run and controlled: procedures, deadlines, checks."),
    )
    resources = forms.CharField(
        label=_("Resources"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("People, systems and equipment the process needs."),
    )
    feeds = FeedsField(
        label=_("Feeds the processes"),
        help_text=_("The processes that take this process's outputs as their inputs."),
    )


class ProcessEditForm(VersionedForm, ProcessForm):
    is_active = forms.BooleanField(
        label=_("Active (on the process map)"),
        required=False,
        help_text=_("An inactive process keeps its audits and nonconformities."),
    )

    def __init__(self, *args, process: Process, editable: frozenset[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # A unit closed or an owner who left since: still shown, so the form
        # can be saved without touching them.
        units = self.fields["owner_unit"]
        units.queryset = OrgUnit.objects.filter(
            Q(is_active=True) | Q(pk=process.owner_unit_id)
        ).order_by("path")
        if process.owner_id:
            owners = self.fields["owner"]
            owners.queryset = (
                User.objects.filter(Q(pk=process.owner_id) | Q(pk__in=owners.queryset.values("pk")))
                .select_related("org_unit")
                .order_by("last_name", "first_name")
            )
        # Another process, or one it already feeds that has been closed since.
        feeds = self.fields["feeds"]
        feeds.queryset = (
            Process.objects.filter(Q(is_active=True) | Q(fed_by=process))
            .exclude(pk=process.pk)
            .distinct()
            .order_by("code")
        )
        if editable is not None:
            # The head of the owner unit sees every field but changes only these;
            # a disabled field keeps its loaded value whatever is posted.
            for name, field in self.fields.items():
                if name != "version" and name not in editable:
                    field.disabled = True
