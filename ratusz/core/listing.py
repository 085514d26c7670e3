"""The shape every filtered list page shares: a page of rows, the query string
without the page number (for pagination links), and the results fragment
alone when HTMX asks for it."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.http import HttpRequest


def paginate(request: HttpRequest, rows, per_page: int) -> tuple[Page, str]:
    page = Paginator(rows, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


def list_template(request: HttpRequest, template: str, target: str) -> str:
    """The page, or only its `results` partial for an HTMX request aimed at `target`."""
    if request.htmx and request.htmx.target == target:
        return f"{template}#results"
    return template
