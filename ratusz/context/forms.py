from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ratusz.context.models import ContextIssue, InterestedParty
from ratusz.core import selectors as core_selectors
from ratusz.core.forms import DateInput, StaffChoiceField, VersionedForm
from ratusz.core.models import User


def _keep_owner(form: forms.Form, owner_id: int | None) -> None:
    """An owner who left since is still offered, so the form saves without touching them."""
    if owner_id:
        field = form.fields["owner"]
        field.queryset = (
            User.objects.filter(Q(pk=owner_id) | Q(pk__in=field.queryset.values("pk")))
            .select_related("org_unit")
            .order_by("last_name", "first_name")
        )


class IssueForm(forms.Form):
    title = forms.CharField(label=_("Issue"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=ContextIssue.Kind.choices)
    category = forms.ChoiceField(
        label=_("Category"),
        choices=ContextIssue.Category.choices,
        help_text=_("A PESTLE category, or a SWOT quadrant."),
    )
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    effect = forms.CharField(
        label=_("Effect on the QMS"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("How the issue bears on the services and processes."),
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=200,
        required=False,
        help_text=_("Where it is known from: a law, a report, a survey, a meeting."),
    )
    owner = StaffChoiceField(label=_("Owner"), queryset=core_selectors.staff_choices())
    review_date = forms.DateField(label=_("Next review"), widget=DateInput())


class IssueEditForm(VersionedForm, IssueForm):
    is_active = forms.BooleanField(label=_("Still current"), required=False)

    def __init__(self, *args, issue: ContextIssue, **kwargs):
        super().__init__(*args, **kwargs)
        _keep_owner(self, issue.owner_id)


class PartyForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=InterestedParty.Kind.choices)
    owner = StaffChoiceField(label=_("Owner"), queryset=core_selectors.staff_choices())
    description = forms.CharField(
        label=_("Who they are"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class PartyEditForm(VersionedForm, PartyForm):
    is_active = forms.BooleanField(label=_("Still current"), required=False)

    def __init__(self, *args, party: InterestedParty, **kwargs):
        super().__init__(*args, **kwargs)
        _keep_owner(self, party.owner_id)


class RequirementForm(VersionedForm):
    text = forms.CharField(label=_("Requirement"), widget=forms.Textarea(attrs={"rows": 2}))
    monitoring = forms.CharField(
        label=_("How it is monitored"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("E.g. complaints register, yearly survey, inspection reports."),
    )
    review = forms.CharField(
        label=_("How it is reviewed"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("E.g. at the management review, once a year by the quality manager."),
    )


class RemoveRequirementForm(VersionedForm):
    requirement = forms.IntegerField(widget=forms.HiddenInput)


class PartyReviewedForm(VersionedForm):
    reviewed_on = forms.DateField(label=_("Reviewed on"), widget=DateInput(), required=False)


class ClimateForm(forms.Form):
    relevant = forms.TypedChoiceField(
        label=_("Is climate change a relevant issue for the office?"),
        choices=[("yes", _("Yes, it is relevant")), ("no", _("No, it is not relevant"))],
        widget=forms.RadioSelect,
        coerce=lambda value: value == "yes",
    )
    justification = forms.CharField(
        label=_("Justification"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why, e.g. which services and streets flooding or heat waves affect."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ContextReviewForm(forms.Form):
    reviewed_on = forms.DateField(label=_("Reviewed on"), widget=DateInput(), required=False)
    notes = forms.CharField(
        label=_("What changed"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
