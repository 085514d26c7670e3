"""Survey pages measured by `ratusz bench`: the results of the largest survey and the
public answering form."""

from __future__ import annotations

from ratusz.surveys.models import Survey


def _largest(kind: str) -> str:
    survey = Survey.objects.exclude(status=Survey.Status.DRAFT).order_by("-opens_on").first()
    if survey is None:
        return "/surveys/"
    return (
        f"/surveys/{survey.pk}/results/" if kind == "results" else f"/public/surveys/{survey.pk}/"
    )


PAGES = [
    ("Surveys", lambda: "/surveys/", 100),
    ("Survey results", lambda: _largest("results"), 400),
    ("Public survey form", lambda: _largest("form"), 100),
]
