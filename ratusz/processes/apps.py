from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcessesConfig(AppConfig):
    name = "ratusz.processes"
    label = "processes"
    verbose_name = _("Processes")

    def ready(self) -> None:
        from ratusz.processes import policies, search

        policies.register()
        search.register()
