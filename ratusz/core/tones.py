"""The tones a status badge can take; each model says which tone each of its
statuses has, next to its status choices (`STATUS_TONES`).

The badge always shows the status's name too: a tone is never the only sign.
"""

from __future__ import annotations

from enum import StrEnum


class Tone(StrEnum):
    OK = "ok"  # done and fine: closed, in force, valid
    INFO = "info"  # going on as planned
    WARN = "warn"  # waiting for someone, or needs a look
    BAD = "bad"  # overdue, withdrawn, expired
    MUTED = "muted"  # no longer relevant: cancelled, superseded
