"""The residents' section of the public portal: open satisfaction surveys."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ratusz.core.plugins import PublicSection
from ratusz.surveys import selectors


def sections() -> list[PublicSection]:
    surveys = selectors.open_surveys()
    if surveys:
        summary = ngettext(
            "Open now: %(titles)s. Anonymous, a few minutes.",
            "Open now: %(titles)s. Anonymous, a few minutes each.",
            len(surveys),
        ) % {"titles": "; ".join(s.title for s in surveys)}
    else:
        summary = _("No survey is open at the moment.")
    return [
        PublicSection(
            title=_("Satisfaction surveys"),
            summary=summary,
            url=reverse("public_surveys:list"),
            order=40,
        )
    ]
