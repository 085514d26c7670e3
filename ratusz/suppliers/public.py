"""The residents' section of the public portal: public investments."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from ratusz.core.plugins import PublicSection


def sections() -> list[PublicSection]:
    return [
        PublicSection(
            title=_("Public investments"),
            summary=_(
                "Contracts for public works: how late they are and which contractual "
                "penalties are due, charged and waived."
            ),
            url=reverse("investments:list"),
            order=50,
        )
    ]
