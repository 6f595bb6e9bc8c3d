"""A candidate's data rights: export, erasure (every personal field gone, statistics kept),
the retention policy, and consent recorded with its time and source."""

import json
from datetime import timedelta

import pytest
from django.apps import apps
from django.core import mail
from django.db import models
from django.urls import reverse
from django.utils import timezone

from candidates import services
from candidates.models import (
    Application,
    ApplicationEvent,
    Candidate,
    Decision,
    Evidence,
    PassionTestInvitation,
    Referral,
    Stage,
)
from hiring.services import privacy
from interviews import services as interview_services
from interviews.models import TraitRating
from passionhire.models import SentEmail
from tests.factories import EmployeeFactory, answers_for, held_interview

NAME, EMAIL, PHONE = "Ada Lovelace", "ada.lovelace@example.com", "+44 20 7946 0000"
# Words written by or about Ada, one per place they can live.
WHY = "Because my grandmother ran a corner shop and knew every customer"
EXAMPLE = "Ada stayed late to fix the billing for a customer in tears"
SCORECARD = "Ada Lovelace told us about the night she rebuilt a customer's report"
RATING = "She described calling Ada's old customer every week, because it mattered"
NOTES = "Ada chatted with the support team about their hardest tickets"
REASON = "Ada is strong but the role needs more German"
PLANTED = (NAME, EMAIL, PHONE, WHY, EXAMPLE, SCORECARD, RATING, NOTES, REASON, "Lovelace")


@pytest.fixture
def ada(
    recruiter,
    employee,
    hiring_manager,
    role,
    questionnaire,
    question_bank,
    django_capture_on_commit_callbacks,
):
    """Ada with data in every place a candidate's data can be: referred with an example,
    added with consent, a submitted Passion Test with why answers, a held interview with an
    edited scorecard, a team meet with notes, a rejection with a reason, and emails sent."""

    def step():  # each step's emails and scoring run before the next step
        return django_capture_on_commit_callbacks(execute=True)

    with step():
        referral = services.referral_submit(
            referrer=employee,
            role=role,
            name=NAME,
            email=EMAIL,
            relationship="worked_together",
            known_for="3_5",
            consent_confirmed=True,
            examples={"empathy": EXAMPLE},
        )
    with step():
        services.referral_accept(referral=referral, accepted_by=recruiter)
    application = Application.objects.get(candidate__email=EMAIL)
    Candidate.objects.filter(pk=application.candidate_id).update(phone=PHONE)
    invitation = PassionTestInvitation.objects.get(application=application)
    response = services.passion_test_open(invitation=invitation)
    questions = services.active_questions(questionnaire)
    with step():
        services.passion_test_submit(
            response=response, questions=questions, answers=answers_for(questions, why=WHY)
        )
    ivan = EmployeeFactory(username="ivan", first_name="Ivan", last_name="Interviewer")
    interview = held_interview(application=application, interviewers=[ivan], created_by=recruiter)
    for summary in ("First draft", SCORECARD):  # the edit keeps the first in the history
        interview_services.scorecard_submit(
            interview=interview,
            interviewer=ivan,
            ratings={t: (4, RATING) for t in interview.traits},
            recommendation="yes",
            summary=summary,
        )
    meet = held_interview(
        application=application,
        interviewers=[ivan],
        created_by=recruiter,
        kind="team_meet",
        started=timezone.now() - timedelta(hours=3),
    )
    interview_services.observation_submit(
        interview=meet, observer=ivan, seen={"empathy": "clear"}, notes=NOTES
    )
    application.refresh_from_db()
    with step():
        services.decision_record(
            application_id=application.pk,
            kind="reject",
            reason=REASON,
            decided_by=hiring_manager,
            seen_stage=application.stage,
        )
    assert SentEmail.objects.filter(to=EMAIL).count() >= 2  # acknowledgement, test, rejection
    return Candidate.objects.get(email=EMAIL)


def rows_of(model, candidate: Candidate):
    """The rows of `model` that belong to the candidate."""
    ids = list(Application.objects.filter(candidate=candidate).values_list("pk", flat=True))
    label = model._meta.label
    return {
        "candidates.Candidate": lambda: model.objects.filter(pk=candidate.pk),
        "candidates.Referral": lambda: model.objects.filter(application__in=ids),
        "candidates.ReferralExample": lambda: model.objects.filter(referral__application__in=ids),
        "candidates.Answer": lambda: model.objects.filter(response__application__in=ids),
        "candidates.Evidence": lambda: model.objects.filter(application__in=ids),
        "candidates.ApplicationEvent": lambda: model.objects.filter(application__in=ids),
        "candidates.Decision": lambda: model.objects.filter(application__in=ids),
        "interviews.Interview": lambda: model.objects.filter(application__in=ids),
        "interviews.Scorecard": lambda: model.objects.filter(interview__application__in=ids),
        "interviews.TraitRating": lambda: model.objects.filter(
            scorecard__interview__application__in=ids
        ),
        "interviews.ScorecardRevision": lambda: model.objects.filter(
            scorecard__interview__application__in=ids
        ),
        "interviews.Observation": lambda: model.objects.filter(interview__application__in=ids),
        "passionhire.SentEmail": lambda: model.objects.all(),  # all of them: none may leak
    }[label]()


def texts(model, field: str, candidate: Candidate) -> list[str]:
    return [
        json.dumps(v) if not isinstance(v, str) else v
        for v in rows_of(model, candidate).values_list(field, flat=True)
    ]


def test_every_text_field_of_ours_is_classified_personal_or_not():
    """A new text field cannot ship without saying whether erasure must clear it."""
    not_personal = {
        "candidates.Role": {"title", "team", "description"},
        "candidates.Questionnaire": {"title", "intro"},
        "candidates.Question": {"key", "text", "traits"},
        "candidates.ScenarioOption": {"text", "scores"},
        "candidates.PassionTestInvitation": {"nonce"},  # replaced on erasure all the same
        "candidates.PassionTestResponse": {"flags", "quality"},
        "candidates.Evidence": {"origin"},
        "candidates.Decision": {"from_stage", "to_stage"},
        "interviews.Interview": {"location", "traits", "nonce"},
        "interviews.Observation": {"seen"},  # {trait: level}: ratings, kept for statistics
        "interviews.CoreValue": {"name", "description", "traits"},
        "interviews.BankQuestion": {"text", "traits", "probes"},
        "passionhire.SentEmail": {"key"},  # ids only
        "passionhire.StaffSettings": {"time_zone"},  # staff, not candidates
        "passionhire.OutboxMessage": {"task", "args", "last_error"},  # ids only
        # ids, aliases and settings, never a candidate's name or words
        "passionhire.AuditEntry": {"action", "target", "before", "after", "summary"},
    }
    found = {}
    for app in ("candidates", "interviews", "passionhire"):
        for model in apps.get_app_config(app).get_models():
            fields = {
                f.name
                for f in model._meta.get_fields()
                if isinstance(f, models.CharField | models.TextField | models.JSONField)
                and not f.choices
            }
            if fields:
                found[model._meta.label] = fields
    classified = {
        label: set(privacy.PERSONAL_DATA.get(label, [])) | not_personal.get(label, set())
        for label in found
    }
    assert found == classified


def test_erasure_clears_every_personal_field_and_keeps_the_statistics(ada, recruiter):
    application = Application.objects.get(candidate=ada)
    # Every listed field holds some of Ada's data before...
    for label, fields in privacy.PERSONAL_DATA.items():
        model = apps.get_model(label)
        for field in fields:
            values = texts(model, field, ada)
            if label == "interviews.Interview" and field == "cancel_reason":
                continue  # nothing was cancelled
            assert values, f"{label}.{field}: no rows to check"
    stages_before = Application.objects.filter(candidate=ada).values_list("stage", flat=True)
    scores_before = application.trait_scores
    evidence_before = list(Evidence.objects.filter(application=application).values("value"))
    ratings_before = TraitRating.objects.filter(scorecard__interview__application=application)
    ratings_before = list(ratings_before.values_list("rating", flat=True))

    privacy.candidate_erase(candidate=ada, erased_by=recruiter)

    # ...and none of it after: not the name, not the address, not a word of what was written.
    leaks = []
    for label, fields in privacy.PERSONAL_DATA.items():
        model = apps.get_model(label)
        for field in fields:
            for value in texts(model, field, ada):
                leaks += [f"{label}.{field}: {p!r}" for p in PLANTED if p.lower() in value.lower()]
    assert leaks == []
    ada.refresh_from_db()
    assert ada.name == "[erased]"
    assert ada.email.endswith("@erased.invalid")
    assert ada.phone == ""
    assert ada.consent_to_contact is False
    assert ada.erased_at is not None
    # The statistics stay: stages, scores, evidence values, ratings, the decision's kind.
    application.refresh_from_db()
    assert list(Application.objects.filter(candidate=ada).values_list("stage", flat=True)) == list(
        stages_before
    )
    assert application.stage == Stage.REJECTED
    assert application.trait_scores == scores_before
    assert list(Evidence.objects.filter(application=application).values("value")) == (
        evidence_before
    )
    assert (
        list(
            TraitRating.objects.filter(scorecard__interview__application=application).values_list(
                "rating", flat=True
            )
        )
        == ratings_before
    )
    assert Decision.objects.get(application=application).kind == "reject"
    assert Referral.objects.filter(application=application).count() == 1  # leaderboard counts
    # Her links are dead.
    assert not PassionTestInvitation.objects.filter(
        application=application, revoked_at__isnull=True
    ).exists()
    # Erasing twice is refused.
    with pytest.raises(Exception, match="already erased"):
        privacy.candidate_erase(candidate=ada, erased_by=recruiter)


def test_the_export_holds_everything_and_only_recruiters_get_it(
    client, ada, recruiter, hiring_manager, employee
):
    url = reverse("hiring:candidate_data_export", args=[ada.pk])
    for user in (hiring_manager, employee):
        client.force_login(user)
        refused = client.get(url)
        assert refused.status_code == 403
        assert EMAIL not in refused.content.decode()
    client.force_login(recruiter)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="candidate-{ada.pk}-data.json"'
    data = json.loads(response.content)
    text = json.dumps(data, ensure_ascii=False)
    for planted in (NAME, EMAIL, PHONE, WHY, EXAMPLE, SCORECARD, RATING, NOTES, REASON):
        assert planted in text, planted
    assert data["candidate"]["consent_to_contact"] is True
    assert data["candidate"]["consent_source"].startswith("Confirmed by the referrer, Emma")
    [application] = data["applications"]
    assert application["stage"] == "Rejected"
    assert len(application["scorecards"][0]["earlier_versions"]) == 1
    assert len(data["emails_sent"]) == SentEmail.objects.filter(to=EMAIL).count()
    # Who referred her is a colleague's data: not in her export.
    assert "Emma" not in json.dumps(data["referrals"])
    assert client.get(reverse("hiring:candidate_data_export", args=[999999])).status_code == 404


def test_erasing_in_the_browser_needs_the_address_typed(client, ada, recruiter, hiring_manager):
    url = reverse("hiring:candidate_erase", args=[ada.pk])
    client.force_login(hiring_manager)
    assert client.post(url, {"confirm": EMAIL}).status_code == 403
    client.force_login(recruiter)
    page = client.get(url).content.decode()
    assert "Erase Ada Lovelace's personal data" in page
    for wrong in ("", "someone@example.com", "<script>alert(1)</script>"):
        response = client.post(url, {"confirm": wrong})
        assert response.status_code == 422
        assert "<script>alert(1)" not in response.content.decode()
        assert Candidate.objects.get(pk=ada.pk).erased_at is None
    done = client.post(url, {"confirm": EMAIL.upper()}, follow=True)
    assert "personal data is erased" in done.content.decode()
    assert Candidate.objects.get(pk=ada.pk).erased_at is not None
    again = client.post(url, {"confirm": EMAIL}, follow=True)
    assert "already erased" in again.content.decode()


def test_the_retention_task_erases_only_candidates_idle_past_the_period(
    recruiter, role, settings, django_capture_on_commit_callbacks
):
    settings.PASSIONHIRE = settings.PASSIONHIRE | {"RETENTION_MONTHS": 24}
    old, busy, fresh = (
        services.candidate_add_to_role(
            added_by=recruiter, role=role, name=f"{who} Person", email=f"{who}@example.com"
        ).application
        for who in ("old", "busy", "fresh")
    )
    long_ago = timezone.now() - timedelta(days=750)
    for application in (old, busy):
        Candidate.objects.filter(pk=application.candidate_id).update(created_at=long_ago)
        Application.objects.filter(pk=application.pk).update(stage_changed_at=long_ago)
        ApplicationEvent.objects.filter(application=application).update(created_at=long_ago)
    # Busy had a timeline entry last month: still active.
    ApplicationEvent.objects.create(
        application=busy, kind=ApplicationEvent.Kind.NOTE, message="Called back"
    )
    assert list(privacy.candidates_past_retention()) == [old.candidate]

    from hiring.tasks import anonymise_stale_candidates_task

    assert anonymise_stale_candidates_task.delay().get() == 1
    names = dict(Candidate.objects.values_list("email", "name"))
    assert names["busy@example.com"] == "busy Person"
    assert names["fresh@example.com"] == "fresh Person"
    assert f"erased-{old.candidate_id}@erased.invalid" in names
    event = ApplicationEvent.objects.filter(application=old).order_by("pk").last()
    assert "retention policy (24 months" in event.message
    assert anonymise_stale_candidates_task.delay().get() == 0  # idempotent


def test_consent_is_recorded_with_its_time_and_source(recruiter, role):
    before = timezone.now()
    application = services.candidate_add_to_role(
        added_by=recruiter,
        role=role,
        name="Grace Hopper",
        email="grace@example.com",
        consent_to_contact=True,
    ).application
    candidate = application.candidate
    assert candidate.consent_given_at >= before
    assert candidate.consent_source == "Recorded by Rita Recruiter when adding them to " + (
        "Customer Success Manager"
    )
    silent = services.candidate_add_to_role(
        added_by=recruiter, role=role, name="Alan Turing", email="alan@example.com"
    ).application.candidate
    assert silent.consent_given_at is None
    assert silent.consent_source == ""
    assert not [m for m in mail.outbox if "alan@example.com" in m.to]
