"""Soak: 1,000 mixed tasks through real Redis and real Celery workers while workers are killed
(SIGKILL) and Redis is restarted, then a count of what was lost and what happened twice.

    .venv/bin/python bench/soak.py [--tasks 1000] [--workers 4] [--kills 10]

Needs PostgreSQL and Redis from scripts/services.sh (started here if the environment does not
name them). Works on its own throwaway database, `soak_<name>`. The tasks: Passion Test
invitation emails, interview reminder runs (each run sends whatever reminders are due) and
Passion Test scoring, enqueued through the outbox in small transactions while the faults happen.
A beat process runs the outbox relay every second. Each email has one Message-ID per logical
message, so a copy sent twice shows up as two files with the same Message-ID.

Lost: an expected email with no file, a response without its six evidence rows, an outbox task
never done. Duplicated: a Message-ID in two files, an application advanced twice by scoring.
"""

import argparse
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


from _services import django_with_own_redis  # noqa: E402

# The soak stops and restarts its broker: a redis-server of its own on a free port, never the
# shared one (or anyone's own Redis).
REDIS = django_with_own_redis()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from passionhire.celery import app  # noqa: E402

FAST = {
    "OUTBOX_RELAY_SECONDS": "1",
    "OUTBOX_GRACE_SECONDS": "2",
    "OUTBOX_REDELIVER_SECONDS": "15",
    "CELERY_VISIBILITY_TIMEOUT": "10",
    "CELERY_RESTORE_INTERVAL": "2",
}


class Processes:
    """The workers and the beat, with the environment of the soak database."""

    def __init__(self, work: Path):
        db = connection.settings_dict
        self.env = {
            **os.environ,
            "DEBUG": "true",
            "DATABASE_URL": (
                f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
            ),
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "LOG_LEVEL": "WARNING",
            **FAST,
        }
        self.work = work
        self.started = 0
        self.workers: list[subprocess.Popen] = []
        self.beat = self._spawn("beat", ["beat", "--schedule", str(work / "beat-schedule")])

    def _spawn(self, name: str, args: list[str], env: dict | None = None) -> subprocess.Popen:
        log = (self.work / f"{name}.log").open("w")
        return subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "passionhire", *args, "--loglevel=WARNING"],
            cwd=REPO,
            env=env or self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )

    def start_worker(self) -> None:
        self.started += 1
        name = f"w{self.started}"
        mail = self.work / "mail" / name  # a directory per process: no file name can collide
        mail.mkdir(parents=True)
        env = self.env | {"EMAIL_URL": f"filemail:///{mail}"}
        args = ["worker", "--pool=solo", "-n", f"{name}@%h", "--without-heartbeat"]
        args += ["-Q", "celery,email,scoring,bulk"]
        args += ["--without-gossip", "--without-mingle"]
        self.workers.append(self._spawn(name, args, env))

    def kill_one(self, rng: random.Random) -> None:
        victim = rng.choice(self.workers)
        victim.send_signal(signal.SIGKILL)
        victim.wait()
        self.workers.remove(victim)
        self.start_worker()

    def stop(self) -> None:
        for process in [*self.workers, self.beat]:
            process.send_signal(signal.SIGTERM)
        for process in [*self.workers, self.beat]:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def seed(n_invitations: int, n_scorings: int, n_interviews: int):
    """The data the tasks work on. Seeding's own tasks go to an in-memory broker and are
    forgotten: the soak enqueues its tasks itself."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from candidates import services
    from candidates.models import Application, Candidate, PassionTestResponse, Role
    from interviews import services as interview_services
    from passionhire.models import OutboxMessage
    from passionhire.permissions import EMPLOYEE, HIRING_MANAGER
    from tests.factories import answers_for

    app.conf.broker_url = "memory://localhost/"
    app.conf.task_always_eager = False
    User = get_user_model()
    recruiter = User.objects.create(username="soak-recruiter", email="rec@soak.example")
    manager = User.objects.create(username="soak-hm")
    manager.groups.add(Group.objects.get_or_create(name=HIRING_MANAGER)[0])
    interviewers = [
        User.objects.create(username=f"soak-ivan-{i}", email=f"ivan{i}@soak.example")
        for i in range(n_interviews)
    ]
    Group.objects.get_or_create(name=EMPLOYEE)[0].user_set.add(*interviewers)
    role = Role.objects.create(title="Soak role", team="Soak", hiring_manager=manager)
    total = n_invitations + n_scorings + n_interviews
    candidates = Candidate.objects.bulk_create(
        Candidate(name=f"Candidate {i}", email=f"c{i}@soak.example", consent_to_contact=True)
        for i in range(total)
    )
    applications = Application.objects.bulk_create(
        Application(candidate=c, role=role) for c in candidates
    )
    invite = applications[:n_invitations]
    score = applications[n_invitations : n_invitations + n_scorings]
    meet = applications[n_invitations + n_scorings :]
    invitations = [
        services.passion_test_invite(application=a, invited_by=recruiter) for a in invite
    ]
    questionnaire = services.current_questionnaire()
    questions = services.active_questions(questionnaire)
    answers = answers_for(questions)
    responses = []
    for application in score:
        invitation = services.passion_test_invite(application=application, invited_by=recruiter)
        response = services.passion_test_open(invitation=invitation)
        PassionTestResponse.objects.filter(pk=response.pk).update(
            started_at=timezone.now() - timedelta(minutes=20)
        )
        services.passion_test_submit(response=response, questions=questions, answers=answers)
        responses.append(response)
    soon = timezone.now().replace(second=0, microsecond=0) + timedelta(minutes=40)
    interviews = []
    for i, application in enumerate(meet):
        interview = interview_services.interview_schedule(
            application=application,
            kind="values",
            interviewers=[interviewers[i]],
            slots=[soon + timedelta(minutes=i % 10)],
            duration_minutes=30,
            location="Room 1",
            time_zone="UTC",
            created_by=recruiter,
        )
        interview_services.interview_pick_slot(
            interview=interview, slot_id=interview.slots.get().pk
        )
        interviews.append(interview)
    OutboxMessage.objects.all().delete()
    app.conf.broker_url = settings.CELERY_BROKER_URL
    return invitations, responses, interviews


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--timeout", type=int, default=600)
    parser.add_argument("--keep", action="store_true", help="keep the database and mail files")
    args = parser.parse_args()
    rng = random.Random(11)

    from candidates.models import ApplicationEvent, Evidence
    from candidates.tasks import score_passion_test_task, send_passion_test_invitation_task
    from interviews.tasks import send_interview_reminders_task
    from passionhire import outbox
    from passionhire.emails import message_id
    from passionhire.models import OutboxMessage, SentEmail

    connection.settings_dict["TEST"]["NAME"] = "soak_passionhire"
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    work = Path(tempfile.mkdtemp(prefix="soak-"))
    n_invitations = args.tasks * 2 // 5
    n_scorings = args.tasks * 2 // 5
    n_reminder_runs = args.tasks - n_invitations - n_scorings
    n_interviews = 50
    print(
        f"seeding: {n_invitations} invitations, {n_scorings} responses, {n_interviews} interviews"
    )
    invitations, responses, interviews = seed(n_invitations, n_scorings, n_interviews)

    tasks = (
        [(send_passion_test_invitation_task, (i.pk, 1)) for i in invitations]
        + [(score_passion_test_task, (r.pk,)) for r in responses]
        + [(send_interview_reminders_task, ())] * n_reminder_runs
    )
    rng.shuffle(tasks)
    redis = REDIS  # started empty above, for this run alone
    processes = Processes(work)
    for _ in range(args.workers):
        processes.start_worker()

    start = time.monotonic()
    batches = [tasks[i : i + 20] for i in range(0, len(tasks), 20)]
    # Faults spread over the enqueuing: a kill every few batches, Redis restarted midway.
    kill_at = set(rng.sample(range(1, len(batches)), min(args.kills, len(batches) - 1)))
    restart_at = len(batches) // 2
    kills = restarts = 0
    for number, batch in enumerate(batches):
        with transaction.atomic():
            for task, task_args in batch:
                outbox.enqueue(task, *task_args)
        if number in kill_at:
            processes.kill_one(rng)
            kills += 1
        if number == restart_at:
            redis.restart(down_for=1)  # publishes fail meanwhile: the outbox keeps them
            restarts += 1
        time.sleep(0.25)
    while kills < args.kills:  # fewer batches than kills: the rest now
        processes.kill_one(rng)
        kills += 1
        time.sleep(0.5)
    enqueued_s = time.monotonic() - start
    while OutboxMessage.objects.filter(done_at__isnull=True).exists():
        if time.monotonic() - start > args.timeout:
            break
        time.sleep(0.5)
    seconds = time.monotonic() - start
    processes.stop()
    REDIS.close()

    # What should have happened, and what did.
    expected_mail = {message_id(f"passion-test-invitation:{i.pk}:1") for i in invitations}
    reminder_keys = set(
        SentEmail.objects.filter(key__contains=":reminder:").values_list("key", flat=True)
    )
    expected_reminders = 2 * len(interviews)  # the candidate and the interviewer
    expected_mail |= {message_id(key) for key in reminder_keys}
    files = Counter()  # Message-ID -> copies; a file can hold several messages
    for path in (work / "mail").rglob("*.log"):
        files.update(re.findall(r"^Message-ID: (\S+)", path.read_text(), flags=re.MULTILINE))
    scored_rows = Counter(
        Evidence.objects.filter(origin__startswith="passion_test:response:").values_list(
            "origin", flat=True
        )
    )
    advanced = Counter(
        ApplicationEvent.objects.filter(
            application__in=[r.application_id for r in responses],
            kind=ApplicationEvent.Kind.STAGE,
            message__icontains="interviews",
        ).values_list("application_id", flat=True)
    )
    lost = {
        "invitation_emails": sum(
            1 for i in invitations if files[message_id(f"passion-test-invitation:{i.pk}:1")] == 0
        ),
        "reminder_emails": expected_reminders
        - len(reminder_keys)
        + sum(1 for key in reminder_keys if files[message_id(key)] == 0),
        "scorings": sum(1 for r in responses if scored_rows[r.evidence_origin] != 6),
        "outbox_not_done": OutboxMessage.objects.filter(done_at__isnull=True).count(),
    }
    duplicated = {
        "emails": sum(count - 1 for mid, count in files.items() if count > 1),
        "unexpected_emails": sum(1 for mid in files if mid not in expected_mail),
        "stage_moves": sum(count - 1 for count in advanced.values() if count > 1),
    }
    attempts = Counter(OutboxMessage.objects.values_list("attempts", flat=True))
    print(f"\n{'check':<22} {'lost':>6} {'duplicated':>11}")
    for name in ("invitation_emails", "reminder_emails", "scorings", "outbox_not_done"):
        print(f"{name:<22} {lost[name]:>6} {'':>11}")
    for name in ("emails", "unexpected_emails", "stage_moves"):
        print(f"{name:<22} {'':>6} {duplicated[name]:>11}")
    print(
        f"\nworkers killed: {kills}, Redis restarts: {restarts}, enqueuing took {enqueued_s:.1f} s,"
        f" outbox publish attempts per task: {dict(sorted(attempts.items()))},"
        f" emails sent: {sum(files.values())}"
    )
    if args.keep:
        print(f"kept: database soak_passionhire, files in {work}")
    else:
        connection.creation.destroy_test_db("soak_passionhire", verbosity=0)
        shutil.rmtree(work, ignore_errors=True)
    print(
        json.dumps(
            {
                "tasks": len(tasks),
                "lost": sum(lost.values()),
                "duplicated": sum(duplicated.values()),
                "seconds": round(seconds, 1),
                "workers_killed": kills,
                "redis_restarts": restarts,
                "emails": sum(files.values()),
                "republished": sum(n for a, n in attempts.items() if a > 1),
            }
        )
    )


if __name__ == "__main__":
    main()
