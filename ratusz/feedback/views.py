"""Staff pages of the register of residents' submissions.

Each view: access helper → form or service → render or redirect.
"""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ratusz.core import access, uploads
from ratusz.core.forms import VersionedForm, run_step, service_kwargs, submit
from ratusz.core.listing import export_name, render_list, xlsx_response
from ratusz.feedback import export, policies, selectors, services
from ratusz.feedback.filters import SubmissionFilter
from ratusz.feedback.forms import (
    AssignForm,
    CompleteCallForm,
    CompletedForm,
    DecideForm,
    DelayForm,
    DraftForm,
    EraseForm,
    ForwardForm,
    PersonalDataForm,
    RegisterForm,
    RepeatedForm,
    SendForm,
)
from ratusz.feedback.models import Kind, Submission
from ratusz.feedback.reply import reply_pdf

STEPS = {
    "assign": (AssignForm, services.assign, gettext_lazy("Assigned.")),
    "delay": (DelayForm, services.give_delay_notice, gettext_lazy("The delay notice is recorded.")),
    "call_to_complete": (
        CompleteCallForm,
        services.call_to_complete,
        gettext_lazy("The call to complete the petition is recorded."),
    ),
    "completed": (
        CompletedForm,
        services.record_completion,
        gettext_lazy("Completion recorded: the clock runs from that day."),
    ),
    "forward": (ForwardForm, services.forward, gettext_lazy("Forwarded.")),
    "repeated": (
        RepeatedForm,
        services.mark_repeated,
        gettext_lazy("Marked as repeated without new circumstances."),
    ),
    "decide": (DecideForm, services.decide, gettext_lazy("The outcome is recorded.")),
    "draft": (DraftForm, services.draft_reply, gettext_lazy("The reply is drafted.")),
    "approve": (VersionedForm, services.approve_reply, gettext_lazy("The reply is approved.")),
    "return": (
        VersionedForm,
        services.return_reply,
        gettext_lazy("The draft is returned to the handler."),
    ),
    "send": (SendForm, services.send_reply, gettext_lazy("The reply is recorded as sent.")),
    "publish": (
        VersionedForm,
        services.publish_petition,
        gettext_lazy("The petition is published on the portal."),
    ),
    "open_nc": (
        VersionedForm,
        services.open_nonconformity,
        gettext_lazy("A nonconformity is opened from the complaint."),
    ),
    "open_idea": (
        VersionedForm,
        services.open_idea,
        gettext_lazy("An improvement idea is opened from the submission."),
    ),
    "erase": (EraseForm, services.erase_personal_data, gettext_lazy("Personal data erased.")),
}


def _get_submission(request: HttpRequest, pk: int) -> Submission:
    s = selectors.submission_detail(user=request.user, pk=pk)
    if s is None:
        raise Http404(_("No such submission, or it is not visible to you."))
    return s


@login_required
def submission_list(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    filters = SubmissionFilter(
        request.GET, queryset=selectors.submission_list(user=request.user), request=request
    )
    return render_list(
        request,
        filters,
        "feedback/submission_list.html",
        target="submission-results",
        per_page=30,
        today=timezone.localdate(),
        can_register=policies.can_register(request.user),
        can_export_data=policies.can_manage_personal_data(request.user),
    )


@login_required
def submission_export(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    filters = SubmissionFilter(
        request.GET, queryset=selectors.submission_list(user=request.user), request=request
    )
    return xlsx_response(
        export.register(filters.qs.iterator(chunk_size=2000)), export_name("submissions")
    )


@login_required
def submission_create(request: HttpRequest) -> HttpResponse:
    if not policies.can_register(request.user):
        raise PermissionDenied(_("Only members of staff register submissions."))
    form = RegisterForm(
        request.POST or None, initial={"received_on": timezone.localdate(), "channel": "letter"}
    )
    if request.method == "POST" and form.is_valid():
        s = submit(
            form,
            lambda: services.register_submission(actor=request.user, **service_kwargs(form)),
        )
        if s is not None:
            messages.success(request, _("Submission %(ref)s registered.") % {"ref": s.reference})
            return redirect(s)
    return render(request, "feedback/submission_form.html", {"form": form})


def _context(request: HttpRequest, s: Submission, **forms) -> dict:
    today = timezone.localdate()
    v = {"version": s.version}
    steps = policies.submission_steps(request.user, s)
    defaults = {
        "assign_form": partial(
            AssignForm,
            initial={
                **v,
                "org_unit": s.org_unit_id or request.user.org_unit_id,
                "handler": s.handler_id,
            },
        ),
        "delay_form": partial(DelayForm, initial=v),
        "call_to_complete_form": partial(CompleteCallForm, initial=v),
        "completed_form": partial(CompletedForm, initial={**v, "completed_on": today}),
        "forward_form": partial(
            ForwardForm,
            initial={**v, "forwarded_to": services.COUNCIL if s.about_mayor else ""},
        ),
        "repeated_form": partial(RepeatedForm, initial=v),
        "decide_form": partial(
            DecideForm, initial={**v, "outcome": s.outcome, "outcome_reasons": s.outcome_reasons}
        ),
        "draft_form": partial(
            DraftForm,
            initial={
                **v,
                "reply_text": s.reply_text or services.reply_template(s),
                "reply_signatory": s.reply_signatory,
            },
        ),
        "send_form": partial(
            SendForm, initial={**v, "reply_sent_on": today, "notified": s.submitter_name}
        ),
        "version_form": partial(VersionedForm, initial=v),
        "erase_form": partial(EraseForm, initial=v),
    }
    context: dict = {
        "s": s,
        "page": selectors.submission_page(s, today=today),
        "steps": steps,
        "today": today,
        "is_judged": s.kind in (Kind.COMPLAINT, Kind.MOTION, Kind.PETITION),
        "files": list(s.files.all()),
    }
    for name, make in defaults.items():
        context[name] = forms.get(name) or make(auto_id=f"id_{name[:-5]}_%s")
    return context


@login_required
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    s = _get_submission(request, pk)
    return render(request, "feedback/submission_detail.html", _context(request, s))


@login_required
@require_POST
def submission_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    s = _get_submission(request, pk)
    form, result = run_step(request, STEPS, step, submission=s)
    if result is not None:
        return redirect(result)
    s = _get_submission(request, pk)
    form.auto_id = f"id_{step}_%s"
    key = f"{step}_form" if f"{step}_form" in _FORM_NAMES else "version_form"
    context = _context(request, s, **{key: form})
    context["open_panel"] = step
    return render(request, "feedback/submission_detail.html", context, status=400)


_FORM_NAMES = {
    "assign_form",
    "delay_form",
    "call_to_complete_form",
    "completed_form",
    "forward_form",
    "repeated_form",
    "decide_form",
    "draft_form",
    "send_form",
    "erase_form",
}


@login_required
def submission_file(request: HttpRequest, pk: int, file_pk: int) -> FileResponse:
    """A file the resident attached: always a download, never shown in the browser."""
    s = _get_submission(request, pk)
    stored = s.files.filter(pk=file_pk).first()
    if stored is None:
        raise Http404(_("No such file."))
    return uploads.download(
        stored.file, filename=stored.original_name, content_type=stored.mime_type
    )


@login_required
def submission_reply(request: HttpRequest, pk: int) -> HttpResponse:
    s = _get_submission(request, pk)
    if not s.reply_text:
        raise Http404(_("There is no reply to draw yet."))
    response = HttpResponse(reply_pdf(s), content_type="application/pdf")
    name = s.reference.replace("/", "-")
    response["Content-Disposition"] = f'attachment; filename="{name}-reply.pdf"'
    return response


@login_required
def statistics(request: HttpRequest) -> HttpResponse:
    if not policies.can_view_statistics(request.user):
        raise PermissionDenied(_("Only members of staff see the statistics."))
    years = selectors.years_with_submissions()
    try:
        year = int(request.GET.get("year") or (years[0] if years else timezone.localdate().year))
    except ValueError:
        year = timezone.localdate().year
    if not 1990 <= year <= 2100:
        year = timezone.localdate().year
    stats = selectors.statistics(year=year, with_units=True)
    return render(
        request, "feedback/statistics.html", {"stats": stats, "years": years, "staff": True}
    )


@login_required
def personal_data(request: HttpRequest) -> HttpResponse:
    """A person's data exported on request (GDPR art. 15); erasure is a step of each
    closed submission."""
    if not policies.can_manage_personal_data(request.user):
        raise PermissionDenied(_("Only the quality manager exports personal data."))
    form = PersonalDataForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        content = submit(
            form, lambda: services.export_personal_data(actor=request.user, **form.cleaned_data)
        )
        if content is not None:
            response = HttpResponse(content, content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = 'attachment; filename="personal-data.csv"'
            return response
    status = 400 if form.errors else 200
    return render(request, "feedback/personal_data.html", {"form": form}, status=status)
