"""Import of a contract register from CSV or XLSX: all rows or none.

The first row names the columns (`COLUMNS`); every bad row is reported with its number
(as the spreadsheet counts it, the header being row 1) and the reason, and nothing is
saved until every row is good.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ratusz.core.models import OrgUnit, User
from ratusz.suppliers import policies, services
from ratusz.suppliers.models import Contract, Contractor
from ratusz.suppliers.money import parse_zloty

COLUMNS = (
    "reference",
    "subject",
    "contractor_nip",
    "contractor_name",
    "kind",
    "procedure",
    "unit_code",
    "value_net",
    "value_gross",
    "offer_price",
    "signed_on",
    "planned_completion",
    "cap_percent",
    "cap_amount",
    "is_public",
    "status",
)
REQUIRED = ("subject", "kind", "procedure", "unit_code", "value_net", "value_gross")
MAX_ROWS = 5000


def read_rows(name: str, content: bytes) -> list[dict[str, str]]:
    """The rows of a CSV (comma or semicolon, UTF-8) or XLSX file, keyed by the header."""
    if name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
        except Exception:  # openpyxl raises many kinds for a file that is not a workbook
            raise ValidationError({"file": _("This is not an XLSX workbook.")}) from None
        table = [
            [
                "" if v is None else (v.date().isoformat() if hasattr(v, "date") else str(v))
                for v in r
            ]
            for r in sheet.iter_rows(values_only=True)
        ]
    else:
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError({"file": _("Save the CSV file as UTF-8.")}) from None
        dialect = csv.Sniffer().sniff(text[:2000], delimiters=",;") if text.strip() else "excel"
        table = list(csv.reader(io.StringIO(text), dialect))
    if not table:
        raise ValidationError({"file": _("The file is empty.")})
    header = [h.strip() for h in table[0]]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ValidationError(
            {
                "file": _("Columns missing from the first row: %(names)s.")
                % {"names": ", ".join(missing)}
            }
        )
    if len(table) - 1 > MAX_ROWS:
        raise ValidationError({"file": _("At most %(n)d rows at once.") % {"n": MAX_ROWS}})
    return [
        {h: (row[i].strip() if i < len(row) else "") for i, h in enumerate(header)}
        for row in table[1:]
        if any(cell.strip() for cell in row)
    ]


def _date(value: str, column: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise ValidationError({column: _("Give the date as YYYY-MM-DD.")}) from None


def _row_kwargs(row: dict[str, str], units: dict[str, OrgUnit], actor: User) -> dict:
    unit = units.get(row.get("unit_code", "").upper())
    if unit is None:
        raise ValidationError({"unit_code": _("No org unit has this code.")})
    nip = row.get("contractor_nip", "").replace("-", "").replace(" ", "")
    contractor = Contractor.objects.filter(nip=nip).first() if nip else None
    if contractor is None:
        name = row.get("contractor_name", "")
        if not name:
            raise ValidationError({"contractor_name": _("A new contractor needs its name.")})
        contractor = services.create_contractor(actor=actor, name=name, nip=nip or None)
    try:
        cap_percent = (
            Decimal(row["cap_percent"].replace(",", ".")) if row.get("cap_percent") else None
        )
    except InvalidOperation:
        raise ValidationError({"cap_percent": _("Give the cap as a number.")}) from None
    return {
        "reference": row.get("reference", ""),
        "subject": row["subject"],
        "contractor": contractor,
        "kind": row["kind"],
        "procedure": row["procedure"],
        "org_unit": unit,
        "value_net": parse_zloty(row["value_net"]),
        "value_gross": parse_zloty(row["value_gross"]),
        "offer_price": parse_zloty(row.get("offer_price") or row["value_gross"]),
        "signed_on": _date(row.get("signed_on", ""), "signed_on"),
        "planned_completion": _date(row.get("planned_completion", ""), "planned_completion"),
        "cap_percent": cap_percent,
        "cap_amount": parse_zloty(row["cap_amount"]) if row.get("cap_amount") else None,
        "is_public": row.get("is_public", "").lower() in ("1", "true", "tak", "yes"),
        "status": row.get("status") or Contract.Status.PLANNED,
    }


def _reason(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "; ".join(
            f"{field}: {' '.join(str(m) for e in errors for m in e.messages)}"
            for field, errors in exc.error_dict.items()
        )
    return " ".join(exc.messages)


@transaction.atomic
def import_contracts(*, actor: User, name: str, content: bytes) -> int:
    """Register every row as a contract, or none: a ValidationError lists each bad row."""
    if not policies.can_create_contract(actor):
        raise ValidationError(_("Only the quality manager or a head of unit registers contracts."))
    rows = read_rows(name, content)
    units = {u.code.upper(): u for u in OrgUnit.objects.filter(is_active=True)}
    errors: list[str] = []
    for number, row in enumerate(rows, start=2):
        try:
            with transaction.atomic():
                kwargs = _row_kwargs(row, units, actor)
                if kwargs["planned_completion"] is None:
                    raise ValidationError({"planned_completion": _("This field is required.")})
                services.create_contract(actor=actor, **kwargs)
        except ValidationError as exc:
            errors.append(_("Row %(n)d: %(reason)s") % {"n": number, "reason": _reason(exc)})
        except KeyError as exc:
            errors.append(_("Row %(n)d: %(reason)s") % {"n": number, "reason": exc})
    if errors:
        raise ValidationError({"file": errors})
    return len(rows)
