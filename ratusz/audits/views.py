"""Pages of internal audits: the programme, the auditor pool, question templates,
the audit list, an audit (plan, checklist, findings, report) and its PDF report.

Each view: access helper → form or service → render or redirect.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from ratusz.audits import (
    planning,
    policies,
    proposal,
    qualification,
    report,
    selectors,
    services,
)
from ratusz.audits.filters import AuditFilter
from ratusz.audits.forms import (
    AcknowledgeForm,
    AnswerForm,
    AttachmentForm,
    AuditEditForm,
    AuditForm,
    AuditorForm,
    CancelForm,
    CloseForm,
    FindingForm,
    ItemForm,
    NewItemForm,
    ProgrammeForm,
    QuestionForm,
    QuestionTemplateForm,
    StartForm,
    item_initial,
)
from ratusz.audits.models import (
    Audit,
    AuditorProfile,
    ChecklistItem,
    Finding,
    Programme,
    QuestionTemplate,
)
from ratusz.core import access
from ratusz.core.forms import PlainForm, run_step, service_kwargs, submit
from ratusz.core.listing import render_list
from ratusz.core.services import attach_file

DRAFT_AGAIN = _(
    "The programme was approved; after this change it is a draft again and needs approval."
)


def _qm_only(request: HttpRequest, message: str) -> None:
    access.require_staff(request)
    if not access.is_quality_manager(request.user):
        raise PermissionDenied(message)


def _get_audit_for_user(request: HttpRequest, pk: int) -> Audit:
    audit = selectors.audit_detail(user=request.user, pk=pk)
    if audit is None:
        raise Http404(_("No such audit, or it is not visible to you."))
    return audit


def _errors(exc: ValidationError) -> str:
    return " ".join(exc.messages)


# --- programme --------------------------------------------------------------------------------


@login_required
def programme_current(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    return redirect("audits:programme", year=timezone.localdate().year)


def _programme_context(request: HttpRequest, year: int, **forms) -> dict:
    prog = selectors.programme_of(year)
    can_manage = policies.can_manage_programme(request.user)
    context = {
        "year": year,
        "programme": prog,
        "can_manage": can_manage,
        "can_view_questions": policies.can_view_questions(request.user),
        "labels": selectors.progress_labels(),
        "previous_year": year - 1,
        "next_year": year + 1,
    }
    if prog is not None:
        items = selectors.items_with_progress(prog)
        context.update(
            items=items,
            # Links are offered only to those they open for.
            openable=selectors.audits_openable(
                user=request.user, ids=[item.first_audit for item in items if item.first_audit]
            ),
            can_plan=policies.can_plan_audits(request.user),
            totals=selectors.progress_totals(items),
            missing=proposal.missing_due_processes(prog) if can_manage else [],
            programme_form=ProgrammeForm(
                initial={"objectives": prog.objectives, "version": prog.version}
            ),
        )
    elif can_manage:
        context["proposal"] = proposal.propose_programme(year)
    context.update(forms)
    return context


@login_required
def programme(request: HttpRequest, year: int) -> HttpResponse:
    access.require_staff(request)
    if not 2000 <= year <= 2100:
        raise Http404
    return render(request, "audits/programme.html", _programme_context(request, year))


@login_required
@require_POST
def programme_generate(request: HttpRequest, year: int) -> HttpResponse:
    _qm_only(request, _("Only the quality manager plans the audit programme."))
    try:
        planning.create_programme(actor=request.user, year=year)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    else:
        messages.success(
            request,
            _("A draft programme was made from the proposal. Adjust it, then approve it."),
        )
    return redirect("audits:programme", year=year)


@login_required
@require_POST
def programme_step(request: HttpRequest, year: int, step: str) -> HttpResponse:
    _qm_only(request, _("Only the quality manager changes and approves the audit programme."))
    prog = get_object_or_404(Programme, year=year)
    form = ProgrammeForm(request.POST) if step == "edit" else StartForm(request.POST)
    if step not in ("edit", "approve"):
        raise Http404
    if step == "approve":
        # Nothing typed to keep: the reason is shown above the programme as it is now.
        if form.is_valid():
            approved = submit(
                form,
                lambda: planning.approve_programme(
                    actor=request.user, programme=prog, **service_kwargs(form)
                ),
            )
            if approved is not None:
                messages.success(request, _("The programme is approved."))
                return redirect("audits:programme", year=year)
        for error in form.non_field_errors():
            messages.error(request, error)
        return redirect("audits:programme", year=year)
    if form.is_valid():
        again = submit(
            form,
            lambda: planning.update_programme(
                actor=request.user, programme=prog, **service_kwargs(form)
            ),
        )
        if again is not None:
            messages.success(request, _("Saved."))
            if again:
                messages.warning(request, DRAFT_AGAIN)
            return redirect("audits:programme", year=year)
    context = _programme_context(request, year, programme_form=form)
    return render(request, "audits/programme.html", context, status=400)


@login_required
def item_create(request: HttpRequest, year: int) -> HttpResponse:
    _qm_only(request, _("Only the quality manager changes the audit programme."))
    prog = get_object_or_404(Programme, year=year)
    form = NewItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        added = submit(
            form,
            lambda: planning.add_item(actor=request.user, programme=prog, **service_kwargs(form)),
        )
        if added is not None:
            _item, again = added
            messages.success(request, _("Audit added to the programme."))
            if again:
                messages.warning(request, DRAFT_AGAIN)
            return redirect("audits:programme", year=year)
    return render(request, "audits/item_form.html", {"form": form, "programme": prog, "item": None})


@login_required
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _qm_only(request, _("Only the quality manager changes the audit programme."))
    item = selectors.programme_item(pk=pk)
    if item is None:
        raise Http404
    form = ItemForm(request.POST or None, initial=item_initial(item))
    if request.method == "POST" and form.is_valid():
        updated = submit(
            form,
            lambda: planning.update_item(actor=request.user, item=item, **service_kwargs(form)),
        )
        if updated is not None:
            _item, again = updated
            messages.success(request, _("Saved."))
            if again:
                messages.warning(request, DRAFT_AGAIN)
            return redirect("audits:programme", year=item.programme.year)
    return render(
        request, "audits/item_form.html", {"form": form, "programme": item.programme, "item": item}
    )


@login_required
@require_POST
def item_remove(request: HttpRequest, pk: int) -> HttpResponse:
    _qm_only(request, _("Only the quality manager changes the audit programme."))
    item = selectors.programme_item(pk=pk)
    if item is None:
        raise Http404
    year = item.programme.year
    try:
        again = planning.remove_item(actor=request.user, item=item)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    else:
        messages.success(request, _("Removed from the programme."))
        if again:
            messages.warning(request, DRAFT_AGAIN)
    return redirect("audits:programme", year=year)


# --- auditor pool -----------------------------------------------------------------------------


@login_required
def auditors(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    return render(
        request,
        "audits/auditors.html",
        {
            "profiles": selectors.pool_page(),
            "can_manage": policies.can_manage_pool(request.user),
            "can_view_questions": policies.can_view_questions(request.user),
        },
    )


@login_required
def auditor_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _qm_only(request, _("Only the quality manager maintains the auditor pool."))
    profile = get_object_or_404(AuditorProfile, pk=pk) if pk else None
    initial = {"is_active": True}
    if profile is not None:
        initial = {
            "user": profile.user_id,
            "trained_on": profile.trained_on,
            "training": profile.training,
            "qualifications": profile.qualifications,
            "can_lead": profile.can_lead,
            "is_active": profile.is_active,
            "version": profile.version,
        }
    in_records = qualification.kept_in_records()
    form = AuditorForm(request.POST or None, initial=initial, membership_only=in_records)
    if profile is not None:
        form.fields["user"].disabled = True
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form, lambda: services.save_auditor(actor=request.user, **service_kwargs(form))
        )
        if saved is not None:
            messages.success(request, _("The auditor pool is updated."))
            return redirect("audits:auditors")
    return render(
        request,
        "audits/auditor_form.html",
        {"form": form, "profile": profile, "in_records": in_records},
    )


# --- question templates -----------------------------------------------------------------------


@login_required
def questions(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    can_manage = policies.can_manage_questions(request.user)
    if not policies.can_view_questions(request.user):
        raise PermissionDenied(
            _("The question templates are for the quality manager and auditors.")
        )
    form = QuestionTemplateForm(request.POST or None)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied(_("Only the quality manager maintains the question templates."))
        if form.is_valid():
            data = service_kwargs(form)
            del data["expected_version"]  # a new question has no version yet
            saved = submit(
                form, lambda: services.create_question_template(actor=request.user, **data)
            )
            if saved is not None:
                messages.success(request, _("Question added."))
                return redirect("audits:questions")
    rows = selectors.question_templates()
    return render(
        request,
        "audits/questions.html",
        {"templates": rows, "form": form, "can_manage": can_manage, "can_view_questions": True},
    )


@login_required
def question_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _qm_only(request, _("Only the quality manager maintains the question templates."))
    template = get_object_or_404(QuestionTemplate, pk=pk)
    form = QuestionTemplateForm(
        request.POST or None,
        initial={
            "text": template.text,
            "guidance": template.guidance,
            "clause": template.clause_id,
            "process": template.process_id,
            "is_active": template.is_active,
            "version": template.version,
        },
    )
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form,
            lambda: services.update_question_template(
                actor=request.user, template=template, **service_kwargs(form)
            ),
        )
        if saved is not None:
            messages.success(request, _("Saved."))
            return redirect("audits:questions")
    return render(request, "audits/question_form.html", {"form": form, "template": template})


# --- audits -----------------------------------------------------------------------------------


@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    filters = AuditFilter(
        request.GET, queryset=selectors.audit_list(user=request.user), request=request
    )
    return render_list(
        request,
        filters,
        "audits/audit_list.html",
        target="audit-results",
        per_page=25,
        can_plan=policies.can_plan_audits(request.user),
        can_view_questions=policies.can_view_questions(request.user),
    )


def _plan_data(form) -> dict:
    data = dict(form.cleaned_data)
    data.pop("version", None)
    for name in ("org_units", "clauses", "team"):
        data[name] = list(data.get(name) or [])
    return data


@login_required
def audit_create(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    if not policies.can_plan_audits(request.user):
        raise PermissionDenied(_("Only the quality manager and auditors of the pool plan audits."))
    item = None
    item_id = request.GET.get("item") or request.POST.get("item")
    if item_id and str(item_id).isdigit():
        item = selectors.programme_item(pk=int(item_id))
    initial = {}
    if item is not None:
        year = item.programme.year
        start = date(year, item.planned_month, 10)
        initial = {
            "title": _("Audit of %(what)s") % {"what": item.process or item.org_unit},
            "process": item.process_id,
            "org_units": [item.org_unit_id],
            "clauses": [c.pk for c in item.clauses.all()],
            "objectives": _(
                "Check that the process conforms to ISO 9001:2015 and the office's requirements "
                "and is effectively implemented and maintained."
            ),
            "scope": str(item.process or item.org_unit),
            "criteria": _("ISO 9001:2015, the office's procedures and the law that applies."),
            "planned_start": start,
            "planned_end": start + timedelta(days=2),
        }
    form = AuditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        audit = submit(
            form,
            lambda: services.create_audit(
                actor=request.user, programme_item=item, **_plan_data(form)
            ),
        )
        if audit is not None:
            messages.success(request, _("Audit %(ref)s planned.") % {"ref": audit.reference})
            return redirect("audits:detail", pk=audit.pk)
    return render(request, "audits/audit_form.html", {"form": form, "audit": None, "item": item})


@login_required
def audit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    audit = _get_audit_for_user(request, pk)
    if audit.is_closed:
        messages.error(request, policies.why_closed(audit, _("plan")))
        return redirect("audits:detail", pk=pk)
    if not policies.can_edit_audit(request.user, audit):
        raise PermissionDenied(_("Only the quality manager and the lead auditor change the plan."))
    initial = {
        "title": audit.title,
        "process": audit.process_id,
        "org_units": [u.pk for u in audit.org_units.all()],
        "clauses": [c.pk for c in audit.clauses.all()],
        "objectives": audit.objectives,
        "scope": audit.scope,
        "criteria": audit.criteria,
        "planned_start": audit.planned_start,
        "planned_end": audit.planned_end,
        "opening_meeting": audit.opening_meeting,
        "closing_meeting": audit.closing_meeting,
        "lead_auditor": audit.lead_auditor_id,
        "team": [u.pk for u in audit.team.all()],
        "version": audit.version,
    }
    form = AuditEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form,
            lambda: services.update_audit(
                actor=request.user,
                audit=audit,
                expected_version=form.cleaned_data["version"],
                **_plan_data(form),
            ),
        )
        if saved is not None:
            messages.success(request, _("Saved."))
            return redirect("audits:detail", pk=pk)
    context = {"form": form, "audit": audit, "item": None, "conflict": form.conflict}
    return render(request, "audits/audit_form.html", context)


def _detail_context(request: HttpRequest, audit: Audit, **extra) -> dict:
    user = request.user
    page = selectors.audit_page(audit, user=user)
    can_perform = policies.can_perform(user, audit)
    lock = {"version": audit.version}
    answer_forms = extra.pop("answer_forms", {})
    for item in page.checklist:
        item.files = page.files.get(item.pk, [])
        if can_perform and audit.status == Audit.Status.IN_PROGRESS:
            item.form = answer_forms.get(item.pk) or AnswerForm(
                item=item,
                in_checklist=True,
                initial={"answer": item.answer, "evidence": item.evidence, "version": item.version},
            )
            item.file_form = AttachmentForm(item=item)
    checklist_editable = can_perform and audit.status == Audit.Status.IN_PROGRESS
    ack_form = extra.pop("ack_form", None) or AcknowledgeForm()
    ack_form.fields["org_unit"].queryset = audit.org_units.filter(
        pk__in=[u.pk for u in page.to_acknowledge]
    )
    context = {
        "audit": audit,
        "checklist_editable": checklist_editable,
        "units": page.units,
        "team": page.team,
        "clauses": page.clauses,
        "checklist": page.checklist,
        "summary": page.summary,
        "findings": page.findings,
        "acknowledgements": page.acknowledgements,
        "can_edit": policies.can_edit_audit(user, audit),
        "can_perform": can_perform,
        "can_start": policies.can_start(user, audit),
        "can_close": policies.can_close(user, audit),
        "can_idea": policies.runs_audit(user, audit),
        "to_acknowledge": page.to_acknowledge,
        "start_form": StartForm(initial=lock),
        "cancel_form": CancelForm(initial=lock),
        "close_form": extra.pop("close_form", None)
        or CloseForm(
            initial={
                **lock,
                "closing_meeting": audit.closing_meeting
                or timezone.localtime().replace(second=0, microsecond=0),
                "summary": audit.summary,
            }
        ),
        "question_form": QuestionForm(),
        "finding_form": extra.pop("finding_form", None) or FindingForm(audit=audit),
        "ack_form": ack_form,
    }
    context.update(extra)
    return context


@login_required
def audit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    audit = _get_audit_for_user(request, pk)
    return render(request, "audits/audit_detail.html", _detail_context(request, audit))


AUDIT_STEPS = {
    "start": (
        StartForm,
        services.start_audit,
        gettext_lazy("The audit is in progress; the checklist is ready."),
    ),
    "cancel": (CancelForm, services.cancel_audit, gettext_lazy("The audit is cancelled.")),
    "close": (
        CloseForm,
        services.close_audit,
        gettext_lazy("The audit is closed and its report issued; the audited units are told."),
    ),
}


@login_required
@require_POST
def audit_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    audit = _get_audit_for_user(request, pk)
    form, moved = run_step(request, AUDIT_STEPS, step, audit=audit)
    if moved is not None:
        return redirect("audits:detail", pk=pk)
    if "checklist" in form.errors:  # not a field of the form: say it above it
        form.add_error(None, form.errors.pop("checklist"))
    audit = _get_audit_for_user(request, pk)
    if step == "start":  # a button only: nothing typed to keep
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("audits:detail", pk=pk)
    context = _detail_context(request, audit, open_panel=step, **{f"{step}_form": form})
    return render(request, "audits/audit_detail.html", context, status=400)


@login_required
@require_POST
def add_question(request: HttpRequest, pk: int) -> HttpResponse:
    audit = _get_audit_for_user(request, pk)
    form = QuestionForm(request.POST)
    if not policies.is_on_team(request.user, audit) and not audit.is_closed:
        raise PermissionDenied(_("Only the lead auditor and the audit team work on the audit."))
    if form.is_valid():
        added = submit(
            form,
            lambda: services.add_question(actor=request.user, audit=audit, **service_kwargs(form)),
        )
        if added is not None:
            messages.success(request, _("Question added to the checklist."))
            return redirect(f"{audit.get_absolute_url()}#checklist")
    context = _detail_context(request, audit, question_form=form)
    return render(request, "audits/audit_detail.html", context, status=400)


def _get_item(audit: Audit, item_pk: int) -> ChecklistItem:
    item = selectors.checklist_item(audit, pk=item_pk)
    if item is None:
        raise Http404
    return item


@login_required
@require_POST
def answer(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    audit = _get_audit_for_user(request, pk)
    item = _get_item(audit, item_pk)
    if not policies.is_on_team(request.user, audit):
        raise PermissionDenied(_("Only the lead auditor and the audit team answer the checklist."))
    form = AnswerForm(request.POST, item=item)
    if form.is_valid():
        saved = submit(
            form,
            lambda: services.answer_question(actor=request.user, item=item, **service_kwargs(form)),
        )
        if saved is not None:
            messages.success(request, _("Answer to question %(n)s saved.") % {"n": item.position})
            return redirect(f"{audit.get_absolute_url()}#q{item.pk}")
    context = _detail_context(request, audit, answer_forms={item.pk: form})
    status = 409 if form.conflict is not None else 400
    return render(request, "audits/audit_detail.html", context, status=status)


def _raise(exc: Exception):
    raise exc


@login_required
@require_POST
def answer_all(request: HttpRequest, pk: int) -> HttpResponse:
    """The whole checklist in one save: every changed answer, all or none."""
    audit = _get_audit_for_user(request, pk)
    if not policies.is_on_team(request.user, audit):
        raise PermissionDenied(_("Only the lead auditor and the audit team answer the checklist."))
    # A question added by a teammate after the page was loaded is not in the post.
    items = [i for i in selectors.checklist_of(audit) if f"q{i.pk}-version" in request.POST]
    forms = {item.pk: AnswerForm(request.POST, item=item, in_checklist=True) for item in items}
    # Validate every question's form (not stopping at the first), so each is marked.
    results = [form.is_valid() for form in forms.values()]
    valid = all(results)
    changed = [
        (item, forms[item.pk])
        for item in items
        if valid
        and forms[item.pk].cleaned_data["answer"]
        and (
            forms[item.pk].cleaned_data["answer"] != item.answer
            or forms[item.pk].cleaned_data["evidence"].strip() != item.evidence
        )
    ]
    if valid:
        try:
            saved = services.answer_questions(
                actor=request.user,
                audit=audit,
                answers=[{"item": item, **service_kwargs(form)} for item, form in changed],
            )
        except services.ChecklistRefused as refused:
            for item_pk, exc in refused.problems.items():
                submit(forms[item_pk], lambda exc=exc: _raise(exc))
            messages.error(request, str(refused))
        else:
            messages.success(
                request,
                ngettext("%(n)s answer saved.", "%(n)s answers saved.", len(saved))
                % {"n": len(saved)}
                if saved
                else _("Nothing had changed: no answer was saved."),
            )
            return redirect(f"{audit.get_absolute_url()}#checklist")
    context = _detail_context(request, audit, answer_forms=forms)
    conflict = any(getattr(form, "conflict", None) is not None for form in forms.values())
    return render(request, "audits/audit_detail.html", context, status=409 if conflict else 400)


@login_required
@require_POST
def attach(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    audit = _get_audit_for_user(request, pk)
    item = _get_item(audit, item_pk)
    if not policies.can_perform(request.user, audit):
        if audit.is_closed:
            messages.error(request, policies.why_closed(audit, _("checklist")))
            return redirect("audits:detail", pk=pk)
        raise PermissionDenied(_("Only the lead auditor and the audit team add evidence."))
    # A file is chosen again anyway: the reason is shown above the checklist.
    form = AttachmentForm(request.POST, request.FILES, item=item)
    attached = form.is_valid() and submit(
        form,
        lambda: attach_file(
            actor=request.user,
            target=item,
            upload=form.cleaned_data["file"],
            description=form.cleaned_data["description"],
            clauses=[item.clause] if item.clause_id else None,
        ),
    )
    if attached:
        messages.success(request, _("File attached to question %(n)s.") % {"n": item.position})
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(item.get_absolute_url())


@login_required
def finding_create(request: HttpRequest, pk: int) -> HttpResponse:
    audit = _get_audit_for_user(request, pk)
    if audit.is_closed:
        messages.error(request, policies.why_closed(audit, _("findings")))
        return redirect("audits:detail", pk=pk)
    if not policies.can_perform(request.user, audit):
        raise PermissionDenied(_("Only the lead auditor and the audit team record findings."))
    initial = {}
    question = request.GET.get("question", "")
    item = selectors.checklist_item(audit, pk=int(question)) if question.isdigit() else None
    if item is not None:
        # The finding starts from what the question checked and what was seen.
        initial.update(checklist_item=item.pk, clause=item.clause_id, evidence=item.evidence)
    units = list(audit.org_units.all())
    if len(units) == 1:
        initial["org_unit"] = units[0].pk
    form = FindingForm(request.POST or None, audit=audit, initial=initial)
    if request.method == "POST" and form.is_valid():
        finding = submit(
            form,
            lambda: services.record_finding(
                actor=request.user, audit=audit, **service_kwargs(form)
            ),
        )
        if finding is not None:
            text = _("Finding %(ref)s recorded.") % {"ref": finding.reference}
            if finding.nonconformity_id:
                text += " " + _(
                    "Nonconformity %(nc)s was raised and assigned to the head of %(unit)s."
                ) % {
                    "nc": finding.nonconformity.reference,
                    "unit": finding.org_unit,
                }
            messages.success(request, text)
            return redirect(f"{audit.get_absolute_url()}#findings")
    return render(request, "audits/finding_form.html", {"form": form, "audit": audit})


@login_required
@require_POST
def finding_idea(request: HttpRequest, pk: int, finding_pk: int) -> HttpResponse:
    audit = _get_audit_for_user(request, pk)
    finding = get_object_or_404(Finding, pk=finding_pk, audit=audit)
    form = PlainForm(request.POST)
    form.is_valid()
    idea = submit(form, lambda: services.opportunity_to_idea(actor=request.user, finding=finding))
    if idea is None:
        messages.error(request, " ".join(form.non_field_errors()))
    else:
        messages.success(
            request,
            _("Improvement idea %(ref)s was submitted from this opportunity.")
            % {"ref": idea.reference},
        )
    return redirect(f"{audit.get_absolute_url()}#findings")


@login_required
@require_POST
def acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    audit = _get_audit_for_user(request, pk)
    form = AcknowledgeForm(request.POST)
    form.fields["org_unit"].queryset = audit.org_units.all()
    if form.is_valid():
        acknowledged = submit(
            form,
            lambda: services.acknowledge_report(
                actor=request.user, audit=audit, **service_kwargs(form)
            ),
        )
        if acknowledged is not None:
            messages.success(request, _("The report is acknowledged."))
            return redirect(f"{audit.get_absolute_url()}#report")
    context = _detail_context(request, audit, ack_form=form)
    return render(request, "audits/audit_detail.html", context, status=400)


@login_required
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    audit = _get_audit_for_user(request, pk)
    pdf = report.report_pdf(audit)
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"{audit.reference}-raport.pdf".replace("/", "-")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
