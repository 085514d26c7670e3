"""Sign-in rules beyond Django's: accounts whose access has expired are refused."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend


class RatuszBackend(ModelBackend):
    def user_can_authenticate(self, user) -> bool:
        if getattr(user, "access_expired", False):
            return False
        return super().user_can_authenticate(user)
