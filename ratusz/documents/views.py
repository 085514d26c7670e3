"""Pages of documented information: the register, a document, its versions,
the draft editor, controlled copies, the reading list and the records register.

Each view: access helper → form or service → render or redirect.
"""

from __future__ import annotations

import difflib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ratusz.core import access
from ratusz.core.forms import PlainForm, VersionedForm, run_step, service_kwargs, submit
from ratusz.core.listing import export_name, render_list, xlsx_response
from ratusz.core.models import Attachment
from ratusz.documents import controlled, policies, selectors, services
from ratusz.documents.filters import RegisterFilter
from ratusz.documents.forms import (
    ApproveForm,
    DistributionForm,
    DocumentCreateForm,
    DocumentEditForm,
    DraftForm,
    FileForm,
    NotesForm,
    ReasonForm,
    RejectForm,
    ReviewForm,
    SubmitReviewForm,
)
from ratusz.documents.models import Document, DocumentVersion
from ratusz.lib import spreadsheet


def _get_document_for_user(request: HttpRequest, pk: int) -> Document:
    document = selectors.document_detail(user=request.user, pk=pk)
    if document is None:
        raise Http404(_("No such document, or it is not visible to you."))
    return document


def _get_version_for_user(request: HttpRequest, pk: int, number: int):
    document = _get_document_for_user(request, pk)
    version = selectors.version_detail(user=request.user, document=document, number=number)
    if version is None:
        raise Http404(_("No such version, or it is not visible to you."))
    return document, version


# --- the register ---------------------------------------------------------------------


@login_required
def register(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    filters = RegisterFilter(
        request.GET, queryset=selectors.register(user=request.user), request=request
    )
    return render_list(
        request,
        filters,
        "documents/register.html",
        target="document-results",
        per_page=30,
        can_create=policies.can_create_document(request.user),
    )


@login_required
def register_export(request: HttpRequest) -> HttpResponse:
    """The register with the page's filters, as a spreadsheet."""
    access.require_staff(request)
    filters = RegisterFilter(
        request.GET, queryset=selectors.register(user=request.user), request=request
    )
    headers = [
        _("Number"),
        _("Title"),
        _("Type"),
        _("Owner unit"),
        _("Owner"),
        _("Confidentiality"),
        _("Version in force"),
        _("In force from"),
        _("Next review"),
        _("Withdrawn"),
    ]
    rows = (
        [
            d.number,
            d.title,
            d.doc_type.name,
            d.owner_unit.name,
            d.owner.get_full_name() if d.owner else "",
            d.get_confidentiality_display(),
            d.current_version.number if d.current_version else "",
            d.current_version.effective_date if d.current_version else None,
            d.next_review_date if d.current_version else None,
            d.withdrawn_at,
        ]
        for d in filters.qs.iterator(chunk_size=2000)
    )
    content = spreadsheet.table(_("Documents"), [str(h) for h in headers], rows)
    return xlsx_response(content, export_name("documents"))


@login_required
def document_create(request: HttpRequest) -> HttpResponse:
    if not policies.can_create_document(request.user):
        raise PermissionDenied(_("Only the quality manager and heads of units register documents."))
    initial = {
        "owner_unit": request.user.org_unit_id,
        "owner": request.user.pk,
        "confidentiality": "internal",
        "retention_category": "A",
    }
    form = DocumentCreateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        document = submit(
            form, lambda: services.create_document(actor=request.user, **service_kwargs(form))
        )
        if document is not None:
            messages.success(
                request, _("Document %(n)s registered as a draft.") % {"n": document.number}
            )
            return redirect("documents:version_edit", pk=document.pk, number=1)
    return render(request, "documents/document_form.html", {"form": form, "document": None})


def _document_context(request: HttpRequest, document: Document, **forms) -> dict:
    user = request.user
    can_manage = policies.can_manage_document(user, document)
    page = selectors.document_page(document, user=user, with_stats=can_manage)
    context = {
        "document": document,
        "versions": page.versions,
        "clauses": page.clauses,
        "distribution": page.distribution,
        "stats": page.stats,
        "reviews": page.reviews,
        "records": page.records,
        "can_manage": can_manage,
        "can_start_version": policies.can_start_version(user, document),
        "can_withdraw": policies.can_withdraw(user, document) and document.current_version_id,
        "periodic_review_form": NotesForm(),
        "withdraw_form": ReasonForm(),
    }
    context.update(forms)
    return context


@login_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = _get_document_for_user(request, pk)
    context = _document_context(request, document)
    return render(request, "documents/document_detail.html", context)


@login_required
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    document = _get_document_for_user(request, pk)
    if not policies.can_manage_document(request.user, document):
        raise PermissionDenied(
            _("Only the quality manager or the head of the owner unit changes this.")
        )
    initial = {
        "title": document.title,
        "owner_unit": document.owner_unit_id,
        "owner": document.owner_id,
        "confidentiality": document.confidentiality,
        "retention_category": document.retention_category,
        "clauses": list(document.clauses.values_list("pk", flat=True)),
        "review_interval_months": document.review_interval_months,
        "version": document.version,
    }
    form = DocumentEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form,
            lambda: services.update_document(
                actor=request.user, document=document, **service_kwargs(form)
            ),
        )
        if saved is not None:
            messages.success(request, _("Saved."))
            return redirect("documents:detail", pk=document.pk)
    context = {"form": form, "document": document, "conflict": form.conflict}
    return render(request, "documents/document_form.html", context)


@login_required
def distribution(request: HttpRequest, pk: int) -> HttpResponse:
    document = _get_document_for_user(request, pk)
    if not policies.can_manage_document(request.user, document):
        raise PermissionDenied(
            _("Only the quality manager or the head of the owner unit sets who reads it.")
        )
    rows = list(document.distribution.all())
    form = DistributionForm(
        request.POST or None,
        initial={
            "units": [d.org_unit_id for d in rows if d.org_unit_id],
            "roles": [d.role for d in rows if d.role],
        },
    )
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form,
            lambda: services.set_distribution(
                actor=request.user, document=document, **service_kwargs(form)
            ),
        )
        if saved is not None:
            messages.success(request, _("Distribution saved; the recipients are asked to read it."))
            return redirect("documents:detail", pk=document.pk)
    return render(request, "documents/distribution.html", {"form": form, "document": document})


DOCUMENT_STEPS = {
    "new-version": (
        PlainForm,
        services.start_new_version,
        gettext_lazy("A new draft version is open."),
    ),
    "periodic-review": (
        NotesForm,
        services.record_periodic_review,
        gettext_lazy("The review is recorded."),
    ),
    "withdraw": (ReasonForm, services.withdraw, gettext_lazy("The document is withdrawn.")),
}


@login_required
@require_POST
def document_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    document = _get_document_for_user(request, pk)
    form, result = run_step(request, DOCUMENT_STEPS, step, document=document)
    if result is not None:
        if step == "new-version":
            return redirect(result.get_absolute_url() + "edit/")
        return redirect("documents:detail", pk=pk)
    key = step.replace("-", "_") + "_form"
    context = _document_context(request, document, **{key: form})
    context["open_panel"] = step
    if step == "new-version":
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return render(request, "documents/document_detail.html", context, status=400)


# --- versions -------------------------------------------------------------------------------


def _version_context(request, document, version, **forms) -> dict:
    user = request.user
    lock = {"version": version.version}
    my_review = next(
        (
            r
            for r in version.review_requests.all()
            if r.reviewer_id == user.pk and r.round == version.review_round
        ),
        None,
    )
    transitions = list(selectors.transitions_of(version))
    context = {
        "document": document,
        "version": version,
        "body_html": controlled.render_body(version.body),
        "files": selectors.version_files(version),
        "transitions": transitions,
        "review_rounds": selectors.review_rounds(version, transitions),
        **policies.version_steps(user, version),
        "can_acknowledge": selectors.is_to_read_by(user, version),
        "acknowledged": selectors.has_read(user, version),
        "my_review": my_review,
        "submit_review_form": SubmitReviewForm(initial=lock, author=version.author),
        "review_form": ReviewForm(),
        "submit_approval_form": VersionedForm(initial=lock),
        "approve_form": ApproveForm(
            initial={
                **lock,
                "units": [d.org_unit_id for d in document.distribution.all() if d.org_unit_id],
                "roles": [d.role for d in document.distribution.all() if d.role],
            }
        ),
        "reject_form": RejectForm(initial=lock),
        "other_versions": [
            v
            for v in selectors.versions_visible(user=user, document=document)
            if v.pk != version.pk
        ],
    }
    context.update(forms)
    return context


@login_required
def version_detail(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    document = _get_document_for_user(request, pk)
    version = selectors.version_detail(user=request.user, document=document, number=number)
    if version is None:
        # A link to a version replaced since (a notification, a bookmark) leads to
        # the version in force, saying so, for those who may not read old versions.
        if selectors.was_replaced(document=document, number=number):
            messages.info(request, _replaced_text(document, number))
            return redirect(document.current_version or document)
        raise Http404(_("No such version, or it is not visible to you."))
    return render(
        request, "documents/version_detail.html", _version_context(request, document, version)
    )


def _replaced_text(document: Document, number: int) -> str:
    if document.current_version is not None:
        return _(
            "Version %(old)s of %(doc)s has been superseded; this is the version in force, %(new)s."
        ) % {
            "old": number,
            "doc": document.number,
            "new": document.current_version.number,
        }
    return _("Version %(old)s of %(doc)s is no longer in force; the document is withdrawn.") % {
        "old": number,
        "doc": document.number,
    }


VERSION_STEPS = {
    "submit-review": (
        SubmitReviewForm,
        services.submit_for_review,
        gettext_lazy("Sent to the reviewers."),
    ),
    "review": (ReviewForm, services.record_review, gettext_lazy("Your review is recorded.")),
    "submit-approval": (
        VersionedForm,
        services.submit_for_approval,
        gettext_lazy("Sent for approval."),
    ),
    "approve": (ApproveForm, services.approve, gettext_lazy("Approved.")),
    "reject": (RejectForm, services.reject, gettext_lazy("Returned to the author as a draft.")),
}


@login_required
@require_POST
def version_step(request: HttpRequest, pk: int, number: int, step: str) -> HttpResponse:
    document, version = _get_version_for_user(request, pk, number)
    if step == "acknowledge":
        try:
            services.acknowledge(
                actor=request.user,
                version=version,
                content_hash=request.POST.get("content_hash", ""),
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(version.get_absolute_url())
        messages.success(request, _("Thank you: your confirmation is recorded."))
        return redirect("documents:to_read")
    form, moved = run_step(request, VERSION_STEPS, step, version=version)
    if moved is not None:
        return redirect(version.get_absolute_url())
    version.refresh_from_db()
    key = step.replace("-", "_") + "_form"
    context = _version_context(request, document, version, **{key: form})
    context["open_panel"] = step
    return render(request, "documents/version_detail.html", context, status=400)


def _edit_page(request, document, version, form, file_form, status: int = 200) -> HttpResponse:
    context = {
        "document": document,
        "version": version,
        "form": form,
        "file_form": file_form,
        "files": selectors.version_files(version),
        "conflict": form.conflict,
    }
    return render(request, "documents/version_edit.html", context, status=status)


def _require_draft_editor(request: HttpRequest, version: DocumentVersion) -> None:
    if not policies.can_edit_draft(request.user, version):
        raise PermissionDenied(
            _("Only the author or the owner of the document edits its draft, and only a draft.")
        )


def _draft_form(version: DocumentVersion, data=None) -> DraftForm:
    initial = {
        "body": version.body,
        "change_summary": version.change_summary,
        "version": version.version,
    }
    return DraftForm(data, initial=initial)


@login_required
def version_edit(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    document, version = _get_version_for_user(request, pk, number)
    _require_draft_editor(request, version)
    form = _draft_form(version, request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form,
            lambda: services.update_draft(
                actor=request.user, version=version, **service_kwargs(form)
            ),
        )
        if saved is not None:
            messages.success(request, _("Draft saved."))
            return redirect(version.get_absolute_url() + "edit/")
    return _edit_page(request, document, version, form, FileForm())


@login_required
@require_POST
def version_file(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    document, version = _get_version_for_user(request, pk, number)
    _require_draft_editor(request, version)
    remove = request.POST.get("remove")
    if remove:
        form = PlainForm(request.POST)
        form.is_valid()
        attachment = get_object_or_404(Attachment, pk=remove)
        done = submit(
            form,
            lambda: services.remove_file(
                actor=request.user, version=version, attachment=attachment
            ),
        )
        message = _("File removed.")
    else:
        form = FileForm(request.POST, request.FILES)
        done = form.is_valid() and submit(
            form,
            lambda: services.add_file(
                actor=request.user,
                version=version,
                upload=form.cleaned_data["file"],
                description=form.cleaned_data["description"],
            ),
        )
        message = _("File attached; its text is now searchable.")
    if done:
        messages.success(request, message)
        return redirect(version.get_absolute_url() + "edit/")
    if isinstance(form, FileForm):
        file_form = form
    else:
        file_form = FileForm()
        for error in form.non_field_errors():
            messages.error(request, error)
    version.refresh_from_db()
    return _edit_page(request, document, version, _draft_form(version), file_form, status=400)


@login_required
def version_pdf(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    document, version = _get_version_for_user(request, pk, number)
    try:
        pdf = controlled.controlled_copy(version)
    except ValueError as exc:
        messages.error(request, str(exc))
        return redirect(version.get_absolute_url())
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"{document.number}-v{version.number}.pdf".replace("/", "-")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def version_diff(request: HttpRequest, pk: int, number: int, other: int) -> HttpResponse:
    document, version = _get_version_for_user(request, pk, number)
    older = selectors.version_detail(user=request.user, document=document, number=other)
    if older is None:
        raise Http404(_("No such version, or it is not visible to you."))
    if older.number > version.number:
        older, version = version, older
    rows = list(difflib.ndiff(older.body.splitlines(), version.body.splitlines()))
    lines = [
        {"kind": {"+": "add", "-": "del", "?": "hint"}.get(row[:1], "same"), "text": row[2:]}
        for row in rows
        if not row.startswith("?")
    ]
    return render(
        request,
        "documents/diff.html",
        {"document": document, "older": older, "newer": version, "lines": lines},
    )


# --- reading list and records register -------------------------------------------------------


@login_required
def to_read(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    page = Paginator(selectors.to_read(user=request.user), 50).get_page(request.GET.get("page"))
    return render(
        request, "documents/to_read.html", {"versions": page.object_list, "page": page, "query": ""}
    )


@login_required
def records(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    context = {"records": selectors.records_register(user=request.user)}
    return render(request, "documents/records.html", context)
