"""Demo interviews for `seed_demo`: past values interviews with scorecards (one lenient
interviewer, so calibration has something to do), team meets, one the demo employee still has
to record, one coming up tomorrow, and one waiting for the candidate to pick a time. Written
straight to the tables so no demo candidate is emailed."""

import random
import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from candidates.models import Application, Stage
from passionhire.permissions import EMPLOYEE, RECRUITER

from . import services
from .models import Booking, Interview, InterviewSlot, Participant

User = get_user_model()

INTERVIEWERS = (("sam", "Sam", "Support"), ("priya", "Priya", "Product"), ("lee", "Lee", "Lead"))
EVIDENCE = {
    "empathy": "Noticed the customer was embarrassed, not angry, and changed how she explained it.",
    "commitment": "Followed up a week after the ticket closed to check the fix held.",
    "curiosity": "Asked three why questions before proposing anything.",
    "attention_to_detail": "Caught the wrong account number in the story's own example.",
    "connection": "Still in touch with the customer two years later.",
    "courage": "Told the client the launch date was unrealistic, with a safer plan.",
}


def _interviewers():
    group = Group.objects.get(name=EMPLOYEE)
    people = []
    for username, first, last in INTERVIEWERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@example.com"},
        )
        if created:
            user.set_unusable_password()
            user.save()
            user.groups.add(group)
        people.append(user)
    return people


def _interview(application, kind, people, starts_at, *, status="scheduled", recruiter=None):
    now = timezone.now()
    interview = Interview.objects.create(
        application=application,
        kind=kind,
        status=status,
        duration_minutes=60 if kind == Interview.Kind.VALUES else 45,
        location="Room Lovelace, 3rd floor" if kind == Interview.Kind.VALUES else "Team area",
        traits=services.scheduling.interview_traits(application=application, kind=kind),
        starts_at=starts_at if status == "scheduled" else None,
        time_zone="Europe/Berlin",
        nonce=secrets.token_hex(16),
        link_expires_at=now + timedelta(days=7),
        link_send_count=1,
        scheduled_at=now - timedelta(days=3) if status == "scheduled" else None,
        created_by=recruiter,
    )
    Participant.objects.bulk_create(Participant(interview=interview, interviewer=p) for p in people)
    InterviewSlot.objects.create(interview=interview, starts_at=starts_at)
    if status == "scheduled":
        InterviewSlot.objects.create(interview=interview, starts_at=starts_at + timedelta(days=1))
        Booking.objects.bulk_create(
            Booking(
                interviewer=p,
                interview=interview,
                starts_at=starts_at,
                ends_at=starts_at + timedelta(minutes=interview.duration_minutes),
            )
            for p in people
        )
    else:
        InterviewSlot.objects.create(interview=interview, starts_at=starts_at + timedelta(hours=3))
    return interview


def seed_interviews(users: dict) -> None:
    if Interview.objects.exists():
        return
    recruiter, employee = users[RECRUITER], users[EMPLOYEE]
    sam, priya, lee = _interviewers()
    rng = random.Random(5)
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    later_stages = [Stage.INTERVIEWS, Stage.TEAM_MEET, Stage.DECISION, Stage.HIRED]
    applications = list(
        Application.objects.filter(stage__in=later_stages, candidate__consent_to_contact=True)
        .select_related("candidate", "role")
        .order_by("pk")
    )
    # The last three in interviews are the demo employee's (below); the rest took place.
    fresh = [a for a in applications if a.stage == Stage.INTERVIEWS][-3:]
    applications = [a for a in applications if a not in fresh]
    for n, application in enumerate(applications):
        pair = [(sam, lee), (priya, lee), (sam, priya)][n % 3]
        interview = _interview(
            application,
            Interview.Kind.VALUES,
            pair,
            now - timedelta(days=2 + n, hours=n % 5),
            recruiter=recruiter,
        )
        level = rng.choice([2, 3, 3, 4, 4, 5])
        for person in pair:
            # Lee rates everyone a point or two higher than the others do.
            bump = 2 if person == lee else 0
            ratings = {
                t: (min(5, max(1, level + bump + rng.choice([-1, 0, 0, 1]))), EVIDENCE[t])
                for t in interview.traits
            }
            if rng.random() < 0.3:
                ratings["courage"] = (None, "")
            services.scorecard_submit(
                interview=interview,
                interviewer=person,
                ratings=ratings,
                recommendation=["strong_no", "no", "no", "yes", "yes", "strong_yes"][
                    min(5, level + bump)
                ],
            )
        if application.stage in (Stage.TEAM_MEET, Stage.DECISION, Stage.HIRED):
            meet = _interview(
                application,
                Interview.Kind.TEAM_MEET,
                [priya, sam],
                now - timedelta(days=1, hours=n),
                recruiter=recruiter,
            )
            for person in (priya, sam):
                services.observation_submit(
                    interview=meet,
                    observer=person,
                    seen={"connection": "clear", "curiosity": rng.choice(["some", "clear"])},
                    notes="Asked the team what a hard week looks like, and listened to the answer.",
                )
    # The demo employee: one to record now, one tomorrow, one waiting for the candidate.
    if len(fresh) == 3:
        _interview(
            fresh[0],
            Interview.Kind.VALUES,
            [employee, sam],
            now - timedelta(hours=3),
            recruiter=recruiter,
        )
        _interview(
            fresh[1],
            Interview.Kind.VALUES,
            [employee, priya],
            now + timedelta(days=1, hours=2),
            recruiter=recruiter,
        )
        _interview(
            fresh[2],
            Interview.Kind.TEAM_MEET,
            [employee],
            now + timedelta(days=3),
            status="offered",
            recruiter=recruiter,
        )
