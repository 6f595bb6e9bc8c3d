"""The demo's timeline: what `seed_demo` makes all at once is spread over the past weeks, so
stage dates, "in stage since" and referral dates read like a real pipeline and the demo
employee's referrals are not all "today" (which used up their daily referral limit at once).
Only rows made in the last hour are moved, so running the seed again changes nothing; the
careers-page applicants stay new (they are today's digest)."""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from candidates.models import Application, ApplicationEvent, Referral, Stage

# How far back each stage's applications began, in days (min, max).
STARTED_DAYS_AGO = {
    Stage.APPLIED: (1, 6),
    Stage.PASSION_TEST: (4, 12),
    Stage.INTERVIEWS: (10, 25),
    Stage.TEAM_MEET: (18, 35),
    Stage.DECISION: (25, 45),
    Stage.OFFER: (30, 50),
    Stage.HIRED: (40, 70),
    Stage.REJECTED: (15, 60),
    Stage.WITHDRAWN: (10, 40),
}


@transaction.atomic
def spread_demo_timeline(*, seed: int = 16) -> int:
    """Move this hour's demo applications (and their first events) and referrals into the
    past; returns how many applications moved."""
    rng = random.Random(seed)
    now = timezone.now()
    fresh = now - timedelta(hours=1)
    moved = 0
    applications = Application.objects.filter(created_at__gte=fresh).exclude(
        source__in=[Application.Source.CAREERS, Application.Source.REFERRAL_LINK]
    )
    for application in applications.only("pk", "stage").order_by("pk"):
        low, high = STARTED_DAYS_AGO[Stage(application.stage)]
        created = now - timedelta(days=rng.uniform(low, high))
        # The current stage began somewhere between then and two days ago (or today).
        in_stage = created + (now - created) * rng.uniform(0.3, 0.9)
        Application.objects.filter(pk=application.pk).update(
            created_at=created, stage_changed_at=in_stage
        )
        ApplicationEvent.objects.filter(
            application=application, kind=ApplicationEvent.Kind.CREATED
        ).update(created_at=created)
        moved += 1
    for referral in Referral.objects.filter(created_at__gte=fresh, via_link=False):
        Referral.objects.filter(pk=referral.pk).update(
            created_at=now - timedelta(days=rng.uniform(8, 40))
        )
    return moved
