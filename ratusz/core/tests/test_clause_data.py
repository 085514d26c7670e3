"""Consistency checks for the ISO 9001:2015 clause registry (no database needed)."""

from __future__ import annotations

from ratusz.core.clause_data import ISO_9001_2015


def test_clause_numbers_are_unique() -> None:
    numbers = [number for number, _, _ in ISO_9001_2015]
    assert len(numbers) == len(set(numbers))


def test_every_sub_clause_has_its_parent_in_the_registry() -> None:
    numbers = {number for number, _, _ in ISO_9001_2015}
    orphans = [n for n in numbers if "." in n and n.rsplit(".", 1)[0] not in numbers]
    assert orphans == []


def test_every_clause_has_an_english_and_a_polish_title() -> None:
    untitled = [n for n, en, pl in ISO_9001_2015 if not en.strip() or not pl.strip()]
    assert untitled == []


def test_the_registry_covers_clauses_4_to_10() -> None:
    top_level = [number for number, _, _ in ISO_9001_2015 if "." not in number]
    assert top_level == ["4", "5", "6", "7", "8", "9", "10"]


def test_the_registry_lists_the_clauses_in_the_order_of_the_standard() -> None:
    keys = [tuple(int(part) for part in n.split(".")) for n, _, _ in ISO_9001_2015]
    assert keys == sorted(keys)


def test_the_registry_holds_every_second_level_and_the_required_third_level_clauses() -> None:
    second_level = {
        "4.1", "4.2", "4.3", "4.4", "5.1", "5.2", "5.3", "6.1", "6.2", "6.3",
        "7.1", "7.2", "7.3", "7.4", "7.5", "8.1", "8.2", "8.3", "8.4", "8.5", "8.6", "8.7",
        "9.1", "9.2", "9.3", "10.1", "10.2", "10.3",
    }  # fmt: skip
    third_level = {
        "4.4.1", "4.4.2", "5.1.1", "5.1.2", "5.2.1", "5.2.2", "6.1.1", "6.1.2", "6.2.1",
        "6.2.2", *(f"7.1.{i}" for i in range(1, 7)), *(f"7.5.{i}" for i in range(1, 4)),
        *(f"8.2.{i}" for i in range(1, 5)), *(f"8.3.{i}" for i in range(1, 7)),
        *(f"8.4.{i}" for i in range(1, 4)), *(f"8.5.{i}" for i in range(1, 7)),
        "8.7.1", "8.7.2", *(f"9.1.{i}" for i in range(1, 4)),
        *(f"9.3.{i}" for i in range(1, 4)), "10.2.1", "10.2.2",
    }  # fmt: skip
    numbers = {number for number, _, _ in ISO_9001_2015}
    assert second_level | third_level <= numbers


def test_clause_numbers_sort_as_numbers():
    from ratusz.core.models import Clause

    numbers = ["10.2", "9.2", "—", "7.5.1", "7.5", "4.4"]
    assert sorted(numbers, key=Clause.order_key) == ["—", "4.4", "7.5", "7.5.1", "9.2", "10.2"]
