"""Reviewing a Passion Test whose answers can't be trusted: what happens after scoring, and
the recruiter's three answers to "Review the test".

A scored test with a flag that lowers its reliability, or a reliability under
UNRELIABLE_TEST_BELOW, does not move the candidate to Interviews by itself: a flag asks a person
to look and never decides. The recruiter then

- **accepts the test**: the candidate moves on and the test's evidence counts as scored;
- **asks for a retake**: a new link is emailed (the usual invitation path); the old response is
  kept, marked "retake requested", and its evidence is deleted: the scores of its trait rows and
  the ratings of its why answers. Deleted rather than weighted 0, because in the ranking a
  test's row of weight (reliability) 0 still pulls its trait to the middle of the scale; the
  response keeps its answers, flags and reliability, so nothing is lost and accepting it after
  all re-scores it. The new response replaces it when it is scored;
- **proceeds without the test**: the candidate moves on and the test's evidence is deleted.

While a retake link is still unanswered the recruiter may change their mind (accept the
first test after all, or go on without either): the retake link then closes, and tells the
candidate why when they open it.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from passionhire import outbox
from passionhire.audit import audit_record
from passionhire.permissions import RECRUITER, has_role
from passionhire.vocabulary import UNRELIABLE_TEST_BELOW

from ..models import (
    ACTIVE_STAGES,
    Application,
    ApplicationEvent,
    Evidence,
    PassionTestInvitation,
    PassionTestResponse,
    Stage,
)
from ..services.contact import candidate_check_not_erased
from ..services.pipeline import application_advance
from ..stage_names import stage_name
from .selectors import REVIEW_ACTIONS
from .services import passion_test_invite

Review = PassionTestResponse.Review
SET_ASIDE = (Review.RETAKE, Review.WAIVED)
ACTIONS = REVIEW_ACTIONS
RETAKE_CLOSES_OLD_LINK = (
    "You were asked to take the Passion Test again, so this link is closed. Please use the "
    "newest link we emailed you."
)
RETAKE_NOT_NEEDED = {
    "accept": (
        "Your earlier Passion Test was accepted after all, so this retake link is no longer "
        "needed. There is nothing more to do."
    ),
    "waive": (
        "We are going ahead without the retake, so this link is no longer needed. There is "
        "nothing more to do."
    ),
}


class ReviewConflict(ValidationError):
    """The test is not waiting for this answer (any more): nothing was changed."""


def flag_lowers_reliability(flag: dict) -> bool:
    """A flag that says nothing about it (an older scorer's) is taken to lower reliability."""
    return bool(flag.get("lowers_reliability", True)) if isinstance(flag, dict) else False


def review_reasons(response: PassionTestResponse) -> list[str]:
    """Why a scored response needs a person's look; empty if it does not."""
    reasons = []
    if response.reliability is not None and response.reliability < UNRELIABLE_TEST_BELOW:
        reasons.append(f"reliability {response.reliability:.2f}")
    reasons += [
        str(flag.get("label") or flag.get("code") or "flag")
        for flag in response.flags or []
        if flag_lowers_reliability(flag)
    ]
    return reasons


def passion_test_after_scoring(*, response: PassionTestResponse, first_time: bool) -> None:
    """The end of scoring: a test set aside by a recruiter stays set aside (a re-score must
    not bring its evidence back); a first score moves the candidate to Interviews, unless the
    answers can't be trusted, when it waits for a recruiter's review instead."""
    if response.review in SET_ASIDE:
        _delete_evidence(response)
        return
    if not first_time:
        return
    application = Application.objects.select_for_update().get(pk=response.application_id)
    reasons = review_reasons(response)
    if not reasons:
        application_advance(application=application, to=Stage.INTERVIEWS, reason="test scored")
        return
    response.review = Review.PENDING
    response.save(update_fields=["review", "updated_at"])
    message = (
        f"Passion Test scored; review the test before the candidate moves on ({', '.join(reasons)})"
    )
    ApplicationEvent.objects.create(
        application=application, kind=ApplicationEvent.Kind.NOTE, message=message[:500]
    )
    audit_record(
        actor=None,
        action="passion_test.review_needed",
        target=f"application:{application.pk}",
        role_id=application.role_id,
        candidate_id=application.candidate_id,
        after={"response": response.pk, "review": Review.PENDING, "reasons": reasons},
        summary=f"Passion Test of application #{application.pk} waits for a review",
    )


def _delete_evidence(response: PassionTestResponse) -> int:
    """Delete what this response produced: its trait scores and the ratings of its answers."""
    answer_ids = list(response.answers.values_list("pk", flat=True))
    origins = [response.evidence_origin, *(f"passion_test:why:{pk}" for pk in answer_ids)]
    deleted, _ = Evidence.objects.filter(
        application_id=response.application_id, origin__in=origins
    ).delete()
    if deleted:
        outbox.enqueue("candidates.tasks.refresh_composite_task", response.application_id)
    return deleted


def _outstanding_retake(response: PassionTestResponse) -> PassionTestInvitation | None:
    """The live retake link asked for on this response, if the candidate has not sent it."""
    invitation = (
        PassionTestInvitation.objects.select_for_update()
        .filter(retake_of=response, revoked_at__isnull=True)
        .first()
    )
    if invitation is None:
        return None
    if PassionTestResponse.objects.filter(
        invitation=invitation, submitted_at__isnull=False
    ).exists():
        return None
    return invitation


def _begin(response_id: int, reviewed_by, action: str):
    """Lock the response and its application and check who acts on what. Returns (response,
    application, done): `done` if this very answer was already given (a repeated POST)."""
    if not has_role(reviewed_by, RECRUITER):
        raise PermissionDenied("Only a recruiter reviews a Passion Test.")
    response = (
        PassionTestResponse.objects.select_for_update()
        .filter(pk=response_id, scored_at__isnull=False)
        .first()
    )
    if response is None:
        raise ReviewConflict("There is no scored Passion Test to review here.", code="missing")
    application = (
        Application.objects.select_for_update()
        .select_related("candidate", "role")
        .get(pk=response.application_id)
    )
    candidate_check_not_erased(application.candidate)
    done = {"accept": Review.ACCEPTED, "retake": Review.RETAKE, "waive": Review.WAIVED}[action]
    if response.review == done:
        return response, application, True
    if application.stage not in ACTIVE_STAGES:
        raise ValidationError(
            gettext("This application is %(stage)s: the test is not reviewed any more.")
            % {"stage": stage_name(application.stage).lower()},
            code="closed_application",
        )
    open_ = response.review == Review.PENDING or (
        action != "retake" and _outstanding_retake(response) is not None
    )
    if not open_:
        raise ReviewConflict(
            f"This Passion Test is not waiting for a review (it is "
            f"“{response.get_review_display().lower()}”): nothing was changed.",
            code="not_pending",
        )
    return response, application, False


def _decide(response, application, reviewed_by, review: str, summary: str) -> None:
    before = response.review
    response.review = review
    response.reviewed_by = reviewed_by
    response.reviewed_at = timezone.now()
    response.save(update_fields=["review", "reviewed_by", "reviewed_at", "updated_at"])
    ApplicationEvent.objects.create(
        application=application,
        kind=ApplicationEvent.Kind.NOTE,
        actor=reviewed_by,
        message=summary,
    )
    audit_record(
        actor=reviewed_by,
        action="passion_test.review",
        target=f"application:{application.pk}",
        role_id=application.role_id,
        candidate_id=application.candidate_id,
        before={"response": response.pk, "review": before},
        after={"response": response.pk, "review": review},
        summary=f"{summary} (application #{application.pk})",
    )


def _close_retake(response, action: str) -> bool:
    """Close the unanswered retake link of `response`, saying why. True if there was one."""
    invitation = _outstanding_retake(response)
    if invitation is None:
        return False
    invitation.revoked_at = timezone.now()
    invitation.closed_reason = RETAKE_NOT_NEEDED[action]
    invitation.save(update_fields=["revoked_at", "closed_reason"])
    return True


@transaction.atomic
def passion_test_review_accept(
    *, response: PassionTestResponse, reviewed_by
) -> PassionTestResponse:
    """Accept a flagged test: its evidence counts as scored and the candidate moves on."""
    response, application, done = _begin(response.pk, reviewed_by, "accept")
    if done:
        return response
    had_retake = _close_retake(response, "accept")
    _decide(
        response, application, reviewed_by, Review.ACCEPTED, "Passion Test accepted after review"
    )
    if had_retake:
        # Its evidence was deleted when the retake was asked for: scoring it again brings it
        # back (the same rows; scoring is idempotent). Imported here: scoring calls this module.
        from .scoring import passion_test_score

        passion_test_score(response_id=response.pk)
    application_advance(
        application=application,
        to=Stage.INTERVIEWS,
        actor=reviewed_by,
        reason="Passion Test accepted after review",
    )
    return response


@transaction.atomic
def passion_test_review_retake(
    *, response: PassionTestResponse, reviewed_by
) -> PassionTestInvitation:
    """Ask the candidate to take the test again: a new link by email; the old response is
    kept, marked, and its evidence deleted. Returns the new invitation."""
    response, application, done = _begin(response.pk, reviewed_by, "retake")
    if done:
        return application.passion_test_invitations.filter(revoked_at__isnull=True).first()
    _decide(response, application, reviewed_by, Review.RETAKE, "Passion Test retake requested")
    PassionTestInvitation.objects.filter(pk=response.invitation_id).update(
        revoked_at=timezone.now(), closed_reason=RETAKE_CLOSES_OLD_LINK
    )
    _delete_evidence(response)
    invitation = passion_test_invite(application=application, invited_by=reviewed_by)
    invitation.retake_of = response
    invitation.save(update_fields=["retake_of"])
    return invitation


@transaction.atomic
def passion_test_review_waive(*, response: PassionTestResponse, reviewed_by) -> PassionTestResponse:
    """Go on without the test: its evidence is deleted and the candidate moves on."""
    response, application, done = _begin(response.pk, reviewed_by, "waive")
    if done:
        return response
    _close_retake(response, "waive")
    _decide(
        response, application, reviewed_by, Review.WAIVED, "Proceeding without the Passion Test"
    )
    _delete_evidence(response)
    application_advance(
        application=application,
        to=Stage.INTERVIEWS,
        actor=reviewed_by,
        reason="proceeding without the Passion Test",
    )
    return response


REVIEW_SERVICES = {
    "accept": passion_test_review_accept,
    "retake": passion_test_review_retake,
    "waive": passion_test_review_waive,
}
