from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImprovementConfig(AppConfig):
    name = "ratusz.improvement"
    label = "improvement"
    verbose_name = _("Nonconformities and improvement")

    def ready(self) -> None:
        from ratusz.core import notifications
        from ratusz.improvement import policies, search

        policies.register()
        search.register()
        for kind, template in NOTIFICATIONS.items():
            notifications.register(kind, template)


NOTIFICATIONS = {
    "nonconformity_assigned": _("You are responsible for nonconformity %(ref)s: %(title)s"),
    "nonconformity_reported": _("%(by)s reported %(ref)s, awaiting your triage: %(title)s"),
    "nonconformity_accepted": _("Your report %(ref)s was accepted as a nonconformity: %(title)s"),
    "nonconformity_rejected": _(
        "Your report %(ref)s was found not to be a nonconformity: %(reason)s"
    ),
    "nonconformity_verification_requested": _(
        "%(by)s asks for the effectiveness check of %(ref)s: %(title)s"
    ),
    "nonconformity_ready_to_close": _("%(ref)s proved effective and can be closed: %(title)s"),
    "nonconformity_not_effective": _(
        "The actions of %(ref)s were not effective; add further actions: %(title)s"
    ),
    "nonconformity_closed": _("Nonconformity %(ref)s is closed: %(title)s"),
    "nonconformity_overdue": _("Nonconformity %(ref)s was to be closed by %(due)s: %(title)s"),
    "nonconformity_triage_waiting": _(
        "Report %(ref)s has been waiting for triage since %(due)s: %(title)s"
    ),
    "idea_accepted": _("Your improvement idea %(ref)s was accepted: %(title)s"),
    "idea_rejected": _("Your improvement idea %(ref)s was not taken up: %(title)s"),
}
