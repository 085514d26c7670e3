"""The residents' pages: sending a submission, checking its status, the statistics with
open data, published petitions, the accessibility statement and the GDPR clause.
Open to anyone without signing in; every form works without JavaScript."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from ratusz.core.forms import submit
from ratusz.core.models import Office
from ratusz.feedback import conf, export, limits, selectors, services
from ratusz.feedback.forms import PublicForm, StatusForm

TOO_MANY = 429


def _office() -> Office | None:
    return Office.current()


@never_cache
def send(request: HttpRequest) -> HttpResponse:
    form = PublicForm(request.POST or None, request.FILES or None)
    context = {"form": form, "office": _office(), "limit": limits.limit("send")}
    if request.method != "POST":
        return render(request, "feedback/public_send.html", context)
    address = limits.client_address(request)
    if limits.exceeded("send", address):
        form.is_valid()
        form.add_error(
            None,
            _(
                "Too many submissions were sent from your address in the last hour. Nothing "
                "was lost: what you sent before is registered. Please try again later, or "
                "write to the office by post or e-mail."
            ),
        )
        return render(request, "feedback/public_send.html", context, status=TOO_MANY)
    if not form.is_valid():
        return render(request, "feedback/public_send.html", context, status=400)
    if form.cleaned_data["website"]:
        limits.count("send", address)  # a robot uses up its address's allowance
        form.add_error("website", _("This field must stay empty; it is a check against robots."))
        return render(request, "feedback/public_send.html", context, status=400)
    data = {k: v for k, v in form.cleaned_data.items() if k != "website"}
    sent = submit(form, lambda: services.submit_public(**data))
    if sent is None:
        return render(request, "feedback/public_send.html", context, status=400)
    # Only what is accepted counts: a resident correcting a refused form is not held back.
    limits.count("send", address)
    submission, code = sent
    return render(
        request,
        "feedback/public_receipt.html",
        {"s": submission, "code": code, "office": _office(), "files": submission.files.all()},
    )


@never_cache
def status(request: HttpRequest) -> HttpResponse:
    form = StatusForm(request.POST or None)
    context: dict = {"form": form, "office": _office(), "found": None}
    if request.method != "POST":
        return render(request, "feedback/public_status.html", context)
    address = limits.client_address(request)
    if limits.exceeded("status", address):
        form.is_valid()
        form.add_error(
            None,
            _("Too many unsuccessful checks from your address in the last hour. Try again later."),
        )
        return render(request, "feedback/public_status.html", context, status=TOO_MANY)
    if not form.is_valid():
        return render(request, "feedback/public_status.html", context, status=400)
    found = services.check_status(
        reference=form.cleaned_data["reference"], code=form.cleaned_data["code"]
    )
    if found is None:
        limits.count("status", address)
        form.add_error(
            None,
            _(
                "No submission matches this number and code. Check both on your receipt; "
                "after several wrong attempts checking is paused for an hour."
            ),
        )
        return render(request, "feedback/public_status.html", context, status=400)
    context["found"] = found
    context["form"] = StatusForm()
    return render(request, "feedback/public_status.html", context)


def accessibility(request: HttpRequest) -> HttpResponse:
    context = {
        "office": _office(),
        "published": conf.as_date(conf.get("RATUSZ_ACCESSIBILITY_PUBLISHED")),
        "updated": conf.as_date(conf.get("RATUSZ_ACCESSIBILITY_UPDATED")),
        "contact": conf.get("RATUSZ_ACCESSIBILITY_CONTACT"),
        "email": conf.get("RATUSZ_ACCESSIBILITY_EMAIL"),
        "phone": conf.get("RATUSZ_ACCESSIBILITY_PHONE"),
    }
    return render(request, "feedback/public_accessibility.html", context)


def privacy(request: HttpRequest) -> HttpResponse:
    context = {
        "office": _office(),
        "dpo_email": conf.get("RATUSZ_DPO_EMAIL"),
        "retention_years": services.retention_years(),
    }
    return render(request, "feedback/public_privacy.html", context)


def _year(request: HttpRequest) -> int:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or today.year)
    except ValueError:
        return today.year
    return year if 1990 <= year <= 2100 else today.year


def statistics(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    context = {
        "office": _office(),
        "stats": selectors.statistics(year=year),
        "years": selectors.years_with_submissions(),
        "petition_labels": export.petition_labels(),
    }
    return render(request, "feedback/public_statistics.html", context)


def statistics_csv(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="feedback-{year}.csv"'
    response.write("\ufeff")
    response.write(export.statistics_csv(selectors.statistics(year=year)))
    return response


def petitions(request: HttpRequest) -> HttpResponse:
    rows = selectors.published_petitions()[:200]
    return render(request, "feedback/public_petitions.html", {"office": _office(), "rows": rows})


def quality(request: HttpRequest) -> HttpResponse:
    """The office's QMS for residents: its certificate and its quality policy."""
    facts = selectors.quality_facts(today=timezone.localdate())
    return render(request, "feedback/public_quality.html", {"office": _office(), "facts": facts})
