"""Residents' pages of satisfaction surveys: no sign-in, no JavaScript needed.

One response per visitor without tracking people: after answering, the browser
keeps a signed cookie listing only the ids of the surveys it answered (no
identifier of the person, nothing stored on the server). A form robot is caught
by a honeypot field; a burst from one address is held back by the portal's
per-address counter (`feedback.limits`: in the database, so every worker and
server counts together; the address kept only as a keyed hash, for the hour).
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ratusz.core.forms import submit
from ratusz.feedback import limits
from ratusz.surveys import selectors, services
from ratusz.surveys.forms import AnswerForm
from ratusz.surveys.models import Survey

COOKIE = "ratusz_surveys"
COOKIE_SALT = "ratusz.surveys.answered"
COOKIE_AGE = 400 * 24 * 3600  # longer than any survey's period
RATE_LIMIT = 30  # responses from one address per hour (a library's shared computers)


def answered(request: HttpRequest) -> set[int]:
    raw = request.get_signed_cookie(COOKIE, default="", salt=COOKIE_SALT)
    return {int(part) for part in raw.split(",") if part.isdigit()}


def _remember(request: HttpRequest, response: HttpResponse, ids: set[int]) -> None:
    # The latest hundred surveys are plenty; the cookie stays small.
    value = ",".join(str(i) for i in sorted(ids)[-100:])
    response.set_signed_cookie(
        COOKIE,
        value,
        salt=COOKIE_SALT,
        max_age=COOKIE_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )


def _over_limit(request: HttpRequest) -> bool:
    return limits.count("survey", limits.client_address(request)) > RATE_LIMIT


def survey_index(request: HttpRequest) -> HttpResponse:
    context = {
        "surveys": selectors.open_surveys(),
        "closed": selectors.closed_surveys(),
        "answered": answered(request),
    }
    return render(request, "surveys/public_list.html", context)


def _public_survey(pk: int) -> Survey:
    survey = selectors.public_survey(pk)
    if survey is None:
        raise Http404(_("No such survey."))
    return survey


@require_http_methods(["GET", "POST"])
def survey_answer(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _public_survey(pk)
    context: dict = {"survey": survey}
    if not survey.accepts_answers():
        return render(request, "surveys/public_closed.html", context)
    if survey.pk in answered(request):
        return render(request, "surveys/public_thanks.html", {**context, "again": True})
    questions = selectors.questions_of(survey)
    form = AnswerForm(request.POST or None, questions=questions)
    context["form"] = form
    if request.method == "POST":
        if form.is_bot():
            # Told nothing a robot could learn from; nothing is stored.
            return redirect("public_surveys:thanks", pk=survey.pk)
        if _over_limit(request):
            form.add_error(
                None,
                _(
                    "Too many answers have come from your network in the last hour. "
                    "Please try again later; nothing was saved."
                ),
            )
            return render(request, "surveys/public_form.html", context, status=429)
        if form.is_valid():
            saved = submit(
                form, lambda: services.answer_survey(survey=survey, answers=form.answers())
            )
            if saved is not None:
                response = redirect("public_surveys:thanks", pk=survey.pk)
                _remember(request, response, answered(request) | {survey.pk})
                return response
        return render(request, "surveys/public_form.html", context, status=400)
    return render(request, "surveys/public_form.html", context)


def survey_thanks(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _public_survey(pk)
    return render(request, "surveys/public_thanks.html", {"survey": survey, "again": False})


def survey_results(request: HttpRequest, pk: int) -> HttpResponse:
    """The figures of a closed survey; free-text answers are not published (a resident
    may have written something personal in them)."""
    survey = _public_survey(pk)
    if survey.status != Survey.Status.CLOSED:
        raise Http404(_("The results are published once the survey is closed."))
    results = selectors.survey_results(survey, texts=False)
    return render(request, "surveys/public_results.html", {"survey": survey, "results": results})
