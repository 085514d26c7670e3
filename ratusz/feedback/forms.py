"""Forms of the register; field names are the services' parameter names."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ratusz.core import selectors as core_selectors
from ratusz.core.forms import (
    DateInput,
    IrreversibleForm,
    StaffChoiceField,
    UnitChoiceField,
    VersionedForm,
)
from ratusz.feedback import services
from ratusz.feedback.models import Channel, Kind, Outcome

STAFF_CHANNELS = [c for c in Channel.choices if c[0] != Channel.WEB]


class RegisterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    channel = forms.ChoiceField(label=_("Received by"), choices=STAFF_CHANNELS)
    received_on = forms.DateField(label=_("Received on"), widget=DateInput())
    submitter_name = forms.CharField(
        label=_("Name of the submitter"),
        max_length=services.MAX_NAME,
        required=False,
        help_text=_("Leave empty for an anonymous submission."),
    )
    submitter_address = forms.CharField(
        label=_("Address"), max_length=services.MAX_ADDRESS, required=False
    )
    submitter_email = forms.EmailField(label=_("E-mail"), required=False)
    subject = forms.CharField(label=_("Subject"), max_length=services.MAX_SUBJECT)
    content = forms.CharField(
        label=_("Content"),
        max_length=services.MAX_CONTENT,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    about_mayor = forms.BooleanField(
        label=_("A complaint about the mayor's own tasks (goes to the city council)"),
        required=False,
    )
    org_unit = UnitChoiceField(
        label=_("Unit concerned"), queryset=core_selectors.unit_choices(), required=False
    )
    remarks = forms.CharField(
        label=_("Remarks"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class AssignForm(VersionedForm):
    org_unit = UnitChoiceField(label=_("Unit"), queryset=core_selectors.unit_choices())
    handler = StaffChoiceField(label=_("Handled by"), queryset=core_selectors.staff_choices())


class DelayForm(VersionedForm):
    reason = forms.CharField(
        label=_("Reason for the delay"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    new_deadline = forms.DateField(
        label=_("New date"),
        widget=DateInput(),
        help_text=_("The notice tells the submitter of the right to a reminder (art. 37 k.p.a.)."),
    )


class CompleteCallForm(VersionedForm):
    completion_requested = forms.CharField(
        label=_("What is to be completed (within 14 days)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class CompletedForm(VersionedForm):
    completed_on = forms.DateField(label=_("Completed on"), widget=DateInput())


class ForwardForm(VersionedForm):
    forwarded_to = forms.CharField(
        label=_("Forwarded to"),
        max_length=200,
        help_text=_("A complaint about the mayor's own tasks goes to the city council."),
    )
    submitter_told = forms.BooleanField(
        label=_("The submitter is told where it was forwarded"), required=False
    )


class RepeatedForm(VersionedForm):
    repeated_of = forms.CharField(
        label=_("Number of the earlier complaint"), max_length=30, help_text="SW/2026/0001"
    )
    outcome_reasons = forms.CharField(
        label=_("Note in the file"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class DecideForm(VersionedForm):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[c for c in Outcome.choices if c[0] != Outcome.FORWARDED],
    )
    outcome_reasons = forms.CharField(
        label=_("Reasons (factual and legal, for a refusal)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
    )


class DraftForm(VersionedForm):
    reply_text = forms.CharField(
        label=_("Reply"), widget=forms.Textarea(attrs={"rows": 10}), max_length=services.MAX_CONTENT
    )
    reply_signatory = forms.CharField(label=_("Signed by (name and post)"), max_length=200)


class SendForm(VersionedForm):
    reply_sent_on = forms.DateField(label=_("Sent on"), widget=DateInput())
    notified = forms.CharField(label=_("Notified"), max_length=300, required=False)


class EraseForm(IrreversibleForm, VersionedForm):
    pass


# --- the residents' forms ----------------------------------------------------------------


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (`multiple`): cleans to a list, empty when none."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        items = [item for item in data if item] if isinstance(data, list | tuple) else [data]
        cleaned, errors = [], []
        for item in items:
            if not item:
                continue
            try:
                cleaned.append(super().clean(item, initial))
            except forms.ValidationError as exc:
                # With several files, say which one.
                errors += [f"{getattr(item, 'name', '?')}: {message}" for message in exc.messages]
        if errors:
            raise forms.ValidationError(errors)
        return cleaned


class PublicForm(forms.Form):
    """Sent as multipart form data; works without JavaScript."""

    kind = forms.ChoiceField(
        label=_("What are you sending?"),
        choices=[c for c in Kind.choices if c[0] in services.PUBLIC_KINDS],
        widget=forms.RadioSelect,
    )
    subject = forms.CharField(label=_("Subject"), max_length=services.MAX_SUBJECT)
    content = forms.CharField(
        label=_("Content"),
        max_length=services.MAX_CONTENT,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("At most 10,000 characters."),
    )
    submitter_name = forms.CharField(
        label=_("Your name"),
        max_length=services.MAX_NAME,
        required=False,
        help_text=_(
            "A complaint, motion or petition without a name and address is registered but "
            "left without consideration."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    submitter_address = forms.CharField(
        label=_("Postal address"),
        max_length=services.MAX_ADDRESS,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    submitter_email = forms.EmailField(
        label=_("E-mail (optional)"),
        required=False,
        help_text=_("We send the receipt and the reply there."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    about_mayor = forms.BooleanField(
        label=_("The complaint is about the mayor's own tasks"), required=False
    )
    attachments = MultipleFileField(label=_("Attachments (optional)"), required=False)
    # The honeypot: hidden from people, filled in by robots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The limits are settings, read when the form is shown.
        self.fields["attachments"].help_text = gettext(
            "Up to %(n)s files of at most %(mb)s MB each: %(types)s."
        ) % {
            "n": services.max_files(),
            "mb": services.max_file_bytes() // 1048576,
            "types": ", ".join(services.PUBLIC_FILE_TYPES),
        }


class StatusForm(forms.Form):
    reference = forms.CharField(
        label=_("Number"), max_length=30, help_text=_("As on your receipt, e.g. SW/2026/0012.")
    )
    code = forms.CharField(
        label=_("Code"), max_length=30, help_text=_("The code from your receipt.")
    )


class PersonalDataForm(forms.Form):
    person = forms.CharField(label=_("Name of the person"), max_length=200, required=False)
    email = forms.CharField(label=_("E-mail of the person"), max_length=254, required=False)
