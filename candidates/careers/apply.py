"""Applying on the careers page: one transaction makes (or finds) the candidate, the
application with its source, knock-out answers and CV, and the Passion Test link the applicant
goes straight into; the confirmation email with both links goes through the outbox."""

import contextlib
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.base_user import BaseUserManager
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from passionhire import outbox
from passionhire.audit import audit_record

from ..models import (
    Application,
    ApplicationEvent,
    Candidate,
    KnockoutQuestion,
    PassionTestInvitation,
    Role,
)
from ..passion_test.services import passion_test_invite
from ..referrals.share import referral_credit_from_link
from ..services.pipeline import candidate_find_or_create
from ..services.webhooks import emit_application_created

CAREERS_PAGE = "careers page"
ROLE_CLOSED = _(
    "Sorry, this role stopped taking applications a moment ago, so nothing was sent. Have a "
    "look at the other open roles."
)


@dataclass(frozen=True)
class Applied:
    application: Application
    # False when this email had already applied for the role: nothing new was saved and the
    # Passion Test link went out again by email.
    created: bool
    invitation: PassionTestInvitation | None


@dataclass(frozen=True)
class Applicant:
    name: str
    email: str
    phone: str  # E.164, already checked
    knockout_answers: dict[int, str]  # question id -> "yes" | "no"
    cv: object | None = None  # an UploadedFile, already checked (careers.cv.check_cv)
    cv_name: str = ""
    utm_source: str = ""
    utm_campaign: str = ""
    language: str = "en"  # the page's, a code of settings.LANGUAGES


def _answers(questions: list[KnockoutQuestion], given: dict[int, str]) -> list[dict]:
    """The answers in the role's order, with whether each rules the application out. Every
    question must be answered yes or no, and no other question may be: a tampered form is
    refused whole."""
    if set(given) != {q.pk for q in questions} or set(given.values()) - {"yes", "no"}:
        raise ValidationError(
            _(
                "The answers to this role's questions did not match the questions. Reload the "
                "page and answer each one."
            ),
            code="knockout_tampered",
        )
    return [
        {
            "question": q.text,
            "answer": given[q.pk],
            "disqualifying": given[q.pk] == q.disqualifying_answer,
        }
        for q in questions
    ]


def _resend(application: Application) -> PassionTestInvitation | None:
    """A second application to the same role: the test link (if one is still due) goes out
    again by email. Never shown in the page: whoever typed the address may not own it."""
    if application.knocked_out_at is not None:
        return None
    with contextlib.suppress(ValidationError):  # submitted, closed or no consent: nothing due
        return passion_test_invite(application=application, invited_by=None)
    return None


def application_submit(
    *, role: Role, applicant: Applicant, questions: list[KnockoutQuestion], referrer=None
) -> Applied:
    """Apply `applicant` to a published role. ValidationError (code role_closed) when the role
    was unpublished or closed meanwhile, (knockout_tampered) for answers that are not to this
    role's questions; nothing is saved then, and no file is left behind."""
    field = Application._meta.get_field("cv")
    stored = ""
    if applicant.cv is not None:
        # Stored first (the row then names it); removed again if nothing keeps it.
        stored = field.storage.save(field.generate_filename(None, applicant.cv.name), applicant.cv)
    try:
        with transaction.atomic():
            applied = _submit(
                role=role, applicant=applicant, questions=questions, referrer=referrer, cv=stored
            )
    except BaseException:
        if stored:
            field.storage.delete(stored)
        raise
    if stored and not applied.created:
        field.storage.delete(stored)
    return applied


def _submit(*, role, applicant: Applicant, questions, referrer, cv: str) -> Applied:
    # Locked so the role cannot close between this check and the insert, and so two
    # applications with one email to one role are one after the other.
    role = Role.objects.select_for_update().filter(pk=role.pk).first()
    if role is None or not role.is_published:
        raise ValidationError(ROLE_CLOSED, code="role_closed")
    answers = _answers(questions, applicant.knockout_answers)
    now = timezone.now()
    notice = settings.PASSIONHIRE["PRIVACY_NOTICE_VERSION"]
    candidate, existed = candidate_find_or_create(
        name=applicant.name.strip(),
        email=BaseUserManager.normalize_email(applicant.email.strip()),
        phone=applicant.phone,
        source=Candidate.Source.REFERRAL if referrer else Candidate.Source.DIRECT,
        consent_to_contact=True,
        consent_source=f"Agreed on the {CAREERS_PAGE} (privacy notice {notice})",
        consent_notice_version=notice,
    )
    existing = Application.objects.filter(candidate=candidate, role=role).first()
    if existing is not None:
        return Applied(application=existing, created=False, invitation=_resend(existing))
    knocked_out = any(answer["disqualifying"] for answer in answers)
    application = Application(
        candidate=candidate,
        role=role,
        source=Application.Source.CAREERS,
        utm_source=applicant.utm_source,
        utm_campaign=applicant.utm_campaign,
        knockout_answers=answers,
        knocked_out_at=now if knocked_out else None,
        cv=cv,
        cv_name=applicant.cv_name if cv else "",
        language=applicant.language,
    )
    application.save()
    # Through an employee's share link: credited to them as their referral (not when the link
    # is of someone who left, or the applicant is an employee: then a careers application).
    if referrer is not None and referral_credit_from_link(
        application=application, referrer=referrer
    ):
        application.source = Application.Source.REFERRAL_LINK
        application.save(update_fields=["source"])
    invitation = None
    if not knocked_out:
        invitation = PassionTestInvitation.objects.create(
            application=application,
            expires_at=now + timedelta(days=settings.PASSIONHIRE["PASSION_TEST_LINK_DAYS"]),
            send_count=1,
            last_sent_at=now,
        )
    message = f"Applied on the {CAREERS_PAGE}"
    if application.source == Application.Source.REFERRAL_LINK:
        message += " through a referral link"
    if existed:
        message += " (existing candidate)"
    message += (
        "; a knock-out answer rules them out, waiting for a recruiter to confirm"
        if knocked_out
        else "; Passion Test link sent"
    )
    ApplicationEvent.objects.create(
        application=application, kind=ApplicationEvent.Kind.CREATED, message=message
    )
    audit_record(
        actor=None,
        action="application.apply",
        target=f"application:{application.pk}",
        role_id=role.pk,
        candidate_id=candidate.pk,
        after={
            "stage": application.stage,
            "source": application.source,
            "knocked_out": knocked_out,
            "cv": bool(application.cv),
        },
        summary=f"Candidate #{candidate.pk} applied to role #{role.pk} on the {CAREERS_PAGE}",
    )
    emit_application_created([application])
    outbox.enqueue("hiring.tasks.send_application_confirmation_task", application.pk)
    return Applied(application=application, created=True, invitation=invitation)
