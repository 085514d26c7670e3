from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContextConfig(AppConfig):
    name = "ratusz.context"
    label = "context"
    verbose_name = _("Context of the office")

    def ready(self) -> None:
        from ratusz.context import policies

        policies.register()
