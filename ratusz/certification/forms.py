from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ratusz.certification.models import (
    Certificate,
    CertificationBody,
    ExternalAudit,
    ExternalFinding,
)
from ratusz.core import selectors
from ratusz.core.forms import DateInput, IrreversibleForm, UnitChoiceField, VersionedForm
from ratusz.core.models import Clause, Role, User


class CertificateForm(VersionedForm):
    body = forms.ModelChoiceField(
        label=_("Certification body"), queryset=CertificationBody.objects.all()
    )
    standard = forms.CharField(label=_("Standard"), max_length=60, initial="PN-EN ISO 9001:2015")
    number = forms.CharField(label=_("Certificate number"), max_length=60)
    scope = forms.CharField(label=_("Scope"), widget=forms.Textarea(attrs={"rows": 3}))
    sites = forms.CharField(
        label=_("Sites"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    decision_date = forms.DateField(label=_("Certification decision"), widget=DateInput())
    issue_date = forms.DateField(label=_("Issued"), widget=DateInput())
    expiry_date = forms.DateField(label=_("Valid until"), widget=DateInput())
    status = forms.ChoiceField(label=_("Status"), choices=Certificate.Status.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].required = False  # a new certificate has none yet


class ExternalAuditForm(VersionedForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=ExternalAudit.Kind.choices)
    certificate = forms.ModelChoiceField(
        label=_("Certificate"),
        queryset=Certificate.objects.order_by("-issue_date"),
        required=False,
        help_text=_("Leave empty for stage 1 and stage 2 of an initial certification."),
    )
    body = forms.ModelChoiceField(
        label=_("Certification body"), queryset=CertificationBody.objects.all()
    )
    start_date = forms.DateField(label=_("Starts"), widget=DateInput())
    end_date = forms.DateField(label=_("Ends"), widget=DateInput())
    status = forms.ChoiceField(label=_("Status"), choices=ExternalAudit.Status.choices)
    lead_auditor = forms.CharField(label=_("Lead auditor"), max_length=200, required=False)
    team = forms.CharField(
        label=_("Audit team"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    audit_days = forms.DecimalField(
        label=_("Auditor days"), max_digits=4, decimal_places=1, min_value=0, required=False
    )
    result = forms.CharField(
        label=_("Result"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].required = False


class FindingForm(forms.Form):
    grade = forms.ChoiceField(label=_("Grade"), choices=ExternalFinding.Grade.choices)
    clause = forms.ModelChoiceField(
        label=_("ISO clause"), queryset=Clause.objects.filter(applicable=True), required=False
    )
    org_unit = UnitChoiceField(
        label=_("Unit responsible"),
        queryset=selectors.unit_choices(),
        required=False,
        help_text=_("Needed for a nonconformity: its head becomes responsible."),
    )
    description = forms.CharField(
        label=_("Finding"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    response_due = forms.DateField(
        label=_("Response due"),
        widget=DateInput(),
        required=False,
        help_text=_("The deadline the certification body set for the corrective action plan."),
    )


class ExternalAccessForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), required=False)
    expires_on = forms.DateField(
        label=_("Access ends on"),
        widget=DateInput(),
        required=False,
        help_text=_("The account signs out and cannot sign in after this day."),
    )


class SharePackForm(forms.Form):
    auditor = forms.ModelChoiceField(
        label=_("External auditor"),
        queryset=User.objects.filter(
            is_active=True, role_assignments__role=Role.EXTERNAL_AUDITOR
        ).distinct(),
    )


class EndAccessForm(IrreversibleForm):
    confirm_label = _("I end this access: the link stops working at once")
