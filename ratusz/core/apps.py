from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "ratusz.core"
    label = "core"
    verbose_name = _("Organisation and core")

    def ready(self) -> None:
        from ratusz.core import (  # noqa: F401
            audit,
            checks,
            dates,
            notifications,
            reminders,
            search,
            text,
        )

        dates.install()
        text.connect_signals()  # before the trail's, which logs the cleaned values
        audit.connect_signals()
        search.register_core()
        for kind, template in reminders.NOTIFICATIONS.items():
            notifications.register(kind, template)
