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
# What an interviewer wrote for each rating, per trait: an answer to the trait's own question
# in the bank (interviews/content.py), in the tone of its rubric level, so a 1 never comes with
# glowing evidence nor a 5 with a concern.
EVIDENCE = {
    "empathy": {  # A customer who was upset about something that wasn't your fault.
        1: "Blamed the customer for getting upset and did not see what the delay had cost them.",
        2: "Fixed the upset customer's problem but called them difficult; could not say why "
        "they were upset.",
        3: "Stayed calm and solved the upset customer's problem; said little about how the "
        "customer felt until asked.",
        4: "Noticed the upset customer was embarrassed rather than angry, and changed how "
        "they explained the fix.",
        5: "Started from the upset customer's side: the invoice error had made him look careless "
        "to his boss, so they called him, fixed it and wrote a note he could forward.",
    },
    "commitment": {  # A customer problem you kept working on after it was officially closed.
        1: "Said a closed ticket is no longer their problem; could not give an example of "
        "following one through.",
        2: "Handed the problem to another team once the ticket closed and did not know how it "
        "ended.",
        3: "Checked back once on a closed ticket when the customer wrote again; a solid, "
        "ordinary follow-up.",
        4: "Followed up a week after the ticket closed to check the fix held, and booked a call "
        "when it slipped again.",
        5: "Kept testing a closed ticket's fix for a month because the customer's payroll "
        "depended on it, and found and fixed a second cause themselves.",
    },
    "curiosity": {  # The real cause behind a problem everyone thought they understood.
        1: "Showed no interest in why the problem happened; wanted the workaround and nothing "
        "else.",
        2: "Accepted the first explanation of the problem and did not ask why it kept coming back.",
        3: "Looked for the cause once the standard fix failed; asked good questions when prompted.",
        4: "Asked three why questions before proposing anything and found the customer's real "
        "blocker was the export format.",
        5: "Traced a sync error everyone had explained away to a time-zone bug by logging "
        "every case for two weeks, then showed the team how.",
    },
    "attention_to_detail": {  # A mistake you caught before it reached a customer.
        1: "Sent a customer the wrong price twice in their own example and did not notice "
        "until the customer complained.",
        2: "Could not recall a mistake they had caught; relies on a colleague to check their "
        "replies.",
        3: "Checks their replies against a checklist; the mistake they caught was a typo in a "
        "customer reply.",
        4: "Spotted the wrong renewal date in a bulk email before it went out and re-checked "
        "the rest of the list.",
        5: "Caught a wrong account number in a renewal quote by checking it line by line "
        "against the contract, and added that check to the team's template.",
    },
    "connection": {  # A customer relationship you built over time.
        1: "Said relationships are not part of support work and gave no example of building one.",
        2: "Talked about customers as ticket numbers; could not name one they had kept in "
        "touch with.",
        3: "Has friendly working relationships with their accounts; the example showed trust "
        "growing over a few months.",
        4: "Built a monthly check-in with their largest account that the customer's team kept "
        "asking for after they moved role.",
        5: "Still in touch with a customer they onboarded three years ago, who has since "
        "introduced them to two new clients and calls them first when something breaks.",
    },
    "courage": {  # A time you told a customer something they didn't want to hear.
        1: "Told the customer what they wanted to hear and never raised the problem until it "
        "blew up.",
        2: "Waited for their manager to deliver bad news they already knew; said it was not "
        "their place.",
        3: "Gave a customer a hard message once their manager agreed, prepared carefully and "
        "kindly.",
        4: "Told a customer their data import would take a week longer than promised, the day "
        "they found out, with a plan for the gap.",
        5: "Told a client their launch date was unrealistic, brought a safer plan to the same "
        "call, and the client later thanked them for it.",
    },
}
# The recommendation a scorecard's ratings support: its mean rating below each bound.
RECOMMENDATION_BELOW = ((1.75, "strong_no"), (3.0, "no"), (4.25, "yes"), (6, "strong_yes"))
# The base level of each stage's values interview: hires and offers did well, rejections
# did not, the rest anything (the rater's own leniency and noise come on top).
LEVELS = {
    Stage.OFFER: (4,),
    Stage.HIRED: (3, 4),
    Stage.REJECTED: (2,),
}


def recommendation_for(ratings: list[int]) -> str:
    mean = sum(ratings) / len(ratings)
    return next(kind for bound, kind in RECOMMENDATION_BELOW if mean < bound)


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
    later_stages = [
        Stage.INTERVIEWS,
        Stage.TEAM_MEET,
        Stage.DECISION,
        Stage.OFFER,
        Stage.HIRED,
        Stage.REJECTED,
    ]
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
        level = rng.choice(LEVELS.get(application.stage, (2, 3, 3, 4, 4, 5)))
        for person in pair:
            _record_scorecard(interview, person, level, lenient=person == lee, rng=rng)
        if application.stage in (Stage.TEAM_MEET, Stage.DECISION, Stage.OFFER, Stage.HIRED):
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
    # The demo employee: one to record now, one tomorrow, one waiting for the candidate to
    # pick a time (a values interview: offering a team meet would have moved the stage).
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
            Interview.Kind.VALUES,
            [employee, lee],
            now + timedelta(days=3),
            status="offered",
            recruiter=recruiter,
        )


def _record_scorecard(interview, person, level: int, *, lenient: bool, rng) -> None:
    """One interviewer's scorecard: a rating per trait around the interview's level (a
    lenient rater a point or two higher), each with the evidence written for that rating,
    and the recommendation those ratings support."""
    bump = 2 if lenient else 0
    ratings = {}
    for trait in interview.traits:
        rating = min(5, max(1, level + bump + rng.choice([-1, 0, 0, 1])))
        if interview.application.stage == Stage.REJECTED and trait == "curiosity":
            rating = min(rating, 2 + bump // 2)  # what the rejection's reason says
        ratings[trait] = (rating, EVIDENCE[trait][rating])
    if "courage" in ratings and rng.random() < 0.3:
        ratings["courage"] = (None, "")  # the interview ran out of time before courage
    services.scorecard_submit(
        interview=interview,
        interviewer=person,
        ratings=ratings,
        recommendation=recommendation_for([r for r, _ in ratings.values() if r is not None]),
    )
