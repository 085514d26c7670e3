"""The shared pickers: people in Polish alphabetical order, one checkbox list for
clauses, units and people that works without JavaScript."""

from __future__ import annotations

from django import forms

from ratusz.core.forms import StaffChoiceField
from ratusz.core.models import Role
from ratusz.core.selectors import staff_choices
from ratusz.core.widgets import ClauseChoiceField, PeopleChoiceField


def _names(field) -> list[str]:
    return [str(label) for value, label in field.choices if value != ""]


def test_people_are_listed_by_surname_in_polish_alphabetical_order(office):
    for username, surname in (("dudek", "Dudek"), ("dabrowska", "Dąbrowska"), ("zak", "Żak")):
        user = office.person(username, office.civil, Role.EMPLOYEE)
        user.last_name = surname
        user.save(update_fields=["last_name"])

    names = _names(StaffChoiceField(queryset=staff_choices()))

    order = [next(i for i, n in enumerate(names) if s in n) for s in ("Dąbrowska", "Dudek", "Żak")]
    assert order == sorted(order)
    assert any(
        n.endswith(f"({office.civil.code})") for n in names
    )  # the unit tells namesakes apart


class PickerForm(forms.Form):
    clauses = ClauseChoiceField(label="Clauses")
    people = PeopleChoiceField(label="People", queryset=staff_choices(), required=False)


def test_the_picker_is_a_labelled_list_of_checkboxes_with_a_filter_box(office):
    html = str(PickerForm()["clauses"])

    assert 'type="checkbox"' in html and "data-picker" in html
    assert "8.5.1" in html
    # The filter box appears only with JavaScript; without it the checkboxes are all there.
    assert "data-picker-filter hidden" in html


def test_ticked_checkboxes_are_read_as_the_chosen_records(office):
    from ratusz.core.tests.factories import clause

    chosen = [clause("8.5.1"), clause("9.2")]
    form = PickerForm(
        data={"clauses": [str(c.pk) for c in chosen], "people": [str(office.owner.pk)]}
    )

    assert form.is_valid(), form.errors
    assert list(form.cleaned_data["clauses"]) == chosen
    assert list(form.cleaned_data["people"]) == [office.owner]


def test_the_reviewer_list_leaves_out_the_author_and_names_each_reviewers_unit(office):
    from ratusz.documents.forms import SubmitReviewForm

    names = _names(SubmitReviewForm(author=office.owner)["reviewers"].field)

    assert not any(name.startswith(str(office.owner)) for name in names)
    assert f"{office.auditor} ({office.auditor.org_unit.code})" in names
