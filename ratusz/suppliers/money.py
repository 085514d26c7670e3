"""Money shown to people: grosze as złoty with Polish separators."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def zloty(grosze: int | None) -> str:
    """12345678 → '123 456,78 zł' (a non-breaking thin space between thousands)."""
    if grosze is None:
        return ""
    sign = "-" if grosze < 0 else ""
    whole, fraction = divmod(abs(grosze), 100)
    return f"{sign}{whole:,}".replace(",", "\u00a0") + f",{fraction:02d}\u00a0zł"


def parse_zloty(text: str) -> int:
    """'123 456,78' or '123456.78' → 12345678 grosze; raises ValidationError otherwise."""
    cleaned = str(text).replace("\u00a0", "").replace(" ", "").replace("zł", "").replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValidationError(_("Give an amount in złoty, e.g. 1234,56.")) from None
    if value != value.quantize(Decimal("0.01")):
        raise ValidationError(_("An amount has at most two decimal places (grosze)."))
    return int(value * 100)
