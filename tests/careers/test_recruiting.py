"""The recruiter's side of applying: knock-out questions per role, ruled-out applications kept
apart until a person confirms or keeps them, the source of each applicant, the CV download."""

import pytest
from django.core import mail
from django.urls import reverse

from candidates.models import Application, Decision
from passionhire.models import AuditEntry
from tests.careers.conftest import PDF, upload

pytestmark = pytest.mark.django_db


def apply(client, role, form, **changes):
    return client.post(reverse("careers:apply", args=[role.pk]), form(**changes))


def role_page(client, role, **params) -> str:
    return client.get(reverse("hiring:role_detail", args=[role.pk]), params).content.decode()


def test_a_recruiter_writes_and_removes_knock_out_questions(client, recruiter, open_role):
    client.force_login(recruiter)
    url = reverse("applying:knockout_questions", args=[open_role.pk])
    response = client.post(
        url, {"text": "  Can you  lift 20 kg? ", "disqualifying_answer": "no"}, follow=True
    )
    assert "Can you lift 20 kg?" in response.content.decode()
    added = open_role.knockout_questions.get(text="Can you lift 20 kg?")
    # The same question twice, or none, is refused in the page.
    again = client.post(url, {"text": "Can you lift 20 kg?", "disqualifying_answer": "no"})
    assert again.status_code == 422
    assert "already asks that question" in again.content.decode()
    assert client.post(url, {"text": "", "disqualifying_answer": "maybe"}).status_code == 422
    client.post(reverse("applying:knockout_question_delete", args=[added.pk]))
    assert not open_role.knockout_questions.filter(pk=added.pk).exists()
    assert AuditEntry.objects.filter(action__startswith="role.knockout_").count() == 2
    # The applicant's form follows.
    client.logout()
    page = client.get(reverse("careers:apply", args=[open_role.pk])).content.decode()
    assert "lift 20 kg" not in page and "Can you work weekends?" in page  # noqa: PT018


def test_knocked_out_applicants_wait_apart_until_a_recruiter_confirms(
    client, recruiter, open_role, application_form, django_capture_on_commit_callbacks
):
    weekends = application_form.questions[0]
    with django_capture_on_commit_callbacks(execute=True):
        apply(client, open_role, application_form)
        apply(
            client,
            open_role,
            application_form,
            email="kim@example.com",
            name="Kim Knocked",
            **{f"knockout_{weekends.pk}": "no"},
        )
    mail.outbox.clear()
    client.force_login(recruiter)
    everyone = role_page(client, open_role)
    assert "Ada Applicant" in everyone and "Kim Knocked" not in everyone  # noqa: PT018
    assert "Careers page" in everyone
    apart = role_page(client, open_role, stage="knocked_out")
    assert "Kim Knocked" in apart and "Ada Applicant" not in apart  # noqa: PT018
    assert "Can you work weekends?" in apart
    kim = Application.objects.get(candidate__email="kim@example.com")
    assert not mail.outbox  # nothing is sent before a person confirms
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("applying:knockout_confirm", args=[kim.pk]))
    kim.refresh_from_db()
    assert kim.stage == "rejected"
    decision = Decision.objects.get(application=kim)
    assert decision.decided_by == recruiter
    assert "Can you work weekends?" in decision.reason
    (email,) = mail.outbox
    assert email.to == ["kim@example.com"]
    assert "weekends" not in email.body  # courteous, and no verdict on their answers
    # A second confirm (another tab) changes nothing.
    response = client.post(reverse("applying:knockout_confirm", args=[kim.pk]), follow=True)
    assert "no longer waiting" in response.content.decode()
    assert Decision.objects.filter(application=kim).count() == 1


def test_a_recruiter_keeps_a_knocked_out_applicant_and_they_get_the_test(
    client, recruiter, open_role, application_form, django_capture_on_commit_callbacks
):
    weekends = application_form.questions[0]
    apply(client, open_role, application_form, **{f"knockout_{weekends.pk}": "no"})
    application = Application.objects.get()
    client.force_login(recruiter)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("applying:knockout_keep", args=[application.pk]))
    application.refresh_from_db()
    assert application.knocked_out_at is None
    assert application.passion_test_invitations.filter(revoked_at__isnull=True).exists()
    assert any("/t/" in m.body for m in mail.outbox)
    assert "Ada Applicant" in role_page(client, open_role)


def test_the_cv_downloads_as_an_attachment_for_recruiters_only(
    client, recruiter, employee, open_role, application_form
):
    client.post(
        reverse("careers:apply", args=[open_role.pk]),
        {**application_form(), "cv": upload("Ada <CV>.pdf", PDF)},
    )
    application = Application.objects.get()
    url = reverse("applying:application_cv", args=[application.pk])
    client.force_login(recruiter)
    detail = client.get(reverse("hiring:application_detail", args=[application.pk]))
    assert url in detail.content.decode()
    assert "CV: Ada &lt;CV&gt;.pdf" in detail.content.decode()  # the name they gave, as text
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF
    assert AuditEntry.objects.filter(action="application.cv_download", actor=recruiter).exists()
    client.force_login(employee)
    assert client.get(url).status_code == 403
    # A blind review keeps the CV (it names the candidate) from the hiring manager.
    open_role.blind_review = True
    open_role.save()
    client.force_login(open_role.hiring_manager)
    assert client.get(url).status_code == 403
    Application.objects.filter(pk=application.pk).update(revealed=True)
    assert client.get(url).status_code == 200


def test_an_application_without_a_cv_has_nothing_to_download(
    client, recruiter, open_role, application_form
):
    apply(client, open_role, application_form)
    client.force_login(recruiter)
    url = reverse("applying:application_cv", args=[Application.objects.get().pk])
    assert client.get(url).status_code == 404


def test_recruiters_get_one_digest_a_day_of_new_applicants_per_role(
    client, recruiter, employee, open_role, application_form
):
    from datetime import timedelta

    from django.utils import timezone

    from candidates.careers.digest import new_applicants_digest

    weekends = application_form.questions[0]
    apply(client, open_role, application_form, utm_source="jobboard")
    apply(
        client,
        open_role,
        application_form,
        email="kim@example.com",
        **{f"knockout_{weekends.pk}": "no"},
    )
    tomorrow = timezone.localdate() + timedelta(days=1)
    mail.outbox.clear()
    assert new_applicants_digest(day=tomorrow) == 1  # the recruiter, not the employee
    (email,) = mail.outbox
    assert email.to == [recruiter.email]
    assert email.subject.startswith("2 new applicants")
    assert "Customer Hero (Care): 2" in email.body
    assert "Careers page: 2" in email.body
    assert "1 ruled out by a knock-out answer" in email.body
    assert "Ada Applicant" not in email.body  # counts, never names, in an inbox
    assert new_applicants_digest(day=tomorrow) == 0  # once a day
    assert new_applicants_digest(day=tomorrow + timedelta(days=1)) == 0  # a quiet day: none
