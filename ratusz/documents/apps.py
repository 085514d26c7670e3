from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "ratusz.documents"
    label = "documents"
    verbose_name = _("Documented information")

    def ready(self) -> None:
        from ratusz.core import notifications
        from ratusz.documents import policies, search

        policies.register()
        search.register()
        for kind, template in NOTIFICATIONS.items():
            notifications.register(kind, template)


NOTIFICATIONS = {
    "document_review_requested": _("%(by)s asks you to review %(ref)s: %(title)s"),
    "document_reviewed": _("%(by)s reviewed %(ref)s: %(decision)s"),
    "document_awaiting_approval": _("%(ref)s awaits your approval: %(title)s"),
    "document_returned": _("%(by)s returned %(ref)s to draft: %(reason)s"),
    "document_to_read": _("Please read and confirm %(ref)s: %(title)s"),
    "document_review_due": _("%(ref)s is due for its periodic review on %(due)s: %(title)s"),
    "document_review_overdue": _("%(ref)s is past its periodic review date %(due)s: %(title)s"),
}
