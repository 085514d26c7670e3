"""The API's JSON parser: DRF's, with a limit on how deeply a body may nest.

Python's decoder gives up on very deep nesting with a RecursionError, which DRF
does not turn into an answer (a 500). No Ratusz payload nests more than a few
levels, so anything deeper than `MAX_DEPTH` is refused with 400 before a view sees it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

MAX_DEPTH = 32


def _too_deep(data: Any, limit: int) -> bool:
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        children: Iterable[Any]
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


class DepthLimitedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        message = _("The JSON body is nested more than %(depth)d levels deep.") % {
            "depth": MAX_DEPTH
        }
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as exc:
            raise ParseError(message) from exc
        if _too_deep(data, MAX_DEPTH):
            raise ParseError(message)
        return data
