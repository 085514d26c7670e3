"""The area's settings: a Django setting of the same name wins, otherwise the
environment variable, otherwise the default (so a test may override any of them)."""

from __future__ import annotations

from datetime import date

from django.conf import settings

from ratusz.lib.env import env_int, env_str

DEFAULTS = {
    # Years personal data are kept, counted from 1 January after closure (the JRWA
    # category of the register of complaints and motions, as the office's archive sets it).
    "RATUSZ_FEEDBACK_RETENTION_YEARS": lambda: env_int("RATUSZ_FEEDBACK_RETENTION_YEARS", 5),
    # The office's own target for compliments and suggestions, which have no statutory term.
    "RATUSZ_FEEDBACK_TARGET_DAYS": lambda: env_int("RATUSZ_FEEDBACK_TARGET_DAYS", 30),
    # Complaints answered on time: the readiness threshold in percent.
    "RATUSZ_FEEDBACK_ON_TIME_TARGET": lambda: env_int("RATUSZ_FEEDBACK_ON_TIME_TARGET", 90),
    # Public form: sends per address and hour; status checks per address and hour.
    "RATUSZ_FEEDBACK_SENDS_PER_HOUR": lambda: env_int("RATUSZ_FEEDBACK_SENDS_PER_HOUR", 5),
    "RATUSZ_FEEDBACK_CHECKS_PER_HOUR": lambda: env_int("RATUSZ_FEEDBACK_CHECKS_PER_HOUR", 10),
    # Files a resident may attach to a web submission, and the size of each.
    "RATUSZ_FEEDBACK_MAX_FILES": lambda: env_int("RATUSZ_FEEDBACK_MAX_FILES", 3),
    "RATUSZ_FEEDBACK_MAX_FILE_MB": lambda: env_int("RATUSZ_FEEDBACK_MAX_FILE_MB", 5),
    # The accessibility statement and the GDPR information clause.
    "RATUSZ_ACCESSIBILITY_PUBLISHED": lambda: env_str("RATUSZ_ACCESSIBILITY_PUBLISHED", ""),
    "RATUSZ_ACCESSIBILITY_UPDATED": lambda: env_str("RATUSZ_ACCESSIBILITY_UPDATED", ""),
    "RATUSZ_ACCESSIBILITY_CONTACT": lambda: env_str("RATUSZ_ACCESSIBILITY_CONTACT", ""),
    "RATUSZ_ACCESSIBILITY_EMAIL": lambda: env_str("RATUSZ_ACCESSIBILITY_EMAIL", ""),
    "RATUSZ_ACCESSIBILITY_PHONE": lambda: env_str("RATUSZ_ACCESSIBILITY_PHONE", ""),
    "RATUSZ_DPO_EMAIL": lambda: env_str("RATUSZ_DPO_EMAIL", ""),
}


def get(name: str):
    if hasattr(settings, name):
        return getattr(settings, name)
    return DEFAULTS[name]()


def as_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None
