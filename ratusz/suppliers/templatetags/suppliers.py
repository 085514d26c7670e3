from django import template

from ratusz.suppliers.money import zloty as _zloty

register = template.Library()


@register.filter
def zloty(grosze: int | None) -> str:
    """Grosze shown as złoty: 12345678 → 123 456,78 zł."""
    return _zloty(grosze)
