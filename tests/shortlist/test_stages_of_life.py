"""Stages that match life: a candidate who withdrew (recorded by a person), an offer declined,
and a closed application reopened with a reason, back where it left the flow."""

import pytest
from django.core import mail
from django.urls import reverse

from candidates import services
from candidates.models import Application, Decision


def decide(client, application, kind, reason="They told us on the phone today.", seen=None):
    return client.post(
        reverse("hiring:application_decide", args=[application.pk]),
        {"kind": kind, "reason": reason, "seen_stage": seen or application.stage},
    )


def stage_of(application) -> str:
    return Application.objects.get(pk=application.pk).stage


def test_an_offer_declined_closes_the_application_without_a_rejection_email(
    hm_client, ada, django_capture_on_commit_callbacks
):
    Application.objects.filter(pk=ada.pk).update(stage="offer")
    ada.refresh_from_db()
    assert "decline" in services.decision_choices("offer")
    assert "decline" not in services.decision_choices("interviews")
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(hm_client, ada, "decline", reason="Took a job closer to home.")
    assert response.status_code == 302
    assert stage_of(ada) == "withdrawn"
    decision = Decision.objects.get()
    assert (decision.kind, decision.from_stage, decision.to_stage) == (
        "decline",
        "offer",
        "withdrawn",
    )
    assert [m for m in mail.outbox if m.to == [ada.candidate.email]] == []  # they decided


def test_a_withdrawal_is_recorded_by_a_person_with_a_reason(hm_client, ada):
    assert decide(hm_client, ada, "withdraw", reason="").status_code == 422  # a reason, please
    assert stage_of(ada) == "interviews"
    decide(hm_client, ada, "withdraw", reason="Moving abroad; asked us to stop.")
    assert stage_of(ada) == "withdrawn"


def test_a_closed_application_reopens_where_it_left_the_flow(hm_client, ada):
    decide(hm_client, ada, "reject", reason="Thin evidence of curiosity.")
    assert services.decision_choices("rejected") == ["reopen"]
    ada.refresh_from_db()
    refused = decide(hm_client, ada, "reopen", reason="  ")
    assert refused.status_code == 422
    assert stage_of(ada) == "rejected"
    decide(hm_client, ada, "reopen", reason="The panel mixed her up with another candidate.")
    assert stage_of(ada) == "interviews"  # where she was when rejected
    reopened = Decision.objects.get(kind="reopen")
    assert (reopened.from_stage, reopened.to_stage) == ("rejected", "interviews")


def test_a_hire_is_final_and_a_stale_reopen_is_refused(hm_client, ada):
    assert services.decision_choices("hired") == []
    Application.objects.filter(pk=ada.pk).update(stage="withdrawn")
    # Someone else reopened it a moment ago: the form's stage is stale, nothing recorded.
    response = decide(hm_client, ada, "reopen", seen="rejected")
    assert response.status_code in (409, 422)
    assert stage_of(ada) == "withdrawn"
    assert not Decision.objects.exists()


@pytest.mark.parametrize("kind", ["reopen", "decline"])
def test_a_decision_not_open_at_the_stage_is_refused(hm_client, ada, kind):
    response = decide(hm_client, ada, kind)  # she is at interviews
    assert response.status_code == 422
    assert stage_of(ada) == "interviews"
