from __future__ import annotations

import re
from datetime import date

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from ratusz.core import selectors as core_selectors
from ratusz.core.dates import EARLIEST, LATEST
from ratusz.core.forms import UnitChoiceField, VersionedForm
from ratusz.documents.models import Document
from ratusz.processes.models import Process
from ratusz.services import importer
from ratusz.services.models import LifeSituation, ServiceCard

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class MonthField(forms.CharField):
    """A month as YYYY-MM (the browser's month picker), cleaned to its first day."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "2026-01"})

    def to_python(self, value):
        value = super().to_python(value).strip()
        if not value:
            return None
        match = _MONTH.match(value)
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise ValidationError(_("Give a month as YYYY-MM, e.g. 2026-03."))
        month = date(int(match.group(1)), int(match.group(2)), 1)
        if not EARLIEST <= month <= LATEST:
            raise ValidationError(
                _("Give a month between %(first)s and %(last)s.")
                % {"first": EARLIEST.year, "last": LATEST.year}
            )
        return month


class FiguresFilter(forms.Form):
    """What the timeliness figures cover: months, unit, service, JRWA class."""

    first = MonthField(label=_("From month"), required=False)
    last = MonthField(label=_("To month"), required=False)
    org_unit = UnitChoiceField(
        label=_("Unit"), queryset=core_selectors.unit_choices(), required=False
    )
    service = forms.ModelChoiceField(
        label=_("Service"), queryset=ServiceCard.objects.order_by("number"), required=False
    )
    jrwa = forms.CharField(label=_("JRWA class"), max_length=20, required=False)

    def clean(self):
        data = super().clean()
        if data.get("first") and data.get("last") and data["first"] > data["last"]:
            self.add_error("last", _("The last month comes after the first."))
        return data


class CardForm(forms.Form):
    number = forms.CharField(
        label=_("Card number"), max_length=30, help_text=_("As the EZD export names the service.")
    )
    name = forms.CharField(label=_("Service"), max_length=255)
    org_unit = UnitChoiceField(label=_("Responsible unit"), queryset=core_selectors.unit_choices())
    on_time_target = forms.DecimalField(
        label=_("On-time target (%)"),
        min_value=0,
        max_value=100,
        decimal_places=2,
        initial=90,
        help_text=_("The share of cases the office means to settle on time."),
    )
    topic = forms.ChoiceField(
        label=_("Life situation"),
        choices=LifeSituation.choices,
        initial=LifeSituation.OTHER,
        required=False,
    )
    outcome = forms.CharField(
        label=_("What the resident gets"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("E.g. a decision, a certificate."),
    )
    who_may_apply = forms.CharField(
        label=_("Who may apply"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    legal_basis = forms.CharField(
        label=_("Legal basis"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    required_documents = forms.CharField(
        label=_("Required documents"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("One document a line."),
    )
    fees = forms.CharField(
        label=_("Fees"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Amount, the account to pay to, and exemptions."),
    )
    term = forms.CharField(
        label=_("Statutory term"),
        max_length=12,
        required=False,
        help_text=_("immediate, 7d, 14d, 1m, 2m, or a special statute's Nd / Nm."),
    )
    where_to_apply = forms.CharField(
        label=_("Where and how to apply"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Room, opening hours, post."),
    )
    epuap_url = forms.URLField(
        label=_("ePUAP form"),
        required=False,
        assume_scheme="https",
        help_text=_("The address of the service on ePUAP or gov.pl."),
    )
    appeal = forms.CharField(
        label=_("How to appeal"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("To whom, through whom and by when."),
    )
    contact = forms.CharField(label=_("Contact"), max_length=255, required=False)
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    gdpr_clause = forms.CharField(
        label=_("GDPR information clause"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    processes = forms.ModelMultipleChoiceField(
        label=_("Processes"),
        queryset=Process.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    document = forms.ModelChoiceField(
        label=_("Controlled document"),
        queryset=Document.objects.filter(withdrawn_at__isnull=True).order_by("number"),
        required=False,
        help_text=_(
            "The card in the document register, where it is numbered, approved and reviewed."
        ),
    )
    is_published = forms.BooleanField(label=_("Published in the public catalogue"), required=False)

    def clean_topic(self) -> str:
        return self.cleaned_data.get("topic") or LifeSituation.OTHER


class CardEditForm(VersionedForm, CardForm):
    is_active = forms.BooleanField(label=_("Active"), required=False)


class ImportForm(forms.Form):
    """An EZD export to import, and how its headers map onto the register's columns."""

    file = forms.FileField(
        label=_("EZD export (CSV or XLSX)"),
        help_text=_(
            "CSV with commas or semicolons, UTF-8 with or without BOM (as Excel saves "
            "“CSV UTF-8”), or an XLSX workbook; the first row names the columns."
        ),
    )
    skip_bad = forms.BooleanField(
        label=_("Import the good rows and list the bad ones"),
        required=False,
        help_text=_("Without this, a file with any bad row is not imported at all."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.RATUSZ_MAX_IMPORT_BYTES:
            raise ValidationError(
                _("The file is %(size)s; an import takes at most %(max)s.")
                % {
                    "size": filesizeformat(upload.size),
                    "max": filesizeformat(settings.RATUSZ_MAX_IMPORT_BYTES),
                }
            )
        return upload


class HeaderMapForm(forms.Form):
    """The file's own headers for the register's columns (only those that differ)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for column in importer.COLUMNS:
            self.fields[f"map_{column}"] = forms.CharField(
                label=_("Header in the file for “%(column)s”") % {"column": column},
                max_length=100,
                required=False,
            )

    def mapping(self) -> dict[str, str]:
        """{header in the file: column} for the headers the person named."""
        pairs = {}
        for column in importer.COLUMNS:
            header = self.cleaned_data.get(f"map_{column}", "").strip()
            if header:
                pairs[header] = column
        return pairs

    def clean(self):
        data = super().clean()
        seen: dict[str, str] = {}
        for column in importer.COLUMNS:
            header = data.get(f"map_{column}", "").strip().lower()
            if header and header in seen:
                self.add_error(
                    f"map_{column}",
                    _("The same header is already given for “%(column)s”.")
                    % {"column": seen[header]},
                )
            elif header:
                seen[header] = column
        return data


class CardFormFileForm(forms.Form):
    """A form residents fill in (an application), attached to the service card."""

    file = forms.FileField(
        label=_("Form file"), help_text=_("PDF, DOCX, ODT, XLSX or ODS, e.g. the application.")
    )
    description = forms.CharField(
        label=_("What the form is"),
        max_length=255,
        required=False,
        help_text=_("E.g. “Application for an identity card”."),
    )
