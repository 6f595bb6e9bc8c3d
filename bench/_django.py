"""Set up Django for a benchmark on a throwaway test database (SQLite in memory by default, or
a `test_` copy of the database DATABASE_URL names), with Celery tasks queued in memory so the
benchmark calls the scoring itself and times it apart from submission. A benchmark that keeps
its data (scale.py) asks for DATABASE_URL's database itself, and may import another
benchmark's helpers: setting up twice in one process is a no-op."""

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


_ready = False


def setup(*, test_database: bool = True) -> None:
    global _ready
    if _ready:
        return
    sys.path.insert(0, str(REPO))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "passionhire.settings")
    os.environ.setdefault("DEBUG", "true")  # development settings: no SECRET_KEY needed
    os.environ.setdefault("EMAIL_URL", "memorymail://")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.db import connection

    from passionhire.celery import app

    app.conf.task_always_eager = False
    app.conf.broker_url = "memory://localhost/"
    if test_database:
        connection.creation.create_test_db(verbosity=0, autoclobber=True)
    _ready = True


def teardown() -> None:
    from django.db import connection

    connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def make_responses(n: int, *, recruiter_name: str = "bench-recruiter", language: str = "en"):
    """`n` applications on one role, made in `language`, each with an invitation and an
    opened response (taken in that language's published translation, if there is one)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from candidates import services
    from candidates.models import Application, Candidate, Role
    from passionhire.permissions import HIRING_MANAGER

    User = get_user_model()
    recruiter = User.objects.create(username=recruiter_name)
    manager = User.objects.create(username=f"{recruiter_name}-hm")
    manager.groups.add(Group.objects.get_or_create(name=HIRING_MANAGER)[0])
    role = Role.objects.create(title="Bench role", team="Bench", hiring_manager=manager)
    candidates = Candidate.objects.bulk_create(
        Candidate(
            name=f"Candidate {i}",
            email=f"c{i}-{recruiter_name}@bench.example",
            consent_to_contact=True,
        )
        for i in range(n)
    )
    applications = Application.objects.bulk_create(
        Application(candidate=c, role=role, language=language) for c in candidates
    )
    responses = []
    for application in applications:
        invitation = services.passion_test_invite(application=application, invited_by=recruiter)
        responses.append(services.passion_test_open(invitation=invitation))
    return responses
