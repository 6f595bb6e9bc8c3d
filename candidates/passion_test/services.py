"""The Passion Test from invitation to submission: sending links, saving answers, submitting
once. Scoring lives in `scoring`."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from passionhire import outbox, signed_links
from passionhire.audit import audit_record
from passionhire.emails import send_email_once, templated_email
from passionhire.signed_links import LinkError, LinkExpired, LinkRevoked

from ..models import (
    Application,
    ApplicationEvent,
    PassionTestInvitation,
    PassionTestResponse,
    Question,
    Questionnaire,
    Stage,
)
from ..models.pipeline import CLOSED_STAGES
from ..services.pipeline import application_advance
from ..stage_names import stage_name
from .answers import (
    SaveResult,
    answered_ids_of_invitation,
    answered_question_ids,
    save_answers,
)
from .translations import instrument_for

TOKEN_SALT = "candidates.passion-test-invitation"


# -- Links -------------------------------------------------------------------------------------


class AlreadySubmitted(Exception):
    pass


def invitation_token(invitation: PassionTestInvitation) -> str:
    return signed_links.sign(salt=TOKEN_SALT, pk=invitation.pk, nonce=invitation.nonce)


def invitation_url(invitation: PassionTestInvitation) -> str:
    path = reverse("passion_test:take", args=[invitation_token(invitation)])
    return settings.PASSIONHIRE["SITE_URL"] + path


def invitation_from_token(token: str) -> PassionTestInvitation:
    """The invitation a link stands for, read in one query with its application, candidate,
    role, response (if started) and the response's version, annotated with `answered_ids`
    (the questions answered when it was read; `answers.ids_from`). Raises LinkError (tampered,
    unknown, or another invitation's nonce), LinkRevoked (withdrawn, with our reason when we
    gave one, or the application is closed) or LinkExpired."""
    pk, nonce = signed_links.unsign(salt=TOKEN_SALT, token=token)
    invitation = (
        PassionTestInvitation.objects.select_related(
            "application__candidate",
            "application__role",
            "response__questionnaire",
            "response__translation",
        )
        .annotate(answered_ids=answered_ids_of_invitation())
        .filter(pk=pk, nonce=nonce)
        .first()
    )
    if invitation is None:
        raise LinkError
    if invitation.is_revoked:
        raise LinkRevoked(invitation.closed_reason or None)
    if invitation.application.stage in CLOSED_STAGES:
        raise LinkRevoked(
            _(
                "Your application for this role is closed, so the Passion Test link no longer "
                "works. If you think this is a mistake, reply to the email you received."
            )
        )
    # A submitted test's link keeps showing the thank-you page after it expires.
    response = invitation.response_or_none
    if invitation.expires_at <= timezone.now() and not (response and response.is_submitted):
        raise LinkExpired
    return invitation


# -- Invitations -------------------------------------------------------------------------------


@dataclass
class InvitationsSent:
    sent: list[PassionTestInvitation] = field(default_factory=list)
    skipped: list[tuple[Application, str]] = field(default_factory=list)


def _link_days() -> int:
    return settings.PASSIONHIRE["PASSION_TEST_LINK_DAYS"]


@transaction.atomic
def passion_test_invite(*, application: Application, invited_by) -> PassionTestInvitation:
    """Send the Passion Test to an application's candidate. If a live link exists it is sent
    again (same link, expiry starts over). Refused for closed applications or roles, candidates
    who did not agree to be emailed, and tests already submitted."""
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("candidate", "role")
        .get(pk=application.pk)
    )
    candidate = application.candidate
    if not application.is_active:
        raise ValidationError(
            _("%(name)s's application is %(stage)s.")
            % {"name": candidate.name, "stage": str(stage_name(application.stage)).lower()},
            code="closed_application",
        )
    if not application.role.is_open:
        raise ValidationError(
            _("“%(role)s” is closed.") % {"role": application.role.title}, code="role_closed"
        )
    if not candidate.consent_to_contact:
        raise ValidationError(
            _("%(name)s has not agreed to be contacted by email.") % {"name": candidate.name},
            code="no_consent",
        )
    # A test whose retake was asked for does not count as completed: that is the retake's way.
    if (
        PassionTestResponse.objects.filter(application=application, submitted_at__isnull=False)
        .exclude(review=PassionTestResponse.Review.RETAKE)
        .exists()
    ):
        raise ValidationError(
            _("%(name)s has already completed the Passion Test.") % {"name": candidate.name},
            code="submitted",
        )
    now = timezone.now()
    invitation = application.passion_test_invitations.filter(revoked_at__isnull=True).first()
    if invitation is None:
        invitation = PassionTestInvitation(application=application, created_by=invited_by)
    invitation.expires_at = now + timedelta(days=_link_days())
    invitation.send_count += 1
    invitation.last_sent_at = now
    invitation.save()
    verb = "sent" if invitation.send_count == 1 else f"sent again (#{invitation.send_count})"
    ApplicationEvent.objects.create(
        application=application,
        kind=ApplicationEvent.Kind.EMAIL,
        actor=invited_by,
        message=f"Passion Test {verb}, link valid until {invitation.expires_at:%d %b %Y}",
    )
    audit_record(
        actor=invited_by,
        action="passion_test.invite",
        target=f"application:{application.pk}",
        role_id=application.role_id,
        candidate_id=application.candidate_id,
        after={"invitation": invitation.pk, "send_count": invitation.send_count},
        summary=f"Passion Test {verb} for application #{application.pk}",
    )
    application_advance(
        application=application, to=Stage.PASSION_TEST, actor=invited_by, reason="test sent"
    )
    outbox.enqueue(
        "candidates.tasks.send_passion_test_invitation_task", invitation.pk, invitation.send_count
    )
    return invitation


def passion_test_invite_many(*, applications, invited_by) -> InvitationsSent:
    """Invite each application on its own: one refusal does not stop the others."""
    result = InvitationsSent()
    for application in applications:
        try:
            result.sent.append(passion_test_invite(application=application, invited_by=invited_by))
        except ValidationError as error:
            result.skipped.append((application, " ".join(error.messages)))
    return result


@transaction.atomic
def passion_test_revoke(*, invitation: PassionTestInvitation, revoked_by) -> PassionTestInvitation:
    invitation = PassionTestInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.is_revoked:
        return invitation
    if PassionTestResponse.objects.filter(
        invitation=invitation, submitted_at__isnull=False
    ).exists():
        raise ValidationError(_("The test was already submitted; there is no link to withdraw."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    ApplicationEvent.objects.create(
        application_id=invitation.application_id,
        kind=ApplicationEvent.Kind.NOTE,
        actor=revoked_by,
        message="Passion Test link withdrawn",
    )
    role_id, candidate_id = Application.objects.values_list("role_id", "candidate_id").get(
        pk=invitation.application_id
    )
    audit_record(
        actor=revoked_by,
        action="passion_test.revoke",
        target=f"application:{invitation.application_id}",
        role_id=role_id,
        candidate_id=candidate_id,
        before={"revoked": False},
        after={"revoked": True},
        summary=f"Passion Test link #{invitation.pk} withdrawn",
    )
    return invitation


def passion_test_send_invitation_email(*, invitation_id: int, send_number: int) -> bool:
    """Email send number `send_number` of an invitation, once. Nothing is sent for a revoked
    invitation or a submitted test. Returns True if this call sent it."""
    invitation = (
        PassionTestInvitation.objects.select_related("application__candidate", "application__role")
        .filter(pk=invitation_id, revoked_at__isnull=True)
        .first()
    )
    if (
        invitation is None
        or PassionTestResponse.objects.filter(
            invitation=invitation, submitted_at__isnull=False
        ).exists()
    ):
        return False
    application = invitation.application
    context = {
        "candidate": application.candidate,
        "role": application.role,
        "url": invitation_url(invitation),
        "expires_at": invitation.expires_at,
        "reminder": send_number > 1,
    }
    message = templated_email(
        template="candidates/emails/passion_test",
        context=context,
        to=[application.candidate.email],
        language=application.language,
    )
    return send_email_once(
        key=f"passion-test-invitation:{invitation.pk}:{send_number}", message=message
    )


# -- Taking the test ---------------------------------------------------------------------------


def current_questionnaire() -> Questionnaire:
    return Questionnaire.objects.order_by("-version").first()


def passion_test_open(*, invitation: PassionTestInvitation) -> PassionTestResponse:
    """The candidate's response, started on first open against the newest version. An
    invitation from `invitation_from_token` brings its response along: no query then."""
    response = invitation.response_or_none
    if response is not None:
        return response
    response = _passion_test_start(invitation)
    invitation.response = response
    return response


@transaction.atomic
def _passion_test_start(invitation: PassionTestInvitation) -> PassionTestResponse:
    questionnaire = Questionnaire.objects.select_for_update().order_by("-version").first()
    if questionnaire is None:
        raise LinkError(_("No Passion Test is set up yet."))
    translation, language = instrument_for(questionnaire.pk, invitation.application.language)
    try:
        with transaction.atomic():
            return PassionTestResponse.objects.create(
                invitation=invitation,
                application_id=invitation.application_id,
                questionnaire=questionnaire,
                started_at=timezone.now(),
                language=language,
                translation=translation,
            )
    except IntegrityError:  # the same link opened twice at once
        return PassionTestResponse.objects.select_related("questionnaire").get(
            invitation=invitation
        )


def active_questions(questionnaire: Questionnaire) -> list[Question]:
    return list(
        questionnaire.questions.filter(is_retired=False)
        .prefetch_related("options")
        .order_by("position", "pk")
    )


def lock_response(response: PassionTestResponse) -> PassionTestResponse:
    """The response, locked for this transaction; AlreadySubmitted once it is submitted."""
    response = PassionTestResponse.objects.select_for_update().get(pk=response.pk)
    if response.is_submitted:
        raise AlreadySubmitted
    return response


def lock_unsubmitted(response: PassionTestResponse, *, touch: bool) -> None:
    """Lock the response for this transaction, as `lock_response` does, in the one UPDATE
    that also sets `updated_at` when `touch`; AlreadySubmitted once it is submitted. The row
    lock orders this transaction with a submit: if the submit committed first, the UPDATE
    (re-checked on the submitted row) matches nothing; if this came first, the submit waits
    for it and reads its answers."""
    touched = timezone.now() if touch else F("updated_at")
    if not PassionTestResponse.objects.filter(pk=response.pk, submitted_at__isnull=True).update(
        updated_at=touched
    ):
        raise AlreadySubmitted


@transaction.atomic
def passion_test_save_answers(
    *, response: PassionTestResponse, questions: list[Question], answers: dict[str, str]
) -> SaveResult:
    """Save the valid answers among `answers` ({question id: raw value}) in one bulk write;
    report the invalid ones. Raises AlreadySubmitted after submission."""
    response = lock_response(response)
    return save_answers(response, questions, answers)


@dataclass
class SubmitResult:
    submitted: bool
    saved: SaveResult
    missing: list[Question] = field(default_factory=list)


@transaction.atomic
def passion_test_submit(
    *, response: PassionTestResponse, questions: list[Question], answers: dict[str, str]
) -> SubmitResult:
    """Save the last answers and submit, once. Any invalid or missing answer leaves the
    test unsubmitted (the valid answers stay saved) and says which. Scoring runs after commit."""
    response = lock_response(response)
    saved = save_answers(response, questions, answers)
    answered = answered_question_ids(response)
    # An answer refused above (say, too long) is reported as such, not as missing.
    missing = [q for q in questions if q.pk not in answered and q.pk not in saved.errors]
    if saved.errors or missing:
        return SubmitResult(submitted=False, saved=saved, missing=missing)
    record_submission(response)
    return SubmitResult(submitted=True, saved=saved)


def record_submission(response: PassionTestResponse) -> None:
    """Mark a locked, complete response submitted; scoring runs after commit. For the submit
    services only: the caller holds the lock and has checked every answer."""
    response.submitted_at = timezone.now()
    response.save(update_fields=["submitted_at", "updated_at"])
    ApplicationEvent.objects.create(
        application_id=response.application_id,
        kind=ApplicationEvent.Kind.NOTE,
        message="Passion Test submitted",
    )
    role_id, candidate_id = Application.objects.values_list("role_id", "candidate_id").get(
        pk=response.application_id
    )
    audit_record(
        actor=None,  # the candidate, through their link
        action="passion_test.submit",
        target=f"application:{response.application_id}",
        role_id=role_id,
        candidate_id=candidate_id,
        after={"response": response.pk, "questionnaire": response.questionnaire_id},
        summary=f"Passion Test of application #{response.application_id} submitted",
    )
    outbox.enqueue("candidates.tasks.score_passion_test_task", response.pk)
