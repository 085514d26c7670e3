"""Pages of the process map: the list, a process, creating and editing one.

Each view: access helper → form or service → render or redirect.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ratusz.core import access
from ratusz.core.forms import service_kwargs, submit
from ratusz.core.listing import render_list
from ratusz.processes import policies, selectors, services
from ratusz.processes.filters import ProcessFilter
from ratusz.processes.forms import ProcessEditForm, ProcessForm
from ratusz.processes.models import Process

PER_PAGE = 30


def _get_process_for_user(request: HttpRequest, pk: int) -> Process:
    process = selectors.process_detail(user=request.user, pk=pk)
    if process is None:
        raise Http404(_("No such process, or it is not visible to you."))
    return process


@login_required
def process_list(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    filters = ProcessFilter(
        request.GET, queryset=selectors.process_list(user=request.user), request=request
    )
    return render_list(
        request,
        filters,
        "processes/process_list.html",
        target="process-results",
        per_page=PER_PAGE,
        can_create=policies.can_create_process(request.user),
    )


@login_required
def process_map(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    process_map = selectors.process_map(user=request.user)
    if process_map is None:
        raise PermissionDenied(_("The process map is for the office's staff."))
    return render(request, "processes/process_map.html", {"map": process_map})


@login_required
def process_create(request: HttpRequest) -> HttpResponse:
    if not policies.can_create_process(request.user):
        raise PermissionDenied(_("Only the quality manager adds processes to the process map."))
    form = ProcessForm(request.POST or None, initial={"risk": Process.Risk.MEDIUM, "kind": "core"})
    if request.method == "POST" and form.is_valid():
        process = submit(
            form, lambda: services.create_process(actor=request.user, **service_kwargs(form))
        )
        if process is not None:
            messages.success(request, _("Process %(code)s added.") % {"code": process.code})
            return redirect("processes:detail", pk=process.pk)
    return render(request, "processes/process_form.html", {"form": form, "process": None})


@login_required
def process_detail(request: HttpRequest, pk: int) -> HttpResponse:
    process = _get_process_for_user(request, pk)
    context = {
        "process": process,
        "page": selectors.process_page(process, user=request.user),
        "can_edit": policies.can_edit_process(request.user, process),
    }
    return render(request, "processes/process_detail.html", context)


def _initial(process: Process) -> dict:
    return {
        "code": process.code,
        "name": process.name,
        "kind": process.kind,
        "owner_unit": process.owner_unit_id,
        "owner": process.owner_id,
        "risk": process.risk,
        "clauses": list(process.clauses.values_list("pk", flat=True)),
        "description": process.description,
        "inputs": process.inputs,
        "outputs": process.outputs,
        "criteria": process.criteria,
        "resources": process.resources,
        "feeds": list(process.feeds.values_list("pk", flat=True)),
        "is_active": process.is_active,
        "version": process.version,
    }


@login_required
def process_edit(request: HttpRequest, pk: int) -> HttpResponse:
    process = _get_process_for_user(request, pk)
    if not policies.can_edit_process(request.user, process):
        raise PermissionDenied(
            _("Only the quality manager or the head of the owner unit changes a process.")
        )
    editable = policies.editable_fields(request.user, process)
    form = ProcessEditForm(
        request.POST or None, initial=_initial(process), process=process, editable=editable
    )
    if request.method == "POST" and form.is_valid():
        data = service_kwargs(form)
        if editable is not None:
            data = {
                name: value
                for name, value in data.items()
                if name in editable or name == "expected_version"
            }
        saved = submit(
            form,
            lambda: services.update_process(actor=request.user, process=process, **data),
        )
        if saved is not None:
            messages.success(request, _("Saved."))
            return redirect(saved)
    context = {
        "form": form,
        "process": process,
        "conflict": form.conflict,
        "limited": editable is not None,
    }
    return render(request, "processes/process_form.html", context)
