from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ratusz.core import selectors as core_selectors
from ratusz.core.forms import (
    DateInput,
    IrreversibleForm,
    StaffChoiceField,
    UnitChoiceField,
    VersionedForm,
)
from ratusz.core.models import Role
from ratusz.core.widgets import ClauseChoiceField, PeopleChoiceField, UnitsChoiceField
from ratusz.documents.models import Confidentiality, DocumentType, RetentionCategory


class TypeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class DocumentMetaForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    owner_unit = UnitChoiceField(label=_("Owner unit"), queryset=core_selectors.unit_choices())
    owner = StaffChoiceField(label=_("Owner"), queryset=core_selectors.staff_choices())
    confidentiality = forms.ChoiceField(label=_("Confidentiality"), choices=Confidentiality.choices)
    retention_category = forms.ChoiceField(
        label=_("Retention category"), choices=RetentionCategory.choices
    )
    clauses = ClauseChoiceField(label=_("ISO clauses"))
    review_interval_months = forms.IntegerField(
        label=_("Review interval (months)"),
        required=False,
        min_value=1,
        max_value=120,
        help_text=_("Empty: the interval of the document type."),
    )


class DocumentCreateForm(DocumentMetaForm):
    doc_type = TypeChoiceField(label=_("Type"), queryset=DocumentType.objects.all())
    number = forms.CharField(
        label=_("Number"),
        max_length=30,
        required=False,
        help_text=_("Empty: the next number of the type (e.g. P-08)."),
    )
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 14}),
        required=False,
        help_text=_("Markdown: # heading, **bold**, - list. You can also attach a file later."),
    )
    change_summary = forms.CharField(
        label=_("What is this version"), max_length=500, required=False
    )

    field_order = [
        "doc_type",
        "number",
        "title",
        "owner_unit",
        "owner",
        "confidentiality",
        "retention_category",
        "clauses",
        "review_interval_months",
        "body",
        "change_summary",
    ]


class DocumentEditForm(VersionedForm, DocumentMetaForm):
    pass


class DraftForm(VersionedForm):
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 18}),
        required=False,
        help_text=_("Markdown: # heading, **bold**, - list."),
    )
    change_summary = forms.CharField(
        label=_("What changed in this version"), widget=forms.Textarea(attrs={"rows": 2})
    )


class FileForm(forms.Form):
    file = forms.FileField(label=_("File (PDF, DOCX, ODT, XLSX, ODS)"))
    description = forms.CharField(label=_("Description"), max_length=255, required=False)


class SubmitReviewForm(VersionedForm):
    reviewers = PeopleChoiceField(label=_("Reviewers"), queryset=core_selectors.staff_choices())

    def __init__(self, *args, author=None, **kwargs):
        super().__init__(*args, **kwargs)
        if author is not None:  # the author does not review their own text
            field = self.fields["reviewers"]
            field.queryset = field.queryset.exclude(pk=author.pk)


class ReviewForm(forms.Form):
    agreed = forms.TypedChoiceField(
        label=_("Your opinion"),
        widget=forms.RadioSelect,
        coerce=lambda v: v == "yes",
        choices=[("yes", _("I agree with this version")), ("no", _("Changes are needed"))],
    )
    comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class ApproveForm(IrreversibleForm, VersionedForm):
    """Approval also settles who must read the document (7.5.3): it does not come
    into force distributed to nobody."""

    confirm_label = _("I approve this version: it cannot be changed once approved")
    effective_date = forms.DateField(
        label=_("In force from"), widget=DateInput(), required=False, help_text=_("Empty: today.")
    )
    units = UnitsChoiceField(
        label=_("Who must read it: org units (with their sub-units)"),
        queryset=core_selectors.unit_choices(),
        required=False,
    )
    roles = forms.MultipleChoiceField(
        label=_("Who must read it: everyone with the role"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[c for c in Role.choices if c[0] != Role.EXTERNAL_AUDITOR],
    )

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("units") and not data.get("roles"):
            self.add_error(
                "units",
                _(
                    "Choose who must read it (units or roles): a document does not come "
                    "into force distributed to nobody."
                ),
            )
        return data


class RejectForm(VersionedForm):
    reason = forms.CharField(
        label=_("Why is it returned?"), widget=forms.Textarea(attrs={"rows": 3})
    )


class NotesForm(forms.Form):
    notes = forms.CharField(label=_("What was checked"), widget=forms.Textarea(attrs={"rows": 3}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class DistributionForm(forms.Form):
    units = UnitsChoiceField(
        label=_("Org units (with their sub-units)"),
        queryset=core_selectors.unit_choices(),
        required=False,
    )
    roles = forms.MultipleChoiceField(
        label=_("Everyone with the role"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[c for c in Role.choices if c[0] != Role.EXTERNAL_AUDITOR],
    )
