"""Backup and restore: the PostgreSQL database (pg_dump's custom format), the private folder
of uploaded CVs (a tar.gz) and a manifest (JSON) that says what the two are.

A backup is a folder, passionhire-<UTC time>, holding database.dump, private-files.tar.gz and
manifest.json: when it was made, the migrations applied, pg_dump's version, the SHA-256 and
size of both files and the row count of every table. The counts and the migrations are read in
the transaction whose snapshot pg_dump dumps, so they describe the dump exactly.

A restore checks everything it can before it changes anything: the files and their checksums,
that the code knows every migration in the backup, that the archive holds only plain files and
folders under relative paths, that the database is PostgreSQL and empty and the CV folder
empty. pg_restore then runs in a single transaction (a failure leaves the database empty), the
CVs move into place, the row counts are compared and `migrate` brings the schema up to the code.

The connection comes from the database settings and reaches pg_dump and pg_restore through
libpq's environment variables (PGPASSWORD among them), never the command line; no message
names the password. docs/operations.md has the routine.

Long because the backup and every check the restore makes of it are read side by side: the
manifest written and verified, the archive packed and its members refused, in one place.
"""

import hashlib
import json
import os
import re
import shutil
import subprocess  # pg_dump and pg_restore, run with an argument list and no shell
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from django.core.files.storage import FileSystemStorage, storages
from django.db import connections, transaction
from django.db.migrations.loader import MigrationLoader
from psycopg import sql

FORMAT = 1
DUMP = "database.dump"
FILES = "private-files.tar.gz"
MANIFEST = "manifest.json"
PREFIX = "passionhire-"
CHUNK = 1024 * 1024
# Database options Django passes to psycopg that libpq also reads from the environment.
LIBPQ_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "options": "PGOPTIONS",
    "service": "PGSERVICE",
    "passfile": "PGPASSFILE",
    "target_session_attrs": "PGTARGETSESSIONATTRS",
}
USER_TABLES = """
    SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
      AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
    ORDER BY 1, 2
"""
ANY_RELATION = """
    SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n
      ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
      AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
    ORDER BY 1
"""


class BackupError(Exception):
    """A refusal or a failure, in a sentence for the operator (the commands print it)."""


@dataclass(frozen=True)
class Done:
    path: Path
    manifest: dict


# --- The database and the tools ---------------------------------------------------------------


def _postgresql(action: str):
    connection = connections["default"]
    if connection.vendor == "postgresql":
        return connection
    name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        raise BackupError(
            f"The database is SQLite ({name}), and {action} works on PostgreSQL only. For "
            "SQLite, stop the app and copy the database file and the CV folder "
            f"({_private_root()}) instead; to restore, copy them back."
        )
    raise BackupError(f"The database is {connection.vendor}; {action} works on PostgreSQL only.")


def libpq_env(settings_dict: dict) -> dict:
    """The environment for pg_dump and pg_restore: this process's, plus the connection from
    the database settings as libpq variables (the password only ever here)."""
    env = dict(os.environ)
    for key, var in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ):
        if settings_dict.get(key):
            env[var] = str(settings_dict[key])
    for option, var in LIBPQ_OPTIONS.items():
        if settings_dict.get("OPTIONS", {}).get(option) not in (None, ""):
            env[var] = str(settings_dict["OPTIONS"][option])
    return env


def _where(connection) -> str:
    db = connection.settings_dict
    return f"database {db['NAME']!r} on {db.get('HOST') or 'the local socket'}"


def _tool(name: str, server_major: int) -> tuple[str, str, int]:
    """(path, version line, major version) of pg_dump or pg_restore: Debian's binary of the
    server's own version if installed, else the one on PATH."""
    debian = Path(f"/usr/lib/postgresql/{server_major}/bin/{name}")
    path = str(debian) if debian.is_file() else shutil.which(name)
    if not path:
        raise BackupError(
            f"{name} is not installed: install PostgreSQL's client tools of version "
            f"{server_major} (Debian: apt-get install postgresql-client-{server_major})."
        )
    result = _run([path, "--version"], env=dict(os.environ))
    match = re.search(r"(\d+)(?:\.\d+)?", result.stdout)
    if result.returncode != 0 or not match:
        raise BackupError(f"{path} --version did not answer with a version: {result.stderr}")
    return path, result.stdout.strip(), int(match.group(1))


def _run(argv: list[str], env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(argv, env=env, capture_output=True, text=True, check=False)


def _tail(text: str, lines: int = 8) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def _count_rows(cursor, tables) -> dict[str, int]:
    counts = {}
    for schema, table in tables:
        query = sql.SQL("SELECT count(*) FROM {}.{}")
        cursor.execute(query.format(sql.Identifier(schema), sql.Identifier(table)))
        counts[f"{schema}.{table}"] = cursor.fetchone()[0]
    return counts


# --- The CV folder ----------------------------------------------------------------------------


def _private_root() -> Path:
    storage = storages["private"]
    if not isinstance(storage, FileSystemStorage):
        raise BackupError(
            "The private storage is not a folder (STORAGES['private'] is "
            f"{type(storage).__name__}): back it up with its own tools."
        )
    return Path(storage.location)


def _pack(root: Path, archive: Path) -> tuple[int, int]:
    """Every folder and plain file under root into a tar.gz; (files, bytes). Anything else
    (a link, a device) is refused: the restore would refuse it too."""
    count = size = 0
    with tarfile.open(archive, "w:gz") as tar:
        if not root.exists():
            return 0, 0
        for folder, dirs, files in os.walk(root):
            dirs.sort()
            for name in sorted(dirs) + sorted(files):
                path = Path(folder) / name
                relative = path.relative_to(root).as_posix()
                if path.is_symlink() or not (path.is_dir() or path.is_file()):
                    raise BackupError(
                        f"{path} in the CV folder is not a plain file or folder (a link?): "
                        "move it away and run the backup again."
                    )
                info = tar.gettarinfo(str(path), arcname=relative)
                info.uid = info.gid = 0
                info.uname = info.gname = ""
                if info.isdir():
                    tar.addfile(info)
                else:
                    with path.open("rb") as handle:
                        tar.addfile(info, handle)
                    count, size = count + 1, size + info.size
    return count, size


def _members(archive: Path) -> list[tarfile.TarInfo]:
    """The archive's members, each checked: a relative path without `..`, a plain file or a
    folder, named once."""
    try:
        with tarfile.open(archive, "r:gz") as tar:
            members = tar.getmembers()
    except (tarfile.TarError, EOFError, OSError) as error:
        raise BackupError(
            f"{archive.name} cannot be read ({error}): the archive is damaged."
        ) from None
    seen, checked = set(), []
    for member in members:
        path = PurePosixPath(member.name)
        if member.isdir() and not path.parts and not path.is_absolute():
            continue  # "." (an archive made with `tar -C folder .`)
        if (
            path.is_absolute()
            or member.name.startswith(("/", "\\"))
            or re.match(r"^[A-Za-z]:", member.name)
        ):
            raise BackupError(f"{FILES} is unsafe: {member.name!r} is an absolute path.")
        if ".." in path.parts or "\\" in member.name:
            raise BackupError(f"{FILES} is unsafe: {member.name!r} leads out of the CV folder.")
        if not (member.isfile() or member.isdir()):
            raise BackupError(
                f"{FILES} is unsafe: {member.name!r} is a link or a special file, not a plain "
                "file or folder."
            )
        if path in seen or not path.parts:
            raise BackupError(f"{FILES} is unsafe: {member.name!r} appears twice or is empty.")
        seen.add(path)
        checked.append(member)
    return checked


def _unpack(archive: Path, members: list[tarfile.TarInfo], into: Path) -> None:
    """Writes the checked members under `into` ourselves: plain files and folders, our
    permissions, no owner from the archive."""
    with tarfile.open(archive, "r:gz") as tar:
        for member in members:
            target = into.joinpath(*PurePosixPath(member.name).parts)
            if into.resolve() not in target.resolve().parents:
                raise BackupError(f"{FILES} is unsafe: {member.name!r} leads out of the folder.")
            if member.isdir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            source = tar.extractfile(member)
            with source, target.open("xb") as out:
                shutil.copyfileobj(source, out, CHUNK)


# --- Checksums and the manifest ---------------------------------------------------------------


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def _read_manifest(folder: Path) -> dict:
    path = folder / MANIFEST
    if not folder.is_dir():
        raise BackupError(f"{folder} is not a folder: name the passionhire-<time> folder.")
    if not path.is_file():
        raise BackupError(
            f"{folder} has no {MANIFEST}: it is not a backup made by `manage.py backup` "
            f"(name the {PREFIX}<time> folder it wrote)."
        )
    try:
        manifest = json.loads(path.read_text())
    except (ValueError, UnicodeDecodeError) as error:
        raise BackupError(f"{path} is not valid JSON ({error}): the backup is damaged.") from None
    keys = {"created_at", "database", "migrations", "row_counts", "private_files", "files"}
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT or keys - set(manifest):
        raise BackupError(f"{path} is not a manifest this version can read (format {FORMAT}).")
    return manifest


def _verify_files(folder: Path, manifest: dict) -> None:
    listed = manifest.get("files") or {}
    for name in (DUMP, FILES):
        path = folder / name
        if name not in listed:
            raise BackupError(f"The manifest does not list {name}: the backup is damaged.")
        if not path.is_file():
            raise BackupError(f"{name} is missing from {folder}: the backup is incomplete.")
        expected = listed[name]
        if path.stat().st_size != expected.get("bytes") or _sha256(path) != expected.get("sha256"):
            raise BackupError(
                f"Checksum mismatch: {name} is not the file the backup wrote (damaged, "
                "truncated or changed). Nothing was restored; use another backup."
            )


def _unknown_migrations(manifest: dict) -> list[str]:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    for migration in loader.replacements.values():
        known.update(migration.replaces)
    return [
        f"{app}.{name}"
        for app, names in sorted((manifest.get("migrations") or {}).items())
        for name in names
        if (app, name) not in known
    ]


# --- Backup -----------------------------------------------------------------------------------


def make_backup(destination: Path) -> Done:
    """Writes destination/passionhire-<UTC time>/ and returns it with its manifest."""
    connection = _postgresql("backup")
    root = _private_root()
    if destination.resolve().is_relative_to(root.resolve()):
        raise BackupError(f"{destination} is inside the CV folder ({root}): choose another.")
    destination.mkdir(parents=True, exist_ok=True, mode=0o700)
    created = datetime.now(UTC).replace(microsecond=0)
    final = destination / f"{PREFIX}{created.strftime('%Y%m%dT%H%M%SZ')}"
    if final.exists():
        raise BackupError(f"{final} already exists: wait a second and run the backup again.")
    work = Path(tempfile.mkdtemp(prefix=f".{PREFIX}", suffix=".partial", dir=destination))
    try:
        manifest = _write_backup(connection, root, work, created)
        (work / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
        for path in work.iterdir():
            path.chmod(0o600)
        work.rename(final)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return Done(final, manifest)


def _write_backup(connection, root: Path, work: Path, created: datetime) -> dict:
    connection.ensure_connection()
    server_major = connection.pg_version // 10000
    pg_dump, pg_dump_version, dump_major = _tool("pg_dump", server_major)
    if dump_major < server_major:
        raise BackupError(
            f"{pg_dump} is version {dump_major}, older than the server (PostgreSQL "
            f"{server_major}), which it cannot dump: install postgresql-client-{server_major}."
        )
    # One snapshot for the counts, the migrations and the dump.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version')")
        snapshot, server_version = cursor.fetchone()
        cursor.execute(USER_TABLES)
        counts = _count_rows(cursor, cursor.fetchall())
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
        applied: dict[str, list[str]] = {}
        for app, name in cursor.fetchall():
            applied.setdefault(app, []).append(name)
        argv = [pg_dump, "--format=custom", "--no-password", f"--snapshot={snapshot}"]
        result = _run([*argv, f"--file={work / DUMP}"], env=libpq_env(connection.settings_dict))
    if result.returncode != 0:
        raise BackupError(f"pg_dump of the {_where(connection)} failed:\n{_tail(result.stderr)}")
    files, size = _pack(root, work / FILES)
    return {
        "format": FORMAT,
        "created_at": created.isoformat().replace("+00:00", "Z"),
        "database": {
            "name": connection.settings_dict["NAME"],
            "server_version": server_version,
            "pg_dump_version": pg_dump_version,
            "pg_dump_major": dump_major,
        },
        "migrations": applied,
        "latest_migration": {app: names[-1] for app, names in applied.items()},
        "row_counts": counts,
        "private_files": {"files": files, "bytes": size},
        "files": {
            name: {"sha256": _sha256(work / name), "bytes": (work / name).stat().st_size}
            for name in (DUMP, FILES)
        },
    }


# --- Restore ----------------------------------------------------------------------------------


def check_backup(folder: Path) -> tuple[dict, list[tarfile.TarInfo]]:
    """Everything about the backup itself, before anything is touched."""
    manifest = _read_manifest(folder)
    _verify_files(folder, manifest)
    unknown = _unknown_migrations(manifest)
    if unknown:
        raise BackupError(
            "The backup is from a newer version of PassionHire: it has migrations this code "
            f"does not know ({', '.join(unknown[:5])}{', …' if len(unknown) > 5 else ''}). "
            "Restore it with the code that made it (or newer)."
        )
    return manifest, _members(folder / FILES)


def restore_backup(folder: Path) -> Done:
    """Restores the backup into the configured (empty) database and CV folder. The caller
    runs `migrate` afterwards (the restore command does)."""
    connection = _postgresql("restore")
    root = _private_root()
    manifest, members = check_backup(folder)
    connection.ensure_connection()
    server_major = connection.pg_version // 10000
    dump_major = manifest.get("database", {}).get("pg_dump_major", 0)
    pg_restore, _, restore_major = _tool("pg_restore", max(server_major, dump_major))
    if restore_major < dump_major:
        raise BackupError(
            f"{pg_restore} is version {restore_major}; the dump was made by pg_dump "
            f"{dump_major}, which it cannot read: install postgresql-client-{dump_major}."
        )
    with connection.cursor() as cursor:
        cursor.execute(ANY_RELATION)
        present = [row[0] for row in cursor.fetchall()]
    if present:
        raise BackupError(
            f"The {_where(connection)} is not empty ({len(present)} tables and other "
            f"relations, e.g. {', '.join(present[:3])}). Restore only into a new, empty "
            "database: create one (createdb), point DATABASE_URL at it and run the restore "
            "again. Nothing was changed."
        )
    if root.exists() and any(path.is_file() or path.is_symlink() for path in root.rglob("*")):
        raise BackupError(
            f"The CV folder {root} (PRIVATE_MEDIA_ROOT) already holds files: restore into an "
            "empty folder (move these away first). Nothing was changed."
        )
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=root))
    try:
        _unpack(folder / FILES, members, staging)
        argv = [pg_restore, "--no-owner", "--no-acl", "--exit-on-error", "--single-transaction"]
        argv += ["--no-password", f"--dbname={connection.settings_dict['NAME']}", "--"]
        result = _run([*argv, str(folder / DUMP)], env=libpq_env(connection.settings_dict))
        if result.returncode != 0:
            raise BackupError(
                f"pg_restore into the {_where(connection)} failed, and its single transaction "
                f"was rolled back (the database is as it was):\n{_tail(result.stderr)}"
            )
        for path in sorted(staging.rglob("*")):
            if path.is_file():
                target = root / path.relative_to(staging)
                target.parent.mkdir(parents=True, exist_ok=True)
                path.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    with connection.cursor() as cursor:
        cursor.execute(USER_TABLES)
        counts = _count_rows(cursor, cursor.fetchall())
    differ = [
        f"{table} ({counts.get(table)} rows, the backup had {rows})"
        for table, rows in manifest.get("row_counts", {}).items()
        if counts.get(table) != rows
    ]
    if differ:
        raise BackupError(
            "The restored database does not hold what the backup counted: " + ", ".join(differ[:5])
        )
    return Done(folder, manifest)
