"""The document types most offices use; each office can change them in the
admin. Seeded by a migration and, if missing, by the demo."""

from __future__ import annotations

TYPES = [
    # code, English, Polish, prefix, review months, approver role, self-approval, external
    ("policy", "Quality policy", "Polityka jakości", "PJ", 12, "top_management", False, False),
    ("manual", "Quality manual", "Księga jakości", "KJ", 12, "top_management", False, False),
    ("procedure", "Procedure", "Procedura", "P", 12, "top_management", False, False),
    ("instruction", "Work instruction", "Instrukcja", "I", 24, "quality_manager", False, False),
    ("form", "Form", "Formularz", "F", 24, "quality_manager", False, False),
    (
        "record_template",
        "Record template",
        "Wzór zapisu",
        "WZ",
        24,
        "quality_manager",
        False,
        False,
    ),
    (
        "external",
        "External document",
        "Dokument zewnętrzny",
        "Z",
        None,
        "quality_manager",
        True,
        True,
    ),
]


def seed_document_types(type_model) -> None:
    for order, (code, en, pl, prefix, months, role, self_ok, external) in enumerate(TYPES):
        type_model.objects.get_or_create(
            code=code,
            defaults={
                "name_en": en,
                "name_pl": pl,
                "prefix": prefix,
                "review_interval_months": months,
                "approver_role": role,
                "self_approval_allowed": self_ok,
                "is_external": external,
                "sort_order": order,
            },
        )
