"""The Passion Test's write paths: invitations, answers, submission, scoring, ratings."""

from datetime import timedelta
from statistics import fmean

import pytest
from django.core import mail, signing
from django.core.exceptions import ValidationError
from django.utils import timezone

from candidates import services
from candidates.models import (
    Answer,
    Application,
    ApplicationEvent,
    Evidence,
    PassionTestInvitation,
    PassionTestResponse,
    Question,
    Stage,
    WhyRating,
)
from candidates.passion_test import services as passion_test_services
from tests.factories import ApplicationFactory, CandidateFactory, answers_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(role):
    return ApplicationFactory(role=role, candidate__name="Ada Lovelace")


def invite(application, recruiter, capture):
    with capture(execute=True):
        return services.passion_test_invite(application=application, invited_by=recruiter)


def started(invitation, *, minutes_ago=25):
    response = services.passion_test_open(invitation=invitation)
    PassionTestResponse.objects.filter(pk=response.pk).update(
        started_at=timezone.now() - timedelta(minutes=minutes_ago)
    )
    response.refresh_from_db()
    return response


def submit(response, questions, answers, capture):
    with capture(execute=True):
        return services.passion_test_submit(response=response, questions=questions, answers=answers)


# -- Invitations -------------------------------------------------------------------------------


def test_inviting_emails_a_signed_link_and_moves_the_application_to_the_test_stage(
    application, recruiter, questionnaire, django_capture_on_commit_callbacks
):
    invitation = invite(application, recruiter, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [application.candidate.email]
    assert services.invitation_url(invitation) in email.body
    assert "Ada Lovelace" in email.body
    application.refresh_from_db()
    assert application.stage == Stage.PASSION_TEST
    assert invitation.expires_at > timezone.now() + timedelta(days=13)
    assert services.invitation_from_token(services.invitation_token(invitation)) == invitation


def test_resending_keeps_the_same_link_and_starts_the_expiry_again(
    application, recruiter, questionnaire, django_capture_on_commit_callbacks
):
    first = invite(application, recruiter, django_capture_on_commit_callbacks)
    token = services.invitation_token(first)
    PassionTestInvitation.objects.filter(pk=first.pk).update(
        expires_at=timezone.now() - timedelta(days=1)
    )
    with pytest.raises(services.LinkExpired):
        services.invitation_from_token(token)
    again = invite(application, recruiter, django_capture_on_commit_callbacks)
    assert again.pk == first.pk
    assert again.send_count == 2
    assert services.invitation_token(again) == token
    assert services.invitation_from_token(token) == first
    assert [m.subject.startswith("Reminder") for m in mail.outbox] == [False, True]


def test_a_revoked_link_stops_working_and_a_new_invitation_gets_a_new_link(
    application, recruiter, questionnaire, django_capture_on_commit_callbacks
):
    old = invite(application, recruiter, django_capture_on_commit_callbacks)
    old_token = services.invitation_token(old)
    services.passion_test_revoke(invitation=old, revoked_by=recruiter)
    with pytest.raises(services.LinkRevoked):
        services.invitation_from_token(old_token)
    new = invite(application, recruiter, django_capture_on_commit_callbacks)
    assert new.pk != old.pk
    assert services.invitation_token(new) != old_token
    with pytest.raises(services.LinkRevoked):
        services.invitation_from_token(old_token)


def test_a_revoked_invitation_sends_no_queued_email(
    application, recruiter, questionnaire, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        invitation = services.passion_test_invite(application=application, invited_by=recruiter)
    services.passion_test_revoke(invitation=invitation, revoked_by=recruiter)
    for callback in callbacks:  # the queued email task runs only now
        callback()
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda a: Application.objects.filter(pk=a.pk).update(stage=Stage.REJECTED), "rejected"),
        (
            lambda a: a.role.__class__.objects.filter(pk=a.role_id).update(status="closed"),
            "is closed",
        ),
        (
            lambda a: a.candidate.__class__.objects.filter(pk=a.candidate_id).update(
                consent_to_contact=False
            ),
            "has not agreed to be contacted",
        ),
    ],
    ids=["closed application", "closed role", "no consent"],
)
def test_invitations_are_refused_with_a_reason_and_nothing_is_saved(
    application, recruiter, setup, message
):
    setup(application)
    with pytest.raises(ValidationError, match=message):
        services.passion_test_invite(application=application, invited_by=recruiter)
    assert not PassionTestInvitation.objects.exists()
    assert mail.outbox == []


def test_bulk_invite_sends_to_some_and_says_why_it_skipped_others(role, recruiter, questionnaire):
    ok = ApplicationFactory(role=role)
    no_consent = ApplicationFactory(role=role, candidate=CandidateFactory(consent_to_contact=False))
    result = services.passion_test_invite_many(applications=[ok, no_consent], invited_by=recruiter)
    assert [i.application_id for i in result.sent] == [ok.pk]
    assert [(a.pk, "not agreed" in reason) for a, reason in result.skipped] == [
        (no_consent.pk, True)
    ]


# -- Links -------------------------------------------------------------------------------------


def test_tampered_and_foreign_links_are_refused(role, recruiter, questionnaire):
    mine = services.passion_test_invite(
        application=ApplicationFactory(role=role), invited_by=recruiter
    )
    theirs = services.passion_test_invite(
        application=ApplicationFactory(role=role), invited_by=recruiter
    )
    token = services.invitation_token(mine)
    with pytest.raises(services.LinkError):
        services.invitation_from_token(token[:-2] + ("AA" if not token.endswith("AA") else "BB"))
    with pytest.raises(services.LinkError):
        services.invitation_from_token("not-a-token")
    # My signature on a payload naming their invitation: refused.
    payload, rest = token.split(":", 1)
    forged_payload = signing.Signer(salt=passion_test_services.TOKEN_SALT).sign_object(
        [theirs.pk, mine.nonce]
    )
    with pytest.raises(services.LinkError):
        services.invitation_from_token(forged_payload.split(":", 1)[0] + ":" + rest)
    # Even correctly signed, their id with my nonce does not open their test.
    with pytest.raises(services.LinkError):
        services.invitation_from_token(forged_payload)


# -- Answering and submitting ------------------------------------------------------------------


@pytest.fixture
def invitation(application, recruiter, questionnaire):
    return services.passion_test_invite(application=application, invited_by=recruiter)


def test_the_first_open_binds_the_response_to_the_current_version(invitation, questionnaire):
    response = services.passion_test_open(invitation=invitation)
    assert response.questionnaire == questionnaire
    assert services.passion_test_open(invitation=invitation).pk == response.pk
    assert PassionTestResponse.objects.count() == 1


def test_answers_save_in_bulk_and_bad_ones_are_reported_not_saved(invitation, questionnaire):
    response = services.passion_test_open(invitation=invitation)
    questions = services.active_questions(questionnaire)
    likert = next(q for q in questions if q.kind == "likert")
    scenario = next(q for q in questions if q.kind == "scenario")
    why = next(q for q in questions if q.kind == "why")
    other_option = (
        questions[-5].options.first()
        or Question.objects.exclude(pk=scenario.pk).filter(kind="scenario").first().options.first()
    )
    result = services.passion_test_save_answers(
        response=response,
        questions=questions,
        answers={
            str(likert.pk): "4",
            str(questions[1].pk): "6",  # out of range
            str(scenario.pk): str(other_option.pk),  # an option of another scenario
            str(why.pk): "x" * 3001,  # too long
            "999999": "3",  # not in this version
        },
    )
    assert result.saved == 1
    assert result.errors[questions[1].pk] == "Choose one of 1-5."
    assert result.errors[scenario.pk] == "Choose one of the options."
    assert "under 3000 characters (it has 3001)" in result.errors[why.pk]
    assert "not in this test" in result.errors[0]
    assert list(Answer.objects.values_list("question_id", "likert")) == [(likert.pk, 4)]
    # Saving again updates in place.
    services.passion_test_save_answers(
        response=response, questions=questions, answers={str(likert.pk): "2"}
    )
    assert list(Answer.objects.values_list("question_id", "likert")) == [(likert.pk, 2)]


def test_submitting_with_missing_answers_says_which_and_keeps_the_given_ones(
    invitation, questionnaire
):
    response = services.passion_test_open(invitation=invitation)
    questions = services.active_questions(questionnaire)
    answers = answers_for(questions)
    del answers[str(questions[3].pk)]
    answers[str(questions[-1].pk)] = "   "  # a blank why answer is no answer
    result = services.passion_test_submit(response=response, questions=questions, answers=answers)
    assert not result.submitted
    assert result.missing == [questions[3], questions[-1]]
    response.refresh_from_db()
    assert response.submitted_at is None
    # The 59 real answers are kept; the blank one is not stored at all.
    assert Answer.objects.filter(response=response).count() == len(questions) - 2


def test_the_78_question_test_submits_and_scores_in_a_bounded_number_of_queries(
    invitation, questionnaire, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    response = started(invitation)
    questions = services.active_questions(questionnaire)
    assert len(questions) == 78
    answers = answers_for(questions)
    with django_assert_max_num_queries(12):
        result = services.passion_test_submit(
            response=response, questions=questions, answers=answers
        )
    assert result.submitted
    assert Answer.objects.filter(response=response).count() == 78
    with django_assert_max_num_queries(30):
        services.passion_test_score(response_id=response.pk)


def test_submitting_twice_keeps_one_response_and_the_first_answers(
    invitation, questionnaire, django_capture_on_commit_callbacks
):
    response = started(invitation)
    questions = services.active_questions(questionnaire)
    submit(response, questions, answers_for(questions, level=4), django_capture_on_commit_callbacks)
    with pytest.raises(services.AlreadySubmitted):
        services.passion_test_submit(
            response=response, questions=questions, answers=answers_for(questions, level=1)
        )
    with pytest.raises(services.AlreadySubmitted):
        services.passion_test_save_answers(
            response=response, questions=questions, answers={str(questions[0].pk): "1"}
        )
    assert PassionTestResponse.objects.count() == 1
    first = questions[0]
    assert Answer.objects.get(question=first).likert == (2 if first.reverse_keyed else 4)


def test_scoring_writes_trait_evidence_moves_to_interviews_and_is_idempotent(
    invitation, questionnaire, django_capture_on_commit_callbacks
):
    response = started(invitation)
    questions = services.active_questions(questionnaire)
    submit(response, questions, answers_for(questions, level=4), django_capture_on_commit_callbacks)
    response.refresh_from_db()
    assert response.scored_at is not None
    assert response.flags == []
    assert response.reliability > 0.9
    # What the fairness report screens: every statement keyed at 4, the reverse-keyed 2s too.
    assert response.keyed_statements == "4" * 48
    evidence = Evidence.objects.filter(application=invitation.application, source="passion_test")
    assert evidence.count() == 6
    # Level 4 of 5 on every statement is 75; the chosen scenario options move it a little, and
    # a candidate who puts both trait statements above every filler may gain at most the
    # blocks' largest boost (psychometrics.ELEVATION_MAX_BOOST standard units = 3.75 points).
    assert all(72 <= e.value <= 82 + 3.75 for e in evidence), [e.value for e in evidence]
    application = Application.objects.get(pk=invitation.application_id)
    assert application.stage == Stage.INTERVIEWS
    assert application.composite_score == pytest.approx(fmean(e.value for e in evidence), abs=0.1)
    assert application.confidence == pytest.approx(0.5)
    events = ApplicationEvent.objects.filter(application=application).count()
    with django_capture_on_commit_callbacks(execute=True):
        services.passion_test_score(response_id=response.pk)
    assert Evidence.objects.filter(application=application).count() == 6
    assert ApplicationEvent.objects.filter(application=application).count() == events


def test_a_straight_lined_fast_test_is_flagged_and_counts_for_little(
    invitation, questionnaire, django_capture_on_commit_callbacks
):
    response = started(invitation, minutes_ago=1)
    questions = services.active_questions(questionnaire)
    answers = answers_for(questions)
    answers |= {str(q.pk): "5" for q in questions if q.kind == "likert"}
    submit(response, questions, answers, django_capture_on_commit_callbacks)
    response.refresh_from_db()
    # All "5", also on the opposite statements: one long run, far too fast. Not "inconsistent":
    # agreeing with everything is a lean the twin check allows for; the run is what shows.
    assert {f["code"] for f in response.flags} == {"straight_lining", "speeding"}
    assert response.reliability < 0.1
    assert set(
        Evidence.objects.filter(application=invitation.application).values_list("weight", flat=True)
    ) == {response.reliability}


def test_why_ratings_become_evidence_and_can_be_changed(
    invitation, questionnaire, recruiter, django_capture_on_commit_callbacks
):
    response = started(invitation)
    questions = services.active_questions(questionnaire)
    submit(response, questions, answers_for(questions, level=3), django_capture_on_commit_callbacks)
    answer = Answer.objects.get(response=response, question__key="why-1")  # empathy, commitment
    with django_capture_on_commit_callbacks(execute=True):
        services.why_answer_rate(answer=answer, rated_by=recruiter, ratings={"empathy": 5})
    rated = Evidence.objects.get(origin=f"passion_test:why:{answer.pk}")
    assert (rated.trait, rated.value, rated.author) == ("empathy", 100.0, recruiter)
    with django_capture_on_commit_callbacks(execute=True):
        services.why_answer_rate(answer=answer, rated_by=recruiter, ratings={"empathy": 2})
    assert Evidence.objects.get(origin=f"passion_test:why:{answer.pk}").value == 25.0
    assert WhyRating.objects.count() == 1
    with pytest.raises(ValidationError, match="not rated on courage"):
        services.why_answer_rate(answer=answer, rated_by=recruiter, ratings={"courage": 3})
    with pytest.raises(ValidationError, match="1 to 5"):
        services.why_answer_rate(answer=answer, rated_by=recruiter, ratings={"commitment": 9})
    assert WhyRating.objects.count() == 1
