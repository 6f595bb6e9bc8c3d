"""manage.py restore BACKUP_DIR: a backup into an empty database and CV folder, then migrate
(passionhire/backup.py)."""

from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from passionhire.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restores BACKUP_DIR (a passionhire-<time> folder written by `backup`) into the "
        "configured database, which must be new and empty, and the CV folder "
        "(PRIVATE_MEDIA_ROOT), which must hold no files; checks every checksum first, then "
        "runs migrate. Refuses, changing nothing, when anything is wrong."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("backup", type=Path, metavar="BACKUP_DIR")
        parser.add_argument(
            "--no-migrate",
            action="store_true",
            help="leave `manage.py migrate` to the operator (the compose stack's migrate "
            "service runs it at the next `up`)",
        )

    def handle(self, *args, backup: Path, no_migrate: bool, **options):
        try:
            done = restore_backup(backup)
        except BackupError as error:
            raise CommandError(str(error)) from None
        manifest = done.manifest
        counts = manifest["row_counts"]
        self.stdout.write(
            self.style.SUCCESS(f"Restored the backup of {manifest['created_at']} from {backup}")
        )
        self.stdout.write(
            f"  {len(counts)} tables, {sum(counts.values())} rows, as counted at the backup; "
            f"{manifest['private_files']['files']} CV files"
        )
        if no_migrate:
            self.stdout.write("Next: manage.py migrate")
            return
        verbosity = options["verbosity"]
        call_command("migrate", interactive=False, verbosity=verbosity, stdout=self.stdout)
