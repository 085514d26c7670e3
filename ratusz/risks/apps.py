from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RisksConfig(AppConfig):
    name = "ratusz.risks"
    label = "risks"
    verbose_name = _("Risks and opportunities")

    def ready(self) -> None:
        from ratusz.core import notifications
        from ratusz.risks import policies

        policies.register()
        for kind, template in NOTIFICATIONS.items():
            notifications.register(kind, template)


NOTIFICATIONS = {
    "risk_review_due": _("%(ref)s is due for its review on %(due)s: %(title)s"),
    "risk_review_overdue": _("%(ref)s is past its review date %(due)s: %(title)s"),
}
