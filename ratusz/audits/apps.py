from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditsConfig(AppConfig):
    name = "ratusz.audits"
    label = "audits"
    verbose_name = _("Internal audits")

    def ready(self) -> None:
        from ratusz.audits import policies, search
        from ratusz.core import notifications

        policies.register()
        search.register()
        for kind, template in NOTIFICATIONS.items():
            notifications.register(kind, template)


NOTIFICATIONS = {
    "audit_assigned": _("%(by)s put you on the team of audit %(ref)s: %(title)s"),
    "audit_starts_soon": _("Audit %(ref)s that you lead starts on %(due)s: %(title)s"),
    "audit_report_issued": _(
        "The report of audit %(ref)s is issued; please acknowledge it for %(unit)s: %(title)s"
    ),
}
