"""The demo never goes into a database that holds an office's real data."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from ratusz.core.models import Office, User


def test_the_demo_refuses_a_database_with_real_data(db):
    User.objects.create_user(username="admin", password="x")  # as `createsuperuser` would
    with pytest.raises(CommandError, match="only into an empty database"):
        call_command("demo", verbosity=0)
    assert not Office.objects.exists()
