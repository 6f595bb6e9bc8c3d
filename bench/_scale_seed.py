"""The scale benchmark's data (bench/scale.py): a million applications on PostgreSQL, written
with COPY, the two measured roles scored by the real re-rank job.

Roles: "Scale role" (100,000 applications) and "Scale 10k role" (10,000), each with about 22
evidence rows per application as bench/shortlist.py seeds them, and 298 more roles sharing
890,000 applications: 1,000,000 in all, under ten hiring managers, one in six roles on the
careers page. Application ids follow the time they were made, and the big role's rows are
spread over the whole table, as a year of applications to 300 roles would be.

Every application runs the funnel as bench/analytics.py seeds it (pass rates 0.6, 0.4, 0.5,
0.6, 0.7, 0.8, a StageChange per move, `reached` and `revealed` as the services set them), but
half of those that stop are still waiting at their stage (analytics.py: a tenth), so the
shortlists have tens of thousands of active applications. Those who reach the Passion Test are
invited; most start, most of those submit (scored; 1 % wait for a review), with a PageVisit for
each page seen. 2 % of the measured roles' candidates carry a tag.
"""

import io
import random
import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.utils import timezone

from candidates.models import (
    FUNNEL,
    REVEALED_STAGES,
    CandidateTag,
    Questionnaire,
    Role,
)
from passionhire.permissions import HIRING_MANAGER, RECRUITER

BIG, SMALL, TOTAL, ROLES, MANAGERS = 100_000, 10_000, 1_000_000, 300, 10
BIG_TITLE, SMALL_TITLE = "Scale role", "Scale 10k role"
PASS = (0.6, 0.4, 0.5, 0.6, 0.7, 0.8)
WAITING = 0.5
PAGES = 9
CHUNK = 100_000
SOURCES = (("careers", "spring-linkedin"), ("careers", "jobs-fair"), ("careers", ""),
           ("referral", ""), ("referral_link", ""), ("recruiter", ""))  # fmt: skip
TAGS = ("Speaks Welsh", "Relocating", "Strong portfolio", "Returner", "Internal")
CITIES = ("Berlin", "London", "Lisbon", "Amsterdam", "Remote")
REVEALED_FROM = min(FUNNEL.index(s) for s in REVEALED_STAGES)
NULL = "\\N"


def _line(*values) -> str:
    return "\t".join(NULL if v is None else str(v) for v in values) + "\n"


def _copy(table: str, columns: str, text: str) -> None:
    """COPY the tab-separated rows into `table` (names are this module's constants)."""
    if not text:
        return
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
    ):
        copy.write(text)


def _reserve(table: str, n: int) -> int:
    """Take `n` ids from the table's sequence; returns the first."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence(%s, 'id'), "
            "nextval(pg_get_serial_sequence(%s, 'id')) + %s - 1)",
            [table, table, n],
        )
        return cursor.fetchone()[0] - n + 1


def _people() -> tuple[object, list]:
    User = get_user_model()
    recruiter = User.objects.create(username="scale-recruiter", first_name="Scale")
    recruiter.groups.add(Group.objects.get_or_create(name=RECRUITER)[0])
    group = Group.objects.get_or_create(name=HIRING_MANAGER)[0]
    managers = []
    for i in range(MANAGERS):
        manager = User.objects.create(username=f"scale-hm-{i}", first_name="Manager", last_name=i)
        manager.groups.add(group)
        managers.append(manager)
    return recruiter, managers


def _roles(managers: list, rng: random.Random) -> list[Role]:
    now = timezone.now()
    roles = []
    for i in range(ROLES):
        title = BIG_TITLE if i == 0 else SMALL_TITLE if i == 1 else f"Role {i:03d}"
        published = i < 2 or i % 6 == 0
        roles.append(
            Role(
                title=title,
                team=f"Team {i % 25}",
                description=f"## About {title}\n\nWhat you would do, **why it matters**, and "
                "who you would work with.\n\n- one\n- two\n- three\n" * 3,
                location=CITIES[i % len(CITIES)],
                employment_type=Role.EmploymentType.values[i % 3],
                pay_min=40_000 + 1000 * (i % 30),
                pay_max=60_000 + 1000 * (i % 30),
                pay_currency="EUR",
                hiring_manager=managers[i % MANAGERS],
                status=Role.Status.OPEN if published or i % 10 else Role.Status.CLOSED,
                published_at=now - timedelta(days=rng.uniform(1, 60)) if published else None,
            )
        )
    return Role.objects.bulk_create(roles)


def _sizes(rng: random.Random) -> list[int]:
    """Applications per role: BIG, SMALL, then the rest in shares that vary threefold."""
    shares = [rng.uniform(0.5, 1.5) for _ in range(ROLES - 2)]
    rest = TOTAL - BIG - SMALL
    sizes = [int(rest * s / sum(shares)) for s in shares]
    sizes[-1] += rest - sum(sizes)
    return [BIG, SMALL, *sizes]


def _plan(rng: random.Random, made, now):
    """(reached, stage, [(from, to, entered, changed)]) for one application."""
    reached = 0
    while reached < len(PASS) and rng.random() < PASS[reached]:
        reached += 1
    waiting = reached < len(PASS) and rng.random() < WAITING
    stage = (
        FUNNEL[reached]
        if waiting or reached == len(PASS)
        else rng.choice(("rejected", "rejected", "rejected", "withdrawn"))
    )
    moves, at = [], made
    for index in range(reached + 1):
        to = FUNNEL[index + 1] if index < reached else stage
        if to == FUNNEL[index]:
            break
        moved = min(now, at + timedelta(days=rng.uniform(2, 21)))
        moves.append((FUNNEL[index], to, at, moved))
        at = moved
    return reached, stage, moves


def _evidence(rng: random.Random, application_id: int, out: io.StringIO, now) -> None:
    """bench/shortlist.py's evidence for one application, row for row."""
    from shortlist import evidence_for

    for trait, source, value, weight, origin in evidence_for(rng):
        out.write(
            _line(trait, source, value, weight, origin, "", None, now, now, application_id, None)
        )


APPLICATION_COLUMNS = (
    "id, candidate_id, role_id, stage, source, utm_source, utm_campaign, knockout_answers, cv, "
    "cv_name, flags, on_hold, revealed, created_at, stage_changed_at, reached, status_nonce"
)
CANDIDATE_COLUMNS = (
    "id, name, email, phone, source, consent_to_contact, consent_source, "
    "consent_notice_version, created_at"
)
EVIDENCE_COLUMNS = (
    "trait, source, value, weight, origin, summary, raw_value, created_at, updated_at, "
    "application_id, author_id"
)
INVITATION_COLUMNS = (
    "id, application_id, nonce, expires_at, send_count, last_sent_at, created_at, closed_reason"
)
RESPONSE_COLUMNS = (
    "id, invitation_id, application_id, questionnaire_id, started_at, updated_at, submitted_at, "
    "scored_at, flags, quality, keyed_statements, review"
)


def seed(rng: random.Random) -> dict:
    """Write everything; returns the counts. The scores are the caller's (the re-rank job)."""
    now = timezone.now()
    _, managers = _people()
    roles = _roles(managers, rng)
    measured = {roles[0].pk, roles[1].pk}
    owners = [r.pk for r, n in zip(roles, _sizes(rng), strict=True) for _ in range(n)]
    rng.shuffle(owners)
    made = sorted(now - timedelta(days=rng.uniform(1, 395)) for _ in range(TOTAL))
    questionnaire = Questionnaire.objects.order_by("-version").first()
    tags = [CandidateTag.objects.create(name=t, slug=t.lower().replace(" ", "-")) for t in TAGS]
    first_candidate = _reserve("candidates_candidate", TOTAL)
    first_application = _reserve("candidates_application", TOTAL)
    counts = dict.fromkeys(("stage_changes", "responses", "page_visits", "evidence", "tags"), 0)
    for start in range(0, TOTAL, CHUNK):
        out = {name: io.StringIO() for name in ("cand", "app", "move", "ev", "tag", "visit")}
        invited = []
        for i in range(start, min(TOTAL, start + CHUNK)):
            candidate, application = first_candidate + i, first_application + i
            out["cand"].write(_line(candidate, f"Candidate {i}", f"c{i}@scale.example", "",
                                    "direct", "f", "", "", made[i]))  # fmt: skip
            reached, stage, moves = _plan(rng, made[i], now)
            source, campaign = SOURCES[i % len(SOURCES)]
            changed = moves[-1][3] if moves else made[i]
            out["app"].write(_line(application, candidate, owners[i], stage, source, "",
                                   campaign, "[]", "", "", 28, "f",
                                   "t" if reached >= REVEALED_FROM else "f", made[i], changed,
                                   reached, secrets.token_urlsafe(12)))  # fmt: skip
            for move in moves:
                out["move"].write(_line(application, *move))
            if reached >= 1:
                invited.append((application, moves[0][3]))
            if owners[i] in measured:
                _evidence(rng, application, out["ev"], now)
                if rng.random() < 0.02:
                    out["tag"].write(_line(candidate, rng.choice(tags).pk))
        first_invitation = _reserve("candidates_passiontestinvitation", len(invited))
        invitations = io.StringIO()
        started = []
        for k, (application, at) in enumerate(invited):
            invitations.write(_line(first_invitation + k, application, secrets.token_urlsafe(12),
                                    at + timedelta(days=14), 1, at, at, ""))  # fmt: skip
            if rng.random() < 0.93:
                started.append((first_invitation + k, application, at))
        first_response = _reserve("candidates_passiontestresponse", len(started))
        responses = io.StringIO()
        for k, (invitation, application, at) in enumerate(started):
            done = rng.random() < 0.9
            submitted = at + timedelta(hours=1) if done else None
            review = "pending" if done and rng.random() < 0.01 else ""
            responses.write(_line(first_response + k, invitation, application, questionnaire.pk,
                                  at, at, submitted, submitted, "[]", "{}", "",
                                  review))  # fmt: skip
            for page in range(1, (PAGES if done else rng.randint(1, PAGES - 1)) + 1):
                shown = at + timedelta(minutes=page)
                out["visit"].write(_line(first_response + k, page, shown, shown))
        counts["responses"] += len(started)
        _copy("candidates_candidate", CANDIDATE_COLUMNS, out["cand"].getvalue())
        _copy("candidates_application", APPLICATION_COLUMNS, out["app"].getvalue())
        _copy("candidates_stagechange", "application_id, from_stage, to_stage, entered_at, "
              "changed_at", out["move"].getvalue())  # fmt: skip
        _copy("candidates_passiontestinvitation", INVITATION_COLUMNS, invitations.getvalue())
        _copy("candidates_passiontestresponse", RESPONSE_COLUMNS, responses.getvalue())
        _copy("candidates_pagevisit", "response_id, page, shown_at, left_at",
              out["visit"].getvalue())  # fmt: skip
        _copy("candidates_evidence", EVIDENCE_COLUMNS, out["ev"].getvalue())
        _copy("candidates_taggedcandidate", "content_object_id, tag_id", out["tag"].getvalue())
        for key, name in (
            ("move", "stage_changes"),
            ("visit", "page_visits"),
            ("ev", "evidence"),
            ("tag", "tags"),
        ):
            counts[name] += out[key].getvalue().count("\n")
    analyze()
    return counts


def analyze() -> None:
    """Fresh statistics and visibility maps, as autovacuum would leave them after a while."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def measured_roles() -> tuple[Role, Role]:
    return Role.objects.get(title=BIG_TITLE), Role.objects.get(title=SMALL_TITLE)
