from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ratusz.core import dates, selectors
from ratusz.core.errors import Conflict, Denied
from ratusz.core.models import Action, Clause
from ratusz.core.uploads import allowed_extensions
from ratusz.core.widgets import ClauseChoiceField, PersonChoiceField

T = TypeVar("T")


def apply_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: per field where it names one."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def submit(form: forms.Form, call: Callable[[], T]) -> T | None:
    """Run a service for a valid form and turn what it refuses into messages.

    The one way every page handles a service's answer:
    - `Conflict`: someone saved the record first. The form keeps what the user
      typed and says so; its hidden `version` becomes the saved one, so that
      saving again succeeds. `form.conflict` holds the record as saved now.
    - `Denied`: shown on the field it names (`Denied(..., field=...)`);
      otherwise the page is refused (403) with the reason.
    - `ValidationError`: on the fields it names, the rest above the form.

    Returns what the service returned, or None when the form now has errors.
    """
    # Set on whichever form the page passed in, and read back by the page.
    form.conflict = None  # type: ignore[attr-defined]
    try:
        return call()
    except Conflict as exc:
        form.conflict = exc.current  # type: ignore[attr-defined]
        _rebase(form, exc.current)
        form.add_error(None, str(exc))
    except Denied as exc:
        if exc.field is None or exc.field not in form.fields:
            raise PermissionDenied(str(exc)) from exc
        form.add_error(exc.field, str(exc))
    except ValidationError as exc:
        apply_service_errors(form, exc)
    return None


def run_step(
    request: HttpRequest, steps: Mapping[str, tuple], name: str, **record: Any
) -> tuple[forms.Form, Any]:
    """One step of a page with steps: `steps` maps each step's name to
    `(Form, service, "what is said when done")`.

    The step's form is bound to the POST and, when valid, its service runs on
    the record (`**record`, e.g. `nc=nc`) through `submit`; when it succeeds the
    message is shown (naming the result's reference where it says `%(ref)s`).
    Returns the bound form (with its errors when refused) and what the service
    returned (None when refused), for the page to redirect or show the form again.
    """
    if name not in steps:
        raise Http404
    form_class, service, done = steps[name]
    form = form_class(request.POST)
    result = None
    if form.is_valid():
        result = submit(form, lambda: service(actor=request.user, **record, **service_kwargs(form)))
        if result is not None:
            text = str(done)
            if "%(ref)s" in text:
                text = text % {"ref": getattr(result, "reference", "")}
            messages.success(request, text)
    return form, result


def service_kwargs(form: forms.Form) -> dict:
    """A valid form's data as a service's keyword arguments.

    Form fields are named after the service's parameters; the hidden `version`
    is the service's `expected_version`; chosen records come as lists.
    """
    data = {
        name: list(value) if isinstance(value, QuerySet) else value
        for name, value in form.cleaned_data.items()
    }
    if "version" in data:
        data["expected_version"] = data.pop("version")
    # The tick that an irreversible step is meant: the page's question, not the service's.
    data.pop("confirm", None)
    return data


def _rebase(form: forms.Form, current: object) -> None:
    """Let the next save of this form build on the version saved now."""
    if "version" not in form.fields or not hasattr(current, "version"):
        return
    # A Mapping in the stubs; here the request's QueryDict (a dict in tests), whose
    # copy is mutable and keeps every value of a multi-valued field.
    data = form.data.copy()  # type: ignore[attr-defined]
    data[form.add_prefix("version")] = current.version
    form.data = data


class DateInput(forms.DateInput):
    """A date picker that keeps what was typed when it is not a date.

    A browser empties an `<input type="date">` whose value is not an ISO date, so a
    refused "31.02.2026" would come back blank under its error; such a value comes
    back in a plain text box instead, as typed.
    """

    input_type = "date"
    iso_format = "%Y-%m-%d"

    def __init__(self, **kwargs):
        # The browser's date picker offers only the range the field accepts (core.dates).
        attrs = {"min": dates.EARLIEST.isoformat(), "max": dates.LATEST.isoformat()}
        attrs.update(kwargs.pop("attrs", None) or {})
        super().__init__(format=self.iso_format, attrs=attrs, **kwargs)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if isinstance(value, str) and value.strip() and not self._is_iso(value.strip()):
            context["widget"]["type"] = "text"
        return context

    def _is_iso(self, value: str) -> bool:
        try:
            datetime.strptime(value, self.iso_format)
        except ValueError:
            return False
        return True


# One member of staff, listed in Polish alphabetical order of surnames.
StaffChoiceField = PersonChoiceField


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{'— ' * obj.depth}{obj.name}"


class PlainForm(forms.Form):
    """A step that asks nothing more than the button press."""


class VersionedForm(forms.Form):
    """Carries the version the user loaded, so a stale save is caught.

    After a conflict (see `submit`) `conflict` is the record as saved now.
    """

    version = forms.IntegerField(widget=forms.HiddenInput)
    conflict: object | None = None


def _last(form: forms.Form, name: str) -> None:
    form.order_fields([other for other in form.fields if other != name] + [name])


class ConfirmableForm(forms.Form):
    """A form whose service may ask to confirm something unusual (a due date in
    the past, a check before its planned date): it raises a ValidationError on
    `confirmed`, and the checkbox, hidden until then, shows with that warning.
    Ticking it sends `confirmed=True` to the service."""

    confirmed = forms.BooleanField(
        label=_("Yes, that is right: save it anyway"), required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _last(self, "confirmed")

    def add_error(self, field, error) -> None:
        super().add_error(field, error)
        if "confirmed" in self.errors:
            self.fields["confirmed"].widget = forms.CheckboxInput()


class IrreversibleForm(forms.Form):
    """A step that cannot be undone asks for a tick (works without JavaScript);
    `confirm` stays on the page and is not passed to the service."""

    confirm_label = _("I confirm: this cannot be undone")
    confirm = forms.BooleanField(required=True)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _last(self, "confirm")  # ticked last, just above the button
        self.fields["confirm"].label = self.confirm_label
        self.fields["confirm"].error_messages["required"] = _(
            "Tick the box to confirm this step; it cannot be undone."
        )


class ActionForm(ConfirmableForm):
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


class VerifyActionForm(ConfirmableForm, VersionedForm):
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
    clauses = ClauseChoiceField(label=_("ISO clauses this file is evidence for"))


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
