from __future__ import annotations

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ratusz.core import selectors
from ratusz.core.models import Action, Clause, User
from ratusz.core.uploads import allowed_extensions


def apply_service_errors(form: forms.Form, exc) -> None:
    """Put a service's ValidationError on the form: per field where it names one."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        unit = f" ({obj.org_unit.code})" if obj.org_unit_id else ""
        return f"{obj}{unit}"


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{'— ' * obj.depth}{obj.name}"


class VersionedForm(forms.Form):
    """Carries the version the user loaded, so a stale save is caught."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class ActionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Action.Kind.choices)
    org_unit = UnitChoiceField(label=_("Org unit"), queryset=selectors.unit_choices())
    owner = StaffChoiceField(label=_("Owner"), queryset=selectors.staff_choices())
    due_date = forms.DateField(label=_("Due date"), widget=DateInput())
    clause = forms.ModelChoiceField(
        label=_("ISO clause"), queryset=Clause.objects.all(), required=False
    )
    effectiveness_required = forms.BooleanField(
        label=_("Check effectiveness after completion"), required=False, initial=True
    )
    effectiveness_due = forms.DateField(
        label=_("Effectiveness check due"), widget=DateInput(), required=False
    )


class ActionEditForm(VersionedForm, ActionForm):
    pass


class CompleteActionForm(VersionedForm):
    completion_evidence = forms.CharField(
        label=_("What was done, and where is the evidence?"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class VerifyActionForm(VersionedForm):
    effective = forms.TypedChoiceField(
        label=_("Was the action effective?"),
        choices=[
            ("yes", _("Yes, effective: close it")),
            ("no", _("No, not effective: return it to the owner")),
        ],
        widget=forms.RadioSelect,
        coerce=lambda value: value == "yes",
    )
    effectiveness_notes = forms.CharField(
        label=_("How was it checked and what was found?"), widget=forms.Textarea(attrs={"rows": 3})
    )


class CancelActionForm(VersionedForm):
    cancel_reason = forms.CharField(
        label=_("Reason for cancelling"), widget=forms.Textarea(attrs={"rows": 3})
    )


class StartActionForm(VersionedForm):
    pass


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=format_lazy(_("Accepted: {types}."), types=", ".join(allowed_extensions())),
    )
    description = forms.CharField(label=_("Description"), max_length=255, required=False)
    clauses = forms.ModelMultipleChoiceField(
        label=_("ISO clauses this file is evidence for"),
        queryset=Clause.objects.filter(applicable=True),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )


class ActionFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("open", _("Open")),
            ("overdue", _("Overdue")),
            ("due_soon", _("Due soon")),
            ("done", _("Awaiting effectiveness check")),
            ("closed", _("Closed")),
            ("cancelled", _("Cancelled")),
            ("all", _("All")),
        ],
    )
    unit = UnitChoiceField(
        label=_("Org unit"),
        queryset=selectors.unit_choices(),
        required=False,
        empty_label=_("All units"),
    )
    owner = StaffChoiceField(
        label=_("Owner"),
        queryset=selectors.staff_choices(),
        required=False,
        empty_label=_("Anyone"),
    )
    q = forms.CharField(label=_("Search"), required=False, max_length=100)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # A large office has a thousand people: offer "me", the people of the
        # chosen unit and whoever is selected, not the whole staff list. Any
        # staff member's id in the address is still accepted.
        data = self.data if self.is_bound else {}
        self._unit_ids = None
        unit_id = data.get("unit")
        in_unit = User.objects.none()
        if unit_id and str(unit_id).isdigit():
            unit = selectors.unit_choices().filter(pk=unit_id).first()
            if unit is not None:
                self._unit_ids = selectors.subtree_ids([unit.path])
                in_unit = selectors.staff_choices().filter(org_unit_id__in=self._unit_ids)
        wanted = {int(v) for v in [data.get("owner")] if v and str(v).isdigit()}
        if user is not None:
            wanted.add(user.pk)
        columns = ("pk", "first_name", "last_name", "username", "org_unit__code")
        rows = list(in_unit.values_list(*columns)[:200])
        rows += list(User.objects.filter(pk__in=wanted).values_list(*columns))
        field = self.fields["owner"]
        choices, seen = [("", field.empty_label)], set()
        for pk, first, last, username, code in rows:
            if pk not in seen:
                seen.add(pk)
                name = f"{first} {last}".strip() or username
                choices.append((pk, f"{name} ({code})" if code else name))
        field.widget.choices = choices
        # Plain choices render far faster than a model field's iterator.
        units = self.fields["unit"]
        units.widget.choices = [("", units.empty_label)] + [
            (unit.pk, units.label_from_instance(unit)) for unit in units.queryset
        ]

    def filters(self) -> selectors.ActionFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return selectors.ActionFilters(
            status=data.get("status") or "open",
            unit=data.get("unit"),
            owner=data.get("owner"),
            q=(data.get("q") or "").strip(),
        )


class ClauseApplicabilityForm(VersionedForm):
    applicable = forms.BooleanField(label=_("Applies to the office"), required=False)
    justification = forms.CharField(
        label=_("Justification"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Required when the clause does not apply."),
    )


class ProfileForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("Follow the browser")), ("pl", "Polski"), ("en", "English")],
    )
