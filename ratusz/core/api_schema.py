"""The OpenAPI schema's view of a serializer field, where drf-spectacular's own is
narrower than what the API sends.

DRF drops `allow_blank` from read-only model fields, so a read-only choice that is
still empty ("" until an effectiveness check, a verification) would be described
as an enum without "". And a read-only field that falls back to `default=None` (the
number of a document's current version, before it has one) sends null, which the
schema must allow. Both are decided here, once, for every area's serializers.
"""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from rest_framework import serializers


def _model_field(field: serializers.Field):
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    if model is None or not field.source or "." in field.source:
        return None
    try:
        return model._meta.get_field(field.source)
    except FieldDoesNotExist:
        return None


class AutoSchema(SpectacularAutoSchema):
    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        if field.read_only:
            if isinstance(field, serializers.ChoiceField) and not field.allow_blank:
                model_field = _model_field(field)
                field.allow_blank = bool(model_field is not None and model_field.blank)
            if field.default is None:
                field.allow_null = True
        return super()._map_serializer_field(field, direction, bypass_extensions)
