"""manage.py backup DEST_DIR: the database and the CV folder, with a manifest
(passionhire/backup.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from passionhire.backup import BackupError, make_backup


class Command(BaseCommand):
    help = (
        "Writes DEST_DIR/passionhire-<UTC time>/: a pg_dump (custom format) of the database, a "
        "tar.gz of the private CV folder and manifest.json (checksums, migrations, row counts). "
        "PostgreSQL only. docs/operations.md: Backup and restore."
    )
    # A nightly job should not depend on the URLconf importing; the backup needs none of it.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("destination", type=Path, metavar="DEST_DIR")

    def handle(self, *args, destination: Path, **options):
        try:
            done = make_backup(destination)
        except BackupError as error:
            raise CommandError(str(error)) from None
        manifest = done.manifest
        counts = manifest["row_counts"]
        self.stdout.write(self.style.SUCCESS(f"Backup written to {done.path}"))
        self.stdout.write(
            f"  database {manifest['database']['name']}: {len(counts)} tables, "
            f"{sum(counts.values())} rows, {manifest['files']['database.dump']['bytes']} bytes "
            f"({manifest['database']['pg_dump_version']})"
        )
        self.stdout.write(
            f"  CV folder: {manifest['private_files']['files']} files, "
            f"{manifest['private_files']['bytes']} bytes"
        )
