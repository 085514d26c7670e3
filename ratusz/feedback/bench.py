"""Pages of residents' feedback to benchmark: the staff register, a submission and the
public statistics."""

from __future__ import annotations

from ratusz.core.plugins import BenchEntry
from ratusz.feedback.models import Submission


def _one() -> str:
    s = Submission.objects.order_by("-pk").only("pk").first()
    return s.get_absolute_url() if s else "/feedback/"


PAGES: list[BenchEntry] = [
    ("feedback: register", lambda: "/feedback/"),
    ("feedback: register, overdue", lambda: "/feedback/?overdue=on"),
    ("feedback: a submission", _one),
    ("feedback: public statistics", lambda: "/public/feedback/statistics/", 200),
]
