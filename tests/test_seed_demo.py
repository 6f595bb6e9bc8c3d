"""The demo data a new user logs in to."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import authenticate
from django.core import mail
from django.core.management import call_command
from django.db.models import Q
from django.test import RequestFactory

from candidates.models import (
    Application,
    Candidate,
    Evidence,
    PassionTestInvitation,
    PassionTestResponse,
    Referral,
    Role,
    Stage,
)
from hiring.demo import DEMO_LOGINS
from hiring.demo_fairness import APPLICANTS, INTAKE_TITLE
from interviews.models import Interview
from passionhire.permissions import primary_role

pytestmark = pytest.mark.django_db


def signing_in():
    """The login request django-axes needs to count (and lock) attempts."""
    return RequestFactory().post("/accounts/login/")


def test_seed_demo_creates_logins_roles_and_a_spread_pipeline(capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
    for login in DEMO_LOGINS:
        assert f"username {login.username}" in out
        assert login.password in out
        user = authenticate(signing_in(), username=login.username, password=login.password)
        assert primary_role(user) == login.role
    # Three open roles, and last spring's closed intake for the fairness reports.
    assert Role.objects.count() == 4
    assert Candidate.objects.count() == 63 + APPLICANTS  # 60, 3 on the careers page, the past
    assert Application.objects.count() == 63 + APPLICANTS
    past = Q(role__title=INTAKE_TITLE)
    # The careers page's three: a campaign, a share link, one ruled out by a knock-out answer.
    careers = Application.objects.exclude(source__in=["recruiter", "referral"]).exclude(past)
    assert sorted(careers.values_list("source", flat=True)) == [
        "careers",
        "careers",
        "referral_link",
    ]
    assert careers.filter(utm_source="jobboard").count() == 1
    assert careers.filter(knocked_out_at__isnull=False).count() == 1
    assert Role.objects.filter(knockout_questions__isnull=False).distinct().count() == 3
    stages = set(Application.objects.values_list("stage", flat=True))
    assert stages == set(Stage.values)
    assert mail.outbox == []  # demo candidates are not emailed
    # A Passion Test story: links out, tests half done, scored ones (some flagged) with evidence.
    responses = PassionTestResponse.objects.exclude(application__role__title=INTAKE_TITLE)
    invitations = PassionTestInvitation.objects.exclude(application__role__title=INTAKE_TITLE)
    assert invitations.count() > responses.count() > 20
    assert responses.filter(submitted_at__isnull=True).exists()
    scored = responses.filter(scored_at__isnull=False)
    current = Application.objects.exclude(past)
    past_ids = Application.objects.filter(past).values("pk")
    assert scored.count() == current.exclude(stage__in=[Stage.APPLIED, Stage.PASSION_TEST]).count()
    assert scored.exclude(flags=[]).exists()
    assert scored.filter(flags=[]).count() > scored.exclude(flags=[]).count()
    tested = Evidence.objects.filter(source="passion_test").exclude(application__in=past_ids)
    assert tested.count() == 6 * scored.count()
    # Referrals for "My referrals", the inbox and the leaderboard.
    assert Referral.objects.filter(status="pending").count() == 2
    assert Referral.objects.filter(status="accepted", application__isnull=False).count() == 3
    # Every scored test gives a composite: one of reliability 0 says nothing, so its traits
    # sit at the middle of the scale, believed with confidence 0.
    assert current.filter(composite_score__isnull=False).count() == scored.count()
    assert not Application.objects.filter(composite_score__isnull=False, confidence=None).exists()


def test_seed_demo_is_idempotent():
    call_command("seed_demo")
    invitations = PassionTestInvitation.objects.count()
    call_command("seed_demo")
    assert PassionTestInvitation.objects.count() == invitations
    assert Referral.objects.count() == 6
    assert Role.objects.count() == 4
    assert Candidate.objects.count() == 63 + APPLICANTS
    assert Application.objects.count() == 63 + APPLICANTS


def test_seed_demo_gives_the_demo_employee_interviews_and_the_report_a_lenient_rater(
    django_capture_on_commit_callbacks,
):
    from interviews.models import Observation, Scorecard
    from interviews.selectors import interviewer_stats, interviews_of

    with django_capture_on_commit_callbacks(execute=True):  # scoring runs after commit
        call_command("seed_demo")
    assert mail.outbox == []
    employee = authenticate(signing_in(), username="employee", password="refer-with-passion")
    mine = list(interviews_of(employee))
    assert {i.status for i in mine} == {"scheduled", "offered"}
    assert any(i.has_taken_place and not i.recorded for i in mine)  # one to record now
    assert Scorecard.objects.count() > 20
    assert Observation.objects.exists()
    assert Evidence.objects.filter(source="interview", raw_value__isnull=False).exists()
    lee = next(row for row in interviewer_stats() if row["name"] == "Lee Lead")
    assert lee["gap"] > 1  # rates everyone higher than the others do
    scorecards = Scorecard.objects.count()
    call_command("seed_demo")  # again: nothing doubles
    assert Scorecard.objects.count() == scorecards


def test_the_demo_reads_like_weeks_of_hiring_and_the_demo_employee_can_refer(client, settings):
    from django.urls import reverse
    from django.utils import timezone

    from hiring.demo import DEMO_LOGINS
    from passionhire.models import User
    from passionhire.permissions import EMPLOYEE

    call_command("seed_demo")
    now = timezone.now()
    recruited = Application.objects.filter(source__in=["recruiter", "referral"])
    oldest = min(recruited.values_list("created_at", flat=True))
    assert now - oldest > timedelta(days=30)  # spread over weeks, not all today
    for application in recruited:
        assert application.created_at <= application.stage_changed_at <= now
    hired = recruited.filter(stage="hired").values_list("created_at", flat=True)
    applied = recruited.filter(stage="applied").values_list("created_at", flat=True)
    assert max(hired) < min(applied)  # the hires began long before today's new applicants
    # Careers-page applicants stay today's news.
    assert Application.objects.filter(source="careers", created_at__gte=now - timedelta(hours=1))
    # The demo employee's own referrals are from earlier days, so on the referral page they
    # can refer as many people as anyone may in a day, and the limit still holds after that.
    login = next(login for login in DEMO_LOGINS if login.role == EMPLOYEE)
    emma = User.objects.get(username=login.username)
    client.force_login(emma)
    role = Role.objects.first()
    per_day = settings.PASSIONHIRE["REFERRALS_PER_DAY"]
    assert per_day >= 3
    mine = Referral.objects.filter(referrer=emma).count()
    for n in range(per_day + 1):
        response = client.post(
            reverse("candidates:referral_create"),
            {
                "role": role.pk,
                "name": f"Friend {n}",
                "email": f"friend{n}@example.com",
                "relationship": "worked_together",
                "known_for": "1_3",
                "consent_confirmed": "on",
                "example_empathy": "She stayed on the phone until the customer felt heard, twice.",
            },
        )
        if n < per_day:
            assert response.status_code == 302, n
        else:
            assert "the most we take in a day" in response.content.decode()
    assert Referral.objects.filter(referrer=emma).count() == mine + per_day
    call_command("seed_demo")  # again: nothing moves twice
    assert min(recruited.values_list("created_at", flat=True)) == oldest


# -- One coherent story -----------------------------------------------------------------------

# Words that carry a concern; evidence for a 1 or 2 says one, evidence for a 4 or 5 none.
CONCERN = re.compile(
    r"\b(not|no|never|nothing|blamed|could not|did not|waited|difficult)\b", re.IGNORECASE
)


def _tone_agrees(rating: int, evidence: str) -> bool:
    concern = bool(CONCERN.search(evidence))
    return concern if rating <= 2 else not concern if rating >= 4 else True


def test_every_answer_fits_its_question_and_every_rating_its_evidence():
    from candidates.models import Answer
    from hiring.demo_passion_test import WHY_ANSWERS
    from interviews.demo import EVIDENCE
    from interviews.models import Scorecard, TraitRating

    call_command("seed_demo")
    # Each "why" answer is one of the stories written for that very question.
    why = Answer.objects.filter(question__kind="why").select_related("question")
    assert why.count() > 40
    for answer in why:
        assert answer.text in WHY_ANSWERS[answer.question.key], answer.question.key
    stories = [story for told in WHY_ANSWERS.values() for story in told]
    assert len(stories) == len(set(stories))  # no story answers two questions
    # Each rating carries the evidence written for its trait at that rating, in its tone.
    for trait, by_rating in EVIDENCE.items():
        assert sorted(by_rating) == [1, 2, 3, 4, 5]
        for rating, text in by_rating.items():
            assert _tone_agrees(rating, text), (trait, rating, text)
    ratings = TraitRating.objects.filter(rating__isnull=False)
    assert ratings.filter(rating__lte=2).exists()
    assert ratings.filter(rating__gte=4).exists()
    for rating in ratings:
        assert rating.evidence == EVIDENCE[rating.trait][rating.rating]
        assert _tone_agrees(rating.rating, rating.evidence), (rating.rating, rating.evidence)
    # The recommendation follows the ratings: a yes never rests on poor ones, nor a no on good.
    for scorecard in Scorecard.objects.prefetch_related("ratings"):
        rated = [r.rating for r in scorecard.ratings.all() if r.rating is not None]
        mean = sum(rated) / len(rated)
        assert (scorecard.recommendation in ("yes", "strong_yes")) == (mean >= 3), scorecard
    # Hires did well; the rejection says curiosity was thin, and the panel found it so.
    for stage, good in (("hired", True), ("rejected", False)):
        curiosity = TraitRating.objects.filter(
            scorecard__interview__application__stage=stage, trait="curiosity"
        )
        assert curiosity.exists()
        average = sum(r.rating for r in curiosity) / curiosity.count()
        assert (average >= 3) == good


def _milestones(application) -> list[tuple[str, object]]:
    """(what, when) of everything dated on an application, in the order it must have been."""
    marks = [("applied", application.created_at)]
    for invitation in application.passion_test_invitations.all():
        marks += [("test created", invitation.created_at), ("test sent", invitation.last_sent_at)]
    for response in application.passion_test_responses.all():
        marks.append(("test started", response.started_at))
        for what in ("submitted_at", "scored_at"):
            if getattr(response, what):
                marks.append((f"test {what}", getattr(response, what)))
    interviews = application.interviews.all()
    for interview in sorted(interviews, key=lambda i: (i.kind != "values", i.pk)):
        records = [*interview.scorecards.all(), *interview.observations.all()]
        if not records:
            continue  # not held yet: checked below
        marks.append((f"{interview.kind} offered", interview.created_at))
        marks.append((f"{interview.kind} booked", interview.scheduled_at))
        ends = interview.starts_at + timedelta(minutes=interview.duration_minutes)
        marks += [(f"{interview.kind} held", interview.starts_at), ("ended", ends)]
        marks += [(f"{interview.kind} recorded", max(r.submitted_at for r in records))]
    for decision in sorted(application.decisions.all(), key=lambda d: d.pk):
        marks.append((f"decision {decision.kind}", decision.decided_at))
    return marks


LABELS = {stage.label: stage.value for stage in Stage}


def _moved_to(event) -> str | None:
    """The stage a stage or decision event moved the application to, if it moved it."""
    found = re.search(r"→ ([^:.)]+)", event.message)
    return LABELS.get(found[1].strip()) if found and event.kind in ("stage", "decision") else None


def test_every_application_s_story_is_in_order_and_spread_over_weeks():
    from django.utils import timezone

    from candidates.models import ApplicationEvent
    from passionhire.models import Notification

    call_command("seed_demo")
    now = timezone.now()
    order = list(Stage.values)
    # Last spring's intake came in as history, without a story (demo_fairness.py).
    applications = Application.objects.exclude(role__title=INTAKE_TITLE).prefetch_related(
        "passion_test_invitations",
        "passion_test_responses",
        "decisions",
        "referrals",
        "events",
        "interviews__scorecards",
        "interviews__observations",
    )
    for application in applications:
        marks = _milestones(application)
        whens = [when for _, when in marks]
        # (One request's own timestamps may differ by milliseconds, in any order.)
        later = [b - a > -timedelta(seconds=1) for a, b in zip(whens, whens[1:], strict=False)]
        assert all(later), (application.stage, marks)
        assert whens[-1] <= now
        events = sorted(application.events.all(), key=lambda e: (e.created_at, e.pk))
        created = [e for e in events if e.kind == "created"]
        assert len(created) == 1
        assert created[0].created_at - application.created_at < timedelta(seconds=1)
        assert events[0].created_at - application.created_at > -timedelta(seconds=1)
        assert events[-1].created_at <= now
        # Stage moves in pipeline order, and "in stage since" is the last of them.
        moves = [(e, _moved_to(e)) for e in events if _moved_to(e)]
        reached = [order.index(stage) for _, stage in moves]
        assert reached == sorted(reached), [e.message for e, _ in moves]
        last_move = moves[-1][0].created_at if moves else application.created_at
        assert abs(application.stage_changed_at - last_move) < timedelta(seconds=1)
        for referral in application.referrals.all():  # a share link's is credited after
            assert referral.via_link or referral.created_at <= application.created_at
            decided = referral.decided_at or now
            assert decided - referral.created_at > -timedelta(seconds=1)
        for interview in application.interviews.all():
            assert application.created_at < interview.created_at <= now
            if interview.scheduled_at:
                assert interview.created_at <= interview.scheduled_at <= now
    for notification in Notification.objects.filter(interview_id__isnull=False):
        interview = Interview.objects.get(pk=notification.interview_id)
        assert interview.starts_at < notification.created_at <= now
    # Spread over weeks: stages began on many different days, a month and more apart.
    demo = Application.objects.filter(source__in=["recruiter", "referral"])
    began = sorted(demo.values_list("stage_changed_at", flat=True))
    assert began[-1] - began[0] >= timedelta(days=14)
    assert len({when.date() for when in began}) >= 15  # not all one day
    applied = sorted(demo.values_list("created_at", flat=True))
    assert applied[-1] - applied[0] >= timedelta(days=28)
    assert ApplicationEvent.objects.filter(kind="stage").count() > 40


def test_the_demos_past_intake_gives_the_fairness_report_its_planted_findings():
    """The adverse-impact report on the demo flags what was planted, and nothing else."""
    from hiring.fairness.counts import Scope
    from hiring.fairness.reports import adverse_impact_report

    call_command("seed_demo")
    report = {q.key: q for q in adverse_impact_report(Scope())}
    flagged = {
        (key, result.step.key, group)
        for key, q in report.items()
        for result in q.flagged_steps
        for group in result.flagged
    }
    assert flagged == {("age_band", "interviews-team_meet", "40 or over")}
    statements = {
        (key, s["item"], s["group"]) for key, q in report.items() for s in q.flagged_statements
    }
    assert statements == {("age_band", "cur-f2", "40 or over")}
    assert report["gender"].answered["I describe myself another way"] is None  # a tiny group


@pytest.mark.parametrize(
    ("language", "title", "question"),
    [
        ("es", "Especialista de soporte", "¿Tienes permiso para trabajar en la UE?"),
        ("ar", "أخصائي الدعم", "هل يحق لك العمل في الاتحاد الأوروبي؟"),
    ],
)
def test_the_demo_careers_site_reads_whole_in_spanish_and_arabic(client, language, title, question):
    call_command("seed_demo")
    role = Role.objects.get(title="Support Specialist")
    role.translations = {"es": {"title": "Mi propio título"}}  # a recruiter's own words
    role.save()
    call_command("seed_demo")
    role.refresh_from_db()
    assert role.translations == {"es": {"title": "Mi propio título"}}  # never overwritten
    role.translations = {}
    role.save()
    call_command("seed_demo")
    headers = {"accept-language": language}
    listing = client.get("/careers/", headers=headers).content.decode()
    assert title in listing
    assert "Support Specialist" not in listing
    page = client.get(f"/careers/{role.pk}/apply/", headers=headers).content.decode()
    assert question in page
    assert "Do you have the right to work in the EU?" not in page
