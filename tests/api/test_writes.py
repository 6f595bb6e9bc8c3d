"""Writing through the API: the web's services, audited alike; bad input is a clear 4xx and
saves nothing."""

import json

import pytest
from django.urls import reverse

from candidates.models import Application, Candidate, Decision
from passionhire.models import AuditEntry
from tests.factories import ApplicationFactory, RoleFactory

APPLICATIONS = reverse("api:applications")


def person(role, **more):
    return {"role": role.pk, "name": "Ada Lovelace", "email": "ada@example.com"} | more


def saved():
    return (Application.objects.count(), Candidate.objects.count(), AuditEntry.objects.count())


def test_a_job_board_adds_a_candidate_to_a_role(as_user, recruiter, role):
    api = as_user(recruiter, "write")
    response = api.post(APPLICATIONS, person(role, phone="+44 20 7946 0000"))
    assert response.status_code == 201
    body = response.json()
    application = Application.objects.get(pk=body["id"])
    assert application.candidate.email == "ada@example.com"
    assert body["candidate"]["name"] == "Ada Lovelace"
    assert body["stage"] == "applied"
    entry = AuditEntry.objects.get(action="application.create")
    assert entry.actor == recruiter
    assert entry.target == f"application:{application.pk}"
    # The same person again on the same role: refused, nothing saved.
    before = saved()
    again = api.post(APPLICATIONS, person(role, email="ADA@example.com"))
    assert again.status_code == 400
    assert "already in the pipeline" in json.dumps(again.json())
    assert saved() == before


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"email": "not-an-email"}, "email"),
        ({"name": ""}, "name"),
        ({"role": "１"}, "role"),
        ({"role": 10**30}, "role"),
        ({"role": True}, "role"),
        ({"role": 987654}, "role"),
        ({"name": "x" * 151}, "name"),
    ],
)
def test_bad_fields_are_named_and_nothing_is_saved(as_user, recruiter, role, change, field):
    api = as_user(recruiter, "write")
    before = saved()
    response = api.post(APPLICATIONS, person(role) | change)
    assert response.status_code == 400
    assert field in response.json()
    assert saved() == before


def test_a_closed_role_takes_no_one(as_user, recruiter, role):
    role.status = "closed"
    role.save(update_fields=["status"])
    api = as_user(recruiter, "write")
    before = saved()
    response = api.post(APPLICATIONS, person(role))
    assert response.status_code == 400
    assert "closed" in json.dumps(response.json())
    assert saved() == before


def test_a_body_that_is_not_json_or_far_too_big_is_refused_cleanly(as_user, recruiter, role):
    api = as_user(recruiter, "write")
    before = saved()
    response = api.post(
        APPLICATIONS, raw=b"name=Ada&email=ada@example.com", content_type="text/plain"
    )
    assert response.status_code == 415
    response = api.post(APPLICATIONS, raw=b'{"role": 1, "name": "Ada",')
    assert response.status_code == 400
    assert "JSON" in response.json()["detail"]
    for size_mb in (2, 10):  # past the JSON limit (1 MB); past even an upload's
        big = json.dumps(person(role, name="A" * (size_mb * 1024 * 1024))).encode()
        response = api.post(APPLICATIONS, raw=big)
        assert response.status_code == 413
        assert "too large" in response.json()["detail"]
    assert saved() == before


def test_a_read_token_writes_nothing(as_user, recruiter, role):
    application = ApplicationFactory(role=role)
    api = as_user(recruiter, "read")
    before = saved()
    assert api.post(APPLICATIONS, person(role)).status_code == 403
    move = api.post(
        reverse("api:application_move", args=[application.pk]),
        {"to": "passion_test", "seen_stage": "applied"},
    )
    assert move.status_code == 403
    assert "only read" in move.json()["detail"]
    assert saved() == before
    application.refresh_from_db()
    assert application.stage == "applied"


def test_a_hiring_manager_moves_their_own_candidate_on_as_on_the_board(
    as_user, hiring_manager, role
):
    application = ApplicationFactory(role=role)
    url = reverse("api:application_move", args=[application.pk])
    response = as_user(hiring_manager, "write").post(
        url, {"to": "interviews", "seen_stage": "applied"}
    )
    assert response.status_code == 200
    assert response.json()["stage"] == "interviews"
    entry = AuditEntry.objects.filter(target=f"application:{application.pk}").latest("pk")
    assert entry.actor == hiring_manager
    assert (entry.before["stage"], entry.after["stage"]) == ("applied", "interviews")


def test_a_move_that_needs_a_reason_or_saw_an_old_stage_changes_nothing(
    as_user, recruiter, hiring_manager, role
):
    application = ApplicationFactory(role=role, stage="offer")
    url = reverse("api:application_move", args=[application.pk])
    api = as_user(hiring_manager, "write")
    no_reason = api.post(url, {"to": "hired", "seen_stage": "offer"})
    assert no_reason.status_code == 400
    assert "reason" in no_reason.json()
    stale = api.post(url, {"to": "hired", "seen_stage": "decision", "reason": "Great fit."})
    assert stale.status_code == 409
    backwards = api.post(url, {"to": "applied", "seen_stage": "offer"})
    assert backwards.status_code == 400
    application.refresh_from_db()
    assert application.stage == "offer"
    assert not Decision.objects.exists()


def test_a_decision_is_recorded_with_its_reason_and_audited(as_user, hiring_manager, role):
    application = ApplicationFactory(role=role, stage="decision")
    url = reverse("api:application_decisions", args=[application.pk])
    api = as_user(hiring_manager, "write")
    response = api.post(
        url, {"kind": "offer", "reason": "Empathy shone.", "seen_stage": "decision"}
    )
    assert response.status_code == 201
    assert response.json()["decided_by"]
    assert response.json()["to_stage"] == "offer"
    decision = Decision.objects.get()
    assert (decision.decided_by, decision.reason) == (hiring_manager, "Empathy shone.")
    assert [d["id"] for d in api.get(url).json()] == [decision.pk]
    no_reason = api.post(url, {"kind": "hire", "reason": " ", "seen_stage": "offer"})
    assert no_reason.status_code == 400
    stale = api.post(url, {"kind": "hire", "reason": "Yes.", "seen_stage": "decision"})
    assert stale.status_code == 409
    assert Decision.objects.count() == 1


def test_another_managers_application_cannot_be_moved_or_decided(
    as_user, other_hiring_manager, hiring_manager, role
):
    application = ApplicationFactory(role=role)
    RoleFactory(hiring_manager=other_hiring_manager)
    api = as_user(other_hiring_manager, "write")
    for name, body in (
        ("api:application_move", {"to": "interviews", "seen_stage": "applied"}),
        ("api:application_decisions", {"kind": "reject", "reason": "No.", "seen_stage": "applied"}),
    ):
        assert api.post(reverse(name, args=[application.pk]), body).status_code == 404
    application.refresh_from_db()
    assert application.stage == "applied"
    assert not Decision.objects.exists()
