from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ObjectivesConfig(AppConfig):
    name = "ratusz.objectives"
    label = "objectives"
    verbose_name = _("Quality objectives")

    def ready(self) -> None:
        from ratusz.core import notifications
        from ratusz.objectives import policies
        from ratusz.objectives.daily import MESSAGES

        policies.register()
        for kind, template in MESSAGES.items():
            notifications.register(kind, template)
