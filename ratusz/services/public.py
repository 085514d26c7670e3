"""The residents' section of the public portal: the catalogue of service cards."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from ratusz.core.plugins import PublicSection


def sections() -> list[PublicSection]:
    return [
        PublicSection(
            title=_("Services: how to get a matter done"),
            summary=_(
                "Service cards: what you need, what it costs, where to apply, how long it "
                "takes and how often the office keeps to the deadline."
            ),
            url=reverse("public_services:catalogue"),
            order=20,
        )
    ]
