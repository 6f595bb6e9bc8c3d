"""Decisions on applications: a person's, with a reason, along the flow or out of it, and
reopening a closed application. The score never decides."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from passionhire import outbox
from passionhire.audit import audit_record
from passionhire.models import AuditEntry
from passionhire.people import display_name
from passionhire.permissions import can_decide

from ..models import (
    ACTIVE_STAGES,
    REVEALED_STAGES,
    Application,
    ApplicationEvent,
    Decision,
    Stage,
)
from ..stage_names import stage_name
from .contact import candidate_check_not_erased, email_candidate_once
from .notices import notify_decision_needed
from .stage_history import stage_change_note
from .webhooks import emit_decisions_recorded, emit_stage_changed

ADVANCE_ORDER = [Stage.APPLIED, Stage.PASSION_TEST, Stage.INTERVIEWS, Stage.TEAM_MEET]
DECISION_VERBS = {
    Decision.Kind.ADVANCE: "Advanced",
    Decision.Kind.HOLD: "Put on hold",
    Decision.Kind.REJECT: "Rejected",
    Decision.Kind.OFFER: "Offer made",
    Decision.Kind.HIRE: "Hired",
    Decision.Kind.DECLINE: "Offer declined",
    Decision.Kind.WITHDRAW: "Withdrawal recorded",
    Decision.Kind.REOPEN: "Reopened",
}
# A closed application that can be opened again (a hire is final).
REOPENABLE = (Stage.REJECTED, Stage.WITHDRAWN)


def decision_choices(stage: str) -> list[Decision.Kind]:
    """The decisions open to an application at `stage`: along the flow, or out of it (the
    candidate withdrew or declined the offer, recorded by a person); a rejected or withdrawn
    application can only be reopened; a hire is final."""
    if stage in REOPENABLE:
        return [Decision.Kind.REOPEN]
    if stage not in ACTIVE_STAGES:
        return []
    kinds = []
    if stage in ADVANCE_ORDER:
        kinds.append(Decision.Kind.ADVANCE)
    if stage == Stage.OFFER:
        kinds.append(Decision.Kind.HIRE)
    else:
        kinds.append(Decision.Kind.OFFER)
    kinds += [Decision.Kind.HOLD, Decision.Kind.REJECT]
    if stage == Stage.OFFER:
        kinds.append(Decision.Kind.DECLINE)
    kinds.append(Decision.Kind.WITHDRAW)
    return kinds


def stage_before_closing(application: Application) -> str:
    """The stage a closed application left the flow from, read from its audit trail (every
    change of stage writes one row with the stage before and after); Applied if none says."""
    entries = AuditEntry.objects.filter(target=f"application:{application.pk}").order_by(
        "-at", "-pk"
    )
    for before, after in entries.values_list("before", "after")[:50]:
        left_from = (before or {}).get("stage")
        if (after or {}).get("stage") == application.stage and left_from in ACTIVE_STAGES:
            return left_from
    return Stage.APPLIED


def _next_stage(stage: str, kind: str) -> str:
    if kind == Decision.Kind.ADVANCE:
        return (
            ADVANCE_ORDER[ADVANCE_ORDER.index(stage) + 1]
            if stage != Stage.TEAM_MEET
            else (Stage.DECISION)
        )
    return {
        Decision.Kind.HOLD: stage,
        Decision.Kind.REJECT: Stage.REJECTED,
        Decision.Kind.OFFER: Stage.OFFER,
        Decision.Kind.HIRE: Stage.HIRED,
        Decision.Kind.DECLINE: Stage.WITHDRAWN,
        Decision.Kind.WITHDRAW: Stage.WITHDRAWN,
    }[kind]


class StaleDecision(ValidationError):
    """The application changed stage after the form was shown: nothing was recorded."""


@transaction.atomic
def decision_record(
    *, application_id: int, kind: str, reason: str, decided_by, seen_stage: str
) -> Decision:
    """A person's decision on an application, with their reason. `seen_stage` is the stage the
    decider saw: if the application moved since, nothing is recorded (StaleDecision). A
    rejection emails the candidate courteously after commit (if they agreed to email)."""
    if decided_by is None or not getattr(decided_by, "is_authenticated", False):
        raise PermissionDenied("Every decision is made by a person, never by the score.")
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("role", "candidate")
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        raise ValidationError(gettext("No such application."), code="missing")
    if not can_decide(decided_by, application.role):
        raise PermissionDenied("Only recruiters and this role's hiring manager decide on it.")
    candidate_check_not_erased(application.candidate)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": gettext("Give a reason: every decision is a person's, with why.")}
        )
    if application.stage != seen_stage:
        last = (
            application.events.filter(kind__in=["stage", "decision"])
            .select_related("actor")
            .first()
        )
        said = (
            gettext(
                "While you were deciding, this application moved from {before} to {now} by "
                "{who}. Nothing was recorded; look again and decide on what is there now."
            )
            if last and last.actor
            else gettext(
                "While you were deciding, this application moved from {before} to {now}. "
                "Nothing was recorded; look again and decide on what is there now."
            )
        )
        raise StaleDecision(
            said.format(
                before=stage_name(seen_stage),
                now=stage_name(application.stage),
                who=display_name(last.actor) if last and last.actor else "",
            ),
            code="stale",
        )
    if kind not in decision_choices(application.stage):
        raise ValidationError(
            {
                "kind": gettext("“{kind}” is not a decision open at {stage}.").format(
                    kind=kind, stage=stage_name(application.stage)
                )
            }
        )
    from_stage = application.stage
    to_stage = (
        stage_before_closing(application)
        if kind == Decision.Kind.REOPEN
        else _next_stage(from_stage, kind)
    )
    application.on_hold = kind == Decision.Kind.HOLD
    if to_stage != from_stage:
        entered_at, now = application.stage_changed_at, timezone.now()
        application.stage = to_stage
        application.stage_changed_at = now
        stage_change_note(application, from_stage=from_stage, entered_at=entered_at, at=now)
    if to_stage in REVEALED_STAGES:
        application.revealed = True
    application.save(update_fields=["stage", "stage_changed_at", "on_hold", "revealed", "reached"])
    decision = Decision.objects.create(
        application=application,
        kind=kind,
        reason=reason,
        from_stage=from_stage,
        to_stage=to_stage,
        decided_by=decided_by,
    )
    emit_decisions_recorded([decision])
    moved = (
        f" ({Stage(from_stage).label} → {Stage(to_stage).label})" if to_stage != from_stage else ""
    )
    ApplicationEvent.objects.create(
        application=application,
        kind=ApplicationEvent.Kind.DECISION,
        actor=decided_by,
        message=f"{DECISION_VERBS[Decision.Kind(kind)]}{moved}. Reason: {reason}"[:500],
    )
    audit_record(
        actor=decided_by,
        action="decision.record",
        target=f"application:{application.pk}",
        role_id=application.role_id,
        candidate_id=application.candidate_id,
        before={"stage": from_stage},
        after={"stage": to_stage, "decision": kind},
        summary=f"{DECISION_VERBS[Decision.Kind(kind)]}{moved}: application #{application.pk}",
    )
    if to_stage != from_stage:
        if to_stage == Stage.DECISION:
            notify_decision_needed(application, actor=decided_by)
        outbox.enqueue("candidates.tasks.notify_referrers_task", application.pk)
    if kind == Decision.Kind.REJECT and application.candidate.consent_to_contact:
        # The email waits out the undo's grace period in the outbox.
        grace = settings.PASSIONHIRE["UNDO_GRACE_SECONDS"]
        message = outbox.enqueue(
            "candidates.tasks.send_rejection_email_task", decision.pk, delay_seconds=grace
        )
        if grace:
            decision.undo_until = message.not_before
            decision.email_outbox_id = message.pk
            decision.save(update_fields=["undo_until", "email_outbox_id"])
    elif kind == Decision.Kind.REJECT and settings.PASSIONHIRE["UNDO_GRACE_SECONDS"]:
        decision.undo_until = timezone.now() + timedelta(
            seconds=settings.PASSIONHIRE["UNDO_GRACE_SECONDS"]
        )
        decision.save(update_fields=["undo_until"])
    return decision


@transaction.atomic
def decision_undo(*, decision_id: int, undone_by) -> Decision:
    """Take back a rejection within its grace period: the application returns to the stage it
    was rejected from and the courteous email, still waiting in the outbox, is called off.
    Refused (nothing changed) once the grace period is over or the email has gone, when the
    application moved since, or for someone who may not decide on it."""
    decision = (
        Decision.objects.select_for_update()
        .select_related("application__role", "application__candidate")
        .filter(pk=decision_id)
        .first()
    )
    if decision is None:
        raise ValidationError(gettext("No such decision."), code="missing")
    application = Application.objects.select_for_update(of=("self",)).get(
        pk=decision.application_id
    )
    if not can_decide(undone_by, decision.application.role):
        raise PermissionDenied("Only recruiters and this role's hiring manager decide on it.")
    if decision.undone_at is not None:
        raise ValidationError(gettext("This rejection was already undone."), code="undone")
    if decision.undo_until is None or decision.undo_until <= timezone.now():
        raise ValidationError(
            gettext(
                "Too late to undo: the grace period is over and the candidate has been told. "
                "Reopen the application with a reason instead."
            ),
            code="too_late",
        )
    if application.stage != decision.to_stage or (
        Decision.objects.filter(application=application, decided_at__gt=decision.decided_at)
        .exclude(pk=decision.pk)
        .exists()
    ):
        raise ValidationError(
            gettext("The application changed since this rejection, so it cannot be undone."),
            code="moved",
        )
    if decision.email_outbox_id and not outbox.cancel(decision.email_outbox_id):
        raise ValidationError(
            gettext("Too late to undo: the email to the candidate has already left."), code="sent"
        )
    application.stage = decision.from_stage
    application.stage_changed_at = timezone.now()
    application.save(update_fields=["stage", "stage_changed_at"])
    emit_stage_changed(application, from_stage=decision.to_stage, to_stage=decision.from_stage)
    # The rejection never reached the candidate: it leaves no move in the stage history.
    rejection = (
        application.stage_changes.filter(from_stage=decision.from_stage, to_stage=decision.to_stage)
        .order_by("-changed_at", "-pk")
        .first()
    )
    if rejection is not None:
        rejection.delete()
    decision.undone_at = timezone.now()
    decision.undone_by = undone_by
    decision.save(update_fields=["undone_at", "undone_by"])
    ApplicationEvent.objects.create(
        application=application,
        kind=ApplicationEvent.Kind.DECISION,
        actor=undone_by,
        message=f"Rejection undone ({Stage(decision.to_stage).label} → "
        f"{Stage(decision.from_stage).label}); no email was sent",
    )
    audit_record(
        actor=undone_by,
        action="decision.undo",
        target=f"application:{application.pk}",
        role_id=application.role_id,
        candidate_id=application.candidate_id,
        before={"stage": decision.to_stage},
        after={"stage": decision.from_stage, "undone": decision.pk},
        summary=f"Rejection of application #{application.pk} undone",
    )
    outbox.enqueue("candidates.tasks.notify_referrers_task", application.pk)
    return decision


def decision_send_rejection_email(*, decision_id: int) -> bool:
    """The courteous email to a rejected candidate: sent once, only while the application is
    still rejected by this decision, and never with the internal reason or any score."""
    decision = (
        Decision.objects.select_related("application__candidate", "application__role")
        .filter(pk=decision_id, kind=Decision.Kind.REJECT)
        .first()
    )
    if decision is None or decision.undone_at is not None:
        return False
    application = decision.application
    if application.stage != Stage.REJECTED or not application.candidate.consent_to_contact:
        return False
    return email_candidate_once(
        application, "rejection", "Rejection", email_template_id=decision.email_template_id
    )
