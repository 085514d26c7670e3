"""Backup and restore of a whole installation: the database, the media files and a manifest.

One archive (`ratusz-backup-<UTC time>.tar.gz`) holds:

- `database/ratusz.sqlite3`: a copy made with SQLite's online backup API, or
  `database/ratusz.pgdump`: `pg_dump --format=custom` (one snapshot of the whole
  database). Both are consistent while the app keeps running and writing.
- `media/…`: every file under MEDIA_ROOT, copied after the database, so each file
  the database copy names is in the archive (Ratusz never deletes evidence files).
- `manifest.json` (the last member): each file's SHA-256 and size, the Ratusz
  version, the database vendor and the applied migrations.

The archive is written to a temporary file beside the target and renamed into
place only when complete, so a cron job that fails half-way never leaves a
truncated archive that looks like a backup.

A restore fills an empty database and an empty media directory, and only from an
archive that verifies. Restoring into the other database vendor is not supported.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import IO, Any

import django
from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

import ratusz
from ratusz.core import audit

FORMAT = "ratusz-backup"
FORMAT_VERSION = 1
PREFIX = "ratusz-backup-"
SUFFIX = ".tar.gz"
MANIFEST = "manifest.json"
DATABASE_MEMBERS = {"sqlite": "database/ratusz.sqlite3", "postgresql": "database/ratusz.pgdump"}
MEDIA_DIR = "media"
VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
CHUNK = 1024 * 1024
MAX_MANIFEST_BYTES = 256 * 1024 * 1024


class BackupError(Exception):
    """Something the operator must fix; the message says what and how."""


@dataclass
class BackupResult:
    path: Path
    size: int
    database_bytes: int
    media_files: int
    media_bytes: int
    missing_media: list[str] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)


@dataclass
class VerifyReport:
    archive: Path
    manifest: dict[str, Any] | None = None
    problems: list[str] = field(default_factory=list)
    checked_files: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class RestoreResult:
    manifest: dict[str, Any]
    media_files: int
    pending_migrations: list[str]


# --- helpers ------------------------------------------------------------------


def _vendor() -> str:
    if connection.vendor not in DATABASE_MEMBERS:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")
    return connection.vendor


def default_archive_path(now: datetime | None = None) -> Path:
    """A dated file in RATUSZ_DATA_DIR/backups; UTC, so names sort by time across DST."""
    stamp = (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H%M%SZ")
    return Path(settings.DATA_DIR) / "backups" / f"{PREFIX}{stamp}{SUFFIX}"


def _target_path(output: Path | None) -> Path:
    if output is None:
        return default_archive_path()
    output = output.expanduser()
    if output.is_dir():
        return output / default_archive_path().name
    return output


def _sha256_of(path: Path) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class _HashingReader:
    """Hashes what tarfile reads from a file, so each file is read once."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.digest = hashlib.sha256()
        self.size = 0

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.digest.update(data)
        self.size += len(data)
        return data


def _add_file(tar: tarfile.TarFile, path: Path, name: str) -> dict[str, Any]:
    with path.open("rb") as raw:
        stat = os.fstat(raw.fileno())
        info = tarfile.TarInfo(name)
        info.size = stat.st_size
        info.mtime = int(stat.st_mtime)
        info.mode = 0o600
        reader = _HashingReader(raw)
        # A file that changes size while it is read fails here (tarfile reads
        # exactly info.size bytes), rather than being archived half-written.
        tar.addfile(info, reader)
    return {"path": name, "sha256": reader.digest.hexdigest(), "size": reader.size}


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(datetime.now(UTC).timestamp())
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(data))


def _applied_migrations() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def _media_files(root: Path) -> Iterator[Path]:
    if not root.is_dir():
        return
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if path.is_file() and not path.is_symlink():
                yield path


def _referenced_media() -> set[str]:
    """The names every FileField in the database points at."""
    from django.apps import apps
    from django.db import models

    names: set[str] = set()
    for model in apps.get_models():
        for model_field in model._meta.concrete_fields:
            if isinstance(model_field, models.FileField):
                names.update(
                    model._base_manager.exclude(**{model_field.attname: ""})
                    .values_list(model_field.attname, flat=True)
                    .iterator()
                )
    return names


# --- PostgreSQL client tools --------------------------------------------------


def _tool_major(tool: Path) -> int:
    out = subprocess.run(  # noqa: S603 - a fixed tool path and a fixed argument
        [str(tool), "--version"], capture_output=True, text=True, check=True, timeout=30
    ).stdout
    match = re.search(r"(\d+)(?:\.\d+)?", out)
    if not match:
        raise BackupError(f"Cannot tell the version of {tool} from {out!r}.")
    return int(match.group(1))


def _pg_tool(name: str, *, at_least: int) -> Path:
    """pg_dump or pg_restore of at least major version `at_least`.

    Looked up in RATUSZ_PG_BIN if set; otherwise Debian's versioned directory
    for that major version, then PATH. A pg_dump older than the server refuses
    to dump it, and a pg_restore older than the dump cannot read it, so the
    version is checked here with a message that says what to install.
    """
    candidates: list[Path] = []
    if settings.RATUSZ_PG_BIN:
        candidates.append(Path(settings.RATUSZ_PG_BIN) / name)
    else:
        candidates.append(Path(f"/usr/lib/postgresql/{at_least}/bin/{name}"))
        found = shutil.which(name)
        if found:
            candidates.append(Path(found))
    tool = next((c for c in candidates if c.is_file() and os.access(c, os.X_OK)), None)
    if tool is None:
        raise BackupError(
            f"{name} was not found. Install the PostgreSQL {at_least} client tools "
            f"(Debian: apt-get install postgresql-client-{at_least}) or set RATUSZ_PG_BIN "
            "to the directory that holds them."
        )
    major = _tool_major(tool)
    if major < at_least:
        raise BackupError(
            f"{tool} is version {major} but version {at_least} or later is needed. Install "
            f"postgresql-client-{at_least} or set RATUSZ_PG_BIN to the directory of a newer "
            f"{name} (e.g. /usr/lib/postgresql/{at_least}/bin)."
        )
    return tool


def _pg_connection_args() -> tuple[list[str], dict[str, str]]:
    """Connection options for the client tools; the password travels in the environment."""
    from django.db.backends.postgresql.client import DatabaseClient

    params = connection.settings_dict
    _, env = DatabaseClient.settings_to_cmd_args_env(params, [])
    args = []
    if params.get("HOST"):
        args += ["--host", str(params["HOST"])]
    if params.get("PORT"):
        args += ["--port", str(params["PORT"])]
    if params.get("USER"):
        args += ["--username", str(params["USER"])]
    args += ["--no-password", "--dbname", str(params.get("NAME") or "postgres")]
    return args, {**os.environ, **{k: str(v) for k, v in (env or {}).items()}}


def _run_tool(args: list[str], env: dict[str, str] | None = None) -> None:
    result = subprocess.run(args, capture_output=True, text=True, env=env, check=False)  # noqa: S603
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip()
        raise BackupError(f"{Path(args[0]).name} failed (exit {result.returncode}): {detail}")


def _server_major() -> int:
    connection.ensure_connection()
    return int(connection.pg_version) // 10000  # type: ignore[attr-defined]


# --- backup -------------------------------------------------------------------


def _copy_database(staging: Path) -> tuple[Path, dict[str, Any]]:
    """A consistent copy of the live database, and what the manifest says about it."""
    vendor = _vendor()
    if connection.in_atomic_block:
        # SQLite's backup cannot read through a connection that is writing, and
        # pg_dump would not see this transaction's rows.
        raise BackupError("A backup cannot be made inside a database transaction.")
    connection.ensure_connection()
    if vendor == "sqlite":
        path = staging / "ratusz.sqlite3"
        target = sqlite3.connect(path)
        try:
            # One step: the whole copy is read in one read transaction, which in
            # WAL mode never blocks the app's writers, and is one snapshot.
            connection.connection.backup(target)
            # A self-contained file: no -wal/-shm needed to open it.
            target.execute("PRAGMA journal_mode=DELETE")
        finally:
            target.close()
        return path, {"vendor": vendor, "sqlite_version": sqlite3.sqlite_version}
    path = staging / "ratusz.pgdump"
    server_major = _server_major()
    pg_dump = _pg_tool("pg_dump", at_least=server_major)
    args, env = _pg_connection_args()
    _run_tool([str(pg_dump), "--format=custom", "--file", str(path), *args], env)
    return path, {
        "vendor": vendor,
        "server_version": connection.pg_version,  # type: ignore[attr-defined]
        "pg_dump_major": _tool_major(pg_dump),
    }


def create_backup(*, output: Path | None = None, keep: int | None = None) -> BackupResult:
    """Write one archive of the running installation; see the module's docstring."""
    if keep is not None and keep < 1:
        raise BackupError("--keep must be at least 1.")
    vendor = _vendor()
    target = _target_path(output)
    if target.exists():
        raise BackupError(f"{target} already exists; choose another name.")
    media_root = Path(settings.MEDIA_ROOT)
    if target.parent.resolve().is_relative_to(media_root.resolve()):
        raise BackupError(
            f"Write backups outside the media directory ({media_root}), or they would be "
            "backed up as media."
        )
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".ratusz-backup-", dir=target.parent))
    except OSError as exc:
        raise BackupError(f"Cannot write to {target.parent}: {exc.strerror}.") from exc
    try:
        migrations = _applied_migrations()
        db_path, db_info = _copy_database(staging)
        # After the database copy: every file it names exists by now.
        referenced = _referenced_media()
        partial = staging / "archive.partial"
        with tarfile.open(partial, "w:gz", compresslevel=6) as tar:
            files = [_add_file(tar, db_path, DATABASE_MEMBERS[vendor])]
            media: list[dict[str, Any]] = []
            for path in _media_files(media_root):
                relative = path.relative_to(media_root).as_posix()
                media.append(_add_file(tar, path, f"{MEDIA_DIR}/{relative}"))
            files += media
            present = {entry["path"].removeprefix(MEDIA_DIR + "/") for entry in media}
            missing = sorted(referenced - present)
            manifest = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "created_at": datetime.now(UTC).isoformat(),
                "ratusz_version": ratusz.__version__,
                "django_version": django.get_version(),
                "database": {**db_info, "file": DATABASE_MEMBERS[vendor]},
                "migrations": migrations,
                "media_missing": missing,
                "audit_key": audit.key_fingerprint(),
                "files": files,
            }
            _add_bytes(tar, MANIFEST, json.dumps(manifest, indent=1).encode())
        partial.chmod(0o600)  # personal data and password hashes
        _fsync(partial)
        # A hard link appears complete or not at all, and never replaces an
        # archive another run wrote under the same name meanwhile.
        os.link(partial, target)
        _fsync(target.parent)
    except FileExistsError as exc:
        raise BackupError(f"{target} already exists; choose another name.") from exc
    except (OSError, sqlite3.Error) as exc:
        raise BackupError(f"The backup failed: {exc}") from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    removed = apply_retention(target.parent, keep) if keep else []
    return BackupResult(
        path=target,
        size=target.stat().st_size,
        database_bytes=files[0]["size"],
        media_files=len(media),
        media_bytes=sum(entry["size"] for entry in media),
        missing_media=missing,
        removed=removed,
    )


def apply_retention(directory: Path, keep: int) -> list[Path]:
    """Delete all but the `keep` newest archives named ratusz-backup-*.tar.gz in `directory`.

    Other files are never touched, whatever their name."""
    archives = sorted(
        (p for p in directory.glob(f"{PREFIX}*{SUFFIX}") if p.is_file() and not p.is_symlink()),
        key=lambda p: (p.stat().st_mtime, p.name),
    )
    removed = archives[:-keep] if len(archives) > keep else []
    for path in removed:
        path.unlink()
    return removed


# --- verify -------------------------------------------------------------------


def _member_problem(member: tarfile.TarInfo) -> str | None:
    """Why a member may not be restored (absolute, climbing out, not a plain file)."""
    path = PurePosixPath(member.name)
    if path.is_absolute() or ".." in path.parts or not member.isfile():
        return f"{member.name}: not a plain file inside the archive"
    if member.name != MANIFEST and path.parts[0] not in ("database", MEDIA_DIR):
        return f"{member.name}: not part of a Ratusz backup"
    return None


def _read_archive(archive: Path, workdir: Path) -> tuple[VerifyReport, Path | None]:
    """Hash every member against the manifest; the database copy is extracted to `workdir`."""
    report = VerifyReport(archive=archive)
    seen: dict[str, tuple[str, int]] = {}
    database: Path | None = None
    manifest_bytes: bytes | None = None
    try:
        with tarfile.open(archive, "r:gz") as tar:
            for member in tar:
                problem = _member_problem(member)
                if problem:
                    report.problems.append(problem)
                    continue
                source = tar.extractfile(member)
                assert source is not None  # a plain file
                if member.name == MANIFEST:
                    manifest_bytes = source.read(MAX_MANIFEST_BYTES)
                    continue
                out = None
                if member.name.startswith("database/") and database is None:
                    database = workdir / PurePosixPath(member.name).name
                    out = database.open("wb")
                digest, size = hashlib.sha256(), 0
                try:
                    while chunk := source.read(CHUNK):
                        digest.update(chunk)
                        size += len(chunk)
                        if out:
                            out.write(chunk)
                finally:
                    if out:
                        out.close()
                seen[member.name] = (digest.hexdigest(), size)
    except (OSError, EOFError, tarfile.TarError) as exc:
        report.problems.append(f"the archive cannot be read: {exc}")
        return report, None
    if manifest_bytes is None:
        report.problems.append("the archive has no manifest.json: not a Ratusz backup")
        return report, None
    try:
        manifest = json.loads(manifest_bytes)
        if manifest.get("format") != FORMAT:
            raise ValueError("not a Ratusz backup")
        if manifest.get("format_version") != FORMAT_VERSION:
            raise ValueError(f"format version {manifest.get('format_version')} is not supported")
        listed = {entry["path"]: (entry["sha256"], entry["size"]) for entry in manifest["files"]}
        vendor = manifest["database"]["vendor"]
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        report.problems.append(f"the manifest is not valid: {exc}")
        return report, None
    report.manifest = manifest
    for name, (sha256, size) in sorted(listed.items()):
        if name not in seen:
            report.problems.append(f"{name}: listed in the manifest but missing from the archive")
        elif seen[name] != (sha256, size):
            report.problems.append(
                f"{name}: content differs from the manifest (SHA-256 or size changed)"
            )
    for name in sorted(set(seen) - set(listed)):
        report.problems.append(f"{name}: in the archive but not in the manifest")
    report.checked_files = len(set(seen) & set(listed))
    if DATABASE_MEMBERS.get(vendor) not in listed or database is None:
        report.problems.append("the archive holds no database copy")
        return report, None
    report.problems += _database_problems(database, manifest)
    return report, database


def _database_problems(path: Path, manifest: dict[str, Any]) -> list[str]:
    """Is the database copy readable, and does it hold the migrations the manifest says?"""
    vendor = manifest["database"]["vendor"]
    expected = sorted(
        (app, name) for app, names in manifest["migrations"].items() for name in names
    )
    if vendor == "sqlite":
        try:
            db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                check = db.execute("PRAGMA integrity_check").fetchall()
                if check != [("ok",)]:
                    return [f"the database copy is damaged: {check[:5]}"]
                found = sorted(db.execute("SELECT app, name FROM django_migrations").fetchall())
            finally:
                db.close()
        except sqlite3.DatabaseError as exc:
            return [f"the database copy is not readable: {exc}"]
        if found != expected:
            return ["the database copy's migrations differ from the manifest"]
        return []
    try:
        pg_restore = _pg_tool("pg_restore", at_least=int(manifest["database"]["pg_dump_major"]))
    except (BackupError, KeyError, ValueError) as exc:
        return [f"the database copy cannot be checked: {exc}"]
    result = subprocess.run(  # noqa: S603 - a found tool and a file we extracted
        [str(pg_restore), "--list", str(path)], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        return [f"the database copy is not readable: {result.stderr.strip()}"]
    if "TABLE DATA public django_migrations" not in result.stdout:
        return ["the database copy holds no Ratusz data (no django_migrations table)"]
    return []


def verify_backup(archive: Path) -> VerifyReport:
    """Check every file's hash and size against the manifest and that the database opens."""
    if not archive.is_file():
        return VerifyReport(archive=archive, problems=[f"{archive} is not a file"])
    with tempfile.TemporaryDirectory(prefix="ratusz-verify-") as work:
        report, _ = _read_archive(archive, Path(work))
    return report


# --- restore ------------------------------------------------------------------


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _prepare_sqlite_target() -> None:
    name = str(connection.settings_dict["NAME"])
    if name != ":memory:" and not name.startswith("file:"):
        Path(name).parent.mkdir(parents=True, exist_ok=True)


def _target_problems(media_root: Path) -> list[str]:
    problems = []
    tables = sorted(connection.introspection.table_names())
    if tables:
        name = connection.settings_dict["NAME"]
        if connection.vendor == "sqlite":
            where, fix = f"the SQLite file {name}", "move the file away"
        else:
            where, fix = f"the PostgreSQL database {name}", "create a new one (createdb)"
        problems.append(
            f"{where} is not empty ({_count(len(tables), 'table')}, e.g. "
            f"{', '.join(tables[:3])}). A restore fills only an empty database: {fix}, "
            "then run the restore again."
        )
    if media_root.exists():
        files = sum(1 for p in media_root.rglob("*") if not p.is_dir())
        if files:
            problems.append(
                f"the media directory {media_root} is not empty ({_count(files, 'file')}). "
                "A restore fills only an empty one: move its contents away or point "
                "RATUSZ_MEDIA_ROOT at an empty directory."
            )
    return problems


def _unknown_migrations(manifest: dict[str, Any]) -> list[str]:
    """Migrations applied in the backup that this Ratusz does not have (a newer version)."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    return [
        f"{app}.{name}"
        for app, names in sorted(manifest["migrations"].items())
        for name in names
        if app in loader.migrated_apps and (app, name) not in known
    ]


def _restore_media(archive: Path, media_root: Path, written: list[Path]) -> None:
    """Write every media member under `media_root`; `written` collects them for an undo."""
    with tarfile.open(archive, "r:gz") as tar:
        for member in tar:
            if not member.name.startswith(MEDIA_DIR + "/") or _member_problem(member):
                continue
            relative = PurePosixPath(member.name).relative_to(MEDIA_DIR)
            target = media_root.joinpath(*relative.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            source = tar.extractfile(member)
            assert source is not None
            written.append(target)
            with target.open("xb") as out:
                shutil.copyfileobj(source, out, CHUNK)
            os.utime(target, (member.mtime, member.mtime))


def _restore_database(path: Path, manifest: dict[str, Any]) -> None:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            # All or nothing: the backup API replaces the target in one transaction.
            source.backup(connection.connection)
        finally:
            source.close()
        connection.close()  # reopen with the configured PRAGMAs (WAL) on next use
        return
    pg_restore = _pg_tool("pg_restore", at_least=int(manifest["database"]["pg_dump_major"]))
    args, env = _pg_connection_args()
    connection.close()
    # One transaction: a failure leaves the database as empty as it was. Owners
    # and grants of the old server are not carried over: the tables belong to
    # the user Ratusz connects as.
    _run_tool(
        [
            str(pg_restore),
            "--single-transaction",
            "--exit-on-error",
            "--no-owner",
            "--no-privileges",
            *args,
            str(path),
        ],
        env,
    )


def _remove_restored(written: list[Path], media_root: Path) -> None:
    for path in written:
        path.unlink(missing_ok=True)
    for directory in sorted({p.parent for p in written}, key=lambda p: len(p.parts), reverse=True):
        while directory != media_root and directory.is_relative_to(media_root):
            try:
                directory.rmdir()
            except OSError:
                break
            directory = directory.parent


def restore_archive(archive: Path) -> RestoreResult:
    """Fill the empty configured database and media directory from a verified archive.

    Media first, then the database in one transaction; if either fails, the
    files written are removed again, so a failed restore can simply be retried.
    """
    vendor = _vendor()
    if vendor == "sqlite":
        _prepare_sqlite_target()
    media_root = Path(settings.MEDIA_ROOT)
    if not archive.is_file():
        raise BackupError(f"{archive} is not a file.")
    with tempfile.TemporaryDirectory(prefix="ratusz-restore-") as work:
        report, database = _read_archive(archive, Path(work))
        source_vendor = (report.manifest or {}).get("database", {}).get("vendor", vendor)
        if source_vendor != vendor:
            raise BackupError(
                f"This backup holds a {VENDOR_NAMES.get(source_vendor, source_vendor)} database "
                f"but Ratusz is configured for {VENDOR_NAMES[vendor]}. A backup restores only "
                "into the same kind of database: restore it there, then move the data as "
                "docs/operations.md describes."
            )
        if not report.ok or report.manifest is None or database is None:
            raise BackupError(
                "The archive did not verify; nothing was restored:\n  "
                + "\n  ".join(report.problems)
            )
        manifest = report.manifest
        unknown = _unknown_migrations(manifest)
        if unknown:
            raise BackupError(
                f"The backup was made by a newer Ratusz ({manifest.get('ratusz_version')}; this "
                f"is {ratusz.__version__}): it has migrations this version does not know "
                f"({', '.join(unknown[:5])}). Install that version or later, then restore."
            )
        sealed_with = manifest.get("audit_key")
        if sealed_with and sealed_with != audit.key_fingerprint():
            raise BackupError(
                "Nothing was restored: this backup's audit trail was sealed with another "
                "audit-trail key than the one configured here, so it could not be verified. "
                "Set RATUSZ_AUDIT_KEY to the key of the installation the backup comes from "
                "(or copy its audit_key file into RATUSZ_DATA_DIR), then restore again."
            )
        problems = _target_problems(media_root)
        if problems:
            raise BackupError("Nothing was restored: " + "\n  ".join(problems))
        written: list[Path] = []
        try:
            _restore_media(archive, media_root, written)
            _restore_database(database, manifest)
        except BaseException as exc:
            _remove_restored(written, media_root)
            if isinstance(exc, BackupError | OSError | tarfile.TarError | sqlite3.Error):
                raise BackupError(
                    f"The restore failed and was undone (nothing is left behind): {exc}"
                ) from exc
            raise
    return RestoreResult(
        manifest=manifest, media_files=len(written), pending_migrations=_pending_migrations()
    )


def _pending_migrations() -> list[str]:
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _ in plan]
