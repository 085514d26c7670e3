"""Polish alphabetical order for lists of names, which code-point order gets
wrong: "Łukasz" must come after "Lech", not after "Zenon", and "Dąbrowska"
before "Dudek". No locale or ICU is needed on the server."""

from __future__ import annotations

import unicodedata

# Each Polish letter with a diacritic sorts right after its base letter.
_ALPHABET = "aąbcćdeęfghijklłmnńoóprsśtuwxyzźż"
_RANK = {letter: index for index, letter in enumerate(_ALPHABET)}
# Letters outside the Polish alphabet (q, v, foreign accents) sort with their base.
_BASE_RANK = {"q": _RANK["p"] + 0.5, "v": _RANK["u"] + 0.5}


def _letter_rank(char: str) -> tuple[float, str]:
    if char in _RANK:
        return (_RANK[char], "")
    if char in _BASE_RANK:
        return (_BASE_RANK[char], "")
    base = unicodedata.normalize("NFD", char)[0]
    if base in _RANK:
        return (_RANK[base] + 0.25, char)
    if char.isdigit():
        return (-10 + int(char) / 10, "")
    return (-20, char)  # spaces and punctuation before letters


def polish_key(text: str) -> tuple:
    """A sort key: Polish alphabet first, then case (lower before upper) to break ties."""
    folded = text.casefold()
    return (tuple(_letter_rank(char) for char in folded), text.swapcase())
