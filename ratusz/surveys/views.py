"""Staff pages of satisfaction surveys: the list, building a survey, publishing and
closing it, typing in paper answers, and the results with their export.

Each view: access helper → form or service → render or redirect.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ratusz.core import access
from ratusz.core.forms import run_step, service_kwargs, submit
from ratusz.core.listing import export_name, render_list, xlsx_response
from ratusz.surveys import export, policies, selectors, services
from ratusz.surveys.filters import SurveyFilter
from ratusz.surveys.forms import (
    AnswerForm,
    CopyForm,
    MoveForm,
    QuestionForm,
    StepForm,
    SurveyEditForm,
    SurveyForm,
)
from ratusz.surveys.models import Question, Response, Survey

PER_PAGE = 30
MANAGER_ONLY = gettext_lazy("Only the quality manager builds and publishes surveys.")


def _get_survey(request: HttpRequest, pk: int) -> Survey:
    survey = selectors.survey_detail(user=request.user, pk=pk)
    if survey is None:
        raise Http404(_("No such survey, or it is not visible to you."))
    return survey


def _get_question(survey: Survey, qid: int) -> Question:
    question = survey.questions.filter(pk=qid).first()
    if question is None:
        raise Http404(_("No such question in this survey."))
    return question


@login_required
def survey_list(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    filters = SurveyFilter(
        request.GET, queryset=selectors.survey_list(user=request.user), request=request
    )
    return render_list(
        request,
        filters,
        "surveys/survey_list.html",
        target="survey-results",
        per_page=PER_PAGE,
        can_create=policies.can_manage_surveys(request.user),
    )


@login_required
def survey_create(request: HttpRequest) -> HttpResponse:
    if not policies.can_manage_surveys(request.user):
        raise PermissionDenied(MANAGER_ONLY)
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        survey = submit(
            form, lambda: services.create_survey(actor=request.user, **service_kwargs(form))
        )
        if survey is not None:
            messages.success(request, _("Survey created. Add its questions."))
            return redirect(survey)
    return render(request, "surveys/survey_form.html", {"form": form, "survey": None})


def _detail_context(request: HttpRequest, survey: Survey, **forms) -> dict:
    steps = policies.survey_steps(request.user, survey)
    version = {"version": survey.version}
    return {
        "survey": survey,
        "questions": selectors.questions_of(survey),
        "steps": steps,
        "can_manage": policies.can_manage_surveys(request.user),
        "question_form": forms.get("question_form") or QuestionForm(initial=version),
        "step_form": StepForm(initial=version),
        "copy_form": forms.get("copy_form") or CopyForm(),
        "next_panel": forms.get("next_panel", ""),
        "public_url": request.build_absolute_uri(survey.get_public_url()),
    }


@login_required
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _get_survey(request, pk)
    return render(request, "surveys/survey_detail.html", _detail_context(request, survey))


@login_required
def survey_edit(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _get_survey(request, pk)
    if not policies.can_edit_survey(request.user, survey):
        raise PermissionDenied(_("Only the quality manager changes a survey, and only a draft."))
    initial = {
        "title": survey.title,
        "intro": survey.intro,
        "opens_on": survey.opens_on,
        "closes_on": survey.closes_on,
        "version": survey.version,
    }
    form = SurveyEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form,
            lambda: services.update_survey(
                actor=request.user, survey=survey, **service_kwargs(form)
            ),
        )
        if saved is not None:
            messages.success(request, _("Saved."))
            return redirect(saved)
    context = {"form": form, "survey": survey, "conflict": getattr(form, "conflict", None)}
    return render(request, "surveys/survey_form.html", context)


SURVEY_STEPS = {
    "publish": (
        StepForm,
        services.publish_survey,
        gettext_lazy("The survey is published at its public address."),
    ),
    "close": (StepForm, services.close_survey, gettext_lazy("The survey is closed.")),
}


@login_required
@require_POST
def survey_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    survey = _get_survey(request, pk)
    form, result = run_step(request, SURVEY_STEPS, step, survey=survey)
    if result is None:
        for error in form.errors.values():
            for text in error:
                messages.error(request, text)
    return redirect(survey)


@login_required
def survey_copy(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _get_survey(request, pk)
    if not policies.can_manage_surveys(request.user):
        raise PermissionDenied(MANAGER_ONLY)
    form = CopyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        copy = submit(
            form,
            lambda: services.copy_survey(actor=request.user, survey=survey, **service_kwargs(form)),
        )
        if copy is not None:
            messages.success(request, _("A new draft with the same questions is ready."))
            return redirect(copy)
    return render(request, "surveys/survey_copy.html", {"form": form, "survey": survey})


@login_required
def question_add(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _get_survey(request, pk)
    if not policies.can_manage_surveys(request.user):
        raise PermissionDenied(MANAGER_ONLY)
    form = QuestionForm(request.POST or None, initial={"version": survey.version})
    if request.method == "POST" and form.is_valid():
        question = submit(
            form,
            lambda: services.add_question(
                actor=request.user, survey=survey, **service_kwargs(form)
            ),
        )
        if question is not None:
            messages.success(request, _("Question added."))
            return redirect(question)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "survey": survey, "question": None}
    return render(request, "surveys/question_form.html", context, status=status)


@login_required
def question_edit(request: HttpRequest, pk: int, qid: int) -> HttpResponse:
    survey = _get_survey(request, pk)
    if not policies.can_edit_survey(request.user, survey):
        raise PermissionDenied(_("Only the quality manager changes a survey, and only a draft."))
    question = _get_question(survey, qid)
    initial = {
        "text": question.text,
        "kind": question.kind,
        "required": question.required,
        "options": "\n".join(o.label for o in question.options.all()),
        "version": survey.version,
    }
    form = QuestionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form,
            lambda: services.update_question(
                actor=request.user, question=question, **service_kwargs(form)
            ),
        )
        if saved is not None:
            messages.success(request, _("Saved."))
            return redirect(saved)
    context = {"form": form, "survey": survey, "question": question}
    return render(request, "surveys/question_form.html", context)


@login_required
@require_POST
def question_delete(request: HttpRequest, pk: int, qid: int) -> HttpResponse:
    survey = _get_survey(request, pk)
    question = _get_question(survey, qid)
    form = StepForm(request.POST)
    if form.is_valid() and submit(
        form,
        lambda: services.delete_question(
            actor=request.user, question=question, **service_kwargs(form)
        ),
    ):
        messages.success(request, _("Question removed."))
    else:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect(survey)


@login_required
@require_POST
def question_move(request: HttpRequest, pk: int, qid: int) -> HttpResponse:
    survey = _get_survey(request, pk)
    question = _get_question(survey, qid)
    form = MoveForm(request.POST)
    if not (
        form.is_valid()
        and submit(
            form,
            lambda: services.move_question(
                actor=request.user, question=question, **service_kwargs(form)
            ),
        )
    ):
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect(question)


@login_required
def paper_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """Type in one paper form: the same questions and checks as the public page."""
    survey = _get_survey(request, pk)
    if not policies.can_enter_paper(request.user, survey):
        raise PermissionDenied(_("Paper answers are typed in once the survey is published."))
    questions = selectors.questions_of(survey)
    form = AnswerForm(request.POST or None, questions=questions, honeypot=False)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            saved = submit(
                form,
                lambda: services.answer_survey(
                    survey=survey,
                    answers=form.answers(),
                    channel=Response.Channel.PAPER,
                    actor=request.user,
                ),
            )
            if saved is not None:
                messages.success(request, _("The paper answers are saved. Type in the next form."))
                return redirect("surveys:paper", pk=survey.pk)
    context = {"form": form, "survey": survey}
    return render(request, "surveys/paper_form.html", context, status=status)


@login_required
def survey_results(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _get_survey(request, pk)
    context = {"survey": survey, "results": selectors.survey_results(survey)}
    return render(request, "surveys/results.html", context)


@login_required
def results_export(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _get_survey(request, pk)
    return xlsx_response(export.results_xlsx(survey), export_name(f"survey-{survey.pk}"))
