"""Errors that services raise and views and the API turn into messages."""

from __future__ import annotations

from django.utils.translation import gettext as _


class Denied(PermissionError):
    """The actor may not do this; the message says why.

    `field` names the form field the refusal is about (e.g. a unit the actor
    does not run): a form shows the message there instead of refusing the page.
    """

    def __init__(self, message: str = "", *, field: str | None = None) -> None:
        self.field = field
        super().__init__(message)


class Conflict(Exception):
    """Someone else saved the record after the actor loaded it."""

    def __init__(self, current: object, message: str | None = None) -> None:
        self.current = current
        super().__init__(
            message
            or _(
                "Someone else saved this record while you were editing it. "
                "Your changes were not saved: compare them with the current version below "
                "and save again."
            )
        )
