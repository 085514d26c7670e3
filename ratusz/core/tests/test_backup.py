"""`ratusz backup` and `ratusz restore`: every row and every file comes back."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.utils import ConnectionHandler

import ratusz
from ratusz.core import backup, services
from ratusz.documents import services as document_services
from ratusz.documents.tests import factories as documents
from ratusz.improvement.tests import factories as improvement

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

# The search index is derived data that a restore rebuilds (`reindex`): its rows
# are compared, but not SQLite's FTS5 internals or the rowid key table, whose
# layout depends on the order records were indexed in.
DERIVED_TABLES = re.compile(r"^search_(key|index_(data|idx|content|docsize|config))$")


@pytest.fixture
def committed_db(django_db_setup, django_db_blocker):
    """The test database as committed, outside a test transaction.

    A backup reads committed data only (pg_dump is another process; SQLite's backup
    cannot read through a connection that is writing). Tests that only back up and
    read use this instead of `transaction=True`, which empties every table after.
    """
    with django_db_blocker.unblock():
        yield


@pytest.fixture
def needs_pg_tools():
    if connection.vendor == "postgresql" and not (
        shutil.which("pg_dump") and shutil.which("pg_restore")
    ):
        pytest.skip("pg_dump and pg_restore are not installed")


def pdf(name: str, text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF.replace(b"Catalog", text.encode()))


def office_with_records_and_files(office) -> None:
    action = office.action(title="Uzupełnić karty usług")
    services.attach_file(actor=office.employee, target=action, upload=pdf("karta.pdf", "A"))
    services.attach_file(actor=office.employee, target=action, upload=pdf("karta.pdf", "B"))
    document = documents.make_document(office, "Obsługa skarg i wniosków")
    document_services.add_file(
        actor=office.owner,
        version=document.versions.get(),
        upload=pdf("procedura.pdf", "Procedura"),
    )
    documents.bring_into_force(office, document)
    improvement.report(office)


def table_rows(conn) -> dict[str, list[tuple]]:
    """Every row of every table, in a stable order."""
    contents = {}
    with conn.cursor() as cursor:
        for table in sorted(conn.introspection.table_names(cursor)):
            if DERIVED_TABLES.match(table):
                continue
            cursor.execute(f"SELECT * FROM {conn.ops.quote_name(table)}")  # noqa: S608
            contents[table] = sorted((tuple(row) for row in cursor.fetchall()), key=repr)
    return contents


def media_files(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in root.rglob("*")
        if path.is_file()
    }


def run_ratusz(
    *args: str,
    data_dir: Path,
    media_root: Path,
    database_url: str | None,
    audit_key: str | None = None,
):
    """The `ratusz` command in a process of its own, configured as a fresh installation
    that keeps the audit-trail key of the one backed up (as docs/operations.md says)."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        RATUSZ_DATA_DIR=str(data_dir),
        RATUSZ_MEDIA_ROOT=str(media_root),
        SECRET_KEY="a-restore-test-key-that-is-long-enough-for-django-checks",
        RATUSZ_AUDIT_KEY=audit_key if audit_key is not None else django_settings.RATUSZ_AUDIT_KEY,
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    return subprocess.run(
        [sys.executable, "-m", "ratusz.cli", *args, "--skip-checks"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def fresh_database(tmp_path):
    """An empty database of the vendor under test: its URL and its settings."""
    settings_dict = dict(connection.settings_dict)
    if connection.vendor == "sqlite":
        # Inside a data directory that does not exist yet: restore creates it.
        path = tmp_path / "restored-data" / "ratusz.sqlite3"
        yield None, {**settings_dict, "NAME": str(path), "OPTIONS": {}, "TEST": {}}
        return
    name = f"{settings_dict['NAME']}_restore"
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)}")
        cursor.execute(f"CREATE DATABASE {connection.ops.quote_name(name)}")
    user, host, port = settings_dict["USER"], settings_dict["HOST"], settings_dict["PORT"]
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    url = f"postgres://{user}{password}@{host}:{port or 5432}/{name}"
    try:
        yield url, {**settings_dict, "NAME": name, "TEST": {}}
    finally:
        with connection.cursor() as cursor:
            cursor.execute(
                f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)} WITH (FORCE)"
            )


@pytest.mark.django_db(transaction=True)
def test_a_restored_backup_brings_back_every_row_and_every_file(
    office, settings, tmp_path, needs_pg_tools, fresh_database
):
    office_with_records_and_files(office)
    archive = tmp_path / "office.tar.gz"
    call_command("backup", "--output", str(archive), stdout=io.StringIO())
    before_rows = table_rows(connection)
    before_files = media_files(settings.MEDIA_ROOT)
    assert len(before_files) == 3

    database_url, restored_settings = fresh_database
    restored_media = tmp_path / "restored-media"
    result = run_ratusz(
        "restore",
        str(archive),
        data_dir=tmp_path / "restored-data",
        media_root=restored_media,
        database_url=database_url,
    )
    assert result.returncode == 0, result.stderr
    assert "The audit trail is intact" in result.stdout
    assert "Restore complete" in result.stdout

    restored = ConnectionHandler({"default": restored_settings})["default"]
    try:
        after_rows = table_rows(restored)
    finally:
        restored.close()
    assert after_rows.keys() == before_rows.keys()
    for table, rows in before_rows.items():
        assert after_rows[table] == rows, f"{table} differs after the restore"
    assert "search_index" in after_rows and after_rows["search_index"]
    assert media_files(restored_media) == before_files


@pytest.mark.django_db(transaction=True)
def test_a_restore_without_the_audit_key_that_sealed_the_backup_restores_nothing(
    office, tmp_path, fresh_database
):
    office_with_records_and_files(office)
    archive = tmp_path / "office.tar.gz"
    call_command("backup", "--output", str(archive), stdout=io.StringIO())
    database_url, restored_settings = fresh_database
    restored_media = tmp_path / "restored-media"

    result = run_ratusz(
        "restore",
        str(archive),
        data_dir=tmp_path / "restored-data",
        media_root=restored_media,
        database_url=database_url,
        audit_key="another-installation-s-key",
    )

    assert result.returncode != 0
    assert "RATUSZ_AUDIT_KEY" in result.stderr
    assert not restored_media.exists() or not any(restored_media.rglob("*.*"))


def test_the_manifest_lists_every_file_with_its_hash_and_the_migration_state(
    committed_db, settings, tmp_path, needs_pg_tools
):
    evidence = settings.MEDIA_ROOT / "attachments" / "2026" / "12" / "dowod.pdf"
    evidence.parent.mkdir(parents=True)
    evidence.write_bytes(PDF)
    archive = tmp_path / "a.tar.gz"
    call_command("backup", "-o", str(archive), stdout=io.StringIO())

    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        names = tar.getnames()
    assert manifest["ratusz_version"] == ratusz.__version__
    assert manifest["database"]["vendor"] == connection.vendor
    assert "0001_initial" in manifest["migrations"]["core"]
    entries = {entry["path"]: entry for entry in manifest["files"]}
    assert entries["media/attachments/2026/12/dowod.pdf"] == {
        "path": "media/attachments/2026/12/dowod.pdf",
        "sha256": hashlib.sha256(PDF).hexdigest(),
        "size": len(PDF),
    }
    assert backup.DATABASE_MEMBERS[connection.vendor] in entries
    assert sorted(names) == sorted([*entries, "manifest.json"])
    assert archive.stat().st_mode & 0o077 == 0  # personal data: readable by its owner only


def test_verify_accepts_an_intact_archive(committed_db, tmp_path, needs_pg_tools):
    archive = tmp_path / "a.tar.gz"
    call_command("backup", "-o", str(archive), stdout=io.StringIO())
    out = io.StringIO()
    call_command("backup", "--verify", str(archive), stdout=out)
    assert "is intact" in out.getvalue()


def rewrite(archive: Path, change) -> None:
    """Rebuild the archive with `change(name, data) -> data` applied to every member."""
    members = []
    with tarfile.open(archive) as tar:
        for member in tar:
            members.append((member.name, change(member.name, tar.extractfile(member).read())))
    with tarfile.open(archive, "w:gz") as tar:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


def test_verify_finds_a_media_file_changed_after_the_backup(
    committed_db, settings, tmp_path, needs_pg_tools
):
    settings.MEDIA_ROOT.mkdir()
    (settings.MEDIA_ROOT / "dowod.pdf").write_bytes(PDF)
    archive = tmp_path / "a.tar.gz"
    call_command("backup", "-o", str(archive), stdout=io.StringIO())
    rewrite(archive, lambda name, data: data + b"forged" if name.startswith("media/") else data)

    err = io.StringIO()
    with pytest.raises(CommandError, match="did NOT verify"):
        call_command("backup", "--verify", str(archive), stdout=io.StringIO(), stderr=err)
    assert "dowod" in err.getvalue() and "content differs from the manifest" in err.getvalue()


def test_verify_finds_a_database_copy_that_cannot_be_read(committed_db, tmp_path, needs_pg_tools):
    archive = tmp_path / "a.tar.gz"
    call_command("backup", "-o", str(archive), stdout=io.StringIO())
    garbage = b"not a database at all" * 100
    database = backup.DATABASE_MEMBERS[connection.vendor]

    def corrupt(name, data):
        if name == database:
            return garbage
        if name == "manifest.json":  # the hashes agree, so only the readability check can tell
            manifest = json.loads(data)
            for entry in manifest["files"]:
                if entry["path"] == database:
                    entry.update(sha256=hashlib.sha256(garbage).hexdigest(), size=len(garbage))
            return json.dumps(manifest).encode()
        return data

    rewrite(archive, corrupt)
    report = backup.verify_backup(archive)
    assert not report.ok
    assert any("database copy is not readable" in p for p in report.problems)


def test_a_failed_backup_exits_non_zero_and_leaves_no_archive(
    committed_db, tmp_path, monkeypatch, needs_pg_tools
):
    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup, "_add_bytes", fail)
    backups = tmp_path / "backups"
    with pytest.raises(CommandError, match="No space left on device"):
        call_command("backup", "-o", str(backups / "a.tar.gz"), stdout=io.StringIO())
    assert list(backups.iterdir()) == []  # neither the archive nor a temporary file


def test_by_default_a_dated_archive_goes_to_the_data_directory_and_keep_prunes_old_ones(
    committed_db, settings, tmp_path, needs_pg_tools
):
    settings.DATA_DIR = tmp_path / "data"
    backups = tmp_path / "data" / "backups"
    backups.mkdir(parents=True)
    (backups / "notes.txt").write_text("the operator's own file")
    for day in (1, 2, 3):
        old = backups / f"ratusz-backup-2026-01-0{day}T020000Z.tar.gz"
        old.write_bytes(b"old")
        os.utime(old, (day * 86400, day * 86400))

    out = io.StringIO()
    call_command("backup", "--keep", "2", stdout=out)

    archives = sorted(p.name for p in backups.glob("ratusz-backup-*.tar.gz"))
    assert len(archives) == 2
    assert archives[0] == "ratusz-backup-2026-01-03T020000Z.tar.gz"
    assert re.fullmatch(r"ratusz-backup-\d{4}-\d\d-\d\dT\d{6}Z\.tar\.gz", archives[1])
    assert (backups / "notes.txt").exists()
    assert "Backup written" in out.getvalue()


def test_restore_refuses_a_database_that_is_not_empty(committed_db, tmp_path, needs_pg_tools):
    archive = tmp_path / "a.tar.gz"
    call_command("backup", "-o", str(archive), stdout=io.StringIO())
    with pytest.raises(CommandError, match=r"is not empty \(\d+ tables") as refused:
        call_command("restore", str(archive), stdout=io.StringIO())
    assert "Nothing was restored" in str(refused.value)


def test_restore_refuses_a_media_directory_that_is_not_empty_and_changes_nothing(
    committed_db, settings, tmp_path, needs_pg_tools
):
    archive = tmp_path / "a.tar.gz"
    call_command("backup", "-o", str(archive), stdout=io.StringIO())
    settings.MEDIA_ROOT = tmp_path / "other-media"
    (settings.MEDIA_ROOT / "old").mkdir(parents=True)
    (settings.MEDIA_ROOT / "old" / "file.pdf").write_bytes(PDF)
    rows = table_rows(connection)

    with pytest.raises(CommandError) as refused:
        call_command("restore", str(archive), stdout=io.StringIO())
    assert f"the media directory {settings.MEDIA_ROOT} is not empty (1 file)" in str(refused.value)
    assert media_files(settings.MEDIA_ROOT) == {"old/file.pdf": hashlib.sha256(PDF).hexdigest()}
    assert table_rows(connection) == rows


def test_restore_refuses_a_backup_of_the_other_database_vendor(
    committed_db, tmp_path, needs_pg_tools
):
    archive = tmp_path / "a.tar.gz"
    call_command("backup", "-o", str(archive), stdout=io.StringIO())
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"

    def relabel(name, data):
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["database"]["vendor"] = other
        return json.dumps(manifest).encode()

    rewrite(archive, relabel)
    with pytest.raises(CommandError, match="restores only into the same kind of database"):
        call_command("restore", str(archive), stdout=io.StringIO())


@pytest.mark.django_db(transaction=True)
def test_a_file_named_in_the_database_but_missing_from_media_is_warned_about(
    office, settings, tmp_path, needs_pg_tools
):
    action = office.action()
    lost = services.attach_file(actor=office.employee, target=action, upload=pdf("a.pdf", "A"))
    (settings.MEDIA_ROOT / lost.file.name).unlink()
    archive = tmp_path / "a.tar.gz"
    err = io.StringIO()
    call_command("backup", "-o", str(archive), stdout=io.StringIO(), stderr=err)

    assert f"{lost.file.name} is named in the database but missing from media" in err.getvalue()
    with tarfile.open(archive) as tar:
        assert json.load(tar.extractfile("manifest.json"))["media_missing"] == [lost.file.name]


def test_a_pg_dump_older_than_the_server_is_refused_with_what_to_install(settings, tmp_path):
    tool = tmp_path / "pg_dump"
    tool.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 14.11'\n")
    tool.chmod(0o755)
    settings.RATUSZ_PG_BIN = str(tmp_path)
    with pytest.raises(backup.BackupError, match="version 14 but version 16 or later") as refused:
        backup._pg_tool("pg_dump", at_least=16)
    assert "postgresql-client-16" in str(refused.value)


def test_a_backup_into_the_media_directory_is_refused(committed_db, settings):
    with pytest.raises(CommandError, match="outside the media directory"):
        call_command("backup", "-o", str(settings.MEDIA_ROOT / "backups"), stdout=io.StringIO())
    assert not settings.MEDIA_ROOT.exists()
