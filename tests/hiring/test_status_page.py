"""The candidate's status page: reached by a signed link, plain words per stage, the Passion
Test and interviews in the candidate's terms, and never a score, flag or note. Links that do
not work: tampered (404), closed too long ago (410), belonging to an erased candidate (410)."""

import logging
import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from candidates import services
from candidates.models import Application, Evidence, PassionTestInvitation, Stage
from candidates.services.status_link import TOKEN_SALT
from hiring.services import privacy
from interviews import services as interview_services
from passionhire.signed_links import token_digest
from tests.factories import ApplicationFactory, answers_for, held_interview

TEST_IN = "Your Passion Test is in"


@pytest.fixture
def application(role):
    return ApplicationFactory(
        role=role, candidate__name="Ada Lovelace", candidate__email="ada@example.com"
    )


def page_of(client, application, **kwargs):
    return client.get(reverse("status:page", args=[services.status_token(application)]), **kwargs)


def visible_text(response) -> str:
    body = response.content.decode()
    body = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", body, flags=re.S)
    return re.sub(r"<[^>]+>", " ", body)


def offer(application, recruiter, *, in_days=3, zone="Europe/Berlin"):
    return interview_services.interview_schedule(
        application=application,
        kind="values",
        interviewers=[recruiter],
        slots=[timezone.now().replace(microsecond=0) + timedelta(days=in_days)],
        duration_minutes=45,
        location="Room Grace, 2nd floor",
        time_zone=zone,
        created_by=recruiter,
    )


def test_the_status_url_is_absolute_on_the_site_and_opens_the_page(client, application, settings):
    settings.PASSIONHIRE = {**settings.PASSIONHIRE, "SITE_URL": "https://jobs.example.com"}
    url = services.status_url(application)
    assert url.startswith("https://jobs.example.com/s/")
    response = client.get(url.removeprefix("https://jobs.example.com"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Hello, Ada Lovelace" in page
    assert application.role.title in page
    assert "We have your application" in page
    assert "no-store" in response.headers["Cache-Control"]
    assert 'name="robots" content="noindex"' in page


def test_the_page_of_a_scored_application_shows_no_score_flag_note_or_rank(
    client, application, recruiter, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        held_interview(application=application, interviewers=[recruiter], created_by=recruiter)
    Evidence.objects.create(
        application=application,
        trait="empathy",
        source="interview",
        value=91.5,
        summary="Rita thought the answer about the angry customer was thin",
        origin="test:1",
    )
    Application.objects.filter(pk=application.pk).update(
        stage=Stage.DECISION,
        composite_score=87.25,
        confidence=0.73,
        rank_score=83.75,
        score_empathy=91.5,
        score_courage=69.0,
        flags=1,
        on_hold=True,
    )
    services.decision_record(
        application_id=application.pk,
        kind="hold",
        reason="Waiting for the other finalist; Rita is unsure",
        decided_by=recruiter,
        seen_stage=Stage.DECISION,
    )
    response = page_of(client, application)
    assert response.status_code == 200
    text = visible_text(response)
    assert "We are deciding" in text
    for number in ("87", "73", "83", "91", "69"):
        assert not re.search(rf"\b{number}\b", text), number
    for words in ("score", "confidence", "rank", "flag", "Rita", "angry customer", "on hold"):
        assert not re.search(rf"\b{words}", text, re.IGNORECASE), words
    assert "unsure" not in text
    # Not in the markup either: the page's context carries no application object.
    assert "87.25" not in response.content.decode()
    assert "application" not in response.context or response.context.get("application") is None


def test_a_live_test_link_is_offered_then_the_page_says_the_test_is_in(
    client, application, recruiter, questionnaire
):
    invitation = services.passion_test_invite(application=application, invited_by=recruiter)
    take = reverse("passion_test:take", args=[services.invitation_token(invitation)])
    page = page_of(client, application).content.decode()
    assert "Take your Passion Test" in page
    assert f'href="{take}"' in page
    response = services.passion_test_open(invitation=invitation)
    page = page_of(client, application).content.decode()
    assert "Continue your Passion Test" in page
    questions = services.active_questions(questionnaire)
    services.passion_test_submit(
        response=response, questions=questions, answers=answers_for(questions)
    )
    page = page_of(client, application).content.decode()
    assert TEST_IN in page
    assert take not in page


def test_an_expired_test_link_says_so_instead_of_linking(client, application, recruiter):
    invitation = services.passion_test_invite(application=application, invited_by=recruiter)
    PassionTestInvitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(days=1)
    )
    page = page_of(client, application).content.decode()
    assert "has expired" in page
    assert "/t/" not in page


def test_an_offered_interview_links_to_the_slot_picker_and_a_booked_one_shows_its_time(
    client, application, recruiter
):
    interview = offer(application, recruiter)
    pick = reverse("slots:pick", args=[interview_services.slot_link_token(interview)])
    page = page_of(client, application).content.decode()
    assert "Pick a time" in page
    assert f'href="{pick}"' in page
    interview_services.interview_pick_slot(interview=interview, slot_id=interview.slots.get().pk)
    interview.refresh_from_db()
    page = page_of(client, application).content.decode()
    assert pick not in page
    local = timezone.localtime(interview.starts_at, ZoneInfo(interview.time_zone))
    assert local.strftime("%H:%M") in page
    assert "Europe/Berlin" in page  # the zone the time is shown in, named
    assert 'class="ph-local-time' in page  # and the browser rewrites it in the candidate's own
    assert "Room Grace, 2nd floor" in page
    assert "45 minutes" in page


@pytest.mark.parametrize(
    ("stage", "words"),
    [
        (Stage.APPLIED, "We have your application"),
        (Stage.PASSION_TEST, "The Passion Test"),
        (Stage.INTERVIEWS, "Interviews"),
        (Stage.TEAM_MEET, "Meeting the team"),
        (Stage.DECISION, "We are deciding"),
        (Stage.OFFER, "An offer"),
        (Stage.HIRED, "Welcome aboard"),
        (Stage.REJECTED, "Not taken forward"),
        (Stage.WITHDRAWN, "You withdrew your application"),
    ],
)
def test_every_stage_reads_in_plain_words(client, application, stage, words):
    Application.objects.filter(pk=application.pk).update(stage=stage)
    response = page_of(client, application)
    assert response.status_code == 200
    page = response.content.decode()
    assert words in page
    assert "What happens next" in page
    assert ("Withdraw my application" in page) == (
        stage not in (Stage.HIRED, Stage.REJECTED, Stage.WITHDRAWN)
    )


def test_the_page_runs_a_fixed_number_of_queries(
    client, application, recruiter, django_assert_num_queries
):
    services.passion_test_invite(application=application, invited_by=recruiter)
    for days in (3, 4, 5):
        offer(application, recruiter, in_days=days)
    # The application, the test links, the interviews, an open erasure request, the countries
    # of the candidate's roles, and which voluntary questions are asked and answered.
    with django_assert_num_queries(6):
        assert page_of(client, application).status_code == 200


# --- Links that do not work ------------------------------------------------------------------


def test_a_tampered_link_is_a_404_link_error_page(client, application):
    token = services.status_token(application)
    for bad in (token[:-3] + "xyz", "not-a-token", token.replace(":", ":x", 1)):
        response = client.get(reverse("status:page", args=[bad]))
        assert response.status_code == 404
        assert "This link does not work" in response.content.decode()
        assert "Ada Lovelace" not in response.content.decode()


@pytest.mark.parametrize("payload", [{"a": 1}, [1, 2, 3], ["1", "x"], [0, "x"], [2**70, "x"]])
def test_a_validly_signed_link_of_the_wrong_shape_or_an_old_nonce_is_a_404(
    client, application, payload
):
    token = signing.Signer(salt=TOKEN_SALT).sign_object(payload)
    assert client.get(reverse("status:page", args=[token])).status_code == 404
    assert client.post(reverse("status:withdraw", args=[token])).status_code == 404
    old = signing.Signer(salt=TOKEN_SALT).sign_object([application.pk, "an-older-nonce"])
    assert client.get(reverse("status:page", args=[old])).status_code == 404


@pytest.mark.parametrize("stage", [Stage.HIRED, Stage.REJECTED, Stage.WITHDRAWN])
def test_a_closed_applications_link_works_for_the_set_days_then_is_gone(
    client, application, settings, stage
):
    settings.PASSIONHIRE = {**settings.PASSIONHIRE, "STATUS_LINK_DAYS_AFTER_CLOSE": 10}
    closed = timezone.now() - timedelta(days=9)
    Application.objects.filter(pk=application.pk).update(stage=stage, stage_changed_at=closed)
    response = page_of(client, application)
    assert response.status_code == 200
    assert "It works until" in response.content.decode()
    Application.objects.filter(pk=application.pk).update(
        stage_changed_at=timezone.now() - timedelta(days=10, minutes=1)
    )
    response = page_of(client, application)
    assert response.status_code == 410
    assert "closed more than 10 days ago" in response.content.decode()
    assert "Ada Lovelace" not in response.content.decode()


def test_an_open_applications_link_never_expires(client, application):
    Application.objects.filter(pk=application.pk).update(
        stage_changed_at=timezone.now() - timedelta(days=400)
    )
    assert page_of(client, application).status_code == 200


def test_the_link_of_a_candidate_erased_by_the_retention_policy_says_so(client, application):
    privacy.candidate_erase(candidate=application.candidate)
    response = page_of(client, application)
    assert response.status_code == 410
    assert "nothing had happened on it for a long time" in response.content.decode()


def test_no_log_line_holds_a_status_link_token(client, application, caplog):
    token = services.status_token(application)
    tampered = token[:-3] + "xyz"
    with caplog.at_level(logging.INFO):
        assert client.get(reverse("status:page", args=[tampered])).status_code == 404
        assert client.get(reverse("status:withdraw", args=[token])).status_code == 405
    logged = " ".join(f"{r.getMessage()} {r.msg} {r.args!r}" for r in caplog.records)
    assert caplog.records
    assert token not in logged
    assert tampered not in logged
    assert f"/s/~{token_digest(tampered)}/" in logged
