"""Readiness of the process map (4.4): the processes are described and owned."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ratusz.core.plugins import AMBER, GREEN, RED, ReadinessRule, Verdict
from ratusz.processes.models import Process
from ratusz.processes.policies import can_create_process, can_edit_process


def _processes(today: date, p: dict) -> Verdict:
    active = Process.objects.filter(is_active=True)
    if not active.exists():
        return Verdict(
            RED, _("No processes are described."), reverse("processes:list"), can_create_process
        )
    orphan = active.filter(owner__isnull=True).order_by("code").first()
    if orphan is not None:
        return Verdict(
            AMBER,
            _("Process %(p)s has no owner.") % {"p": orphan},
            reverse("processes:edit", args=[orphan.pk]),
            lambda user: can_edit_process(user, orphan),
        )
    return Verdict(GREEN, _("%(n)d processes, each with an owner.") % {"n": active.count()})


RULES: list[ReadinessRule] = [
    ReadinessRule("4.4", gettext_lazy("Processes and their owners"), _processes),
]
