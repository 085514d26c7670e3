"""Form widgets and choice fields shared by every area: one multi-select (a
checkbox list with a filter box) and people listed in Polish alphabetical order
with their unit."""

from __future__ import annotations

from django import forms
from django.forms.models import ModelChoiceIterator

from ratusz.lib.collation import polish_key


class CheckboxPicker(forms.CheckboxSelectMultiple):
    """Checkboxes in a scrolling box; with JavaScript a filter box narrows them
    as one types and a line counts what is selected. Without it, all the
    checkboxes are there to tick."""

    template_name = "core/widgets/picker.html"


class CollatedIterator(ModelChoiceIterator):
    """Choices in Polish alphabetical order (Dąbrowska before Dudek), by the field's
    `collation_key(obj)`."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        rows = list(self.queryset)
        rows.sort(key=lambda obj: polish_key(self.field.collation_key(obj)))
        for obj in rows:
            yield self.choice(obj)


def person_label(user) -> str:
    """The person's name with their unit, so two namesakes can be told apart."""
    return f"{user} ({user.org_unit.code})" if user.org_unit_id else str(user)


def person_sort_key(user) -> str:
    return f"{user.last_name} {user.first_name} {user.username}"


class PersonChoiceField(forms.ModelChoiceField):
    """One member of staff; the list is in Polish alphabetical order of surnames."""

    iterator = CollatedIterator

    def label_from_instance(self, obj):
        return person_label(obj)

    def collation_key(self, obj) -> str:
        return person_sort_key(obj)


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    """Several members of staff, as a checkbox picker in the same order."""

    iterator = CollatedIterator
    widget = CheckboxPicker

    def label_from_instance(self, obj):
        return person_label(obj)

    def collation_key(self, obj) -> str:
        return person_sort_key(obj)


class ClauseChoiceField(forms.ModelMultipleChoiceField):
    """ISO clauses that apply to the office, "8.5.1 Title", in clause order."""

    widget = CheckboxPicker

    def __init__(self, *, queryset=None, **kwargs):
        from ratusz.core.models import Clause

        if queryset is None:
            queryset = Clause.objects.filter(applicable=True).order_by(
                "standard", "edition", "sort_key"
            )
        kwargs.setdefault("required", False)
        super().__init__(queryset=queryset, **kwargs)

    def label_from_instance(self, obj):
        return f"{obj.number} {obj.title}"


class UnitsChoiceField(forms.ModelMultipleChoiceField):
    """Org units, indented by their place in the tree."""

    widget = CheckboxPicker

    def label_from_instance(self, obj):
        return f"{'— ' * obj.depth}{obj.name}"
