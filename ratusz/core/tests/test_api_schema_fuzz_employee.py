"""The API fuzzing of test_api_schema_fuzz, as an employee (whom most writes refuse):
a file of its own so that it runs on another test worker beside the quality manager's."""

from __future__ import annotations

import pytest

from ratusz.core.tests.test_api_schema_fuzz import fuzz_cases, fuzz_operation, fuzzed_office

__all__ = ["fuzzed_office"]  # the module's fixture: the office built once for this file


@pytest.mark.parametrize(("label", "mode"), fuzz_cases())
def test_every_api_operation_answers_below_500_and_as_its_schema_says_to_an_employee(
    fuzzed_office, db, label, mode
):
    fuzz_operation(fuzzed_office, label, "employee", mode)
