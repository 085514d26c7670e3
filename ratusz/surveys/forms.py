from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ratusz.core.forms import DateInput, VersionedForm
from ratusz.surveys.models import TEXT_LIMIT, Question


class SurveyForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    intro = forms.CharField(
        label=_("Introduction"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the survey is for and how long it takes; shown above the questions."),
    )
    opens_on = forms.DateField(label=_("Opens on"), widget=DateInput())
    closes_on = forms.DateField(label=_("Closes on"), widget=DateInput())


class SurveyEditForm(VersionedForm, SurveyForm):
    pass


class CopyForm(forms.Form):
    opens_on = forms.DateField(label=_("Opens on"), widget=DateInput())
    closes_on = forms.DateField(label=_("Closes on"), widget=DateInput())


class OptionsField(forms.CharField):
    """One option a line, given to the service as a list."""

    widget = forms.Textarea(attrs={"rows": 5})

    def to_python(self, value):
        text = super().to_python(value)
        return [line.strip() for line in text.splitlines() if line.strip()]


class QuestionForm(VersionedForm):
    text = forms.CharField(label=_("Question"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=Question.Kind.choices)
    required = forms.BooleanField(label=_("Answer required"), required=False)
    options = OptionsField(
        label=_("Options"),
        required=False,
        max_length=5000,
        help_text=_("For single and multiple choice: one option per line."),
    )


class StepForm(VersionedForm):
    """A step that is only a button: the version the user loaded."""


class MoveForm(VersionedForm):
    direction = forms.ChoiceField(choices=[("up", _("Up")), ("down", _("Down"))])


class AnswerForm(forms.Form):
    """The questions of a survey as one form: field `q<id>` for each question.

    Required questions are checked by the service (which names the question);
    here only the shape of each answer is kept, so nothing is refused twice.
    """

    def __init__(self, *args, questions: list[Question], honeypot: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for q in questions:
            self.fields[f"q{q.pk}"] = self._field(q)
        if honeypot:
            # Left empty by people (it is hidden from them); filled in by form robots.
            self.fields["website"] = forms.CharField(
                required=False,
                label=_("Leave this field empty"),
                widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
            )

    def _field(self, q: Question) -> forms.Field:
        label = q.text
        # Django formats this message with the value: a literal % of the text is escaped.
        invalid = {
            "invalid_choice": _("Choose among the options given for „%(question)s”.")
            % {"question": q.text.replace("%", "%%")}
        }
        if q.kind == Question.Kind.SCALE:
            choices = [(str(v), str(v)) for v in range(1, 6)]
            return forms.ChoiceField(
                label=label,
                choices=choices,
                required=False,
                widget=forms.RadioSelect,
                error_messages=invalid,
            )
        if q.kind == Question.Kind.YES_NO:
            return forms.ChoiceField(
                label=label,
                choices=[("yes", _("Yes")), ("no", _("No"))],
                required=False,
                widget=forms.RadioSelect,
                error_messages=invalid,
            )
        options = [(str(o.pk), o.label) for o in q.options.all()]
        if q.kind == Question.Kind.SINGLE:
            return forms.ChoiceField(
                label=label,
                choices=options,
                required=False,
                widget=forms.RadioSelect,
                error_messages=invalid,
            )
        if q.kind == Question.Kind.MULTIPLE:
            return forms.MultipleChoiceField(
                label=label,
                choices=options,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                error_messages=invalid,
            )
        # The length is checked by the service, whose message names the question.
        return forms.CharField(
            label=label,
            required=False,
            strip=True,
            widget=forms.Textarea(attrs={"rows": 4, "maxlength": TEXT_LIMIT}),
        )

    def is_bot(self) -> bool:
        return bool(self.data.get("website"))

    def answers(self) -> dict[int, object]:
        return {q.pk: self.cleaned_data.get(f"q{q.pk}") for q in self.questions}

    def rows(self):
        """(question, bound field) in order, for the template."""
        return [(q, self[f"q{q.pk}"]) for q in self.questions]
