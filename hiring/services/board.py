"""Moving an application to another stage from a role's board: the one write behind a drag,
the "Move to…" menu and its no-JavaScript form.

The board adds no rule of its own; it routes each move to the service that already owns it:
a forward move through the early flow is `application_advance`; an offer, a hire and a
rejection are decisions (`decision_record`, with the person's reason); a withdrawal recorded
by staff is `application_withdraw`. So the stage flow, the audit rows, the timeline events and
the emails after commit are the same whichever page made the move. Backward moves and
reopening a closed application are not offered (the flow only moves forward).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext

from candidates import services as candidate_services
from candidates.models import ACTIVE_STAGES, Application, Decision, Stage
from candidates.stage_names import stage_name
from passionhire.people import display_name
from passionhire.permissions import can_decide

from ..status.services import ApplicationClosed, application_withdraw

# Moves that are a person's decision or close the application: each needs a reason.
REASON_NEEDED = (Stage.OFFER, Stage.HIRED, Stage.REJECTED, Stage.WITHDRAWN)
# What the forward moves through the early flow write as their reason when none is given.
BOARD_REASON = "moved on the board"
DECISION_FOR = {
    Stage.OFFER: Decision.Kind.OFFER,
    Stage.HIRED: Decision.Kind.HIRE,
    Stage.REJECTED: Decision.Kind.REJECT,
}


class MoveRefused(ValidationError):
    """The move breaks a rule of the flow (or lacks its reason): nothing was saved."""


class StaleMove(MoveRefused):
    """The application left the stage the mover saw: nothing was saved."""


def move_targets(stage: str) -> list[Stage]:
    """Where an application at `stage` may be moved: any later stage of the active flow,
    Hired only from Offer, Rejected and Withdrawn from any open stage; nowhere once closed."""
    if stage not in ACTIVE_STAGES:
        return []
    order = list(ACTIVE_STAGES)
    targets = order[order.index(stage) + 1 :]
    if stage == Stage.OFFER:
        targets.append(Stage.HIRED)
    return [*targets, Stage.REJECTED, Stage.WITHDRAWN]


def _refusal(application: Application, to: str) -> str:
    """Why `to` is not a move open to this application ("" if it is)."""
    target = stage_name(to)
    if application.stage not in ACTIVE_STAGES:
        return gettext(
            "This application is closed (%(stage)s); it cannot be moved from the board."
        ) % {"stage": stage_name(application.stage)}
    if application.knocked_out_at is not None and application.stage == Stage.APPLIED:
        return gettext(
            "A knock-out answer ruled this application out: confirm or keep it from the "
            "role's knocked-out list first."
        )
    if to == Stage.HIRED:
        return gettext("Only an application at Offer can move to Hired: make the offer first.")
    order = list(ACTIVE_STAGES)
    if to in order and order.index(to) < order.index(application.stage):
        return gettext("The flow only moves forward: %(stage)s cannot go back to %(target)s.") % {
            "stage": stage_name(application.stage),
            "target": target,
        }
    return gettext("%(stage)s cannot move to %(target)s.") % {
        "stage": stage_name(application.stage),
        "target": target,
    }


def _check_fresh(application: Application, seen_stage: str) -> None:
    if application.stage == seen_stage:
        return
    last = application.events.filter(kind__in=["stage", "decision"]).select_related("actor")
    last = last.first()
    seen = stage_name(seen_stage)
    words = {"seen": seen, "stage": stage_name(application.stage)}
    if last and last.actor:
        message = gettext(
            "Meanwhile this application was moved from %(seen)s to %(stage)s by %(who)s. "
            "Nothing was changed; the board shows where it is now once you reload it."
        ) % {**words, "who": display_name(last.actor)}
    else:
        message = (
            gettext(
                "Meanwhile this application was moved from %(seen)s to %(stage)s. Nothing was "
                "changed; the board shows where it is now once you reload it."
            )
            % words
        )
    raise StaleMove(message, code="stale")


@transaction.atomic
def application_move(
    *, application_id: int, to: str, moved_by, reason: str = "", seen_stage: str
) -> Application:
    """Move the application to stage `to`. `seen_stage` is the stage the mover saw: if the
    application moved since, nothing is saved (StaleMove, saying who moved it). A move the
    flow does not allow, or one in REASON_NEEDED without a reason, is refused (MoveRefused)
    and nothing is saved. Returns the application as it is after the move."""
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("role", "candidate")
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        raise MoveRefused(gettext("No such application."), code="missing")
    if not can_decide(moved_by, application.role):
        raise PermissionDenied("Only recruiters and this role's hiring manager move its cards.")
    _check_fresh(application, seen_stage)
    candidate_services.candidate_check_not_erased(application.candidate)
    if to not in Stage.values:
        raise MoveRefused({"to": gettext("Choose a stage of the flow.")}, code="unknown_stage")
    if to == application.stage:
        return application
    knocked_out = application.knocked_out_at is not None and application.stage == Stage.APPLIED
    if knocked_out or to not in move_targets(application.stage):
        raise MoveRefused(_refusal(application, to), code="not_allowed")
    reason = (reason or "").strip()
    if to in REASON_NEEDED and not reason:
        raise MoveRefused(
            {
                "reason": gettext("Give a reason to move this application to %(stage)s.")
                % {"stage": stage_name(to)}
            },
            code="reason",
        )
    if to in DECISION_FOR:
        candidate_services.decision_record(
            application_id=application.pk,
            kind=DECISION_FOR[to],
            reason=reason,
            decided_by=moved_by,
            seen_stage=application.stage,
        )
    elif to == Stage.WITHDRAWN:
        try:
            application_withdraw(application=application, actor=moved_by, reason=reason)
        except ApplicationClosed as error:  # not reached: the row is locked and open
            raise MoveRefused(error.message, code="closed") from None
    else:
        candidate_services.application_advance(
            application=application, to=to, actor=moved_by, reason=reason or BOARD_REASON
        )
    application.refresh_from_db()
    return application
