"""Review the test: a scored Passion Test whose answers can't be trusted waits for a recruiter,
who accepts it, asks for a retake, or goes on without it."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from candidates import services
from candidates.models import (
    Answer,
    Application,
    ApplicationEvent,
    Evidence,
    PassionTestInvitation,
    PassionTestResponse,
    Stage,
)
from candidates.passion_test import review
from passionhire.models import AuditEntry
from tests.factories import ApplicationFactory, answers_for

pytestmark = pytest.mark.django_db
Review = PassionTestResponse.Review


@pytest.fixture
def application(role):
    return ApplicationFactory(role=role, candidate__name="Ada Lovelace")


def take(invitation, capture, *, careless: bool):
    """The candidate takes the test: carelessly (every statement 5, in a minute) or well."""
    response = services.passion_test_open(invitation=invitation)
    minutes = 1 if careless else 25
    PassionTestResponse.objects.filter(pk=response.pk).update(
        started_at=timezone.now() - timedelta(minutes=minutes)
    )
    response.refresh_from_db()
    questions = services.active_questions(response.questionnaire)
    answers = answers_for(questions)
    if careless:
        answers |= {str(q.pk): "5" for q in questions if q.kind == "likert"}
    with capture(execute=True):
        result = services.passion_test_submit(
            response=response, questions=questions, answers=answers
        )
    assert result.submitted
    response.refresh_from_db()
    return response


@pytest.fixture
def flagged(application, recruiter, questionnaire, django_capture_on_commit_callbacks):
    """A careless test, scored: waiting for "Review the test"."""
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.passion_test_invite(application=application, invited_by=recruiter)
    response = take(invitation, django_capture_on_commit_callbacks, careless=True)
    # Its why answer rated by a recruiter: evidence of the same test, weight 1.
    answer = Answer.objects.filter(response=response, question__kind="why").first()
    with django_capture_on_commit_callbacks(execute=True):
        services.why_answer_rate(
            answer=answer, rated_by=recruiter, ratings={answer.question.traits[0]: 4}
        )
    return response


def stage_of(response) -> str:
    return Application.objects.get(pk=response.application_id).stage


def test_a_flagged_test_waits_for_review_instead_of_moving_the_candidate_on(flagged):
    assert flagged.reliability < 0.4
    assert flagged.review == Review.PENDING
    assert stage_of(flagged) == Stage.PASSION_TEST  # not Interviews, as a clean test would
    event = ApplicationEvent.objects.filter(application_id=flagged.application_id).first()
    assert "review the test" in event.message
    assert AuditEntry.objects.filter(action="passion_test.review_needed").count() == 1
    invitation = PassionTestInvitation.objects.get(pk=flagged.invitation_id)
    assert invitation.state == "review"


def test_a_clean_test_moves_on_with_no_review(
    application, recruiter, questionnaire, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.passion_test_invite(application=application, invited_by=recruiter)
    response = take(invitation, django_capture_on_commit_callbacks, careless=False)
    assert response.review == Review.NONE
    assert stage_of(response) == Stage.INTERVIEWS


@pytest.mark.parametrize(
    ("reliability", "flags", "reasons"),
    [
        (0.9, [], []),
        (0.39, [], ["reliability 0.39"]),
        (
            0.9,
            [{"code": "virtue", "label": "Many unlikely virtues", "lowers_reliability": False}],
            [],
        ),
        (
            0.9,
            [{"code": "speeding", "label": "Too fast", "lowers_reliability": True}],
            ["Too fast"],
        ),
        # An older scorer's flag does not say: taken to lower reliability.
        (0.9, [{"code": "inconsistent", "label": "Inconsistent"}], ["Inconsistent"]),
    ],
)
def test_what_asks_for_a_review(reliability, flags, reasons):
    response = PassionTestResponse(reliability=reliability, flags=flags)
    assert review.review_reasons(response) == reasons


def test_accepting_moves_the_candidate_on_and_the_evidence_counts_once(flagged, recruiter):
    before = Evidence.objects.filter(application_id=flagged.application_id).count()
    review.passion_test_review_accept(response=flagged, reviewed_by=recruiter)
    flagged.refresh_from_db()
    assert (flagged.review, flagged.reviewed_by) == (Review.ACCEPTED, recruiter)
    assert flagged.reviewed_at is not None
    assert stage_of(flagged) == Stage.INTERVIEWS
    assert Evidence.objects.filter(application_id=flagged.application_id).count() == before
    events = ApplicationEvent.objects.filter(application_id=flagged.application_id).count()
    audits = AuditEntry.objects.filter(action="passion_test.review").count()
    # A second POST of the same answer changes nothing.
    review.passion_test_review_accept(response=flagged, reviewed_by=recruiter)
    assert ApplicationEvent.objects.filter(application_id=flagged.application_id).count() == events
    assert AuditEntry.objects.filter(action="passion_test.review").count() == audits


def test_proceeding_without_the_test_moves_on_and_its_evidence_stops_counting(
    flagged, recruiter, django_capture_on_commit_callbacks
):
    assert Evidence.objects.filter(application_id=flagged.application_id).exists()
    with django_capture_on_commit_callbacks(execute=True):
        review.passion_test_review_waive(response=flagged, reviewed_by=recruiter)
    flagged.refresh_from_db()
    assert flagged.review == Review.WAIVED
    assert stage_of(flagged) == Stage.INTERVIEWS
    # Its trait scores and the rating of its why answer are gone; the answers are kept.
    assert not Evidence.objects.filter(application_id=flagged.application_id).exists()
    assert flagged.answers.exists()
    application = Application.objects.get(pk=flagged.application_id)
    assert application.composite_score is None
    # Scoring it again (a retried task, a new scorer) does not bring the evidence back.
    with django_capture_on_commit_callbacks(execute=True):
        services.passion_test_score(response_id=flagged.pk)
    assert not Evidence.objects.filter(application_id=flagged.application_id).exists()


def test_a_retake_sends_a_new_link_keeps_the_old_response_and_replaces_it_once_scored(
    flagged, recruiter, django_capture_on_commit_callbacks
):
    old_token = services.invitation_token(flagged.invitation)
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        retake = review.passion_test_review_retake(response=flagged, reviewed_by=recruiter)
    flagged.refresh_from_db()
    assert flagged.review == Review.RETAKE
    assert retake.retake_of == flagged
    assert retake.pk != flagged.invitation_id
    # The new link went out through the usual invitation email.
    assert len(mail.outbox) == sent + 1
    assert services.invitation_url(retake) in mail.outbox[-1].body
    # The old link shows why it is closed.
    with pytest.raises(services.LinkRevoked) as closed:
        services.invitation_from_token(old_token)
    assert "take the Passion Test again" in closed.value.message
    # The old response is kept, its evidence deleted; the candidate waits at the test stage.
    assert PassionTestResponse.objects.filter(pk=flagged.pk).exists()
    assert not Evidence.objects.filter(application_id=flagged.application_id).exists()
    assert stage_of(flagged) == Stage.PASSION_TEST
    # The retake, taken well, is scored and moves the candidate on; its evidence counts.
    second = take(retake, django_capture_on_commit_callbacks, careless=False)
    assert second.review == Review.NONE
    assert stage_of(second) == Stage.INTERVIEWS
    origins = set(
        Evidence.objects.filter(application_id=flagged.application_id).values_list(
            "origin", flat=True
        )
    )
    assert origins == {second.evidence_origin}


def test_a_retake_link_used_after_the_first_test_was_accepted_is_refused_and_says_why(
    client, flagged, recruiter, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        retake = review.passion_test_review_retake(response=flagged, reviewed_by=recruiter)
    # The recruiter changes their mind before the candidate takes the retake.
    with django_capture_on_commit_callbacks(execute=True):
        review.passion_test_review_accept(response=flagged, reviewed_by=recruiter)
    flagged.refresh_from_db()
    assert flagged.review == Review.ACCEPTED
    assert stage_of(flagged) == Stage.INTERVIEWS
    # Accepting re-scored it: its evidence is back.
    assert Evidence.objects.filter(origin=flagged.evidence_origin).count() == 6
    page = client.get(reverse("passion_test:take", args=[services.invitation_token(retake)]))
    assert page.status_code == 410
    assert "earlier Passion Test was accepted" in page.content.decode()


def test_acting_on_a_test_that_is_not_waiting_changes_nothing(flagged, recruiter):
    review.passion_test_review_accept(response=flagged, reviewed_by=recruiter)
    for act in (review.passion_test_review_retake, review.passion_test_review_waive):
        with pytest.raises(review.ReviewConflict):
            act(response=flagged, reviewed_by=recruiter)
    flagged.refresh_from_db()
    assert flagged.review == Review.ACCEPTED
    assert PassionTestInvitation.objects.filter(application_id=flagged.application_id).count() == 1


def test_a_clean_test_has_nothing_to_review(flagged, recruiter):
    PassionTestResponse.objects.filter(pk=flagged.pk).update(review=Review.NONE)
    flagged.refresh_from_db()
    with pytest.raises(review.ReviewConflict):
        review.passion_test_review_accept(response=flagged, reviewed_by=recruiter)


def test_only_a_recruiter_reviews(flagged, hiring_manager):
    with pytest.raises(PermissionDenied):
        review.passion_test_review_accept(response=flagged, reviewed_by=hiring_manager)
    flagged.refresh_from_db()
    assert flagged.review == Review.PENDING


def test_a_retake_on_a_closed_application_is_refused(flagged, recruiter):
    Application.objects.filter(pk=flagged.application_id).update(stage=Stage.REJECTED)
    with pytest.raises(ValidationError) as refused:
        review.passion_test_review_retake(response=flagged, reviewed_by=recruiter)
    assert refused.value.code == "closed_application"
    flagged.refresh_from_db()
    assert flagged.review == Review.PENDING
    assert PassionTestInvitation.objects.filter(application_id=flagged.application_id).count() == 1


def test_the_invite_path_refuses_a_second_test_unless_a_retake_was_asked_for(
    flagged, recruiter, django_capture_on_commit_callbacks
):
    application = Application.objects.get(pk=flagged.application_id)
    with pytest.raises(ValidationError, match="already completed"):
        services.passion_test_invite(application=application, invited_by=recruiter)
    with django_capture_on_commit_callbacks(execute=True):
        retake = review.passion_test_review_retake(response=flagged, reviewed_by=recruiter)
    # Sending again resends the retake's live link.
    again = services.passion_test_invite(application=application, invited_by=recruiter)
    assert (again.pk, again.send_count) == (retake.pk, 2)


# --- The pages ----------------------------------------------------------------------------


def post_review(client, response, action):
    return client.post(
        reverse("candidates:passion_test_review", args=[response.application_id]),
        {"response": response.pk, "action": action},
    )


def test_the_application_page_shows_the_review_panel_with_the_flags_and_three_answers(
    client, flagged, recruiter
):
    PassionTestResponse.objects.filter(pk=flagged.pk).update(
        flags=[
            *flagged.flags,
            {
                "code": "virtue",
                "label": "Many unlikely virtues",
                "detail": "Agreed with 5 of 6.",
                "caveat": "It does not prove the candidate lied.",
                "lowers_reliability": False,
            },
        ]
    )
    client.force_login(recruiter)
    page = client.get(reverse("hiring:application_detail", args=[flagged.application_id]))
    html = page.content.decode()
    assert 'id="test-review"' in html
    assert "It does not prove the candidate lied." in html
    assert "it does not lower the reliability" in html
    for label in ("Accept the test", "Ask for a retake", "Proceed without the test"):
        assert label in html


def test_the_hiring_manager_s_profile_says_the_test_waits_for_a_review(
    client, flagged, hiring_manager
):
    client.force_login(hiring_manager)
    url = reverse("hiring:application_profile", args=[flagged.application_id])
    assert "the candidate waits for a recruiter" in client.get(url).content.decode()


def test_a_recruiter_accepts_from_the_page(client, flagged, recruiter):
    client.force_login(recruiter)
    response = post_review(client, flagged, "accept")
    assert response.status_code == 302
    assert stage_of(flagged) == Stage.INTERVIEWS
    # The double POST is the same answer again: fine, nothing more happens.
    assert post_review(client, flagged, "accept").status_code == 302


def test_a_conflicting_answer_is_a_409_that_says_why(client, flagged, recruiter):
    client.force_login(recruiter)
    post_review(client, flagged, "accept")
    response = post_review(client, flagged, "retake")
    assert response.status_code == 409
    assert "not waiting for a review" in response.content.decode()
    flagged.refresh_from_db()
    assert flagged.review == Review.ACCEPTED


def test_a_retake_on_a_closed_application_is_refused_on_the_page(client, flagged, recruiter):
    Application.objects.filter(pk=flagged.application_id).update(stage=Stage.WITHDRAWN)
    client.force_login(recruiter)
    response = post_review(client, flagged, "retake")
    assert response.status_code == 422
    assert "withdrawn" in response.content.decode()


def test_someone_who_is_not_a_recruiter_gets_403(client, flagged, hiring_manager):
    client.force_login(hiring_manager)
    assert post_review(client, flagged, "accept").status_code == 403
    flagged.refresh_from_db()
    assert flagged.review == Review.PENDING


def test_a_pending_review_shows_on_the_dashboard_and_filters_the_role_page(
    client, flagged, recruiter, role
):
    client.force_login(recruiter)
    dashboard = client.get(reverse("hiring:dashboard")).content.decode()
    assert 'id="test-reviews">1<' in dashboard
    assert "?stage=test_review" in dashboard
    page = client.get(reverse("hiring:role_detail", args=[role.pk]), {"stage": "test_review"})
    assert "Ada Lovelace" in page.content.decode()
    assert "Review the test" in page.content.decode()
    review.passion_test_review_accept(response=flagged, reviewed_by=recruiter)
    page = client.get(reverse("hiring:role_detail", args=[role.pk]), {"stage": "test_review"})
    assert "Ada Lovelace" not in page.content.decode()


def test_answers_of_a_test_set_aside_are_not_rated_back_into_evidence(
    client, flagged, recruiter, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        review.passion_test_review_waive(response=flagged, reviewed_by=recruiter)
    answer = Answer.objects.filter(response=flagged, question__kind="why").first()
    client.force_login(recruiter)
    trait = answer.question.traits[0]
    response = client.post(
        reverse("candidates:why_answer_rate", args=[flagged.application_id, answer.pk]),
        {f"why{answer.pk}-{trait}": "5"},
        follow=True,
    )
    assert "set aside after review" in response.content.decode()
    assert not Evidence.objects.filter(application_id=flagged.application_id).exists()
