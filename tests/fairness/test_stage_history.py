"""Every move between stages is kept with when the application had entered the stage it
left, and each application remembers the furthest stage it reached: the funnel, time in stage
and adverse impact are read from there. A rejection keeps how far the application got; a
rejection undone within its grace leaves no trace in the history."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from candidates.models import Application, StageChange
from candidates.services import decision_record, decision_undo
from hiring.status.services import application_withdraw
from tests.factories import ApplicationFactory


def moves(application) -> list[tuple[str, str]]:
    return list(
        StageChange.objects.filter(application=application).values_list("from_stage", "to_stage")
    )


def decide(application, kind, who):
    application.refresh_from_db()
    return decision_record(
        application_id=application.pk,
        kind=kind,
        reason="Talked it through as a panel.",
        decided_by=who,
        seen_stage=application.stage,
    )


def test_advancing_and_rejecting_keep_each_move_and_the_furthest_stage(role, recruiter):
    application = ApplicationFactory(role=role, stage="applied")
    entered = timezone.now() - timedelta(days=3)
    Application.objects.filter(pk=application.pk).update(stage_changed_at=entered)
    decide(application, "advance", recruiter)
    decide(application, "advance", recruiter)
    decide(application, "reject", recruiter)
    application.refresh_from_db()
    assert application.stage == "rejected"
    assert application.reached == 2  # got as far as interviews before the rejection
    assert moves(application) == [
        ("applied", "passion_test"),
        ("passion_test", "interviews"),
        ("interviews", "rejected"),
    ]
    first = StageChange.objects.filter(application=application).first()
    assert first.entered_at == entered
    assert first.changed_at - first.entered_at >= timedelta(days=3)


def test_a_hold_is_no_move(role, recruiter):
    application = ApplicationFactory(role=role, stage="interviews", reached=2)
    decide(application, "hold", recruiter)
    assert moves(application) == []


def test_a_rejection_undone_in_its_grace_leaves_no_move(role, recruiter, settings):
    settings.PASSIONHIRE = {**settings.PASSIONHIRE, "UNDO_GRACE_SECONDS": 600}
    application = ApplicationFactory(role=role, stage="team_meet", reached=3)
    decision = decide(application, "reject", recruiter)
    assert moves(application) == [("team_meet", "rejected")]
    decision_undo(decision_id=decision.pk, undone_by=recruiter)
    application.refresh_from_db()
    assert (application.stage, application.reached) == ("team_meet", 3)
    assert moves(application) == []


def test_a_withdrawal_is_a_move_that_keeps_how_far_the_application_got(role):
    application = ApplicationFactory(role=role, stage="interviews", reached=2)
    application_withdraw(application=application)
    application.refresh_from_db()
    assert application.reached == 2
    assert moves(application) == [("interviews", "withdrawn")]


@pytest.mark.parametrize("action", ["advance", "reject"])
def test_bulk_decisions_write_one_move_per_application(client, recruiter, role, action):
    applied = [ApplicationFactory(role=role, stage="applied") for _ in range(3)]
    client.force_login(recruiter)
    data = {"application": [a.pk for a in applied], "action": action, "reason": "Batch."}
    data.update({f"seen_{a.pk}": "applied" for a in applied})
    client.post(reverse("hiring:pipeline_bulk", args=[role.pk]), data)
    to = "passion_test" if action == "advance" else "rejected"
    assert sorted(StageChange.objects.values_list("to_stage", flat=True)) == [to] * 3
    reached = set(Application.objects.filter(role=role).values_list("reached", flat=True))
    assert reached == ({1} if action == "advance" else {0})
