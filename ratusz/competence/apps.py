from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetenceConfig(AppConfig):
    name = "ratusz.competence"
    label = "competence"
    verbose_name = _("Competence and resources")

    def ready(self) -> None:
        from ratusz.competence import policies
        from ratusz.competence.daily import MESSAGES
        from ratusz.core import notifications

        policies.register()
        for kind, template in MESSAGES.items():
            notifications.register(kind, template)
