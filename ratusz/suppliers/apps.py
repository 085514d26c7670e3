from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SuppliersConfig(AppConfig):
    name = "ratusz.suppliers"
    label = "suppliers"
    verbose_name = _("Contractors and contracts")

    def ready(self) -> None:
        from ratusz.core import notifications
        from ratusz.suppliers import policies
        from ratusz.suppliers.daily import MESSAGES

        policies.register()
        for kind, template in MESSAGES.items():
            notifications.register(kind, template)
