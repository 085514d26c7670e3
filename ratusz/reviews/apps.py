from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "ratusz.reviews"
    label = "reviews"
    verbose_name = _("Management reviews")

    def ready(self) -> None:
        from ratusz.core import notifications
        from ratusz.reviews import policies

        policies.register()
        notifications.register(
            "review_invitation",
            _("You are invited to management review %(ref)s on %(due)s."),
        )
        notifications.register(
            "review_distributed",
            _("The record of management review %(ref)s is ready for you to acknowledge."),
        )
