"""The `ratusz` command: Django's management commands plus Ratusz's own
(`demo`, `serve`, `worker`, `generate`, `bench`, `verify_audit_trail`, `remind`,
`backup`, `restore`)."""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ratusz.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
