from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "ratusz.feedback"
    label = "feedback"
    verbose_name = _("Residents' feedback")

    def ready(self) -> None:
        from ratusz.core import notifications
        from ratusz.feedback import policies, search

        policies.register()
        search.register()
        for kind, template in NOTIFICATIONS.items():
            notifications.register(kind, template)


NOTIFICATIONS = {
    "feedback_assigned": _("You handle submission %(ref)s, due %(due)s: %(title)s"),
    "feedback_due_soon": _("Submission %(ref)s is due on %(due)s: %(title)s"),
    "feedback_overdue": _("Submission %(ref)s is overdue since %(due)s: %(title)s"),
    "feedback_unassigned": _("Submission %(ref)s waits to be assigned: %(title)s"),
}
