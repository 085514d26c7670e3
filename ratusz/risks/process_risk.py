"""Process risk from the register, for the audit programme's proposal (9.2.2 a):
the highest residual level of a process's open risks, brought to the 1–5 scale
of the process's typed-in risk, which stays the fallback for processes the
register has nothing on."""

from __future__ import annotations

import math
from collections.abc import Sequence

from django.utils.translation import gettext as _

from ratusz.core.plugins import ProcessRisk
from ratusz.risks.models import Risk, RiskScale


def to_five(level: int, top: int) -> int:
    """A level on the office's scale (1..top) as 1–5: 25 of 25 is 5, 1 of 25 is 1."""
    return max(1, min(5, math.ceil(level * 5 / max(top, 1))))


def levels(processes: Sequence) -> dict[int, ProcessRisk]:
    """One query for the risks, one for the scale."""
    ids = [p.pk for p in processes]
    top = RiskScale.current().top
    worst: dict[int, Risk] = {}
    rows = (
        Risk.objects.filter(process_id__in=ids, status=Risk.Status.OPEN, kind=Risk.Kind.RISK)
        .only("id", "process_id", "year", "number", "residual_level")
        .order_by("process_id", "-residual_level", "-year", "-number")
    )
    for risk in rows:
        worst.setdefault(risk.process_id, risk)
    return {
        pk: ProcessRisk(
            level=to_five(risk.residual_level, top),
            reason=_("%(ref)s, residual level %(level)s of %(top)s")
            % {"ref": risk.reference, "level": risk.residual_level, "top": top},
        )
        for pk, risk in worst.items()
    }
