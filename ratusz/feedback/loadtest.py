"""The load test's "public-feedback" scenario: residents sending the public form at once.

Each client acts as a browser without JavaScript: it opens the form (getting the
CSRF cookie and the token in the page), posts it back as multipart form data with
the honeypot left empty, reads the number and code off the receipt, and now and
then checks the status with them. Each submission comes from its own forwarded
address (`X-Forwarded-For`, believed from the loopback proxy as behind nginx), so
the per-address limit, unchanged, holds back no one: twenty residents do not
share one address in life either.

Afterwards every receipt is looked up: a submission acknowledged with a number but
not stored under it (by the subject the client gave it) is lost; a number on two
receipts is a duplicate.
"""

from __future__ import annotations

import http.client
import re
import secrets
import time
from collections import Counter
from urllib.parse import urlencode

from django.conf import settings

from ratusz.core.bench import HOST, REQUEST_TIMEOUT_S
from ratusz.core.loadtest import Scenario, Tally
from ratusz.feedback import services
from ratusz.feedback.models import Submission

MARK = "Test obciążenia formularza"
RECEIPT = re.compile(rb"<strong>(SW/\d{4}/\d{4,})</strong>.*?<code>([^<]+)</code>", re.S)
TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
CHECK_EVERY = 3  # one status check per this many receipts
# A tiny PNG, attached to every fourth submission (a photo of the pothole).
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)


def _multipart(fields: dict[str, str], files: dict[str, tuple[str, str, bytes]]):
    boundary = f"----ratusz{secrets.token_hex(12)}"
    parts: list[bytes] = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
            + value.encode()
            + b"\r\n"
        )
    for name, (filename, content_type, data) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'
        )
        parts.append(head.encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class Resident:
    def __init__(self, port: int, _shared: None, number: int) -> None:
        self.conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT_S)
        self.number = number
        self.tally = Tally()
        self.cookies: dict[str, str] = {}

    def _address(self, n: int) -> str:
        # 10.<client>.<x>.<y>: a fresh address for each submission.
        return f"10.{self.number % 250}.{(n // 250) % 250}.{n % 250 + 1}"

    def call(
        self, method: str, path: str, n: int, body: bytes | None = None, content_type: str = ""
    ) -> tuple[int | None, bytes]:
        headers = {"X-Forwarded-For": self._address(n), "Accept-Language": "pl"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if content_type:
            headers["Content-Type"] = content_type
        started = time.perf_counter()
        self.tally.requests += 1
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException) as exc:
            self.conn.close()
            self.tally.errors[f"{method} {path}: {type(exc).__name__}"] += 1
            return None, b""
        finally:
            self.tally.latencies.append(time.perf_counter() - started)
        self.tally.statuses[response.status] += 1
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _eq, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, data

    def expect(self, label: str, status: int | None, wanted: int) -> bool:
        if status == wanted:
            return True
        if status is not None:
            self.tally.errors[f"{label}: {status}"] += 1
        return False

    def send(self, n: int) -> None:
        status, page = self.call("GET", "/public/feedback/", n)
        token = TOKEN.search(page) if self.expect("open the form", status, 200) else None
        if token is None or settings.CSRF_COOKIE_NAME not in self.cookies:
            self.tally.errors["the form without its CSRF token or cookie"] += 1
            return
        fields = {
            "csrfmiddlewaretoken": token.group(1).decode(),
            "kind": services.PUBLIC_KINDS[(self.number + n) % len(services.PUBLIC_KINDS)],
            "subject": f"{MARK} {self.number}-{n}",
            "content": "Dziura w jezdni na ul. Długiej od miesiąca. " * 5,
            "submitter_name": f"Mieszkaniec {self.number}",
            "submitter_address": f"ul. Długa {n}, Przykładowo",
            "submitter_email": "",
            "website": "",  # the honeypot, left empty as a person leaves it
        }
        files = {"attachments": ("dziura.png", "image/png", PNG)} if n % 4 == 0 else {}
        body, content_type = _multipart(fields, files)
        status, page = self.call("POST", "/public/feedback/", n, body, content_type)
        if not self.expect("send the form", status, 200):
            return
        receipt = RECEIPT.search(page)
        if receipt is None:
            self.tally.errors["a receipt without a number"] += 1
            return
        reference, code = receipt.group(1).decode(), receipt.group(2).decode()
        self.tally.created.setdefault("submission", {})[self.number * 1_000_000 + n] = reference
        if n % CHECK_EVERY == 0:
            form = urlencode(
                {
                    "csrfmiddlewaretoken": fields["csrfmiddlewaretoken"],
                    "reference": reference,
                    "code": code,
                }
            ).encode()
            status, page = self.call(
                "POST", "/public/status/", n, form, "application/x-www-form-urlencoded"
            )
            if self.expect("check the status", status, 200) and reference.encode() not in page:
                self.tally.errors["a status page without its number"] += 1

    def run(self, until: float) -> None:
        n = 0
        while time.monotonic() < until:
            self.send(n)
            n += 1
        self.conn.close()


def check(tally: Tally) -> tuple[list[str], list[str]]:
    """Receipts whose submission is not stored under their number; numbers given twice."""
    acknowledged = tally.created.get("submission", {})
    stored = {
        subject: f"SW/{year}/{number:04d}"
        for subject, year, number in Submission.objects.filter(
            subject__startswith=MARK
        ).values_list("subject", "year", "number")
    }
    lost = []
    for key, reference in acknowledged.items():
        subject = f"{MARK} {key // 1_000_000}-{key % 1_000_000}"
        if stored.get(subject) != reference:
            lost.append(f"{subject}: receipt {reference}, stored {stored.get(subject, 'nothing')}")
    duplicates = [
        f"{reference} × {count}"
        for reference, count in Counter(acknowledged.values()).items()
        if count > 1
    ]
    return lost, duplicates


SCENARIOS = {"public-feedback": Scenario(prepare=lambda: None, client=Resident, check=check)}
