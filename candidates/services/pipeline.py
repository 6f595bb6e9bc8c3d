"""Every write to roles, candidates and applications: one function per user action."""

from dataclasses import dataclass

from django.contrib.auth.base_user import BaseUserManager
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from passionhire import outbox
from passionhire.audit import audit_record
from passionhire.people import display_name
from passionhire.permissions import HIRING_MANAGER, has_role
from passionhire.traits import Trait

from ..models import (
    ACTIVE_STAGES,
    REVEALED_STAGES,
    Application,
    ApplicationEvent,
    Candidate,
    Role,
    Stage,
    is_erased_email,
)
from ..stage_names import stage_name
from .contact import candidate_check_not_erased, email_candidate_once
from .notices import notify_decision_needed
from .shortlist import weights_changed
from .stage_history import stage_change_note
from .webhooks import emit_application_created

ROLE_FIELDS = (
    "title",
    "team",
    "description",
    "hiring_manager",
    "location",
    "workplace",
    "employment_type",
    "pay_min",
    "pay_max",
    "pay_currency",
    "pay_period",
)


def _check_hiring_manager(user) -> None:
    if not has_role(user, HIRING_MANAGER):
        raise ValidationError(
            {
                "hiring_manager": gettext("{name} is not a hiring manager.").format(
                    name=user.get_display_name()
                )
            }
        )


def _apply_weights(role: Role, weights: dict[Trait | str, int]) -> None:
    for trait, weight in weights.items():
        setattr(role, f"weight_{Trait(trait).value}", weight)


def role_settings(role: Role) -> dict:
    """A role's settings as the audit trail records them (before/after)."""
    return {
        "title": role.title,
        "team": role.team,
        "description": role.description,
        "hiring_manager": role.hiring_manager_id,
        "location": role.location,
        "workplace": role.workplace,
        "employment_type": role.employment_type,
        "pay": [role.pay_min, role.pay_max, role.pay_currency, role.pay_period],
        "weights": {trait.value: weight for trait, weight in role.weights.items()},
    }


@transaction.atomic
def role_open(
    *,
    opened_by,
    title: str,
    team: str,
    hiring_manager,
    description: str = "",
    weights: dict[Trait | str, int] | None = None,
    **details,
) -> Role:
    """Open a role. `details` are its careers-page fields (location, workplace, employment
    type, pay range); it is not published until a recruiter publishes it."""
    unknown = set(details) - set(ROLE_FIELDS)
    if unknown:
        raise TypeError(f"role_open() got unexpected fields: {sorted(unknown)}")
    _check_hiring_manager(hiring_manager)
    role = Role(
        title=title,
        team=team,
        description=description,
        hiring_manager=hiring_manager,
        created_by=opened_by,
        **details,
    )
    _apply_weights(role, weights or {})
    role.full_clean()
    role.save()
    audit_record(
        actor=opened_by,
        action="role.open",
        target=f"role:{role.pk}",
        role_id=role.pk,
        after=role_settings(role),
        summary=f"Opened role “{role.title}”",
    )
    return role


@transaction.atomic
def role_update(
    *, role: Role, updated_by, weights: dict[Trait | str, int] | None = None, **fields
) -> Role:
    unknown = set(fields) - set(ROLE_FIELDS)
    if unknown:
        raise TypeError(f"role_update() got unexpected fields: {sorted(unknown)}")
    role = Role.objects.select_for_update().get(pk=role.pk)
    settings_before = role_settings(role)
    if "hiring_manager" in fields:
        _check_hiring_manager(fields["hiring_manager"])
    originals = {name: getattr(role, name) for name in ("title", "description")}
    for name, value in fields.items():
        setattr(role, name, value)
    role.forget_translations(originals)
    before = role.weights
    _apply_weights(role, weights or {})
    role.full_clean()
    if role.weights != before:
        weights_changed(role)  # saves the role and re-ranks its applications
        role.refresh_from_db()
    else:
        role.save()
    settings_after = role_settings(role)
    if settings_after != settings_before:
        audit_record(
            actor=updated_by,
            action="role.update",
            target=f"role:{role.pk}",
            role_id=role.pk,
            before=settings_before,
            after=settings_after,
            summary=f"Changed role “{role.title}”",
        )
    return role


@transaction.atomic
def role_set_published(*, role: Role, published: bool, changed_by) -> Role:
    """Put an open role on the public careers page, or take it off. Closing a role takes it
    off too (the careers page lists only open roles)."""
    role = Role.objects.select_for_update().get(pk=role.pk)
    if published and not role.is_open:
        raise ValidationError(gettext("Reopen the role before publishing it."), code="role_closed")
    if published == (role.published_at is not None):
        return role
    role.published_at = timezone.now() if published else None
    role.save(update_fields=["published_at", "updated_at"])
    audit_record(
        actor=changed_by,
        action="role.publish" if published else "role.unpublish",
        target=f"role:{role.pk}",
        role_id=role.pk,
        before={"published": not published},
        after={"published": published},
        summary=f"Role “{role.title}” {'published on' if published else 'taken off'} the "
        "careers page",
    )
    return role


@transaction.atomic
def role_set_status(*, role: Role, status: str, changed_by) -> Role:
    role = Role.objects.select_for_update().get(pk=role.pk)
    before = role.status
    role.status = Role.Status(status)
    role.save(update_fields=["status", "updated_at"])
    if role.status != before:
        audit_record(
            actor=changed_by,
            action="role.status",
            target=f"role:{role.pk}",
            role_id=role.pk,
            before={"status": before},
            after={"status": role.status.value},
            summary=f"Role “{role.title}” {role.get_status_display().lower()}",
        )
    return role


@dataclass(frozen=True)
class CandidateAdded:
    application: Application
    candidate_existed: bool


def candidate_find_or_create(
    *,
    name: str,
    email: str,
    phone: str,
    source: str,
    consent_to_contact: bool,
    consent_source: str,
    consent_notice_version: str = "",
) -> tuple[Candidate, bool]:
    """The candidate with this email in any letter case, created if new. Returns (candidate,
    existed). Never overwrites what we hold; a newly given phone or consent is added. An erased
    candidate is never found again: their address was replaced, so the same person added later
    is a new candidate, and the replacement addresses themselves are refused."""
    if is_erased_email(email):
        raise ValidationError(
            {
                "email": ValidationError(
                    gettext("This address stands for an erased candidate; give the person's own."),
                    code="erased",
                )
            }
        )
    candidate = Candidate.objects.filter(email__iexact=email).first()
    if candidate is None:
        candidate = Candidate(
            name=name,
            email=email,
            phone=phone,
            source=source,
            consent_to_contact=consent_to_contact,
            consent_given_at=timezone.now() if consent_to_contact else None,
            consent_source=consent_source[:200] if consent_to_contact else "",
            consent_notice_version=consent_notice_version if consent_to_contact else "",
        )
        # The address was just looked up; a racing insert is caught by the constraint below.
        candidate.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                candidate.save()
        except IntegrityError:  # someone added the same address a moment ago
            candidate = Candidate.objects.get(email__iexact=email)
        else:
            return candidate, False
    candidate_check_not_erased(candidate)
    changed = []
    if phone and not candidate.phone:
        candidate.phone = phone
        changed.append("phone")
    if consent_to_contact and not candidate.consent_to_contact:
        candidate.consent_to_contact = True
        candidate.consent_given_at = timezone.now()
        candidate.consent_source = consent_source[:200]
        changed += ["consent_to_contact", "consent_given_at", "consent_source"]
    # Agreeing to a newer privacy notice is recorded with when and where.
    if consent_notice_version and candidate.consent_notice_version != consent_notice_version:
        candidate.consent_notice_version = consent_notice_version
        candidate.consent_given_at = timezone.now()
        candidate.consent_source = consent_source[:200]
        changed += ["consent_notice_version", "consent_given_at", "consent_source"]
    if changed:
        candidate.save(update_fields=changed)
    return candidate, True


@transaction.atomic
def candidate_add_to_role(
    *,
    added_by,
    role: Role,
    name: str,
    email: str,
    phone: str = "",
    source: str = Candidate.Source.DIRECT,
    consent_to_contact: bool = False,
    consent_source: str = "",
) -> CandidateAdded:
    """Put a person in a role's pipeline. An email already known (in any letter case) links to
    that candidate; the same candidate twice on one role, or a closed role, is refused and
    nothing is saved. With consent, the candidate gets an acknowledgement email after commit."""
    # Lock the role so it cannot close between our check and the insert.
    role = Role.objects.select_for_update().get(pk=role.pk)
    if not role.is_open:
        raise ValidationError(
            gettext("“{title}” is closed and cannot receive candidates. Reopen it first.").format(
                title=role.title
            ),
            code="role_closed",
        )
    email = BaseUserManager.normalize_email(email.strip())
    candidate, existed = candidate_find_or_create(
        name=name.strip(),
        email=email,
        phone=phone.strip(),
        source=source,
        consent_to_contact=consent_to_contact,
        consent_source=consent_source
        or f"Recorded by {display_name(added_by)} when adding them to {role.title}",
    )
    existing = Application.objects.filter(candidate=candidate, role=role).first()
    if existing is not None:
        raise ValidationError(
            gettext(
                "{name} <{email}> is already in the pipeline for this role (stage: {stage})."
            ).format(name=candidate.name, email=candidate.email, stage=stage_name(existing.stage)),
            code="duplicate_application",
        )
    try:
        with transaction.atomic():
            application = Application.objects.create(
                candidate=candidate,
                role=role,
                added_by=added_by,
                source=(
                    Application.Source.REFERRAL
                    if source == Candidate.Source.REFERRAL
                    else Application.Source.RECRUITER
                ),
            )
    except IntegrityError:
        raise ValidationError(
            gettext("{name} was added to this role by someone else a moment ago.").format(
                name=candidate.name
            ),
            code="duplicate_application",
        ) from None
    ApplicationEvent.objects.create(
        application=application,
        kind=ApplicationEvent.Kind.CREATED,
        actor=added_by,
        message=f"Added to {role.title}" + (" (existing candidate)" if existed else ""),
    )
    audit_record(
        actor=added_by,
        action="application.create",
        target=f"application:{application.pk}",
        role_id=role.pk,
        candidate_id=candidate.pk,
        after={"stage": application.stage},
        summary=f"Candidate #{candidate.pk} added to role #{role.pk}"
        + (" (existing candidate)" if existed else ""),
    )
    emit_application_created([application])
    if candidate.consent_to_contact:
        outbox.enqueue("candidates.tasks.send_application_acknowledgement_task", application.pk)
    return CandidateAdded(application=application, candidate_existed=existed)


def application_send_acknowledgement(*, application_id: int) -> bool:
    """Email the candidate that we received their application. Safe to call any number of
    times: the email goes out once. Returns True if this call sent it."""
    application = (
        Application.objects.select_related("candidate", "role").filter(pk=application_id).first()
    )
    if application is None or not application.candidate.consent_to_contact:
        return False
    return email_candidate_once(application, "acknowledgement", "Acknowledgement")


def application_advance(*, application: Application, to: str, actor=None, reason: str) -> bool:
    """Move an application forward to stage `to` if it is still before it. Never moves a
    closed application or one already further on. Returns True if it moved. Call inside the
    caller's transaction, with the application row locked."""
    order = list(ACTIVE_STAGES)
    if application.stage not in order or order.index(application.stage) >= order.index(to):
        return False
    previous = application.get_stage_display()
    previous_stage, entered_at = application.stage, application.stage_changed_at
    now = timezone.now()
    application.stage = to
    application.stage_changed_at = now
    application.revealed = application.revealed or to in REVEALED_STAGES
    stage_change_note(application, from_stage=previous_stage, entered_at=entered_at, at=now)
    application.save(update_fields=["stage", "stage_changed_at", "revealed", "reached"])
    ApplicationEvent.objects.create(
        application=application,
        kind=ApplicationEvent.Kind.STAGE,
        actor=actor,
        message=f"{previous} → {application.get_stage_display()}: {reason}",
    )
    audit_record(
        actor=actor,
        action="application.stage",
        target=f"application:{application.pk}",
        role_id=application.role_id,
        candidate_id=application.candidate_id,
        before={"stage": previous_stage},
        after={"stage": to},
        summary=f"Application #{application.pk}: {previous} → {application.get_stage_display()}",
    )
    if to == Stage.DECISION:
        notify_decision_needed(application, actor=actor)
    outbox.enqueue("candidates.tasks.notify_referrers_task", application.pk)
    return True
