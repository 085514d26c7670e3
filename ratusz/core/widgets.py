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
    """Choices in Polish alphabetical order of their labels (Dąbrowska before Dudek)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        rows = self.queryset if self.queryset._prefetch_related_lookups else self.queryset.all()
        labelled = [(self.field.label_from_instance(obj), obj) for obj in rows]
        labelled.sort(key=lambda pair: polish_key(pair[0]))
        for _label, obj in labelled:
            yield self.choice(obj)


def person_label(user) -> str:
    """ "Surname Name (unit)" reads in the order the list is sorted in."""
    name = f"{user.last_name} {user.first_name}".strip() or user.username
    return f"{name} ({user.org_unit.code})" if user.org_unit_id else name


class PersonChoiceField(forms.ModelChoiceField):
    iterator = CollatedIterator

    def label_from_instance(self, obj):
        return person_label(obj)


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    iterator = CollatedIterator
    widget = CheckboxPicker

    def label_from_instance(self, obj):
        return person_label(obj)


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
