"""Plain-text hygiene for what people type into single-line fields."""

from __future__ import annotations

import re

# Bidirectional controls (embeddings, overrides, isolates and marks). In a
# title they only serve to make text read differently from what it is, e.g.
# U+202E turning "raport‮fdp.exe" into "raportexe.pdf".
BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def strip_bidi_controls(text: str) -> str:
    return BIDI_CONTROLS.sub("", text)
