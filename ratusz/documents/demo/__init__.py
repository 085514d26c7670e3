"""The demo office's documented information (ISO 9001 clause 7.5).

About forty documents of “Urząd Miasta Przykładowo” with histories: the policy,
the manual, procedures, work instructions, forms, record templates and two
external documents, each taken through the real lifecycle by the services
(review by someone other than the author, approval by the type's approver who
is neither author nor owner). The services only approve with an effective date
of today or later, so once a version is in force its dates are moved back into
the office's history (2019–2026): absolute dates for versions long superseded,
dates relative to today for the versions in force and for the work in
progress, so the register always shows a few documents overdue for review and
a few due soon.

Each document is distributed once its history is in place, and most of its
readers confirm the version in force (confirmations of superseded versions are
not part of the demo). Notifications left over from the history are marked
read, so each persona's unread ones are exactly what still waits for them.
Then the records register.

- `texts/<number>/v<n>.md`: the Polish text of each version, as Markdown;
- `register.py`: the documents, their metadata and versions, periodic reviews,
  withdrawals, work in progress and the records register, as data;
- `builder.py`: the code that builds them through the services.
"""

from __future__ import annotations

from ratusz.documents.demo.builder import load

__all__ = ["load"]
