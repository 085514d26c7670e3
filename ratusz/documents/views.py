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
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ratusz.core import access
from ratusz.core.errors import Conflict, Denied
from ratusz.core.forms import apply_service_errors
from ratusz.core.listing import list_template, paginate
from ratusz.core.models import Attachment
from ratusz.core.selectors import attachments_of
from ratusz.documents import controlled, policies, selectors, services
from ratusz.documents.forms import (
    ApproveForm,
    DistributionForm,
    DocumentCreateForm,
    DocumentEditForm,
    DraftForm,
    FileForm,
    NotesForm,
    PlainVersionForm,
    ReasonForm,
    RegisterFilterForm,
    RejectForm,
    ReviewForm,
    SubmitReviewForm,
)
from ratusz.documents.models import Document, DocumentVersion, RecordType

V = DocumentVersion.Status


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


def _version_url(version: DocumentVersion) -> str:
    return f"/documents/{version.document_id}/v{version.number}/"


# --- the register ---------------------------------------------------------------------


@login_required
def register(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    form = RegisterFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.RegisterFilters(
        doc_type=data.get("doc_type"),
        unit=data.get("unit"),
        state=data.get("state") or "",
        confidentiality=data.get("confidentiality") or "",
        retention=data.get("retention") or "",
        clause=data.get("clause"),
        q=(data.get("q") or "").strip(),
        sort=data.get("sort") or "number",
    )
    page, query = paginate(request, selectors.register(user=request.user, filters=filters), 30)
    context = {
        "form": form,
        "page": page,
        "query": query,
        "can_create": policies.can_create_document(request.user),
    }
    return render(
        request, list_template(request, "documents/register.html", "document-results"), context
    )


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
        data = dict(form.cleaned_data)
        data["clauses"] = list(data["clauses"])
        try:
            document = services.create_document(actor=request.user, **data)
        except Denied as exc:
            form.add_error("owner_unit", str(exc))
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(
                request, _("Document %(n)s registered as a draft.") % {"n": document.number}
            )
            return redirect(f"/documents/{document.pk}/v1/edit/")
    return render(request, "documents/document_form.html", {"form": form, "document": None})


@login_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = _get_document_for_user(request, pk)
    user = request.user
    can_manage = policies.can_manage_document(user, document)
    context = {
        "document": document,
        "versions": selectors.versions_visible(user=user, document=document),
        "clauses": document.clauses.all(),
        "distribution": document.distribution.select_related("org_unit"),
        "stats": selectors.acknowledgement_stats(document) if can_manage else None,
        "reviews": document.reviews.select_related("reviewed_by")[:10],
        "records": document.record_types.select_related("keeper_unit"),
        "can_manage": can_manage,
        "can_start_version": can_manage or document.owner_id == user.pk,
        "can_withdraw": access.is_quality_manager(user) and document.current_version_id,
        "notes_form": NotesForm(),
        "reason_form": ReasonForm(),
    }
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
        data = dict(form.cleaned_data)
        version = data.pop("version")
        data["clauses"] = list(data["clauses"])
        try:
            services.update_document(
                actor=request.user, document=document, expected_version=version, **data
            )
        except Conflict as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("documents:detail", pk=document.pk)
    return render(request, "documents/document_form.html", {"form": form, "document": document})


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
        services.set_distribution(
            actor=request.user,
            document=document,
            units=list(form.cleaned_data["units"]),
            roles=form.cleaned_data["roles"],
        )
        messages.success(request, _("Distribution saved; the recipients are asked to read it."))
        return redirect("documents:detail", pk=document.pk)
    return render(request, "documents/distribution.html", {"form": form, "document": document})


DOCUMENT_STEPS = {
    "new-version": (None, gettext_lazy("A new draft version is open.")),
    "periodic-review": (NotesForm, gettext_lazy("The review is recorded.")),
    "withdraw": (ReasonForm, gettext_lazy("The document is withdrawn.")),
}


@login_required
@require_POST
def document_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    document = _get_document_for_user(request, pk)
    if step not in DOCUMENT_STEPS:
        raise Http404
    form_class, done = DOCUMENT_STEPS[step]
    form = form_class(request.POST) if form_class else None
    if form is not None and not form.is_valid():
        messages.error(
            request,
            _("Not saved: %(errors)s")
            % {"errors": "; ".join(str(e) for errors in form.errors.values() for e in errors)},
        )
        return redirect("documents:detail", pk=pk)
    try:
        if step == "new-version":
            draft = services.start_new_version(actor=request.user, document=document)
            messages.success(request, str(done))
            return redirect(_version_url(draft) + "edit/")
        if step == "periodic-review":
            services.record_periodic_review(
                actor=request.user, document=document, notes=form.cleaned_data["notes"]
            )
        else:
            services.withdraw(
                actor=request.user, document=document, reason=form.cleaned_data["reason"]
            )
    except Denied as exc:
        raise PermissionDenied(str(exc)) from exc
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, str(done))
    return redirect("documents:detail", pk=pk)


# --- versions -------------------------------------------------------------------------------


def _version_context(request, document, version, **forms) -> dict:
    user = request.user
    lock = {"version": version.lock_version}
    my_review = next((r for r in version.review_requests.all() if r.reviewer_id == user.pk), None)
    context = {
        "document": document,
        "version": version,
        "body_html": controlled.render_body(version.body),
        "files": attachments_of(version),
        "transitions": version.transitions.select_related("actor"),
        "reviews": version.review_requests.all(),
        "can_edit": policies.can_edit_draft(user, version),
        "can_submit_review": policies.can_edit_draft(user, version),
        "can_submit_approval": version.status == V.IN_REVIEW
        and user.pk in (version.author_id, document.owner_id),
        "can_review": version.status == V.IN_REVIEW and my_review is not None,
        "can_approve": version.status == V.AWAITING_APPROVAL
        and policies.can_approve(user, version),
        "can_reject": version.status in (V.IN_REVIEW, V.AWAITING_APPROVAL)
        and (
            access.has_role(user, document.doc_type.approver_role)
            or policies.can_manage_document(user, document)
        ),
        "can_acknowledge": version.status == V.IN_FORCE
        and services.recipients(document).filter(pk=user.pk).exists(),
        "acknowledged": version.acknowledgements.filter(user=user).exists(),
        "my_review": my_review,
        "submit_review_form": SubmitReviewForm(initial=lock),
        "review_form": ReviewForm(),
        "submit_approval_form": PlainVersionForm(initial=lock),
        "approve_form": ApproveForm(initial=lock),
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
    document, version = _get_version_for_user(request, pk, number)
    return render(
        request, "documents/version_detail.html", _version_context(request, document, version)
    )


VERSION_STEPS = {
    "submit-review": (SubmitReviewForm, gettext_lazy("Sent to the reviewers.")),
    "review": (ReviewForm, gettext_lazy("Your review is recorded.")),
    "submit-approval": (PlainVersionForm, gettext_lazy("Sent for approval.")),
    "approve": (ApproveForm, gettext_lazy("Approved.")),
    "reject": (RejectForm, gettext_lazy("Returned to the author as a draft.")),
}


@login_required
@require_POST
def version_step(request: HttpRequest, pk: int, number: int, step: str) -> HttpResponse:
    document, version = _get_version_for_user(request, pk, number)
    if step == "acknowledge":
        try:
            services.acknowledge(actor=request.user, version=version)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Thank you: your confirmation is recorded."))
        # Back to where the button was (the reading list), but never off this site.
        back = request.POST.get("next", "")
        safe = url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
        return redirect(back if back and safe else _version_url(version))
    if step not in VERSION_STEPS:
        raise Http404
    form_class, done = VERSION_STEPS[step]
    form = form_class(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        lock = data.pop("version", None)
        try:
            if step == "submit-review":
                services.submit_for_review(
                    actor=request.user,
                    version=version,
                    expected_version=lock,
                    reviewers=list(data["reviewers"]),
                )
            elif step == "review":
                services.record_review(
                    actor=request.user,
                    version=version,
                    agreed=data["agreed"],
                    comment=data["comment"],
                )
            elif step == "submit-approval":
                services.submit_for_approval(
                    actor=request.user, version=version, expected_version=lock
                )
            elif step == "approve":
                services.approve(
                    actor=request.user,
                    version=version,
                    expected_version=lock,
                    effective_date=data["effective_date"],
                )
            else:
                services.reject(
                    actor=request.user,
                    version=version,
                    expected_version=lock,
                    reason=data["reason"],
                )
        except Conflict as exc:
            form.add_error(None, str(exc))
        except Denied as exc:
            raise PermissionDenied(str(exc)) from exc
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, str(done))
            return redirect(_version_url(version))
    version.refresh_from_db()
    key = step.replace("-", "_") + "_form"
    context = _version_context(request, document, version, **{key: form})
    context["open_panel"] = step
    return render(request, "documents/version_detail.html", context, status=400)


@login_required
def version_edit(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    document, version = _get_version_for_user(request, pk, number)
    if not policies.can_edit_draft(request.user, version):
        raise PermissionDenied(
            _("Only the author or the owner of the document edits its draft, and only a draft.")
        )
    form = DraftForm(
        request.POST or None,
        initial={
            "body": version.body,
            "change_summary": version.change_summary,
            "version": version.lock_version,
        },
    )
    file_form = FileForm()
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.update_draft(
                actor=request.user,
                version=version,
                expected_version=form.cleaned_data["version"],
                body=form.cleaned_data["body"],
                change_summary=form.cleaned_data["change_summary"],
            )
        except Conflict as exc:
            conflict = exc.current
            data = request.POST.copy()
            data["version"] = conflict.lock_version
            form = DraftForm(data)
            form.is_valid()
            form.add_error(None, str(exc))
        except (Denied, ValidationError) as exc:
            form.add_error(None, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, _("Draft saved."))
            return redirect(_version_url(version) + "edit/")
    return render(
        request,
        "documents/version_edit.html",
        {
            "document": document,
            "version": version,
            "form": form,
            "file_form": file_form,
            "files": attachments_of(version),
            "conflict": conflict,
        },
    )


@login_required
@require_POST
def version_file(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    document, version = _get_version_for_user(request, pk, number)
    if not policies.can_edit_draft(request.user, version):
        raise PermissionDenied(
            _("Only the author or the owner of the document edits its draft, and only a draft.")
        )
    remove = request.POST.get("remove")
    try:
        if remove:
            attachment = get_object_or_404(Attachment, pk=remove)
            services.remove_file(actor=request.user, version=version, attachment=attachment)
            messages.success(request, _("File removed."))
        else:
            file_form = FileForm(request.POST, request.FILES)
            if not file_form.is_valid():
                raise ValidationError(file_form.errors.get("file") or _("Choose a file."))
            services.add_file(
                actor=request.user,
                version=version,
                upload=file_form.cleaned_data["file"],
                description=file_form.cleaned_data["description"],
            )
            messages.success(request, _("File attached; its text is now searchable."))
    except Denied as exc:
        raise PermissionDenied(str(exc)) from exc
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(_version_url(version) + "edit/")


@login_required
def version_pdf(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    document, version = _get_version_for_user(request, pk, number)
    try:
        pdf = controlled.controlled_copy(version)
    except ValueError as exc:
        messages.error(request, str(exc))
        return redirect(_version_url(version))
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
    rows = RecordType.objects.select_related("keeper_unit").prefetch_related(
        "defined_by", "clauses"
    )
    return render(request, "documents/records.html", {"records": rows})
