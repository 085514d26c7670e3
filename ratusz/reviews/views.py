"""Pages of the management reviews: the list, planning one, the review page with
its steps (inputs, meeting, record, decisions, sign-off) and the review pack PDF.

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
from ratusz.core.listing import render_list
from ratusz.reviews import pack, policies, selectors, services
from ratusz.reviews.filters import ReviewFilter
from ratusz.reviews.forms import (
    AcknowledgeForm,
    CommentForm,
    DecisionForm,
    DistributeForm,
    EvidenceForm,
    HoldForm,
    InviteForm,
    RecordForm,
    ReviewEditForm,
    ReviewForm,
    SignForm,
)
from ratusz.reviews.models import Review

PER_PAGE = 30

STEPS = {
    "invite": (InviteForm, services.invite, gettext_lazy("Invitations sent.")),
    "comment": (CommentForm, services.comment_input, gettext_lazy("Comment saved.")),
    "decide": (
        DecisionForm,
        services.add_decision,
        gettext_lazy("Decision recorded and added to the action tracker."),
    ),
    "sign": (SignForm, services.sign_review, gettext_lazy("The record is signed.")),
    "distribute": (
        DistributeForm,
        services.distribute_review,
        gettext_lazy("The record is sent to the attendees."),
    ),
    "acknowledge": (
        AcknowledgeForm,
        services.acknowledge_review,
        gettext_lazy("Thank you: your acknowledgement is recorded."),
    ),
}


def _get_review_for_user(request: HttpRequest, pk: int) -> Review:
    review = selectors.review_detail(user=request.user, pk=pk)
    if review is None:
        raise Http404(_("No such management review, or it is not visible to you."))
    return review


@login_required
def review_list(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    filters = ReviewFilter(
        request.GET, queryset=selectors.review_list(user=request.user), request=request
    )
    return render_list(
        request,
        filters,
        "reviews/review_list.html",
        target="review-results",
        per_page=PER_PAGE,
        can_plan=policies.can_plan_review(request.user),
    )


@login_required
def review_create(request: HttpRequest) -> HttpResponse:
    if not policies.can_plan_review(request.user):
        raise PermissionDenied(_("Only the quality manager plans management reviews."))
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        review = submit(
            form, lambda: services.plan_review(actor=request.user, **service_kwargs(form))
        )
        if review is not None:
            messages.success(request, _("Review %(ref)s planned.") % {"ref": review.reference})
            return redirect(review)
    return render(request, "reviews/review_form.html", {"form": form, "review": None})


def _context(request: HttpRequest, review: Review, **forms) -> dict:
    steps = policies.review_steps(request.user, review)
    page = selectors.review_page(review, user=request.user)
    v = {"version": review.version}
    context = {
        "review": review,
        "page": page,
        "steps": steps,
        "version": review.version,
        # Each step's form has its own ids, as several are on the page at once.
        "hold_form": forms.pop("hold_form", None)
        or HoldForm(review=review, initial=v, auto_id="id_hold_%s"),
        "record_form": forms.pop("record_form", None)
        or RecordForm(initial=_record_initial(review, page), auto_id="id_record_%s"),
        "decide_form": forms.pop("decide_form", None) or DecisionForm(auto_id="id_decide_%s"),
        "sign_form": forms.pop("sign_form", None) or SignForm(initial=v, auto_id="id_sign_%s"),
        "invite_form": InviteForm(initial=v, auto_id="id_invite_%s"),
        "distribute_form": DistributeForm(initial=v, auto_id="id_distribute_%s"),
        "acknowledge_form": AcknowledgeForm(auto_id="id_acknowledge_%s"),
    }
    refused_comment = forms.pop("comment_form", None)
    refused_attach = forms.pop("attach_form", None)
    if steps["comment"]:
        for row in page.topics:
            # Each input's forms carry its own ids, so the page has no duplicates.
            auto_id = f"id_{row.topic}_%s"
            row.comment_form = CommentForm(  # type: ignore[attr-defined]
                initial={"topic": row.topic, "comment": row.comment, "version": review.version},
                auto_id=auto_id,
            )
            row.evidence_form = EvidenceForm(  # type: ignore[attr-defined]
                initial={"topic": row.topic}, auto_id=f"id_{row.topic}_file_%s"
            )
            if refused_comment is not None and refused_comment.data.get("topic") == row.topic:
                refused_comment.auto_id = auto_id
                row.comment_form, row.open_panel = refused_comment, "comment"  # type: ignore[attr-defined]
            if refused_attach is not None and refused_attach.data.get("topic") == row.topic:
                refused_attach.auto_id = f"id_{row.topic}_file_%s"
                row.evidence_form, row.open_attach = refused_attach, "attach"  # type: ignore[attr-defined]
    context.update(forms)
    return context


def _record_initial(review: Review, page) -> dict:
    initial = {name: getattr(review, name) for name in services.CONCLUSIONS}
    initial["version"] = review.version
    for row in page.topics:
        initial[f"discussion_{row.topic}"] = row.discussion
    return initial


@login_required
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    review = _get_review_for_user(request, pk)
    return render(request, "reviews/review_detail.html", _context(request, review))


def _initial(review: Review) -> dict:
    return {
        "planned_date": review.planned_date,
        "location": review.location,
        "chair": review.chair_id,
        "attendees": [row.person_id for row in review.attendance.all()],
        "version": review.version,
    }


@login_required
def review_edit(request: HttpRequest, pk: int) -> HttpResponse:
    review = _get_review_for_user(request, pk)
    if not policies.can_manage_review(request.user, review):
        raise PermissionDenied(_("Only the quality manager changes a management review."))
    form = ReviewEditForm(request.POST or None, initial=_initial(review))
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form,
            lambda: services.update_review(
                actor=request.user, review=review, **service_kwargs(form)
            ),
        )
        if saved is not None:
            messages.success(request, _("Saved."))
            return redirect(saved)
    context = {"form": form, "review": review, "conflict": form.conflict}
    return render(request, "reviews/review_form.html", context)


@login_required
@require_POST
def review_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    review = _get_review_for_user(request, pk)
    if step == "hold":
        form = HoldForm(request.POST, review=review)
        done = _("The review is held; its inputs are frozen.")
        call = lambda: services.hold_review(  # noqa: E731
            actor=request.user, review=review, **service_kwargs(form)
        )
    elif step == "record":
        form = RecordForm(request.POST)
        done = _("The record is saved.")
        call = lambda: services.save_record(  # noqa: E731
            actor=request.user, review=review, **form.service_data()
        )
    elif step == "attach":
        form = EvidenceForm(request.POST, request.FILES)
        done = _("File attached.")
        call = lambda: services.attach_evidence(  # noqa: E731
            actor=request.user, review=review, **form.cleaned_data
        )
    else:
        form, result = run_step(request, STEPS, step, review=review)
        if result is not None:
            return redirect(review)
        return _refused(request, pk, step, form)
    if form.is_valid() and submit(form, call) is not None:
        messages.success(request, done)
        return redirect(review)
    return _refused(request, pk, step, form)


def _refused(request: HttpRequest, pk: int, step: str, form) -> HttpResponse:
    review = _get_review_for_user(request, pk)
    form.auto_id = f"id_{step}_%s"
    context = _context(request, review, **{f"{step}_form": form})
    context["open_panel"] = step
    return render(request, "reviews/review_detail.html", context, status=400)


@login_required
def review_pack(request: HttpRequest, pk: int) -> HttpResponse:
    review = _get_review_for_user(request, pk)
    if not review.is_held:
        raise Http404(_("The review pack is drawn once the review is held."))
    response = HttpResponse(pack.review_pdf(review), content_type="application/pdf")
    name = review.reference.replace("/", "-")
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response
