"""Pages of competence, training and resources. Each view: access helper → form
or service → render or redirect."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from ratusz.competence import forms as f
from ratusz.competence import policies, selectors, services
from ratusz.competence.filters import MatrixFilter, TrainingFilter
from ratusz.competence.models import (
    Assessment,
    Attendance,
    CommunicationEntry,
    Competence,
    CompetenceRecord,
    InductionItem,
    Participation,
    Position,
    Question,
    Resource,
    Training,
)
from ratusz.core import access
from ratusz.core.errors import Conflict
from ratusz.core.forms import service_kwargs, submit
from ratusz.core.listing import export_name, paginate, render_list, xlsx_response
from ratusz.core.models import User
from ratusz.lib import spreadsheet

PER_PAGE = 30


def _form_page(request, form, *, title, back, lead="", conflict=None, button=None) -> HttpResponse:
    return render(
        request,
        "competence/form.html",
        {
            "form": form,
            "title": title,
            "back": back,
            "lead": lead,
            "conflict": conflict,
            "button": button or _("Save"),
        },
    )


# --- the matrix and people ------------------------------------------------------------


def _matrix_filters(request):
    return MatrixFilter(
        request.GET, queryset=selectors.people_list(user=request.user), request=request
    )


@login_required
def matrix(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    filters = _matrix_filters(request)
    page, query = paginate(request, filters.qs, PER_PAGE)
    today = timezone.localdate()
    built = selectors.build_rows(list(page.object_list), today=today)
    template = "competence/matrix.html"
    if request.htmx and request.htmx.target == "matrix-results":
        template += "#results"
    return render(
        request,
        template,
        {
            "form": filters.form,
            "page": page,
            "query": query,
            "matrix": built,
            "can_plan": policies.can_manage_positions(request.user),
        },
    )


@login_required
def matrix_export(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    filters = _matrix_filters(request)
    people = list(filters.qs[:5000])
    built = selectors.build_rows(people, today=timezone.localdate())
    labels = {
        "held": pgettext("competence", "held"),
        "expiring": _("expiring"),
        "expired": _("expired"),
        "missing": _("missing"),
    }
    headers = [_("Person"), _("Org unit"), _("Position"), *[c.name for c in built.competences]]
    rows = []
    for row in built.rows:
        cells = []
        for cell in row.cells:
            if not cell.required and cell.state == "missing":
                cells.append("")
                continue
            text = str(labels[cell.state])
            if cell.record and cell.record.expires_on:
                text += f" ({cell.record.expires_on.isoformat()})"
            if cell.is_gap and cell.planned:
                text += " — " + _("planned")
            cells.append(text)
        rows.append(
            [
                str(row.person),
                row.person.org_unit.name if row.person.org_unit else "",
                row.position.name if row.position else "",
                *cells,
            ]
        )
    content = spreadsheet.table(_("Competence matrix"), headers, rows)
    return xlsx_response(content, export_name("competence-matrix"))


def _get_person(request: HttpRequest, pk: int) -> User:
    person = selectors.person_detail(user=request.user, pk=pk)
    if person is None:
        raise Http404(_("No such person, or their records are not visible to you."))
    return person


@login_required
def person(request: HttpRequest, pk: int) -> HttpResponse:
    person = _get_person(request, pk)
    can_manage = policies.can_manage_person(request.user, person)
    context = {
        "person": person,
        "page": selectors.person_page(person),
        "can_manage": can_manage,
        "year": timezone.localdate().year,
        "today": timezone.localdate(),
        "induction_form": f.InductionStepForm() if can_manage else None,
    }
    if can_manage and person.org_unit_id:
        context["placement_form"] = f.PlacementForm(
            positions=Position.objects.filter(is_active=True).select_related("org_unit"),
            initial={"since": timezone.localdate()},
        )
    return render(request, "competence/person.html", context)


@login_required
@require_POST
def person_place(request: HttpRequest, pk: int) -> HttpResponse:
    person = _get_person(request, pk)
    if not policies.can_manage_person(request.user, person):
        raise PermissionDenied(_("You can place only the people of the units you run."))
    form = f.PlacementForm(request.POST, positions=Position.objects.filter(is_active=True))
    if form.is_valid():
        done = submit(
            form,
            lambda: services.place_person(
                actor=request.user, person=person, **service_kwargs(form)
            ),
        )
        if done is not None:
            messages.success(request, _("Position saved."))
            return redirect("competence:person", pk=person.pk)
    for error in form.errors.values():
        messages.error(request, " ".join(error))
    return redirect("competence:person", pk=person.pk)


@login_required
def record_create(request: HttpRequest, pk: int) -> HttpResponse:
    person = _get_person(request, pk)
    if not policies.can_manage_person(request.user, person):
        raise PermissionDenied(
            _("Only the head of the person's unit, the quality manager or HR records competences.")
        )
    form = f.RecordForm(
        request.POST or None,
        request.FILES or None,
        initial={"competence": request.GET.get("competence")},
    )
    if request.method == "POST" and form.is_valid():
        record = submit(
            form,
            lambda: services.create_record(
                actor=request.user, person=person, **service_kwargs(form)
            ),
        )
        if record is not None:
            messages.success(request, _("Competence recorded."))
            return redirect("competence:person", pk=person.pk)
    return _form_page(
        request,
        form,
        title=_("Record a competence of %(p)s") % {"p": person},
        back=reverse("competence:person", args=[person.pk]),
    )


def _get_record(request: HttpRequest, pk: int) -> CompetenceRecord:
    record = selectors.record_detail(user=request.user, pk=pk)
    if record is None:
        raise Http404(_("No such record, or it is not visible to you."))
    return record


@login_required
def record_edit(request: HttpRequest, pk: int) -> HttpResponse:
    record = _get_record(request, pk)
    if not policies.can_change_record(request.user, record):
        raise PermissionDenied(
            _("Only the head of the person's unit, the quality manager or HR records competences.")
        )
    initial = {
        "issued_on": record.issued_on,
        "expires_on": record.expires_on,
        "evidence": record.evidence,
        "version": record.version,
    }
    form = f.RecordEditForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form,
            lambda: services.update_record(
                actor=request.user, record=record, **service_kwargs(form)
            ),
        )
        if saved is not None:
            messages.success(request, _("Saved."))
            return redirect("competence:person", pk=record.person_id)
    return _form_page(
        request,
        form,
        title=_("%(c)s of %(p)s") % {"c": record.competence, "p": record.person},
        back=reverse("competence:person", args=[record.person_id]),
        conflict=getattr(form, "conflict", None),
    )


@login_required
@require_POST
def plan_for_person(request: HttpRequest, pk: int) -> HttpResponse:
    person = _get_person(request, pk)
    form = f.PlanForm(request.POST)
    if form.is_valid():
        item = submit(
            form,
            lambda: services.plan_training(
                actor=request.user, person=person, **service_kwargs(form)
            ),
        )
        if item is not None:
            messages.success(
                request,
                _("%(c)s is on the %(y)d training plan.") % {"c": item.competence, "y": item.year},
            )
            return redirect("competence:person", pk=pk)
    for error in form.errors.values():
        messages.error(request, " ".join(error))
    return redirect("competence:person", pk=person.pk)


@login_required
@require_POST
def induction_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = _get_person(request, pk)
    form = f.InductionStepForm(request.POST)
    if form.is_valid():
        item = submit(
            form,
            lambda: services.add_induction_step(
                actor=request.user, person=person, **service_kwargs(form)
            ),
        )
        if item is not None:
            messages.success(request, _("Induction step added."))
            return redirect("competence:person", pk=person.pk)
    for error in form.errors.values():
        messages.error(request, " ".join(error))
    return redirect("competence:person", pk=person.pk)


@login_required
@require_POST
def induction_done(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(InductionItem.objects.select_related("person"), pk=pk)
    person = _get_person(request, item.person_id)
    form = f.InductionDoneForm(request.POST)
    if form.is_valid():
        done = submit(
            form,
            lambda: services.complete_induction_step(
                actor=request.user, item=item, **service_kwargs(form)
            ),
        )
        if done is not None:
            messages.success(request, _("Induction step done."))
            return redirect("competence:person", pk=person.pk)
    for error in form.errors.values():
        messages.error(request, " ".join(error))
    return redirect("competence:person", pk=person.pk)


# --- catalogue --------------------------------------------------------------------------


@login_required
def competence_list(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    return render(
        request,
        "competence/competence_list.html",
        {
            "competences": selectors.competence_list(user=request.user),
            "can_manage": policies.can_manage_catalogue(request.user),
        },
    )


@login_required
def competence_create(request: HttpRequest) -> HttpResponse:
    if not policies.can_manage_catalogue(request.user):
        raise PermissionDenied(_("Only the quality manager or HR keeps the list of competences."))
    form = f.CompetenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form,
            lambda: services.create_competence(actor=request.user, **service_kwargs(form)),
        )
        if saved is not None:
            messages.success(request, _("Competence added."))
            return redirect("competence:competences")
    return _form_page(
        request, form, title=_("Add a competence"), back=reverse("competence:competences")
    )


@login_required
def competence_edit(request: HttpRequest, pk: int) -> HttpResponse:
    access.require_staff(request)
    competence = get_object_or_404(Competence, pk=pk)
    if not policies.can_manage_catalogue(request.user):
        raise PermissionDenied(_("Only the quality manager or HR keeps the list of competences."))
    initial = {name: getattr(competence, name) for name in services.COMPETENCE_FIELDS} | {
        "version": competence.version
    }
    form = f.CompetenceEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form,
            lambda: services.update_competence(
                actor=request.user, competence=competence, **service_kwargs(form)
            ),
        )
        if saved is not None:
            messages.success(request, _("Saved."))
            return redirect("competence:competences")
    return _form_page(
        request,
        form,
        title=str(competence),
        back=reverse("competence:competences"),
        conflict=getattr(form, "conflict", None),
    )


@login_required
def position_list(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    return render(
        request,
        "competence/position_list.html",
        {
            "positions": selectors.position_list(user=request.user),
            "can_create": policies.can_manage_positions(request.user),
        },
    )


@login_required
def position_create(request: HttpRequest) -> HttpResponse:
    if not policies.can_manage_positions(request.user):
        raise PermissionDenied(_("You can add positions only in the units you run."))
    form = f.PositionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form,
            lambda: services.create_position(actor=request.user, **service_kwargs(form)),
        )
        if saved is not None:
            messages.success(request, _("Position added."))
            return redirect(saved)
    return _form_page(
        request, form, title=_("Add a position"), back=reverse("competence:positions")
    )


def _get_position(request: HttpRequest, pk: int) -> Position:
    position = selectors.position_detail(user=request.user, pk=pk)
    if position is None:
        raise Http404(_("No such position."))
    return position


@login_required
def position_detail(request: HttpRequest, pk: int) -> HttpResponse:
    position = _get_position(request, pk)
    holders = policies.people_visible_to(
        request.user, selectors.staff().filter(placement__position=position)
    ).select_related("org_unit", "placement__position")
    return render(
        request,
        "competence/position_detail.html",
        {
            "position": position,
            "matrix": selectors.build_rows(list(holders[:100]), today=timezone.localdate()),
            "can_edit": policies.can_manage_positions(request.user, position.org_unit),
        },
    )


@login_required
def position_edit(request: HttpRequest, pk: int) -> HttpResponse:
    position = _get_position(request, pk)
    if not policies.can_manage_positions(request.user, position.org_unit):
        raise PermissionDenied(_("You can change positions only in the units you run."))
    initial = {
        "name": position.name,
        "org_unit": position.org_unit_id,
        "description": position.description,
        "competences": [c.pk for c in position.competences.all()],
        "is_active": position.is_active,
        "version": position.version,
    }
    form = f.PositionEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form,
            lambda: services.update_position(
                actor=request.user, position=position, **service_kwargs(form)
            ),
        )
        if saved is not None:
            messages.success(request, _("Saved."))
            return redirect(saved)
    return _form_page(
        request,
        form,
        title=str(position),
        back=position.get_absolute_url(),
        conflict=getattr(form, "conflict", None),
    )


# --- training plan and trainings ---------------------------------------------------------


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = timezone.localdate().year
    return year if 1990 <= year <= 2100 else timezone.localdate().year


@login_required
def plan(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    year = _year(request)
    items = selectors.plan_list(user=request.user, year=year)
    page, query = paginate(request, items, 50)
    return render(
        request,
        "competence/plan.html",
        {
            "year": year,
            "page": page,
            "query": query,
            "progress": selectors.plan_progress(items),
            "can_plan": policies.can_manage_positions(request.user),
            "gaps_form": f.PlanGapsForm(initial={"year": year}),
        },
    )


@login_required
@require_POST
def plan_gaps(request: HttpRequest) -> HttpResponse:
    if not policies.can_manage_positions(request.user):
        raise PermissionDenied(_("Only heads of unit, the quality manager or HR plan trainings."))
    form = f.PlanGapsForm(request.POST)
    if form.is_valid():
        made = submit(form, lambda: services.plan_gaps(actor=request.user, **service_kwargs(form)))
        if made is not None:
            messages.success(request, _("Gaps put on the plan: %(n)d.") % {"n": made})
            return redirect(reverse("competence:plan") + f"?year={form.cleaned_data['year']}")
    for error in form.errors.values():
        messages.error(request, " ".join(error))
    return redirect("competence:plan")


@login_required
def training_list(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    filters = TrainingFilter(
        request.GET, queryset=selectors.training_list(user=request.user), request=request
    )
    return render_list(
        request,
        filters,
        "competence/training_list.html",
        target="training-results",
        per_page=PER_PAGE,
        can_create=policies.can_manage_trainings(request.user),
    )


@login_required
def training_create(request: HttpRequest) -> HttpResponse:
    if not policies.can_manage_trainings(request.user):
        raise PermissionDenied(_("You can plan trainings only for the units you run."))
    initial = {"hours": 1, "evaluate_after_days": 30}
    if request.GET.get("competence", "").isdigit():
        initial["competence"] = int(request.GET["competence"])
    if request.GET.get("person", "").isdigit():
        initial["attendees"] = [int(request.GET["person"])]
    form = f.TrainingForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form, lambda: services.create_training(actor=request.user, **service_kwargs(form))
        )
        if saved is not None:
            messages.success(request, _("Training added."))
            return redirect(saved)
    return _form_page(
        request, form, title=_("Add a training"), back=reverse("competence:trainings")
    )


def _get_training(request: HttpRequest, pk: int) -> Training:
    training = selectors.training_detail(user=request.user, pk=pk)
    if training is None:
        raise Http404(_("No such training."))
    return training


@login_required
def training_detail(request: HttpRequest, pk: int) -> HttpResponse:
    training = _get_training(request, pk)
    attendances = selectors.training_attendances(training, user=request.user)
    can_manage = policies.can_manage_training(request.user, training)
    today = timezone.localdate()
    context = {
        "training": training,
        "attendances": attendances,
        "can_manage": can_manage,
        "evaluation_open": today >= training.evaluation_due,
        "today": today,
    }
    if can_manage:
        people = User.objects.filter(pk__in=[a.person_id for a in attendances])
        context["attendance_form"] = f.AttendanceForm(
            people=people,
            initial={
                "attended": [a.person_id for a in attendances if a.attended],
                "version": training.version,
            },
        )
    return render(request, "competence/training_detail.html", context)


@login_required
@require_POST
def training_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    training = _get_training(request, pk)
    if not policies.can_manage_training(request.user, training):
        raise PermissionDenied(_("Only whoever organises the training records attendance."))
    people = User.objects.filter(attendances__training=training)
    form = f.AttendanceForm(request.POST, people=people)
    if form.is_valid():
        saved = submit(
            form,
            lambda: services.record_attendance(
                actor=request.user, training=training, **service_kwargs(form)
            ),
        )
        if saved is not None:
            messages.success(request, _("Attendance recorded."))
            return redirect(training)
    for error in form.errors.values():
        messages.error(request, " ".join(error))
    return redirect(training)


@login_required
@require_POST
def evaluate(request: HttpRequest, pk: int) -> HttpResponse:
    attendance = get_object_or_404(Attendance.objects.select_related("training", "person"), pk=pk)
    if not access.is_staff_member(request.user):
        raise PermissionDenied
    if not policies.can_manage_training(request.user, attendance.training):
        raise PermissionDenied(_("Only whoever organises the training evaluates it."))
    form = f.EvaluationForm(request.POST)
    if form.is_valid():
        saved = submit(
            form,
            lambda: services.evaluate_attendance(
                actor=request.user, attendance=attendance, **service_kwargs(form)
            ),
        )
        if saved is not None:
            messages.success(request, _("Evaluation saved."))
            return redirect(attendance.training)
    for error in form.errors.values():
        messages.error(request, " ".join(error))
    return redirect(attendance.training)


@login_required
def awareness(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    return render(request, "competence/awareness.html", {"units": selectors.awareness_by_unit()})


# --- communication and resources ----------------------------------------------------------


@login_required
def communication(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    return render(
        request,
        "competence/communication.html",
        {
            "entries": selectors.communication_list(user=request.user),
            "can_manage": policies.can_manage_resources(request.user),
        },
    )


@login_required
def communication_create(request: HttpRequest) -> HttpResponse:
    if not policies.can_manage_resources(request.user):
        raise PermissionDenied(_("Only the quality manager keeps the communication plan."))
    form = f.CommunicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form, lambda: services.create_communication(actor=request.user, **service_kwargs(form))
        )
        if saved is not None:
            messages.success(request, _("Saved."))
            return redirect("competence:communication")
    return _form_page(
        request,
        form,
        title=_("Add to the communication plan"),
        back=reverse("competence:communication"),
    )


@login_required
def communication_edit(request: HttpRequest, pk: int) -> HttpResponse:
    access.require_staff(request)
    entry = get_object_or_404(CommunicationEntry, pk=pk)
    if not policies.can_manage_resources(request.user):
        raise PermissionDenied(_("Only the quality manager keeps the communication plan."))
    initial = {n: getattr(entry, n) for n in services.COMMUNICATION_FIELDS} | {
        "version": entry.version
    }
    form = f.CommunicationEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form,
            lambda: services.update_communication(
                actor=request.user, entry=entry, **service_kwargs(form)
            ),
        )
        if saved is not None:
            messages.success(request, _("Saved."))
            return redirect("competence:communication")
    return _form_page(
        request,
        form,
        title=str(entry),
        back=reverse("competence:communication"),
        conflict=getattr(form, "conflict", None),
    )


@login_required
def resource_list(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    return render(
        request,
        "competence/resource_list.html",
        {
            "resources": selectors.resource_list(user=request.user),
            "can_manage": policies.can_manage_resources(request.user),
            "today": timezone.localdate(),
        },
    )


@login_required
def resource_create(request: HttpRequest) -> HttpResponse:
    if not policies.can_manage_resources(request.user):
        raise PermissionDenied(_("Only the quality manager keeps the list of resources."))
    form = f.ResourceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form, lambda: services.create_resource(actor=request.user, **service_kwargs(form))
        )
        if saved is not None:
            messages.success(request, _("Saved."))
            return redirect(saved)
    return _form_page(
        request, form, title=_("Add a resource"), back=reverse("competence:resources")
    )


@login_required
def resource_detail(request: HttpRequest, pk: int) -> HttpResponse:
    access.require_staff(request)
    resource = get_object_or_404(Resource.objects.select_related("owner", "org_unit"), pk=pk)
    if not policies.can_manage_resources(request.user):
        return render(request, "competence/resource_detail.html", {"resource": resource})
    initial = {n: getattr(resource, n) for n in services.RESOURCE_FIELDS} | {
        "owner": resource.owner_id,
        "org_unit": resource.org_unit_id,
        "version": resource.version,
    }
    form = f.ResourceEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form,
            lambda: services.update_resource(
                actor=request.user, resource=resource, **service_kwargs(form)
            ),
        )
        if saved is not None:
            messages.success(request, _("Saved."))
            return redirect(saved)
    return _form_page(
        request,
        form,
        title=str(resource),
        back=reverse("competence:resources"),
        conflict=getattr(form, "conflict", None),
    )


# --- the self-assessment ----------------------------------------------------------------


def _assessment_form_page(request, form, *, title, back, lead="") -> HttpResponse:
    return _form_page(request, form, title=title, back=back, lead=lead)


@login_required
def assessment_list(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    items = list(selectors.assessment_list())
    mine = set(
        Participation.objects.filter(person=request.user).values_list("assessment_id", flat=True)
    )
    return render(
        request,
        "competence/assessment_list.html",
        {
            "assessments": [(a, a.pk in mine, policies.can_answer(request.user, a)) for a in items],
            "can_manage": policies.can_manage_assessments(request.user),
        },
    )


@login_required
def assessment_create(request: HttpRequest) -> HttpResponse:
    if not policies.can_manage_assessments(request.user):
        raise PermissionDenied(_("Only the quality manager runs the self-assessment."))
    form = f.AssessmentForm(
        request.POST or None, initial={"year": timezone.localdate().year, "kind": "control"}
    )
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form, lambda: services.start_assessment(actor=request.user, **service_kwargs(form))
        )
        if saved is not None:
            messages.success(request, _("The questionnaire is open."))
            return redirect(saved)
    return _form_page(
        request,
        form,
        title=_("Open a questionnaire"),
        back=reverse("competence:assessments"),
        lead=_(
            "The questions are copied from last year's questionnaire of the same kind, or from "
            "the set the system ships the first time. They are the office's own and can be "
            "changed until the first answer."
        ),
    )


@login_required
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    access.require_staff(request)
    assessment = get_object_or_404(Assessment, pk=pk)
    can_results = policies.can_view_results(request.user)
    answered = Participation.objects.filter(assessment=assessment, person=request.user).exists()
    return render(
        request,
        "competence/assessment_detail.html",
        {
            "assessment": assessment,
            "questions": assessment.questions.all(),
            "results": selectors.assessment_results(assessment) if can_results else None,
            "can_manage": policies.can_manage_assessments(request.user),
            "can_answer": policies.can_answer(request.user, assessment)
            and not answered
            and assessment.status == Assessment.Status.OPEN,
            "answered": answered,
            "iso": assessment.kind == Assessment.Kind.ISO18091,
        },
    )


@login_required
def assessment_answer(request: HttpRequest, pk: int) -> HttpResponse:
    access.require_staff(request)
    assessment = get_object_or_404(Assessment, pk=pk)
    if not policies.can_answer(request.user, assessment):
        raise PermissionDenied(_("This questionnaire is not for you."))
    role = services.role_in(assessment, request.user)
    form = f.AnswerForm(
        request.POST or None,
        questions=policies.questions_for(assessment, role),
        iso=assessment.kind == Assessment.Kind.ISO18091,
    )
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form,
            lambda: services.answer(
                actor=request.user, assessment=assessment, answers=form.answers()
            ),
        )
        if saved is not None:
            messages.success(request, _("Thank you. Your answers are saved without your name."))
            return redirect(assessment)
    small = role == "staff" and services.unit_is_too_small(request.user.org_unit)
    return render(
        request,
        "competence/assessment_answer.html",
        {"assessment": assessment, "form": form, "role": role, "small_unit": small},
    )


@login_required
def question_create(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_object_or_404(Assessment, pk=pk)
    return _question_page(request, assessment, None)


@login_required
def question_edit(request: HttpRequest, pk: int) -> HttpResponse:
    question = get_object_or_404(Question.objects.select_related("assessment"), pk=pk)
    return _question_page(request, question.assessment, question)


def _question_page(request, assessment, question) -> HttpResponse:
    if not policies.can_manage_assessments(request.user):
        raise PermissionDenied(_("Only the quality manager runs the self-assessment."))
    initial = (
        {"group": question.group, "text": question.text, "audience": question.audience}
        if question
        else {"audience": "all"}
    )
    form = f.QuestionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form,
            lambda: services.save_question(
                actor=request.user, assessment=assessment, question=question, **form.cleaned_data
            ),
        )
        if saved is not None:
            messages.success(request, _("Saved."))
            return redirect(assessment)
    return _form_page(
        request,
        form,
        title=_("Change a question") if question else _("Add a question"),
        back=assessment.get_absolute_url(),
    )


@login_required
@require_POST
def assessment_close(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_object_or_404(Assessment, pk=pk)
    if not policies.can_manage_assessments(request.user):
        raise PermissionDenied(_("Only the quality manager runs the self-assessment."))
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = None
    try:
        services.close_assessment(
            actor=request.user, assessment=assessment, expected_version=version
        )
        messages.success(request, _("The questionnaire is closed."))
    except Conflict:
        messages.error(request, _("Someone else changed the questionnaire first. Try again."))
    return redirect(assessment)


@login_required
def assessment_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    access.require_staff(request)
    assessment = get_object_or_404(Assessment, pk=pk)
    if not policies.can_view_results(request.user):
        raise PermissionDenied(_("The results are read by the quality manager and the heads."))
    from ratusz.competence.assessment_report import summary_pdf

    response = HttpResponse(summary_pdf(assessment), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="self-assessment-{assessment.year}.pdf"'
    return response


def _weakness_page(request, pk: int, to: str) -> HttpResponse:
    access.require_staff(request)
    question = get_object_or_404(Question.objects.select_related("assessment"), pk=pk)
    if not policies.can_view_results(request.user):
        raise PermissionDenied(_("The results are read by the quality manager and the heads."))
    unit = request.user.org_unit
    if to == "risk":
        form_class, service, title = (
            f.WeaknessRiskForm,
            services.weakness_to_risk,
            _("Enter the weakness in the risk register"),
        )
    else:
        form_class, service, title = (
            f.WeaknessActionForm,
            services.weakness_to_action,
            _("Raise an action for the weakness"),
        )
    form = form_class(request.POST or None, initial={"org_unit": unit, "owner": request.user})
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form,
            lambda: service(actor=request.user, question=question, **form.cleaned_data),
        )
        if saved is not None:
            messages.success(request, _("Saved as %(ref)s.") % {"ref": saved})
            return redirect(saved)
    return _form_page(
        request,
        form,
        title=title,
        back=question.assessment.get_absolute_url(),
        lead=question.text,
    )


@login_required
def weakness_action(request: HttpRequest, pk: int) -> HttpResponse:
    return _weakness_page(request, pk, "action")


@login_required
def weakness_risk(request: HttpRequest, pk: int) -> HttpResponse:
    return _weakness_page(request, pk, "risk")
