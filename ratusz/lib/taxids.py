"""Polish register identifiers (NIP and REGON) checked by their check digits.

A mistyped digit in a contractor's NIP makes invoices, the CEIDG/KRS look-up and the
art. 446 report point at someone else, so the check digit is verified on entry.

* NIP: 10 digits; the weights 6 5 7 2 3 4 5 6 7 applied to the first nine, the sum
  modulo 11 is the tenth digit (a remainder of 10 never occurs in a valid NIP).
  Example: 526-025-02-74 → 5·6+2·5+6·7+0·2+2·3+5·4+0·5+2·6+7·7 = 169; 169 mod 11 = 4.
* REGON: 9 digits with weights 8 9 2 3 4 5 6 7, or 14 digits with weights
  2 4 8 5 0 9 7 3 6 1 2 4 8 (whose first nine are themselves a valid REGON); the sum
  modulo 11 is the last digit, a remainder of 10 giving 0.

Separators (spaces, hyphens) are accepted and removed; this module does not import
Django, the model layer turns the ``ValueError`` into a message on the field.
"""

from __future__ import annotations

__all__ = ["normalize_nip", "normalize_regon"]

_NIP_WEIGHTS = (6, 5, 7, 2, 3, 4, 5, 6, 7)
_REGON9_WEIGHTS = (8, 9, 2, 3, 4, 5, 6, 7)
_REGON14_WEIGHTS = (2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8)


def _digits(value: str, lengths: tuple[int, ...], name: str) -> str:
    cleaned = value.replace(" ", "").replace("-", "")
    if not cleaned.isascii() or not cleaned.isdigit() or len(cleaned) not in lengths:
        raise ValueError(f"{name} has {' or '.join(map(str, lengths))} digits")
    return cleaned


def _checksum(digits: str, weights: tuple[int, ...]) -> int:
    return sum(int(d) * w for d, w in zip(digits, weights, strict=False)) % 11


def normalize_nip(value: str) -> str:
    """Return the NIP as 10 digits, or raise ``ValueError`` saying what is wrong."""
    nip = _digits(value, (10,), "NIP")
    check = _checksum(nip, _NIP_WEIGHTS)
    if check == 10 or check != int(nip[9]):
        raise ValueError("NIP check digit does not match")
    return nip


def normalize_regon(value: str) -> str:
    """Return the REGON as 9 or 14 digits, or raise ``ValueError`` saying what is wrong."""
    regon = _digits(value, (9, 14), "REGON")
    weights: tuple[int, ...]
    if len(regon) == 14:
        normalize_regon(regon[:9])
        weights = _REGON14_WEIGHTS
    else:
        weights = _REGON9_WEIGHTS
    if _checksum(regon, weights) % 10 != int(regon[-1]):
        raise ValueError("REGON check digit does not match")
    return regon
