"""Demo data for a new installation: one user per staff role, three roles, sixty candidates.

Idempotent: running it again changes nothing that is already there.
"""

import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from passionhire.permissions import EMPLOYEE, HIRING_MANAGER, RECRUITER

from .models import Application, Candidate, Role, Stage

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
    (Stage.DECISION, 5),
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
                "consent_to_contact": i % 7 != 0,
            },
        )
        Application.objects.get_or_create(
            candidate=candidate,
            role=roles[i % len(roles)],
            defaults={"stage": stages[i], "added_by": users[RECRUITER]},
        )
    return DEMO_LOGINS
