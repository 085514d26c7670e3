from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ratusz.core import selectors as core_selectors
from ratusz.core.forms import (
    ConfirmableForm,
    DateInput,
    IrreversibleForm,
    PlainForm,
    StaffChoiceField,
    UnitChoiceField,
    VersionedForm,
)
from ratusz.core.models import Role, User
from ratusz.core.plugins import ReviewTopic
from ratusz.core.widgets import PeopleChoiceField
from ratusz.reviews.models import Decision


def top_management():
    return (
        core_selectors.staff_choices().filter(role_assignments__role=Role.TOP_MANAGEMENT).distinct()
    )


class ReviewForm(forms.Form):
    planned_date = forms.DateField(label=_("Meeting date"), widget=DateInput())
    location = forms.CharField(label=_("Place"), max_length=200, required=False)
    chair = StaffChoiceField(
        label=_("Chair (top management)"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("The mayor or another member of top management; needed to hold the review."),
    )
    attendees = PeopleChoiceField(
        label=_("Attendees"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Heads of units and others invited; the chair is invited anyway."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = top_management()
        self.fields["attendees"].queryset = core_selectors.staff_choices()


class ReviewEditForm(VersionedForm, ReviewForm):
    pass


class InviteForm(VersionedForm):
    pass


class CommentForm(VersionedForm):
    topic = forms.ChoiceField(choices=ReviewTopic.choices, widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("Quality manager's comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class EvidenceForm(forms.Form):
    topic = forms.ChoiceField(choices=ReviewTopic.choices, widget=forms.HiddenInput)
    upload = forms.FileField(label=_("File"))
    description = forms.CharField(label=_("Description"), max_length=255, required=False)


class HoldForm(IrreversibleForm, VersionedForm):
    confirm_label = _("I confirm: the inputs are frozen as they are now")
    present = PeopleChoiceField(
        label=_("Present at the meeting"), queryset=User.objects.none(), required=False
    )

    def __init__(self, *args, review=None, **kwargs):
        super().__init__(*args, **kwargs)
        if review is not None:
            self.fields["present"].queryset = User.objects.filter(
                pk__in=[row.person_id for row in review.attendance.all()]
            ).order_by("last_name", "first_name")


class RecordForm(VersionedForm):
    suitability = forms.CharField(
        label=_("Is the QMS still suitable?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    adequacy = forms.CharField(
        label=_("Is the QMS adequate?"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    effectiveness = forms.CharField(
        label=_("Is the QMS effective?"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    alignment = forms.CharField(
        label=_("Is it aligned with the office's strategic direction?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for topic, label in ReviewTopic.choices:
            self.fields[f"discussion_{topic}"] = forms.CharField(
                label=_("Discussion: %(topic)s) %(label)s") % {"topic": topic, "label": label},
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
            )

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        discussion = {topic: data.pop(f"discussion_{topic}") for topic in ReviewTopic.values}
        data["expected_version"] = data.pop("version")
        data["discussion"] = discussion
        return data


class DecisionForm(ConfirmableForm):
    kind = forms.ChoiceField(label=_("Kind of output (9.3.3)"), choices=Decision.Kind.choices)
    text = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 3}))
    owner = StaffChoiceField(
        label=_("Owner"), queryset=core_selectors.staff_choices(), required=False
    )
    org_unit = UnitChoiceField(
        label=_("Unit"),
        queryset=core_selectors.unit_choices(),
        required=False,
        help_text=_("Empty: the owner's unit."),
    )
    due_date = forms.DateField(label=_("Due date"), widget=DateInput(), required=False)


class SignForm(IrreversibleForm, VersionedForm):
    confirm_label = _("I confirm the record as written and sign it")


class DistributeForm(VersionedForm):
    pass


class AcknowledgeForm(PlainForm):
    pass
