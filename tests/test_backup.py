"""Backup and restore (manage.py backup / restore, passionhire/backup.py) on real PostgreSQL.

A scratch database next to the suite's (named from DATABASE_URL, dropped WITH (FORCE) at the
end), migrated, is given the demo data and two uploaded CVs; `manage.py backup` runs on it as
a subprocess, `manage.py restore` into a second, new database and an empty CV folder, and then
the app, asked through Django's test client as the demo recruiter, serves the same candidates,
pipelines and CV bytes from both. Every refusal leaves the target database empty and the CV
folder as it was.

Time: the scratch database starts as a copy of the suite's freshly migrated test database
(tests/conftest.py asks for it) rather than migrating again, and the refusals, a Django start
each, run side by side.
"""

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.postgresql

CVS = {
    "Ana Lopes CV.pdf": b"%PDF-1.7\n" + bytes(range(256)) * 64 + b"\n%%EOF\n",
    "cv-ben.docx": b"PK\x03\x04" + hashlib.sha256(b"ben").digest() * 500,
}
CV_SHA256 = sorted(hashlib.sha256(data).hexdigest() for data in CVS.values())

# Run as `python -c POPULATE UPLOADS [migrate]`: the migrations if asked, the demo data, then
# each file in UPLOADS as the CV of one of the first applications (stored under cv/<random>
# like an upload).
POPULATE = """
import json, os, sys, django
from pathlib import Path
django.setup()
from django.core.files.base import ContentFile
from django.core.management import call_command
from candidates.models import Application
if sys.argv[2:] == ["migrate"]:  # not on the copy of the suite's migrated test database
    call_command("migrate", verbosity=0)
call_command("seed_demo", stdout=open(os.devnull, "w"))
uploads = sorted(Path(sys.argv[1]).iterdir())
for application, upload in zip(Application.objects.order_by("pk"), uploads):
    application.cv_name = upload.name
    application.cv.save(upload.name, ContentFile(upload.read_bytes()))
print(json.dumps(sorted(Application.objects.exclude(cv="").values_list("cv", flat=True))))
"""

# What the recruiter sees: the candidate list (first two pages, the last, the total), each
# role's pipeline (which applications it links to), each CV as downloaded, the first
# applications' pages; a digest of every candidate; and that no migration is left to apply.
SERVE = """
import hashlib, json, re, django
django.setup()
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse
from candidates.models import Application, Candidate, Role

executor = MigrationExecutor(connection)
recruiter = get_user_model().objects.get(username="recruiter")
client = Client()
client.force_login(recruiter)
seen = {
    "password_ok": recruiter.check_password("recruit-with-passion"),
    "unapplied": [str(m) for m, _ in executor.migration_plan(executor.loader.graph.leaf_nodes())],
    "candidates": [], "pipelines": {}, "cvs": {}, "details": {},
    "everyone": hashlib.sha256(repr(sorted(
        Candidate.objects.values_list("pk", "name", "email", "phone"))).encode()).hexdigest(),
}
for page in ("1", "2", "last"):
    response = client.get(reverse("candidates:candidate_list"), {"page": page})
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    seen["candidates"] += re.findall(r'ph-stack-head">(?:<a|<span)[^>]* title="([^"]*)"', html)
    seen["candidates"] += re.findall(r"[0-9]+.[0-9]+ of [0-9]+", html)  # "26–50 of 675"
for role in Role.objects.order_by("pk"):
    response = client.get(reverse("hiring:role_detail", args=[role.pk]))
    links = sorted(set(re.findall(r'href="/applications/(\\d+)/"', response.content.decode())))
    seen["pipelines"][role.title] = [response.status_code, links]
for application in Application.objects.exclude(cv="").order_by("pk"):
    response = client.get(reverse("applying:application_cv", args=[application.pk]))
    body = b"".join(response.streaming_content)
    seen["cvs"][str(application.pk)] = [
        response.status_code, response["Content-Disposition"], hashlib.sha256(body).hexdigest()
    ]
for application in Application.objects.order_by("pk")[:5]:
    response = client.get(reverse("hiring:application_detail", args=[application.pk]))
    seen["details"][str(application.pk)] = [
        response.status_code, application.candidate.name in response.content.decode()
    ]
print(json.dumps(seen))
"""


def _env(database_url: str, media: Path) -> dict:
    """The environment of a manage.py run by an operator: development settings, tasks in the
    process, no mail sent, the given database and CV folder."""
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    return clean | {
        "DJANGO_SETTINGS_MODULE": "passionhire.settings",
        "DEBUG": "true",
        "DATABASE_URL": database_url,
        "PRIVATE_MEDIA_ROOT": str(media),
        "CELERY_BROKER_URL": "",
        "CACHE_URL": "",
        "EMAIL_URL": "dummymail://",
        "ALLOWED_HOSTS": "testserver",
        "LOG_LEVEL": "WARNING",
    }


def run(argv: list[str], database_url: str, media: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *argv],
        cwd=REPO,
        env=_env(database_url, media),
        capture_output=True,
        text=True,
        timeout=300,
    )


def manage(*args: str, database_url: str, media: Path) -> subprocess.CompletedProcess:
    return run(["manage.py", *args], database_url, media)


def _base_url() -> str:
    base = os.environ.get("DATABASE_URL", "")
    if urlsplit(base).scheme not in ("postgres", "postgresql"):
        pytest.fail("The backup tests need PostgreSQL: run them with bin/test.")
    return base


def _admin():
    """A connection to DATABASE_URL's own database, to create and drop the others."""
    return psycopg.connect(_base_url(), autocommit=True)


def _url(name: str) -> str:
    return urlsplit(_base_url())._replace(path=f"/{name}").geturl()


def _drop(name: str) -> None:
    with _admin() as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


PREFIX = f"{urlsplit(os.environ.get('DATABASE_URL', '')).path.lstrip('/')[:30]}_bk"
MIGRATED_COPY = f"{PREFIX}{uuid.uuid4().hex[:8]}_src"
_copies: list[str] = []


def keep_a_migrated_copy(django_db_blocker) -> None:
    """Called by tests/conftest.py's django_db_setup right after the suite's test database is
    migrated (before any transactional test empties it): a copy of it, the data migrations'
    rows included, becomes the scratch source database; the source fixture migrates its own
    database when there is none. Dropped at the end of the session."""
    from django.db import connection, connections

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock():
        template = connection.settings_dict["NAME"]
        connections.close_all()  # CREATE DATABASE … TEMPLATE wants nobody connected to it
        try:
            with _admin() as admin:
                admin.execute(f'CREATE DATABASE "{MIGRATED_COPY}" TEMPLATE "{template}"')
        except psycopg.Error:
            return
    _copies.append(MIGRATED_COPY)


def drop_the_migrated_copy() -> None:
    for name in _copies:
        _drop(name)


class Scratch:
    """New databases named after DATABASE_URL's, each dropped WITH (FORCE) at the end."""

    def __init__(self):
        self.prefix = f"{PREFIX}{uuid.uuid4().hex[:8]}"
        self.names: list[str] = []

    def create(self, role: str) -> str:
        name = f"{self.prefix}_{role}"
        self.names.append(name)
        with _admin() as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return _url(name)

    @staticmethod
    def relations(url: str) -> int:
        with psycopg.connect(url) as connection:
            return connection.execute(
                "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')"
                " AND n.nspname NOT LIKE 'pg_toast%'"
            ).fetchone()[0]

    def drop_all(self):
        for name in self.names:
            _drop(name)


@pytest.fixture(scope="module")
def scratch():
    databases = Scratch()
    try:
        yield databases
    finally:
        databases.drop_all()
        drop_the_migrated_copy()


@pytest.fixture(scope="module")
def source(scratch, tmp_path_factory):
    """A populated database: migrated, the demo data, two uploaded CVs."""
    copied = MIGRATED_COPY in _copies
    url = _url(MIGRATED_COPY) if copied else scratch.create("src")
    media = tmp_path_factory.mktemp("private-src")
    uploads = tmp_path_factory.mktemp("uploads")
    for name, data in CVS.items():
        (uploads / name).write_bytes(data)
    result = run(["-c", POPULATE, str(uploads), *([] if copied else ["migrate"])], url, media)
    assert result.returncode == 0, result.stderr[-3000:]
    stored = json.loads(result.stdout.splitlines()[-1])
    assert len(stored) == 2
    assert all(name.startswith("cv/") for name in stored)
    return {"url": url, "media": media}


@pytest.fixture(scope="module")
def backup(source, tmp_path_factory) -> Path:
    destination = tmp_path_factory.mktemp("backups")
    result = manage("backup", str(destination), database_url=source["url"], media=source["media"])
    assert result.returncode == 0, result.stderr
    (folder,) = destination.iterdir()
    assert folder.name.startswith("passionhire-")
    assert f"Backup written to {folder}" in result.stdout
    return folder


def test_the_backup_holds_the_dump_the_cvs_and_a_manifest_that_describes_them(backup):
    assert sorted(p.name for p in backup.iterdir()) == [
        "database.dump",
        "manifest.json",
        "private-files.tar.gz",
    ]
    assert backup.stat().st_mode & 0o077 == 0  # personal data: the operator's eyes only
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["format"] == 1
    assert manifest["created_at"].endswith("Z")
    assert manifest["database"]["pg_dump_version"].startswith("pg_dump (PostgreSQL)")
    for name, described in manifest["files"].items():
        data = (backup / name).read_bytes()
        assert described == {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    assert manifest["latest_migration"]["candidates"] == manifest["migrations"]["candidates"][-1]
    counts = manifest["row_counts"]
    assert counts["public.candidates_candidate"] >= 20
    assert counts["public.candidates_application"] >= counts["public.candidates_candidate"]
    assert manifest["private_files"]["files"] == 2
    with tarfile.open(backup / "private-files.tar.gz") as tar:
        archived = {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}
    assert sorted(hashlib.sha256(data).hexdigest() for data in archived.values()) == CV_SHA256
    assert all(name.startswith("cv/") for name in archived)


def test_a_restore_into_a_new_database_serves_the_same_candidates_and_cvs(
    scratch, source, backup, tmp_path
):
    target = scratch.create("restored")
    media = tmp_path / "private"  # not there yet: the restore makes it
    serving_the_original = subprocess.Popen(
        [sys.executable, "-c", SERVE],
        cwd=REPO,
        env=_env(source["url"], source["media"]),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    result = manage("restore", str(backup), database_url=target, media=media)
    after = run(["-c", SERVE], target, media)
    before_out, before_err = serving_the_original.communicate(timeout=300)

    assert result.returncode == 0, result.stderr
    assert "Restored the backup of" in result.stdout
    assert "No migrations to apply." in result.stdout  # the backup is of this code's schema
    assert serving_the_original.returncode == 0, before_err[-3000:]
    assert after.returncode == 0, after.stderr[-3000:]
    original, restored = json.loads(before_out), json.loads(after.stdout)
    assert restored == original
    assert restored["password_ok"]
    assert restored["unapplied"] == []
    assert len(restored["candidates"]) >= 20
    assert all(status == 200 and links for status, links in restored["pipelines"].values())
    assert all(status == 200 and named for status, named in restored["details"].values())
    assert sorted(sha for _, _, sha in restored["cvs"].values()) == CV_SHA256
    assert all(status == 200 for status, _, _ in restored["cvs"].values())
    assert {p.relative_to(media).parts[0] for p in media.rglob("*")} == {"cv"}


# --- Refusals: nothing changes ----------------------------------------------------------------


def _rewrite_manifest(folder: Path, change) -> None:
    path = folder / "manifest.json"
    manifest = json.loads(path.read_text())
    change(manifest)
    path.write_text(json.dumps(manifest))


def _replace_archive(folder: Path, member: tarfile.TarInfo, data: bytes = b"") -> None:
    """A hostile archive, and the manifest rewritten to match it (as someone who can write the
    backup could): the checksums pass, the member check has to catch it."""
    archive = folder / "private-files.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        fine = tarfile.TarInfo("cv/fine.pdf")
        fine.size = 3
        tar.addfile(fine, io.BytesIO(b"pdf"))
        member.size = len(data) if member.isfile() else 0
        tar.addfile(member, io.BytesIO(data) if member.isfile() else None)

    def describe(manifest):
        data = archive.read_bytes()
        manifest["files"]["private-files.tar.gz"] = {
            "bytes": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
        }

    _rewrite_manifest(folder, describe)


def _flip_a_byte(folder: Path) -> None:
    path = folder / "database.dump"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def _truncate(folder: Path) -> None:
    path = folder / "private-files.tar.gz"
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _symlink(target: str) -> tarfile.TarInfo:
    member = tarfile.TarInfo("cv/link.pdf")
    member.type, member.linkname = tarfile.SYMTYPE, target
    return member


def _from_the_future(manifest) -> None:
    manifest["migrations"]["candidates"].append("9999_from_a_newer_version")


ABSOLUTE = f"/tmp/passionhire-absolute-{uuid.uuid4().hex}.txt"
TAMPERED = {
    "checksum": (_flip_a_byte, "Checksum mismatch: database.dump is not the file"),
    "truncated": (_truncate, "Checksum mismatch: private-files.tar.gz"),
    "missing file": (lambda f: (f / "database.dump").unlink(), "database.dump is missing from"),
    "no manifest": (lambda f: (f / "manifest.json").unlink(), "has no manifest.json"),
    "parent path": (
        lambda f: _replace_archive(f, tarfile.TarInfo("cv/../../escaped.txt"), b"x"),
        "'cv/../../escaped.txt' leads out of the CV folder",
    ),
    "absolute path": (
        lambda f: _replace_archive(f, tarfile.TarInfo(ABSOLUTE), b"x"),
        f"'{ABSOLUTE}' is an absolute path",
    ),
    "symlink": (
        lambda f: _replace_archive(f, _symlink("/etc/passwd")),
        "'cv/link.pdf' is a link or a special file",
    ),
    "newer migrations": (
        lambda f: _rewrite_manifest(f, _from_the_future),
        "newer version of PassionHire: it has migrations this code does not know "
        "(candidates.9999_from_a_newer_version)",
    ),
}


@pytest.fixture(scope="module")
def refusals(scratch, source, backup, tmp_path_factory):
    """Every refused run, prepared, then run side by side (a Django start each): name ->
    (result, database URL, CV folder, what else the case needs)."""
    empty = scratch.create("empty")
    jobs = {}
    for case, (change, _) in TAMPERED.items():
        folder = tmp_path_factory.mktemp("tampered") / "backup"
        shutil.copytree(backup, folder)
        change(folder)
        media = folder.parent / "deep" / "private"
        media.mkdir(parents=True)
        jobs[case] = (["restore", str(folder)], empty, media, folder.parent)
    jobs["not empty"] = (
        ["restore", str(backup)],
        source["url"],
        tmp_path_factory.mktemp("private-unused"),
        Scratch.relations(source["url"]),
    )
    held = tmp_path_factory.mktemp("private-held")
    (held / "cv").mkdir()
    (held / "cv" / "someone-elses.pdf").write_bytes(b"keep me")
    jobs["cv folder holds files"] = (["restore", str(backup)], empty, held, None)
    for command in ("backup", "restore"):
        folder = tmp_path_factory.mktemp(f"sqlite-{command}")
        argument = str(backup) if command == "restore" else str(folder / "backups")
        jobs[f"sqlite {command}"] = (
            [command, argument],
            f"sqlite:///{folder}/db.sqlite",
            folder,
            folder,
        )
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        futures = {
            case: pool.submit(manage, *argv, database_url=url, media=media)
            for case, (argv, url, media, _) in jobs.items()
        }
        return {
            case: (futures[case].result(), url, media, extra)
            for case, (_, url, media, extra) in jobs.items()
        }


def refused(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr.startswith("CommandError: "), result.stderr
    assert "Traceback" not in result.stderr
    return result.stderr


@pytest.mark.parametrize("case", TAMPERED)
def test_a_damaged_or_hostile_backup_is_refused_and_nothing_changes(case, refusals):
    result, target, media, workspace = refusals[case]
    assert TAMPERED[case][1] in refused(result)
    assert Scratch.relations(target) == 0
    assert list(media.iterdir()) == []
    assert list(workspace.rglob("escaped.txt")) == []
    assert not Path(ABSOLUTE).exists()


def test_a_database_that_is_not_empty_is_refused(refusals):
    result, target, media, relations_before = refusals["not empty"]
    message = refused(result)
    assert "is not empty" in message
    assert "Restore only into a new, empty database" in message
    assert "Nothing was changed." in message
    assert Scratch.relations(target) == relations_before
    assert list(media.iterdir()) == []


def test_a_cv_folder_that_holds_files_is_refused(refusals):
    result, target, media, _ = refusals["cv folder holds files"]
    message = refused(result)
    assert "already holds files" in message
    assert "Nothing was changed." in message
    assert Scratch.relations(target) == 0
    assert [p.relative_to(media).as_posix() for p in sorted(media.rglob("*"))] == [
        "cv",
        "cv/someone-elses.pdf",
    ]
    assert (media / "cv" / "someone-elses.pdf").read_bytes() == b"keep me"


@pytest.mark.parametrize("command", ["backup", "restore"])
def test_sqlite_is_refused_with_what_to_do_instead(command, refusals):
    result, url, _, folder = refusals[f"sqlite {command}"]
    message = refused(result)
    assert f"The database is SQLite ({folder}/db.sqlite)" in message
    assert "copy the database file and the CV folder" in message
    assert list(folder.iterdir()) == []  # no database file made, no backup folder


# --- The password -----------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_password_reaches_pg_dump_only_through_its_environment(tmp_path, monkeypatch):
    from django.core.management import call_command
    from django.db import connection

    from passionhire import backup as module

    secret = f"pw-{uuid.uuid4().hex}"
    real_password = connection.settings_dict["PASSWORD"]
    real_run, calls = module._run, []

    def spy(argv, env):
        calls.append((argv, env))
        return real_run(argv, {**env, "PGPASSWORD": real_password or ""})

    monkeypatch.setattr(module, "_run", spy)
    connection.ensure_connection()  # with the real password, before it is swapped
    monkeypatch.setitem(connection.settings_dict, "PASSWORD", secret)
    out = io.StringIO()
    call_command("backup", str(tmp_path), stdout=out)

    dump_env = next(env for argv, env in calls if "--format=custom" in argv)
    assert dump_env["PGPASSWORD"] == secret
    assert dump_env["PGDATABASE"] == connection.settings_dict["NAME"]
    assert not any(secret in argument for argv, _ in calls for argument in argv)
    assert secret not in out.getvalue()
    assert all(secret not in p.read_bytes().decode("latin-1") for p in tmp_path.rglob("*.json"))


def test_the_libpq_environment_carries_the_connection_settings():
    from passionhire.backup import libpq_env

    expected = {
        "PGDATABASE": "hire",
        "PGUSER": "app",
        "PGPASSWORD": "s3cret",
        "PGHOST": "db.internal",
        "PGPORT": "5433",
        "PGSSLMODE": "verify-full",
    }
    env = libpq_env(
        {
            "NAME": "hire",
            "USER": "app",
            "PASSWORD": "s3cret",
            "HOST": "db.internal",
            "PORT": 5433,
            "OPTIONS": {"sslmode": "verify-full", "pool": True},  # pool: Django's, not libpq's
        }
    )
    assert {k: env[k] for k in expected} == expected
    assert "PGPOOL" not in env
