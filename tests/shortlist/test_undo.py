"""Undo: a rejection's courteous email waits out a grace period in the outbox; until then the
rejection can be undone (the application goes back, the email is called off), after it not."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from candidates import services
from candidates.models import Application, Decision
from passionhire import outbox
from passionhire.models import OutboxMessage


@pytest.fixture
def grace(settings):
    settings.PASSIONHIRE = {**settings.PASSIONHIRE, "UNDO_GRACE_SECONDS": 600}


def reject(client, application):
    return client.post(
        reverse("hiring:application_decide", args=[application.pk]),
        {"kind": "reject", "reason": "Thin evidence of care.", "seen_stage": application.stage},
        follow=True,
    )


def relay_at(when):
    """The outbox relay as beat runs it, at time `when`."""
    due = outbox.due_for_relay(now=when)
    for message in list(due):
        outbox._publish(message)


def test_a_rejection_can_be_undone_and_its_email_never_leaves(
    hm_client, ada, grace, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = reject(hm_client, ada).content.decode()
    assert "You can undo this until" in page
    assert "Undo (until" in page
    decision = Decision.objects.get()
    assert Application.objects.get(pk=ada.pk).stage == "rejected"
    assert mail.outbox == []  # the email waits in the outbox
    relay_at(timezone.now())  # beat runs before the grace is over: nothing goes
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        undone = hm_client.post(reverse("hiring:decision_undo", args=[decision.pk]), follow=True)
    assert "Rejection undone" in undone.content.decode()
    assert Application.objects.get(pk=ada.pk).stage == "interviews"
    assert OutboxMessage.objects.get(pk=decision.email_outbox_id).cancelled_at is not None
    relay_at(timezone.now() + timedelta(minutes=30))  # long after: still nothing
    assert [m for m in mail.outbox if m.to == [ada.candidate.email]] == []
    decision.refresh_from_db()
    assert decision.undone_at and decision.undone_by  # noqa: PT018


def test_without_an_undo_the_email_leaves_once_the_grace_is_over(hm_client, ada, grace):
    reject(hm_client, ada)
    relay_at(timezone.now() + timedelta(minutes=11))
    assert [m.to for m in mail.outbox] == [[ada.candidate.email]]


def test_undo_after_the_grace_period_is_refused_with_a_clear_message(hm_client, ada, grace):
    reject(hm_client, ada)
    decision = Decision.objects.get()
    Decision.objects.filter(pk=decision.pk).update(undo_until=timezone.now() - timedelta(1))
    page = hm_client.post(reverse("hiring:decision_undo", args=[decision.pk]), follow=True)
    assert "Too late to undo" in page.content.decode()
    assert Application.objects.get(pk=ada.pk).stage == "rejected"


def test_undo_once_the_email_has_left_is_refused(hm_client, ada, grace):
    reject(hm_client, ada)
    decision = Decision.objects.get()
    OutboxMessage.objects.filter(pk=decision.email_outbox_id).update(published_at=timezone.now())
    with pytest.raises(Exception, match="already left"):
        services.decision_undo(decision_id=decision.pk, undone_by=decision.decided_by)
    assert Application.objects.get(pk=ada.pk).stage == "rejected"


def test_undo_of_a_rejection_that_was_followed_by_another_change_is_refused(hm_client, ada, grace):
    reject(hm_client, ada)
    decision = Decision.objects.get()
    ada.refresh_from_db()
    hm_client.post(
        reverse("hiring:application_decide", args=[ada.pk]),
        {"kind": "reopen", "reason": "Mixed up with another.", "seen_stage": "rejected"},
    )
    page = hm_client.post(reverse("hiring:decision_undo", args=[decision.pk]), follow=True)
    assert "changed since this rejection" in page.content.decode()


def test_someone_who_may_not_decide_cannot_undo(client, ada, grace, hm_client, employee):
    reject(hm_client, ada)
    decision = Decision.objects.get()
    client.force_login(employee)
    assert client.post(reverse("hiring:decision_undo", args=[decision.pk])).status_code == 403
    assert Application.objects.get(pk=ada.pk).stage == "rejected"


def test_the_candidate_page_leads_to_the_profile_and_the_decision_form(hm_client, ada):
    page = hm_client.get(reverse("hiring:application_detail", args=[ada.pk])).content.decode()
    profile = reverse("hiring:application_profile", args=[ada.pk])
    assert f'href="{profile}"' in page
    assert f'href="{profile}#decide"' in page
