"""Demo data for a new installation: one user per staff role, three roles, sixty candidates.

Idempotent: running it again changes nothing that is already there.
"""

import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from candidates.models import (
    REVEALED_STAGES,
    Application,
    Candidate,
    Decision,
    Referral,
    ReferralExample,
    Role,
    Stage,
)
from interviews.demo import seed_interviews
from passionhire.permissions import COMPLIANCE, EMPLOYEE, HIRING_MANAGER, RECRUITER

from .demo_fairness import seed_fairness_history
from .demo_passion_test import seed_passion_test

User = get_user_model()


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: str
    name: str


DEMO_LOGINS = (
    DemoLogin("recruiter", "recruit-with-passion", RECRUITER, "Rita Recruiter"),
    DemoLogin("manager", "manage-with-passion", HIRING_MANAGER, "Hugo Manager"),
    DemoLogin("employee", "refer-with-passion", EMPLOYEE, "Emma Employee"),
    DemoLogin("compliance", "check-with-care", COMPLIANCE, "Cora Compliance"),
)

DEMO_ROLES = (
    {
        "title": "Customer Success Manager",
        "team": "Customer Success",
        "description": "Own the relationship with 40 growing accounts: onboarding, adoption, "
        "renewals, and the honest conversation when something is not working.",
        "weights": {
            "empathy": 8,
            "commitment": 7,
            "curiosity": 5,
            "attention_to_detail": 4,
            "connection": 9,
            "courage": 6,
        },
    },
    {
        "title": "Support Specialist",
        "team": "Customer Support",
        "description": "Answer customers by chat, email and phone; fix what can be fixed today "
        "and follow up on what cannot.",
        "weights": {
            "empathy": 9,
            "commitment": 8,
            "curiosity": 6,
            "attention_to_detail": 8,
            "connection": 5,
            "courage": 4,
        },
    },
    {
        "title": "Onboarding Lead",
        "team": "Customer Success",
        "description": "Design and run the first 90 days for every new customer.",
        "weights": {
            "empathy": 6,
            "commitment": 7,
            "curiosity": 8,
            "attention_to_detail": 7,
            "connection": 6,
            "courage": 5,
        },
    },
)

FIRST_NAMES = (
    "Amara",
    "Ben",
    "Chloé",
    "Dmitri",
    "Elif",
    "Farah",
    "Gabriel",
    "Hana",
    "Ines",
    "Jonas",
    "Kofi",
    "Lena",
    "Mateo",
    "Nadia",
    "Oscar",
    "Priya",
    "Quentin",
    "Rosa",
    "Samir",
    "Tove",
)
LAST_NAMES = (
    "Okafor",
    "Lindqvist",
    "Moreau",
    "Petrov",
    "Yilmaz",
    "Haddad",
    "Santos",
    "Kimura",
    "García",
    "Weber",
    "Mensah",
    "Novak",
)
# How the 60 demo applications spread over the pipeline (roughly a real funnel).
STAGE_SPREAD = (
    (Stage.APPLIED, 18),
    (Stage.PASSION_TEST, 12),
    (Stage.INTERVIEWS, 10),
    (Stage.TEAM_MEET, 6),
    (Stage.DECISION, 4),
    (Stage.OFFER, 1),
    (Stage.HIRED, 3),
    (Stage.REJECTED, 4),
    (Stage.WITHDRAWN, 2),
)
CANDIDATE_COUNT = 60


def _ensure_user(login: DemoLogin):
    first, last = login.name.split(" ", 1)
    user, created = User.objects.get_or_create(
        username=login.username,
        defaults={"first_name": first, "last_name": last, "email": f"{login.username}@example.com"},
    )
    if created:
        user.set_password(login.password)
        user.save(update_fields=["password"])
    user.groups.add(Group.objects.get_or_create(name=login.role)[0])
    return user


def _demo_people() -> list[tuple[str, str]]:
    rng = random.Random(2026)
    seen, people = set(), []
    while len(people) < CANDIDATE_COUNT:
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        if (first, last) in seen:
            continue
        seen.add((first, last))
        slug = f"{first}.{last}".lower().replace("é", "e").replace("í", "i")
        people.append((f"{first} {last}", f"{slug}@example.com"))
    return people


@transaction.atomic
def seed_demo() -> tuple[DemoLogin, ...]:
    users = {login.role: _ensure_user(login) for login in DEMO_LOGINS}
    roles = []
    for spec in DEMO_ROLES:
        role, _ = Role.objects.get_or_create(
            title=spec["title"],
            defaults={
                "team": spec["team"],
                "description": spec["description"],
                "hiring_manager": users[HIRING_MANAGER],
                "created_by": users[RECRUITER],
                **{f"weight_{trait}": weight for trait, weight in spec["weights"].items()},
                "location": ("Lisbon", "Porto", "Remote, Europe")[len(roles) % 3],
                "workplace": ("hybrid", "on_site", "remote")[len(roles) % 3],
                "published_at": timezone.now(),  # so /careers/ has roles to show
            },
        )
        roles.append(role)
    stages = [stage for stage, count in STAGE_SPREAD for _ in range(count)]
    sources = [c for c, _ in Candidate.Source.choices]
    for i, (name, email) in enumerate(_demo_people()):
        candidate, _ = Candidate.objects.get_or_create(
            email__iexact=email,
            defaults={
                "name": name,
                "email": email,
                "source": sources[i % len(sources)],
                # Only consenting candidates can be sent a test or an interview link, so
                # those who did not agree are all still at Applied.
                "consent_to_contact": not (stages[i] == Stage.APPLIED and i % 4 == 0),
            },
        )
        application, _ = Application.objects.get_or_create(
            candidate=candidate,
            role=roles[i % len(roles)],
            defaults={"stage": stages[i], "added_by": users[RECRUITER]},
        )
        seed_passion_test(application, users[RECRUITER], random.Random(i))
    _seed_referrals(users, roles)
    seed_interviews(users)
    _seed_decisions(users)
    seed_fairness_history(hiring_manager=users[HIRING_MANAGER], recruiter=users[RECRUITER])
    return DEMO_LOGINS


# The decisions behind the demo's closed and offered applications, in the order they were
# made: (kind, from stage, to stage, who decided, reason). The timeline dates each one.
DEMO_DECISIONS = {
    Stage.OFFER: (
        (
            "offer",
            Stage.DECISION,
            Stage.OFFER,
            HIRING_MANAGER,
            "Team meet and both interviews agree: real care for customers.",
        ),
    ),
    Stage.HIRED: (
        (
            "offer",
            Stage.DECISION,
            Stage.OFFER,
            HIRING_MANAGER,
            "Strongest empathy evidence on the shortlist, and the team meet agreed.",
        ),
        ("hire", Stage.OFFER, Stage.HIRED, HIRING_MANAGER, "Accepted our offer."),
    ),
    Stage.REJECTED: (
        (
            "reject",
            Stage.INTERVIEWS,
            Stage.REJECTED,
            HIRING_MANAGER,
            "The values interview found little evidence of curiosity; we talked it through "
            "as a panel.",
        ),
    ),
    Stage.WITHDRAWN: (
        (
            "withdraw",
            Stage.INTERVIEWS,
            Stage.WITHDRAWN,
            RECRUITER,
            "Took another offer before we could schedule the values interview.",
        ),
    ),
}


def _seed_decisions(users) -> None:
    """The decisions behind the demo's closed and offered applications, so their profiles
    show who decided and why (nobody is emailed), and blind review knows who is revealed."""
    Application.objects.filter(stage__in=REVEALED_STAGES).update(revealed=True)
    for application in Application.objects.filter(stage__in=list(DEMO_DECISIONS)):
        if application.decisions.exists():
            continue
        for kind, from_stage, to_stage, who, reason in DEMO_DECISIONS[Stage(application.stage)]:
            Decision.objects.create(
                application=application,
                kind=kind,
                reason=reason,
                from_stage=from_stage,
                to_stage=to_stage,
                decided_by=users[who],
            )


DEMO_REFERRALS = (
    # (referrer role, person, email, example trait, example, status)
    (
        EMPLOYEE,
        "Maya Okonjo",
        "maya.okonjo@example.com",
        "empathy",
        "At the library help desk she noticed an elderly man was too embarrassed to ask for help "
        "with the self-checkout, and quietly walked him through it twice a week until he could.",
        Referral.Status.PENDING,
    ),
    (
        EMPLOYEE,
        "Jonas Berg",
        "jonas.berg@example.com",
        "commitment",
        "He kept a customer's migration running over a holiday weekend because he had promised "
        "them Monday, then wrote the runbook so nobody would need to again.",
        Referral.Status.DECLINED,
    ),
    (
        RECRUITER,
        "Lucía Ferrer",
        "lucia.ferrer@example.com",
        "courage",
        "She told a client their launch date was unrealistic, with a plan to hit a safer one.",
        Referral.Status.PENDING,
    ),
)


def _seed_referrals(users, roles) -> None:
    """A few referrals so "My referrals", the inbox and the leaderboard have something to show:
    two linked to demo applications already in the pipeline, the rest waiting or declined."""
    if Referral.objects.exists():
        return
    employee = users[EMPLOYEE]
    for referrer_role, name, email, trait, example, status in DEMO_REFERRALS:
        referral = Referral.objects.create(
            referrer=users[referrer_role],
            role=roles[0],
            name=name,
            email=email,
            relationship=Referral.Relationship.WORKED_TOGETHER,
            known_for=Referral.KnownFor.ONE_TO_3,
            consent_confirmed=True,
            status=status,
            decline_reason=Referral.DeclineReason.ROLE_FILLED
            if status == Referral.Status.DECLINED
            else "",
        )
        ReferralExample.objects.create(referral=referral, trait=trait, text=example)
    for application in Application.objects.filter(
        stage__in=[Stage.INTERVIEWS, Stage.HIRED]
    ).select_related("candidate", "role")[:2]:
        referral = Referral.objects.create(
            referrer=employee,
            role=application.role,
            name=application.candidate.name,
            email=application.candidate.email,
            relationship=Referral.Relationship.CUSTOMER,
            known_for=Referral.KnownFor.THREE_TO_5,
            consent_confirmed=True,
            status=Referral.Status.ACCEPTED,
            application=application,
        )
        ReferralExample.objects.create(
            referral=referral,
            trait="connection",
            text="Customers asked for them by name, years after they moved on.",
        )
