from __future__ import annotations

from ratusz.lib.collation import polish_key


def test_letters_with_diacritics_sort_right_after_their_base_letter():
    names = ["Dudek", "Dąbrowska", "Żak", "Zieliński", "Łukasz", "Lech", "Ćwik", "Czarnecki"]

    assert sorted(names, key=polish_key) == [
        "Czarnecki",
        "Ćwik",
        "Dąbrowska",
        "Dudek",
        "Lech",
        "Łukasz",
        "Zieliński",
        "Żak",
    ]


def test_case_does_not_change_the_order_of_different_names():
    assert sorted(["nowak", "Kowalski", "adamczyk"], key=polish_key) == [
        "adamczyk",
        "Kowalski",
        "nowak",
    ]


def test_a_shorter_name_comes_before_a_longer_one_it_starts():
    assert sorted(["Nowakowska", "Nowak"], key=polish_key) == ["Nowak", "Nowakowska"]


def test_foreign_letters_sort_with_their_base_letter():
    assert sorted(["Müller", "Mazur", "Nowak"], key=polish_key) == ["Mazur", "Müller", "Nowak"]
