"""Tests for ratusz.lib.taxids; check digits computed by hand in the comments."""

from __future__ import annotations

import pytest

from ratusz.lib.taxids import normalize_nip, normalize_regon


def test_a_valid_nip_is_returned_as_ten_digits() -> None:
    # 5·6+2·5+6·7+0·2+2·3+5·4+0·5+2·6+7·7 = 169; 169 mod 11 = 4, the last digit.
    assert normalize_nip("526-025-02-74") == "5260250274"
    assert normalize_nip("526 025 02 74") == "5260250274"


def test_a_nip_with_a_wrong_check_digit_is_refused() -> None:
    with pytest.raises(ValueError, match="check digit"):
        normalize_nip("5260250275")


def test_a_nip_whose_remainder_is_ten_is_never_valid() -> None:
    # 1·6 + 1·4 = 10: no digit can match.
    with pytest.raises(ValueError, match="check digit"):
        normalize_nip("1000010000")


def test_a_nip_of_the_wrong_length_or_with_letters_is_refused() -> None:
    with pytest.raises(ValueError, match="10 digits"):
        normalize_nip("526025027")
    with pytest.raises(ValueError, match="10 digits"):
        normalize_nip("PL5260250274")


def test_a_valid_nine_digit_regon() -> None:
    # 1·8+2·9+3·2+4·3+5·4+6·5+7·6+8·7 = 192; 192 mod 11 = 5.
    assert normalize_regon("123456785") == "123456785"
    with pytest.raises(ValueError, match="check digit"):
        normalize_regon("123456786")


def test_a_remainder_of_ten_gives_check_digit_zero() -> None:
    # 1·4 + 1·6 = 10 → check digit 0.
    assert normalize_regon("000010100") == "000010100"


def test_a_valid_fourteen_digit_regon() -> None:
    # 2+8+24+20+0+54+49+24+30+1+4+12+32 = 260; 260 mod 11 = 7.
    assert normalize_regon("12345678512347") == "12345678512347"
    with pytest.raises(ValueError, match="check digit"):
        normalize_regon("12345678512348")


def test_a_fourteen_digit_regon_needs_a_valid_nine_digit_start() -> None:
    with pytest.raises(ValueError, match="check digit"):
        normalize_regon("12345678612347")
