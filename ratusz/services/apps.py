from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "ratusz.services"
    label = "services"
    verbose_name = _("Public services")

    def ready(self) -> None:
        from ratusz.services import jobs, policies

        policies.register()
        jobs.register()
