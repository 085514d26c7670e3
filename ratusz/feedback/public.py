"""The residents' sections of the public portal: sending a complaint, motion, petition or
request, checking its status, the figures, petitions, accessibility and personal data."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from ratusz.core.plugins import PublicSection


def sections() -> list[PublicSection]:
    return [
        PublicSection(
            title=_("Quality policy and certificate"),
            summary=_(
                "The quality policy in force and the status of the office's ISO 9001 "
                "certificate: the certification body, its number, validity and next audit."
            ),
            url=reverse("residents:quality"),
            order=5,
        ),
        PublicSection(
            title=_("Send a complaint, motion, petition or request"),
            summary=_(
                "Write to the office without signing in; you get a number and a code to "
                "check the state of your submission and its deadline."
            ),
            url=reverse("residents:send"),
            order=10,
        ),
        PublicSection(
            title=_("Check the status of your submission"),
            summary=_("With the number and the code from your receipt."),
            url=reverse("residents:status"),
            order=11,
        ),
        PublicSection(
            title=_("Complaints and motions in figures"),
            summary=_(
                "How many arrive, of which kind, and how many are answered on time; open data as CSV."
            ),
            url=reverse("residents:statistics"),
            order=60,
        ),
        PublicSection(
            title=_("Petitions"),
            summary=_("Petitions to the office, published as the petitions act requires."),
            url=reverse("residents:petitions"),
            order=61,
        ),
        PublicSection(
            title=_("Accessibility statement"),
            summary=_(
                "How accessible this website is, and how to ask for content to be made accessible."
            ),
            url=reverse("residents:accessibility"),
            order=90,
        ),
        PublicSection(
            title=_("Personal data (GDPR information clause)"),
            summary=_(
                "Who processes your data when you write to the office, why and for how long."
            ),
            url=reverse("residents:privacy"),
            order=91,
        ),
    ]
