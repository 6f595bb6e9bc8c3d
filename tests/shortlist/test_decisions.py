"""Decisions: a person's, with a reason, on the stage they saw; rejections email courteously."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from candidates import services
from candidates.models import Application, ApplicationEvent, Decision


def decide(client, application, kind, reason="Clear evidence of care for customers.", seen=None):
    return client.post(
        reverse("hiring:application_decide", args=[application.pk]),
        {"kind": kind, "reason": reason, "seen_stage": seen or application.stage},
    )


def test_a_rejection_is_recorded_with_who_why_and_when_and_emails_the_candidate_kindly(
    hm_client, hiring_manager, ada, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(hm_client, ada, "reject", reason="Empathy 55: the interviews saw little.")
    assert response.status_code == 302
    ada.refresh_from_db()
    assert ada.stage == "rejected"
    decision = Decision.objects.get()
    assert (decision.kind, decision.decided_by, decision.from_stage, decision.to_stage) == (
        "reject",
        hiring_manager,
        "interviews",
        "rejected",
    )
    assert decision.reason == "Empathy 55: the interviews saw little."
    assert ApplicationEvent.objects.filter(application=ada, kind="decision").exists()
    [email] = mail.outbox
    assert email.to == ["ada.lovelace@example.com"]
    assert "Hello Ada Lovelace" in email.body
    assert "Thank you for applying" in email.body
    # The internal reason and any score stay inside.
    assert "Empathy 55" not in email.body
    assert "interviews saw little" not in email.body
    # Sent once, however often the task runs.
    assert services.decision_send_rejection_email(decision_id=decision.pk) is False
    assert len(mail.outbox) == 1
    page = hm_client.get(reverse("hiring:application_profile", args=[ada.pk])).content.decode()
    assert "Rejection email sent" in page
    assert "Empathy 55: the interviews saw little." in page


def test_no_email_without_consent(hm_client, ada, django_capture_on_commit_callbacks):
    ada.candidate.consent_to_contact = False
    ada.candidate.save()
    with django_capture_on_commit_callbacks(execute=True):
        decide(hm_client, ada, "reject")
    assert Application.objects.get(pk=ada.pk).stage == "rejected"
    assert mail.outbox == []


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_decision_without_a_reason_is_sent_back_and_nothing_changes(hm_client, ada, reason):
    response = decide(hm_client, ada, "reject", reason=reason)
    assert response.status_code == 422
    assert "Give a reason" in response.content.decode()
    assert Application.objects.get(pk=ada.pk).stage == "interviews"
    assert not Decision.objects.exists()


def test_a_stale_form_says_what_changed_and_overwrites_nothing(hm_client, recruiter, ada):
    services.decision_record(
        application_id=ada.pk,
        kind="advance",
        reason="Great interviews.",
        decided_by=recruiter,
        seen_stage="interviews",
    )
    response = decide(hm_client, ada, "reject", reason="Not for us.", seen="interviews")
    assert response.status_code == 409
    page = response.content.decode()
    assert "moved from Interviews to Team meet by Rita Recruiter" in page
    assert "Nothing was recorded" in page
    assert "Not for us." in page  # the typed reason is kept for a second try
    assert Application.objects.get(pk=ada.pk).stage == "team_meet"
    assert list(Decision.objects.values_list("kind", flat=True)) == ["advance"]


def test_a_hiring_manager_of_another_role_cannot_decide(client, other_hiring_manager, ada):
    client.force_login(other_hiring_manager)
    assert decide(client, ada, "reject").status_code == 403
    assert not Decision.objects.exists()
    with pytest.raises(PermissionDenied):
        services.decision_record(
            application_id=ada.pk,
            kind="reject",
            reason="x",
            decided_by=other_hiring_manager,
            seen_stage="interviews",
        )


def test_an_employee_cannot_decide(client, employee, ada):
    client.force_login(employee)
    assert decide(client, ada, "reject").status_code == 403
    assert not Decision.objects.exists()


def test_the_score_never_decides_alone(ada):
    with pytest.raises(PermissionDenied):
        services.decision_record(
            application_id=ada.pk,
            kind="reject",
            reason="Composite below 50",
            decided_by=None,
            seen_stage="interviews",
        )
    assert Application.objects.get(pk=ada.pk).stage == "interviews"


def test_advance_hold_offer_hire_walk_the_pipeline(hm_client, ada):
    decide(hm_client, ada, "hold", reason="Waiting for the second interview.")
    ada.refresh_from_db()
    assert (ada.stage, ada.on_hold) == ("interviews", True)
    decide(hm_client, ada, "advance")
    ada.refresh_from_db()
    assert (ada.stage, ada.on_hold) == ("team_meet", False)
    decide(hm_client, ada, "advance")
    ada.refresh_from_db()
    assert (ada.stage, ada.revealed) == ("decision", True)
    decide(hm_client, ada, "offer", reason="The team wants her.")
    ada.refresh_from_db()
    assert ada.stage == "offer"
    decide(hm_client, ada, "hire", reason="She said yes.")
    ada.refresh_from_db()
    assert ada.stage == "hired"
    assert Decision.objects.count() == 5
    assert decide(hm_client, ada, "reject").status_code == 422  # closed: no decisions left


@pytest.mark.parametrize("kind", ["hire", "fire", ""])
def test_a_decision_not_open_at_this_stage_is_refused(hm_client, ada, kind):
    response = decide(hm_client, ada, kind)
    assert response.status_code == 422
    assert Application.objects.get(pk=ada.pk).stage == "interviews"
    assert not Decision.objects.exists()


def test_the_profile_explains_each_trait_and_what_is_missing(hm_client, ada):
    page = hm_client.get(reverse("hiring:application_profile", args=[ada.pk])).content.decode()
    assert "Sources disagree on empathy" in page
    assert "Passion Test 90 · Interviews 45" in page
    assert "+10.4" in page  # how far the test moved empathy (55.4 with it, 45 without)
    assert "23%" in page  # its share: 3 of 13
    assert "Missing: team meet." in page
    assert "No evidence on courage yet." in page
    assert "Application created" in page
