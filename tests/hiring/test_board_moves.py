"""Moving a card on the board: one service (hiring.services.board.application_move) behind the
drag, the htmx menu and the plain form; every refusal saves nothing."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from candidates.models import Application, ApplicationEvent, Decision, Stage
from hiring.services.board import MoveRefused, StaleMove, application_move, move_targets
from passionhire.models import AuditEntry, OutboxMessage
from tests.factories import ApplicationFactory


@pytest.fixture
def ada(role):
    return ApplicationFactory(role=role, candidate__name="Ada Lovelace")


def at(application, stage: str) -> Application:
    Application.objects.filter(pk=application.pk).update(stage=stage)
    application.refresh_from_db()
    return application


def unchanged(application, stage: str) -> None:
    application.refresh_from_db()
    assert application.stage == stage
    assert not Decision.objects.filter(application=application).exists()
    assert not ApplicationEvent.objects.filter(application=application).exists()
    assert not AuditEntry.objects.filter(target=f"application:{application.pk}").exists()


def test_the_menu_offers_forward_stages_hired_only_from_offer_and_the_two_exits():
    assert move_targets(Stage.APPLIED) == [
        Stage.PASSION_TEST,
        Stage.INTERVIEWS,
        Stage.TEAM_MEET,
        Stage.DECISION,
        Stage.OFFER,
        Stage.REJECTED,
        Stage.WITHDRAWN,
    ]
    assert move_targets(Stage.OFFER) == [Stage.HIRED, Stage.REJECTED, Stage.WITHDRAWN]
    assert move_targets(Stage.HIRED) == move_targets(Stage.REJECTED) == []


def test_a_forward_move_is_recorded_on_the_timeline_in_the_audit_and_tells_referrers(
    ada, recruiter
):
    moved = application_move(
        application_id=ada.pk, to=Stage.PASSION_TEST, moved_by=recruiter, seen_stage="applied"
    )
    assert moved.stage == Stage.PASSION_TEST
    event = ApplicationEvent.objects.get(application=ada)
    assert event.actor == recruiter
    assert event.message == "Applied → Passion Test: moved on the board"
    audit = AuditEntry.objects.get(action="application.stage", target=f"application:{ada.pk}")
    assert (audit.before, audit.after) == ({"stage": "applied"}, {"stage": "passion_test"})
    assert OutboxMessage.objects.filter(task="candidates.tasks.notify_referrers_task").exists()


def test_a_forward_move_may_skip_stages_but_never_go_back(ada, hiring_manager):
    application_move(
        application_id=ada.pk, to=Stage.TEAM_MEET, moved_by=hiring_manager, seen_stage="applied"
    )
    with pytest.raises(MoveRefused, match="only moves forward"):
        application_move(
            application_id=ada.pk,
            to=Stage.INTERVIEWS,
            moved_by=hiring_manager,
            reason="second thoughts",
            seen_stage="team_meet",
        )
    ada.refresh_from_db()
    assert ada.stage == Stage.TEAM_MEET


def test_a_rejection_without_a_reason_is_refused_and_nothing_is_saved(ada, recruiter):
    with pytest.raises(MoveRefused) as refused:
        application_move(
            application_id=ada.pk, to=Stage.REJECTED, moved_by=recruiter, seen_stage="applied"
        )
    assert refused.value.message_dict == {
        "reason": ["Give a reason to move this application to Rejected."]
    }
    unchanged(ada, Stage.APPLIED)
    assert not OutboxMessage.objects.exists()


def test_a_rejection_with_a_reason_is_a_decision_and_emails_the_candidate(ada, recruiter):
    application_move(
        application_id=ada.pk,
        to=Stage.REJECTED,
        moved_by=recruiter,
        reason="Looking for more experience with B2B accounts",
        seen_stage="applied",
    )
    decision = Decision.objects.get(application=ada)
    assert (decision.kind, decision.from_stage, decision.to_stage) == (
        "reject",
        "applied",
        "rejected",
    )
    assert decision.decided_by == recruiter
    assert OutboxMessage.objects.filter(task="candidates.tasks.send_rejection_email_task").exists()


def test_hired_only_from_offer(ada, hiring_manager):
    at(ada, Stage.DECISION)
    with pytest.raises(MoveRefused, match="Only an application at Offer can move to Hired"):
        application_move(
            application_id=ada.pk,
            to=Stage.HIRED,
            moved_by=hiring_manager,
            reason="Great",
            seen_stage="decision",
        )
    unchanged(ada, Stage.DECISION)
    application_move(
        application_id=ada.pk,
        to=Stage.OFFER,
        moved_by=hiring_manager,
        reason="The team agreed",
        seen_stage="decision",
    )
    application_move(
        application_id=ada.pk,
        to=Stage.HIRED,
        moved_by=hiring_manager,
        reason="Signed",
        seen_stage="offer",
    )
    ada.refresh_from_db()
    assert ada.stage == Stage.HIRED
    assert ada.revealed
    assert list(Decision.objects.filter(application=ada).values_list("kind", flat=True)) == [
        "hire",
        "offer",
    ]


def test_a_withdrawal_recorded_by_staff_needs_a_reason_and_says_who(ada, recruiter):
    with pytest.raises(MoveRefused):
        application_move(
            application_id=ada.pk, to=Stage.WITHDRAWN, moved_by=recruiter, seen_stage="applied"
        )
    application_move(
        application_id=ada.pk,
        to=Stage.WITHDRAWN,
        moved_by=recruiter,
        reason="Took another job, told us by phone",
        seen_stage="applied",
    )
    ada.refresh_from_db()
    assert ada.stage == Stage.WITHDRAWN
    event = ApplicationEvent.objects.get(application=ada, kind="stage")
    assert event.message == (
        "Applied → Withdrawn: recorded by Rita Recruiter: Took another job, told us by phone"
    )
    assert AuditEntry.objects.get(action="application.withdraw").after["by"] == "staff"


def test_a_stale_move_is_refused_and_says_who_moved_the_card(ada, recruiter, hiring_manager):
    application_move(
        application_id=ada.pk, to=Stage.INTERVIEWS, moved_by=hiring_manager, seen_stage="applied"
    )
    with pytest.raises(StaleMove) as stale:
        application_move(
            application_id=ada.pk,
            to=Stage.PASSION_TEST,
            moved_by=recruiter,
            seen_stage="applied",
        )
    assert stale.value.messages == [
        "Meanwhile this application was moved from Applied to Interviews by Hugo Manager. "
        "Nothing was changed; the board shows where it is now once you reload it."
    ]
    ada.refresh_from_db()
    assert ada.stage == Stage.INTERVIEWS
    assert ApplicationEvent.objects.filter(application=ada).count() == 1


def test_closed_and_knocked_out_applications_do_not_move(role, recruiter):
    closed = ApplicationFactory(role=role, stage=Stage.HIRED)
    with pytest.raises(MoveRefused, match="closed"):
        application_move(
            application_id=closed.pk,
            to=Stage.REJECTED,
            moved_by=recruiter,
            reason="x",
            seen_stage="hired",
        )
    out = ApplicationFactory(role=role, knocked_out_at=timezone.now())
    with pytest.raises(MoveRefused, match="knock-out"):
        application_move(
            application_id=out.pk, to=Stage.PASSION_TEST, moved_by=recruiter, seen_stage="applied"
        )
    unchanged(out, Stage.APPLIED)


def test_only_recruiters_and_the_roles_hiring_manager_move_cards(ada, other_hiring_manager):
    with pytest.raises(PermissionDenied):
        application_move(
            application_id=ada.pk,
            to=Stage.PASSION_TEST,
            moved_by=other_hiring_manager,
            seen_stage="applied",
        )
    unchanged(ada, Stage.APPLIED)


# --- Through the web -----------------------------------------------------------------------


def move_url(application) -> str:
    return reverse("hiring:card_move", args=[application.pk])


HTMX = {"HTTP_HX_REQUEST": "true"}


def test_the_plain_form_moves_the_card_and_goes_back_to_the_board(client, ada, recruiter):
    client.force_login(recruiter)
    response = client.post(move_url(ada), {"to": "passion_test", "seen_stage": "applied"})
    board = reverse("hiring:role_board", args=[ada.role_id])
    assert response.status_code == 302
    assert response.url == f"{board}#card-{ada.pk}"
    page = client.get(board).content.decode()
    assert "Moved Ada Lovelace to Passion Test." in page
    assert 'id="count-passion_test">1<' in page


def test_the_plain_form_without_a_reason_is_sent_back_with_422_and_saves_nothing(
    client, ada, recruiter
):
    client.force_login(recruiter)
    response = client.post(move_url(ada), {"to": "rejected", "seen_stage": "applied"})
    assert response.status_code == 422
    page = response.content.decode()
    assert "Give a reason to move this application to Rejected." in page
    assert 'name="reason"' in page
    assert '<option value="rejected" selected>' in page
    unchanged(ada, Stage.APPLIED)
    response = client.post(
        move_url(ada), {"to": "rejected", "seen_stage": "applied", "reason": "Not a fit"}
    )
    assert response.status_code == 302
    ada.refresh_from_db()
    assert ada.stage == Stage.REJECTED


def test_an_htmx_move_answers_with_the_card_and_the_new_counts(client, ada, recruiter):
    client.force_login(recruiter)
    response = client.post(move_url(ada), {"to": "passion_test", "seen_stage": "applied"}, **HTMX)
    assert response.status_code == 200
    page = response.content.decode()
    assert f'id="card-{ada.pk}" data-stage="passion_test"' in page
    assert (
        '<span class="badge text-bg-light tabular" id="count-applied" hx-swap-oob="true">0' in page
    )
    assert 'id="count-passion_test" hx-swap-oob="true">1' in page
    assert 'hx-swap-oob="innerHTML:#board-status"' in page


def test_htmx_refusals_are_422_without_a_reason_and_409_when_stale(
    client, ada, recruiter, hiring_manager
):
    client.force_login(recruiter)
    response = client.post(move_url(ada), {"to": "rejected", "seen_stage": "applied"}, **HTMX)
    assert response.status_code == 422
    assert "Give a reason to move this application to Rejected." in response.content.decode()
    application_move(
        application_id=ada.pk, to=Stage.DECISION, moved_by=hiring_manager, seen_stage="applied"
    )
    response = client.post(move_url(ada), {"to": "passion_test", "seen_stage": "applied"}, **HTMX)
    assert response.status_code == 409
    assert "moved from Applied to Decision by Hugo Manager" in response.content.decode()
    ada.refresh_from_db()
    assert ada.stage == Stage.DECISION


def test_another_roles_hiring_manager_cannot_move_a_card(client, ada, other_hiring_manager):
    client.force_login(other_hiring_manager)
    response = client.post(move_url(ada), {"to": "passion_test", "seen_stage": "applied"})
    assert response.status_code == 403
    unchanged(ada, Stage.APPLIED)
