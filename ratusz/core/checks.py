"""Ratusz's own checks of a production configuration (`ratusz check --deploy`)."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.utils.translation import gettext_lazy as _


@register(Tags.security, deploy=True)
def secret_key_is_set(app_configs, **kwargs) -> list[Warning]:
    if settings.SECRET_KEY_FROM_ENVIRONMENT:
        return []
    return [
        Warning(
            _("SECRET_KEY is not set: a development key from the data directory is used."),
            hint=_(
                "Set SECRET_KEY in the environment file of the service to 50 random "
                "characters, kept out of the data directory and its backups."
            ),
            id="ratusz.W001",
        )
    ]
