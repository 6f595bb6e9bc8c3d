"""The demo's validity loop, on the past intake (hiring/demo_fairness.py): team-meet
observations of those who met the team, and a 90-day check-in answered by the hiring manager
for every hire (where the intake came from is hiring/demo_analytics.py's).

The check-ins follow the applicants' latent traits (the same ones their tests and interviews
were drawn from) with rating noise, so the report finds something real: the Passion Test and
the interviews clearly predict overall performance, the team meet not clearly, and referrals
had no score of their own; the suggested weights raise the first two."""

import random
import secrets
from datetime import timedelta

from candidates.models import FUNNEL, Application, Evidence, Role, Stage, StageChange
from candidates.services.shortlist import applications_rescore
from passionhire.traits import Trait

from .validity.models import CheckIn
from .validity.services import checkin_scores_keep

STAYED = 0.88


def seed_validity(*, role: Role, applications, traits, hiring_manager, seed: int) -> int:
    """Sources, team-meet evidence, scores and answered check-ins for the intake. Returns how
    many check-ins were written. A random stream of its own: the fairness history it builds
    on draws exactly what it drew before."""
    rng = random.Random(seed)
    _team_meet(rng, applications, traits)
    applications_rescore(role=role, application_ids=[a.pk for a in applications])
    hires = list(Application.objects.filter(role=role, stage=Stage.HIRED).order_by("pk"))
    hired_at = dict(
        StageChange.objects.filter(application__in=hires, to_stage=Stage.HIRED).values_list(
            "application_id", "changed_at"
        )
    )
    checkins = CheckIn.objects.bulk_create(
        _answered(rng, hire, traits[hire.candidate_id], hired_at[hire.pk], hiring_manager)
        for hire in hires
    )
    checkin_scores_keep(checkins, hires)
    return len(checkins)


def _team_meet(rng, applications, traits) -> None:
    """Two observations per trait for everyone who met the team: a rougher reading than an
    interview's."""
    met = FUNNEL.index(Stage.TEAM_MEET) + 1
    Evidence.objects.bulk_create(
        (
            Evidence(
                application=application,
                trait=trait,
                source=Evidence.Source.TEAM_MEET,
                value=round(
                    max(
                        0.0,
                        min(
                            100.0,
                            50 + 8 * traits[application.candidate_id][trait] + rng.gauss(0, 16),
                        ),
                    ),
                    1,
                ),
                weight=0.5,
                origin=f"team_meet:spring:{colleague}",
                summary="Team meet (last spring's intake)",
            )
            for application in applications
            if application.reached >= met
            for colleague in (1, 2)
            for trait in Trait
        ),
        batch_size=2000,
    )


def _rating(rng, level: float) -> int:
    return max(1, min(5, round(2.7 + 0.6 * level + rng.gauss(0, 0.8))))


def _answered(rng, hire, latent, hired_at, hiring_manager) -> CheckIn:
    asked = hired_at + timedelta(days=90)
    return CheckIn(
        application=hire,
        manager=hiring_manager,
        hired_at=hired_at,
        expires_at=asked + timedelta(days=30),
        nonce=secrets.token_hex(16),
        completed_at=asked + timedelta(days=rng.uniform(1, 12)),
        still_employed=rng.random() < STAYED,
        performance=_rating(rng, sum(latent.values()) / 1.2),
        **{f"rating_{t.value}": _rating(rng, latent[t]) for t in Trait},
    )
