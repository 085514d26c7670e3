from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetenceConfig(AppConfig):
    name = "ratusz.competence"
    label = "competence"
    verbose_name = _("Competence and resources")

    def ready(self) -> None:
        from ratusz.competence import policies

        policies.register()
