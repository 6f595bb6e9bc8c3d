"""What a candidate does on their status page, one service each: withdraw, update their
phone number, download their data, ask to be erased. The candidate has no account, so the
actor is None (the audit row says "candidate" in its after-values); each runs in one
transaction with its audit row and timeline event, and emails go through the outbox."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from candidates.models import (
    ACTIVE_STAGES,
    Application,
    ApplicationEvent,
    Candidate,
    ErasureRequest,
    PassionTestInvitation,
    Stage,
)
from candidates.services import (
    candidate_check_not_erased,
    passion_test_revoke,
    stage_change_note,
)
from interviews.models import Interview
from interviews.services import interview_cancel
from passionhire import outbox
from passionhire.audit import audit_record
from passionhire.emails import send_email_once, templated_email
from passionhire.people import display_name
from passionhire.permissions import RECRUITER
from passionhire.phones import phone_to_e164

from ..services.privacy import candidate_export

BY_CANDIDATE = "candidate"
BY_STAFF = "staff"
WITHDREW = "The candidate withdrew their application."


class ApplicationClosed(Exception):
    """The action needs an open application and this one is closed."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _lock(application: Application) -> Application:
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("candidate", "role")
        .get(pk=application.pk)
    )
    candidate_check_not_erased(application.candidate)
    return application


def _audit(application: Application, *, actor, action: str, summary: str, **after):
    audit_record(
        actor=actor,
        action=action,
        target=f"application:{application.pk}",
        role_id=application.role_id,
        candidate_id=application.candidate_id,
        after={**after, "by": BY_CANDIDATE},
        summary=summary,
    )


def _note(application: Application, message: str, *, kind=ApplicationEvent.Kind.NOTE) -> None:
    ApplicationEvent.objects.create(application=application, kind=kind, message=message)


@transaction.atomic
def application_withdraw(*, application: Application, actor=None, reason: str = "") -> Application:
    """The candidate withdraws: the application closes as Withdrawn, a live Passion Test link
    is withdrawn, offered and coming interviews are cancelled (calendar cancellations go out
    to everyone on a booked one), and referrers hear of the change. Only an open application
    can be withdrawn (ApplicationClosed otherwise). With an `actor`, a person on staff records
    the candidate's withdrawal (told some other way), with their `reason`."""
    application = _lock(application)
    if application.stage not in ACTIVE_STAGES:
        raise ApplicationClosed(
            gettext(
                "Your application is already closed ({stage}), so there is nothing to withdraw."
            ).format(stage=application.get_stage_display().lower())
        )
    previous = application.get_stage_display()
    before_stage, entered_at = application.stage, application.stage_changed_at
    now = timezone.now()
    application.stage = Stage.WITHDRAWN
    application.stage_changed_at = now
    application.on_hold = False
    stage_change_note(application, from_stage=before_stage, entered_at=entered_at, at=now)
    application.save(update_fields=["stage", "stage_changed_at", "on_hold"])
    live = PassionTestInvitation.objects.filter(application=application, revoked_at__isnull=True)
    for invitation in live.select_related("response"):
        response = invitation.response_or_none
        if response is None or response.submitted_at is None:
            passion_test_revoke(invitation=invitation, revoked_by=actor)
    coming = Interview.objects.filter(
        application=application,
        status__in=[Interview.Status.OFFERED, Interview.Status.SCHEDULED],
    ).exclude(starts_at__lte=timezone.now())
    cancelled = [
        interview_cancel(interview=interview, by=actor, reason=WITHDREW).pk for interview in coming
    ]
    by_staff = actor is not None
    how = (
        f"recorded by {display_name(actor)}: {reason}"
        if by_staff
        else "the candidate withdrew on their status page"
    )
    ApplicationEvent.objects.create(
        application=application,
        kind=ApplicationEvent.Kind.STAGE,
        actor=actor,
        message=f"{previous} → Withdrawn: {how}"[:500],
    )
    audit_record(
        actor=actor,
        action="application.withdraw",
        target=f"application:{application.pk}",
        role_id=application.role_id,
        candidate_id=application.candidate_id,
        before={"stage": before_stage},
        after={
            "stage": Stage.WITHDRAWN,
            "interviews_cancelled": cancelled,
            "by": BY_STAFF if by_staff else BY_CANDIDATE,
        },
        summary=f"Application #{application.pk}: {previous} → Withdrawn "
        + ("(recorded by staff)" if by_staff else "(by the candidate)"),
    )
    outbox.enqueue("candidates.tasks.notify_referrers_task", application.pk)
    return application


@transaction.atomic
def candidate_update_phone(*, application: Application, phone: str, actor=None) -> Candidate:
    """The candidate's new phone number, stored in E.164. ValidationError (nothing saved) for
    an empty or invalid number. The number itself stays out of the audit and the timeline."""
    application = _lock(application)
    e164 = phone_to_e164(phone)
    if not e164:
        raise ValidationError(
            gettext("Type the phone number we can reach you on."), code="required"
        )
    candidate = Candidate.objects.select_for_update().get(pk=application.candidate_id)
    if candidate.phone == e164:
        return candidate
    had_phone = bool(candidate.phone)
    candidate.phone = e164
    # Only the field this service changes: a recruiter-typed detail elsewhere is not the
    # candidate's problem here.
    candidate.clean_fields(exclude=[f.name for f in Candidate._meta.fields if f.name != "phone"])
    candidate.save(update_fields=["phone"])
    _note(application, "Phone number updated by the candidate on their status page")
    _audit(
        application,
        actor=actor,
        action="candidate.phone",
        summary=f"Candidate #{candidate.pk} updated their phone number",
        had_phone=had_phone,
    )
    return candidate


@transaction.atomic
def candidate_export_own_data(*, application: Application, actor=None) -> dict:
    """Everything held about the candidate (the same export recruiters download), recorded
    on the audit trail and timeline: a leaked link being used shows up there."""
    application = _lock(application)
    data = candidate_export(candidate=application.candidate, with_self_id=True)
    _note(application, "The candidate downloaded their data from their status page")
    _audit(
        application,
        actor=actor,
        action="candidate.export",
        summary=f"Candidate #{application.candidate_id} downloaded their data",
    )
    return data


@transaction.atomic
def erasure_request_create(*, application: Application, actor=None) -> tuple[ErasureRequest, bool]:
    """Record the candidate's request to be erased, due in ERASURE_DUE_DAYS, and email the
    recruiters. At most one is open per candidate: a second request returns the open one
    (created False). Erasure itself stays a recruiter's act (privacy.candidate_erase)."""
    application = _lock(application)
    # The candidate's row lock serialises two clicks; the partial unique constraint backs it.
    Candidate.objects.select_for_update().get(pk=application.candidate_id)
    existing = ErasureRequest.objects.filter(
        candidate_id=application.candidate_id, resolved_at__isnull=True
    ).first()
    if existing is not None:
        return existing, False
    now = timezone.now()
    due_on = timezone.localdate(now) + timedelta(days=settings.PASSIONHIRE["ERASURE_DUE_DAYS"])
    request = ErasureRequest(
        candidate_id=application.candidate_id,
        application=application,
        requested_at=now,
        due_on=due_on,
    )
    request.full_clean()
    request.save()
    _note(application, f"The candidate asked to have their personal data erased (due {due_on})")
    _audit(
        application,
        actor=actor,
        action="candidate.erasure_request",
        summary=f"Candidate #{application.candidate_id} asked to be erased, due {due_on}",
        erasure_request=request.pk,
        due_on=due_on.isoformat(),
    )
    outbox.enqueue("hiring.tasks.send_erasure_request_notice_task", request.pk)
    return request, True


def erasure_request_send_notice(*, request_id: int) -> int:
    """Email every active recruiter about an open erasure request, once each. The email
    names the candidate by number only: it outlives the erasure in people's mailboxes.
    Returns how many emails this call sent."""
    request = (
        ErasureRequest.objects.select_related("application__role")
        .filter(pk=request_id, resolved_at__isnull=True)
        .first()
    )
    if request is None:
        return 0
    page = (
        reverse("hiring:application_detail", args=[request.application_id])
        if request.application_id
        else reverse("hiring:candidate_erase", args=[request.candidate_id])
    )
    recruiters = (
        get_user_model()
        .objects.filter(is_active=True, groups__name=RECRUITER)
        .exclude(email="")
        .order_by("pk")
    )
    sent = 0
    for user in recruiters:
        message = templated_email(
            template="hiring/emails/erasure_request",
            context={
                "request": request,
                "role": request.application.role if request.application_id else None,
                "url": settings.PASSIONHIRE["SITE_URL"] + page,
                "organisation": settings.PASSIONHIRE["ORGANISATION_NAME"],
            },
            to=[user.email],
            language=user.language,  # the recruiter's, never the candidate's who asked
        )
        sent += send_email_once(key=f"erasure-request:{request.pk}:to:{user.pk}", message=message)
    return sent
