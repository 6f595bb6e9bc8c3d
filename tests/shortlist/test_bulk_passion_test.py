"""Sending the Passion Test in bulk, from the bar every list shares: to the ticked rows or all
matching the filter, each through the single send's rules (consent, a test already in), each
refusal skipped with its reason, nothing else stopped."""

from django.core import mail
from django.urls import reverse

from candidates.models import Application, BulkJob, PassionTestInvitation
from tests.factories import ApplicationFactory


def test_all_matching_get_the_test_and_the_refused_are_listed_with_why(
    client, recruiter, role, questionnaire, django_capture_on_commit_callbacks
):
    ready = [ApplicationFactory(role=role, stage="applied") for _ in range(3)]
    silent = ApplicationFactory(
        role=role,
        stage="applied",
        candidate__name="Quiet Quinn",
        candidate__consent_to_contact=False,
    )
    elsewhere = ApplicationFactory(role=role, stage="interviews")
    client.force_login(recruiter)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(
            reverse("hiring:pipeline_bulk", args=[role.pk]),
            {"action": "test", "all_matching": "1", "filters": "stage=applied"},
            follow=True,
        ).content.decode()
    assert "Done:</strong> 3 changed, 1 skipped" in page
    assert "Quiet Quinn" in page
    assert "has not agreed to be contacted by email" in page
    assert PassionTestInvitation.objects.filter(application__in=ready).count() == 3
    assert not PassionTestInvitation.objects.filter(application__in=[silent, elsewhere]).exists()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(a.candidate.email for a in ready)
    assert set(
        Application.objects.filter(pk__in=[a.pk for a in ready]).values_list("stage", flat=True)
    ) == {"passion_test"}
    assert BulkJob.objects.get().reason == "Passion Test sent"


def test_a_row_that_moved_meanwhile_gets_nothing(client, recruiter, role, questionnaire):
    application = ApplicationFactory(role=role, stage="applied")
    Application.objects.filter(pk=application.pk).update(stage="rejected")
    client.force_login(recruiter)
    page = client.post(
        reverse("hiring:pipeline_bulk", args=[role.pk]),
        {"action": "test", "application": [application.pk], f"seen_{application.pk}": "applied"},
        follow=True,
    ).content.decode()
    assert "moved to Rejected meanwhile" in page
    assert not PassionTestInvitation.objects.exists()
    assert mail.outbox == []
