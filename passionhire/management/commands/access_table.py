"""Print who may do what (passionhire/access.py) as Markdown, or write it to docs/access.md."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from passionhire.access import markdown

DEFAULT = Path(settings.BASE_DIR) / "docs" / "access.md"


class Command(BaseCommand):
    help = "Writes the access table (every route × every kind of user) to docs/access.md."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=DEFAULT, help="where to write it")
        parser.add_argument("--stdout", action="store_true", help="print instead of writing")
        parser.add_argument(
            "--check", action="store_true", help="fail if the file is not up to date"
        )

    def handle(self, *args, output: Path, stdout: bool, check: bool, **options):
        text = markdown()
        if stdout:
            self.stdout.write(text, ending="")
        elif check:
            if not output.exists() or output.read_text() != text:
                raise CommandError(f"{output} is out of date: run manage.py access_table.")
        else:
            output.parent.mkdir(parents=True, exist_ok=True)
            output.write_text(text)
            self.stdout.write(f"Wrote {output} ({text.count(chr(10))} lines).")
