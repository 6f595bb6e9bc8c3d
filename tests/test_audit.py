"""The audit trail: every write records who, what, when and the settings before and after,
and recruiters read a role's and a candidate's history."""

import pytest
from django.urls import reverse

from candidates import services
from candidates.models import Role
from hiring.selectors import audit as audit_selectors
from hiring.services.privacy import candidate_erase
from passionhire.models import AuditEntry
from passionhire.services import user_set_time_zone
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def _entries(action):
    return list(AuditEntry.objects.filter(action=action))


def test_changing_weights_writes_one_row_with_every_weight_before_and_after(role, recruiter):
    services.role_set_weights(
        role=role,
        changed_by=recruiter,
        trait_weights={"empathy": 9, "courage": 1},
        source_weights={"interview": 7},
    )
    [entry] = _entries("role.weights")
    assert entry.actor == recruiter
    assert entry.role_id == role.pk
    assert entry.target == f"role:{role.pk}"
    assert entry.before["traits"]["empathy"] == role.weight_empathy
    assert entry.after["traits"] == {**entry.before["traits"], "empathy": 9, "courage": 1}
    assert entry.after["sources"] == {**entry.before["sources"], "interview": 7}
    assert len(entry.before["traits"]) == 6
    assert ("traits.empathy", role.weight_empathy, 9) in entry.changes


def test_the_role_form_records_changed_weights_and_fields(role, recruiter):
    services.role_update(role=role, updated_by=recruiter, weights={"curiosity": 8}, team="Care")
    [entry] = _entries("role.update")
    assert entry.before["team"] == "Customer Support"
    assert entry.after["team"] == "Care"
    assert entry.after["weights"]["curiosity"] == 8


def test_blind_review_on_and_off_is_recorded_each_time(role, recruiter):
    services.role_set_blind(role=role, blind=True, changed_by=recruiter)
    services.role_set_blind(role=role, blind=False, changed_by=recruiter)
    services.role_set_blind(role=role, blind=False, changed_by=recruiter)  # no change
    on, off = sorted(_entries("role.blind_review"), key=lambda e: e.pk)
    assert (on.before, on.after) == ({"blind_review": False}, {"blind_review": True})
    assert (off.before, off.after) == ({"blind_review": True}, {"blind_review": False})
    assert on.actor == off.actor == recruiter


def test_closing_a_role_records_its_status_before_and_after(role, recruiter):
    services.role_set_status(role=role, status=Role.Status.CLOSED, changed_by=recruiter)
    [entry] = _entries("role.status")
    assert (entry.before, entry.after) == ({"status": "open"}, {"status": "closed"})
    assert entry.role_id == role.pk
    assert entry.actor == recruiter


def test_a_stage_move_is_recorded_with_the_stages(
    role, recruiter, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(role=role)
    with django_capture_on_commit_callbacks():
        assert services.application_advance(
            application=application, to="passion_test", actor=recruiter, reason="Invited"
        )
    [entry] = _entries("application.stage")
    assert (entry.before, entry.after) == ({"stage": "applied"}, {"stage": "passion_test"})
    assert entry.candidate_id == application.candidate_id
    assert entry.role_id == role.pk


def test_a_decision_is_recorded_with_its_kind_and_stages(
    role, recruiter, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(role=role, stage="interviews")
    with django_capture_on_commit_callbacks():
        services.decision_record(
            application_id=application.pk,
            kind="reject",
            reason="Chose someone else.",
            decided_by=recruiter,
            seen_stage="interviews",
        )
    [entry] = _entries("decision.record")
    assert entry.actor == recruiter
    assert entry.before == {"stage": "interviews"}
    assert entry.after == {"stage": "rejected", "decision": "reject"}
    assert application.candidate.name not in entry.summary


def test_editing_an_answered_questionnaire_records_the_next_version_and_the_edit(
    questionnaire, recruiter, django_capture_on_commit_callbacks
):
    invitation = services.passion_test_invite(
        application=ApplicationFactory(), invited_by=recruiter
    )
    services.passion_test_open(invitation=invitation)
    old = questionnaire.questions.get(key="emp-f1")
    with django_capture_on_commit_callbacks():
        edited = services.question_edit(
            question=old,
            edited_by=recruiter,
            text="I try to see a problem through the customer's eyes.",
            traits=["empathy"],
            twin_key="emp-r1",
        )
    [version] = _entries("questionnaire.version")
    before, after = questionnaire.version, questionnaire.version + 1
    assert (version.before, version.after) == ({"version": before}, {"version": after})
    assert version.actor == recruiter
    [edit] = _entries("question.edit")
    assert edit.target == f"question:{edited.pk}"
    assert edit.before["text"] == old.text
    assert edit.after["text"] == "I try to see a problem through the customer's eyes."


def test_a_failed_write_leaves_no_audit_row(role, recruiter):
    with pytest.raises(Exception):  # noqa: B017, PT011 - the weight rules refuse it
        services.role_set_weights(
            role=role, changed_by=recruiter, trait_weights={"empathy": 99}, source_weights={}
        )
    assert not AuditEntry.objects.exists()


def test_setting_a_time_zone_is_recorded(recruiter):
    user_set_time_zone(user=recruiter, time_zone="Europe/Paris")
    [entry] = _entries("user.time_zone")
    assert entry.after == {"time_zone": "Europe/Paris"}
    assert entry.actor == recruiter


# --- The history pages ----------------------------------------------------------------------


def test_a_recruiter_reads_a_roles_history_newest_first(client, role, recruiter):
    services.role_set_blind(role=role, blind=True, changed_by=recruiter)
    services.role_set_status(role=role, status=Role.Status.CLOSED, changed_by=recruiter)
    client.force_login(recruiter)
    response = client.get(reverse("hiring:role_history", args=[role.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("role.status") < html.index("role.blind_review")
    assert "Rita Recruiter" in html
    assert "blind_review:</span> False → True" in html
    assert "status:</span> open → closed" in html
    page = client.get(reverse("hiring:role_detail", args=[role.pk])).content.decode()
    assert reverse("hiring:role_history", args=[role.pk]) in page


@pytest.mark.parametrize("who", ["hiring_manager", "employee"])
def test_history_pages_are_refused_to_everyone_but_recruiters(client, role, who, request):
    application = ApplicationFactory(role=role)
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("hiring:role_history", args=[role.pk])).status_code == 403
    url = reverse("hiring:candidate_history", args=[application.candidate_id])
    assert client.get(url).status_code == 403


def test_history_pages_send_anonymous_visitors_to_log_in(client, role):
    response = client.get(reverse("hiring:role_history", args=[role.pk]))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_an_erased_candidates_history_shows_the_erasure_and_no_name(
    client, role, recruiter, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks():
        added = services.candidate_add_to_role(
            added_by=recruiter, role=role, name="Zelda Quarrington", email="zelda@example.com"
        )
    candidate = added.application.candidate
    candidate_erase(candidate=candidate, erased_by=recruiter)
    client.force_login(recruiter)
    response = client.get(reverse("hiring:candidate_history", args=[candidate.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "candidate.erase" in html
    assert "application.create" in html
    assert "Zelda" not in html
    assert "Quarrington" not in html
    assert "zelda@" not in html
    [erase] = _entries("candidate.erase")
    assert erase.actor == recruiter
    assert erase.candidate_id == candidate.pk
    detail = client.get(reverse("hiring:application_detail", args=[added.application.pk]))
    assert reverse("hiring:candidate_history", args=[candidate.pk]) in detail.content.decode()


def test_the_history_selector_runs_two_queries_for_a_page(
    role, recruiter, django_assert_num_queries
):
    for blind in (True, False, True):
        services.role_set_blind(role=role, blind=blind, changed_by=recruiter)
    with django_assert_num_queries(2):  # the count and one page, actors joined
        page = audit_selectors.role_history(role_id=role.pk)
        names = [entry.actor.username for entry in page]
    assert names == ["rita"] * 3


def test_the_role_history_page_runs_a_fixed_number_of_queries(
    client, role, recruiter, django_assert_num_queries
):
    client.force_login(recruiter)
    url = reverse("hiring:role_history", args=[role.pk])
    for blind in (True, False):
        services.role_set_blind(role=role, blind=blind, changed_by=recruiter)
    # Session, user, groups, the role, then the selector's count and page of entries.
    with django_assert_num_queries(6):
        assert client.get(url).status_code == 200
    for blind in (True, False, True, False):
        services.role_set_blind(role=role, blind=blind, changed_by=recruiter)
    with django_assert_num_queries(6):
        assert client.get(url).status_code == 200


def test_history_is_paginated_by_fifty(client, role, recruiter):
    AuditEntry.objects.bulk_create(
        AuditEntry(action="role.status", at=role.created_at, role_id=role.pk) for _ in range(51)
    )
    client.force_login(recruiter)
    url = reverse("hiring:role_history", args=[role.pk])
    assert len(client.get(url).context["entries"]) == 50
    assert len(client.get(url, {"page": 2}).context["entries"]) == 1
