"""The evidence pack and the external auditor's time-limited, read-only access."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from ratusz.certification import services
from ratusz.certification.models import EvidencePack
from ratusz.certification.tests import factories
from ratusz.core.models import Office
from ratusz.documents.tests.factories import document_in_force


@pytest.fixture
def pack(office):
    # ORM: the office's own record is kept in the admin; no service writes it.
    Office.objects.create(pk=1, name="Urząd Miasta", short_name="UM", qms_scope="Usługi")
    factories.certificate(factories.body())
    document_in_force(office, "Obsługa wniosków")
    document_in_force(office, "Dane wrażliwe", confidentiality="restricted")
    return services.build_evidence_pack(actor=office.quality)


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_pack_holds_exactly_what_its_index_lists_and_nothing_restricted(office, pack):
    with pack.file.open("rb") as handle, zipfile.ZipFile(handle) as archive:
        names = set(archive.namelist())
        listed = {entry["path"] for entry in pack.contents if entry["path"]}
        assert names == listed | {"index.pdf"}
        index = "".join(_text(archive.read("index.pdf")).split())  # cells wrap long names
        for path in listed:
            assert path in index
        documents_in_pack = [n for n in names if n.startswith("documents/")]
        assert len(documents_in_pack) == 1
        stamped = _text(archive.read(documents_in_pack[0]))
        assert "Obsługa wniosków" in stamped
        assert "Uncontrolled when printed" in stamped
    everything = " ".join(entry["title"] for entry in pack.contents)
    assert "Dane wrażliwe" not in everything
    gaps = [entry for entry in pack.contents if not entry["path"]]
    # No context, risks, objectives, contracts, satisfaction survey, audit programme
    # or management review in this office yet.
    assert sorted(g["clause"] for g in gaps) == [
        "4.1",
        "4.2",
        "6.1",
        "6.2",
        "8.4",
        "9.1.2",
        "9.2",
        "9.3",
    ]


def test_only_the_quality_manager_builds_a_pack(office):
    from ratusz.core.errors import Denied

    with pytest.raises(Denied):
        services.build_evidence_pack(actor=office.owner)


def _open_access(office, pack, **overrides):
    fields = {
        "username": "audytor.jc",
        "first_name": "Anna",
        "last_name": "Audytorka",
        "email": "anna@jc.example",
        "expires_on": timezone.localdate() + timedelta(days=14),
    }
    fields.update(overrides)
    return services.open_external_access(actor=office.quality, pack=pack, **fields)


def test_an_external_account_without_expiry_or_too_long_is_refused(office, pack):
    with pytest.raises(ValidationError) as exc:
        _open_access(office, pack, expires_on=None)
    assert "expires_on" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        _open_access(office, pack, expires_on=timezone.localdate() + timedelta(days=400))
    assert "at most 90 days" in exc.value.message_dict["expires_on"][0]


def test_the_external_auditor_downloads_the_pack_and_opens_nothing_else(office, pack):
    user, password = _open_access(office, pack)
    client = Client()
    assert (
        client.post("/login/", {"username": user.username, "password": password}).status_code == 302
    )
    home = client.get("/").content.decode()
    assert f"/certification/evidence/{pack.pk}/download/" in home
    download = client.get(f"/certification/evidence/{pack.pk}/download/")
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert zipfile.is_zipfile(io.BytesIO(b"".join(download.streaming_content)))
    for path in ("/documents/", "/actions/", "/certification/", "/improvement/", "/audits/"):
        assert client.get(path).status_code in (302, 403, 404), path


def test_a_pack_not_shared_with_an_external_auditor_stays_closed(office, pack):
    other = services.build_evidence_pack(actor=office.quality)
    user, password = _open_access(office, pack)
    client = Client()
    client.post("/login/", {"username": user.username, "password": password})
    assert client.get(f"/certification/evidence/{other.pk}/download/").status_code == 404


def test_an_expired_external_account_can_no_longer_sign_in(office, pack):
    user, password = _open_access(office, pack)
    # The passing of time: the access period ended a minute ago.
    user.access_expires_at = timezone.now() - timedelta(minutes=1)
    user.save(update_fields=["access_expires_at"])
    client = Client()
    response = client.post("/login/", {"username": user.username, "password": password})
    assert response.status_code == 200  # the form again, not a redirect into the app
    assert client.get(f"/certification/evidence/{pack.pk}/download/").status_code == 302


def test_ending_access_now_signs_the_auditor_out(office, pack, client_for):
    user, password = _open_access(office, pack)
    auditor = Client()
    auditor.post("/login/", {"username": user.username, "password": password})
    client_for(office.quality).post(
        f"/certification/evidence/auditors/{user.pk}/end/", {"confirm": "on"}
    )
    assert auditor.get(f"/certification/evidence/{pack.pk}/download/").status_code == 302


def test_a_pack_is_shared_with_an_existing_external_auditor_only(office, pack, client_for):
    client = client_for(office.quality)
    refused = client.post(
        "/certification/evidence/", {"pack": pack.pk, "auditor": office.employee.pk}
    )
    assert refused.status_code == 200
    assert not pack.auditors.exists()
    shared = client.post(
        "/certification/evidence/", {"pack": pack.pk, "auditor": office.external.pk}
    )
    assert shared.status_code == 302
    assert list(pack.auditors.all()) == [office.external]
    external = Client()
    external.force_login(office.external, backend="ratusz.core.auth.RatuszBackend")
    assert external.get(f"/certification/evidence/{pack.pk}/download/").status_code == 200


def test_the_index_shows_every_files_full_checksum_within_the_page(office, pack):
    with pack.file.open("rb") as handle, zipfile.ZipFile(handle) as archive:
        index = archive.read("index.pdf")
        sums = {
            hashlib.sha256(archive.read(name)).hexdigest()
            for name in archive.namelist()
            if name != "index.pdf"
        }
    text = _text(index)
    for digest in sums:
        assert digest in text
    # Text drawn past the page edge is still extracted, so measure where each checksum
    # ends: its start plus 64 characters at most 0.64 em wide (DejaVu's widest digit).
    for page in PdfReader(io.BytesIO(index)).pages:
        width = float(page.mediabox.width)
        drawn = []

        def visit(text, cm, tm, font, size, drawn=drawn):
            if text.strip() in sums:
                start = tm[4] * cm[0] + cm[4]
                drawn.append(start + len(text.strip()) * 0.64 * size * cm[0])

        page.extract_text(visitor_text=visit)
        assert drawn and max(drawn) <= width - 20


def test_the_index_lists_evidence_in_numeric_clause_order(office, pack):
    with pack.file.open("rb") as handle, zipfile.ZipFile(handle) as archive:
        lines = _text(archive.read("index.pdf")).splitlines()
    clauses = [
        line.split()[0]
        for line in lines
        if re.fullmatch(r"\d+(\.\d+)+", line.split()[0] if line.split() else "")
    ]
    assert clauses == [
        "4.1",
        "4.2",
        "4.3",
        "6.1",
        "6.2",
        "7.5",
        "8.4",
        "9.1.2",
        "9.1.2",
        "9.2",
        "9.3",
        "10.2",
    ]


def test_the_download_is_named_by_the_offices_local_time(office, pack, client_for):
    # 23:30 UTC on 31 December is already 1 January in Warsaw.
    EvidencePack.objects.filter(pk=pack.pk).update(
        created_at=datetime(2026, 12, 31, 23, 30, tzinfo=UTC)
    )
    response = client_for(office.quality).get(f"/certification/evidence/{pack.pk}/download/")
    assert 'filename="evidence-pack-2027-01-01-0030.zip"' in response["Content-Disposition"]


def test_ending_access_asks_for_a_tick_first(office, pack, client_for):
    user, password = _open_access(office, pack)
    auditor = Client()
    auditor.post("/login/", {"username": user.username, "password": password})
    page = client_for(office.quality).get("/certification/evidence/").content.decode()
    assert f'name="confirm" id="end-{user.pk}" required' in page
    client_for(office.quality).post(f"/certification/evidence/auditors/{user.pk}/end/")
    assert auditor.get(f"/certification/evidence/{pack.pk}/download/").status_code == 200
