"""Applying on the careers page: one candidate, one application with its source, the Passion
Test straight away, a confirmation email; bad input refused whole, with nothing half-saved."""

import pytest
from django.core import mail
from django.urls import reverse

from candidates.models import (
    Application,
    ApplicationEvent,
    Candidate,
    PassionTestInvitation,
    Role,
)
from candidates.services import status_url
from passionhire.models import AuditEntry, OutboxMessage
from tests.careers.conftest import PDF, upload
from tests.factories import ApplicationFactory, CandidateFactory, RoleFactory

pytestmark = pytest.mark.django_db


def apply_url(role) -> str:
    return reverse("careers:apply", args=[role.pk])


def nothing_saved() -> None:
    assert not Application.objects.exists()
    assert not Candidate.objects.exists()
    assert not PassionTestInvitation.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_the_role_page_leads_to_the_form_with_its_questions(client, open_role):
    role_page = client.get(
        reverse("careers:role", args=[open_role.pk]), {"utm_source": "jobboard"}
    ).content.decode()
    assert f"{apply_url(open_role)}?utm_source=jobboard" in role_page
    page = client.get(apply_url(open_role), {"utm_source": "jobboard"}).content.decode()
    assert "Can you work weekends?" in page and "Do you need a visa sponsor?" in page  # noqa: PT018
    assert 'name="utm_source" value="jobboard"' in page
    assert "privacy notice" in page


def test_applying_goes_straight_into_the_passion_test(
    client, open_role, application_form, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            apply_url(open_role),
            application_form(utm_source="jobboard", utm_campaign="spring <b>2027</b>"),
        )
    application = Application.objects.get()
    invitation = application.passion_test_invitations.get()
    assert response.status_code == 302
    assert response["Location"].startswith("/t/")
    first_page = client.get(response["Location"], follow=True)
    assert first_page.status_code == 200
    assert "welcome to the Passion Test" in first_page.content.decode()
    assert "your application is in" in first_page.content.decode()
    candidate = application.candidate
    assert (candidate.name, candidate.email, candidate.phone) == (
        "Ada Applicant",
        "ada@example.com",
        "+442079460958",
    )
    assert candidate.consent_to_contact and candidate.consent_given_at  # noqa: PT018
    assert "careers page" in candidate.consent_source
    assert candidate.consent_notice_version == "2026-11"
    assert application.stage == "applied"
    assert (application.source, application.utm_source, application.utm_campaign) == (
        "careers",
        "jobboard",
        "spring b2027b",
    )
    assert [a["answer"] for a in application.knockout_answers] == ["yes", "no"]
    assert application.knocked_out_at is None
    assert invitation.send_count == 1
    assert AuditEntry.objects.filter(action="application.apply", actor=None).count() == 1
    event = ApplicationEvent.objects.get(application=application)
    assert event.message == "Applied on the careers page; Passion Test link sent"
    # One email: the confirmation, with the same test link to come back to.
    (email,) = mail.outbox
    assert email.to == ["ada@example.com"]
    assert "Customer Hero" in email.subject
    assert response["Location"] in email.body
    assert status_url(application) in email.body  # their own page, to follow it


def test_a_knock_out_answer_keeps_the_application_apart_without_a_test(
    client, open_role, application_form, django_capture_on_commit_callbacks
):
    weekends = application_form.questions[0]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            apply_url(open_role), application_form(**{f"knockout_{weekends.pk}": "no"})
        )
    assert response.status_code == 200
    assert "we have your application" in response.content.decode()
    application = Application.objects.get()
    assert application.knocked_out_at is not None
    assert application.stage == "applied"  # kept, never deleted
    assert not application.passion_test_invitations.exists()
    (email,) = mail.outbox  # the confirmation; no rejection before a recruiter confirms
    assert "/t/" not in email.body
    assert "reads your application" in email.body


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"consent": None}, "Tick the box to agree"),
        ({"phone": "12345"}, "doesn't look like a phone number"),
        ({"phone": "not a phone"}, "doesn't look like a phone number"),
        ({"email": "ada@"}, "valid email"),
        ({"name": "Ada\nBcc: x@example.com"}, "single line"),
        ({"name": ""}, "Tell us your name."),
        ({"phone": ""}, "We need a phone number"),
    ],
)
def test_bad_details_are_refused_in_the_page_and_nothing_is_saved(
    client, open_role, application_form, changes, error
):
    response = client.post(apply_url(open_role), application_form(**changes))
    assert response.status_code == 422
    page = response.content.decode()
    assert error in page.replace("&#x27;", "'")
    assert "Error: Apply" in page
    nothing_saved()


@pytest.mark.parametrize("answer", ["maybe", "", None])
def test_tampered_or_missing_knock_out_answers_are_refused(
    client, open_role, application_form, answer
):
    weekends = application_form.questions[0]
    response = client.post(
        apply_url(open_role), application_form(**{f"knockout_{weekends.pk}": answer})
    )
    assert response.status_code == 422
    assert "Answer yes or no." in response.content.decode()
    nothing_saved()


def test_an_answer_to_another_roles_question_changes_nothing(client, open_role, application_form):
    other = RoleFactory(published_at=open_role.published_at)
    foreign = other.knockout_questions.create(text="Forklift licence?", disqualifying_answer="no")
    response = client.post(
        apply_url(open_role), application_form(**{f"knockout_{foreign.pk}": "no"})
    )
    assert response.status_code == 302
    (application,) = Application.objects.all()
    assert "Forklift licence?" not in str(application.knockout_answers)


def test_an_unpublished_or_closed_role_takes_no_application(client, application_form, open_role):
    open_role.published_at = None
    open_role.save()
    assert client.get(apply_url(open_role)).status_code == 404
    response = client.post(apply_url(open_role), application_form())
    assert response.status_code == 410
    open_role.published_at = open_role.created_at
    open_role.status = Role.Status.CLOSED
    open_role.save()
    assert client.post(apply_url(open_role), application_form()).status_code == 410
    nothing_saved()


def test_a_role_closed_between_the_form_and_the_post_keeps_nothing(
    client, open_role, application_form
):
    assert client.get(apply_url(open_role)).status_code == 200
    Role.objects.filter(pk=open_role.pk).update(status=Role.Status.CLOSED)
    response = client.post(
        apply_url(open_role), {**application_form(), "cv": upload("cv.pdf", PDF)}
    )
    assert response.status_code == 410
    assert "no longer taking applications" in response.content.decode()
    nothing_saved()


def test_applying_twice_to_one_role_keeps_one_application_and_resends_the_link(
    client, open_role, application_form, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(apply_url(open_role), application_form())
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(
            apply_url(open_role),
            {**application_form(email="ADA@example.com"), "cv": upload("cv.pdf", PDF)},
        )
    assert again.status_code == 200
    page = again.content.decode()
    assert "already applied" in page
    assert "/t/" not in page  # the link goes to the address, never to whoever typed it
    application = Application.objects.get()
    assert not application.cv
    assert application.passion_test_invitations.get().send_count == 2
    assert len(mail.outbox) == 2  # the confirmation, then the test link again
    assert first["Location"] in mail.outbox[1].body


def test_a_known_email_applying_to_another_role_is_the_same_candidate(
    client, open_role, application_form
):
    known = CandidateFactory(email="ada@example.com", phone="")
    ApplicationFactory(candidate=known, role=RoleFactory())
    response = client.post(apply_url(open_role), application_form())
    assert response.status_code == 302
    assert Candidate.objects.count() == 1
    known.refresh_from_db()
    assert known.applications.count() == 2
    assert known.phone == "+442079460958"  # a missing phone is added, nothing overwritten
    assert known.consent_notice_version == "2026-11"


def test_a_bot_filling_the_honeypot_is_thanked_and_nothing_is_saved(
    client, open_role, application_form
):
    response = client.post(apply_url(open_role), application_form(website="http://spam.test"))
    assert response.status_code == 200
    assert "we have your application" in response.content.decode()
    nothing_saved()


def test_the_eleventh_application_from_one_address_in_an_hour_gets_429(
    client, open_role, application_form
):
    for n in range(10):
        response = client.post(apply_url(open_role), application_form(email=f"p{n}@example.com"))
        assert response.status_code == 302
    refused = client.post(apply_url(open_role), application_form(email="p10@example.com"))
    assert refused.status_code == 429
    assert refused["Retry-After"] == "3600"
    assert "try again in an hour" in refused.content.decode()
    assert Application.objects.count() == 10
    # Another address is not held back by this one.
    other = client.post(
        apply_url(open_role), application_form(email="p11@example.com"), REMOTE_ADDR="10.9.8.7"
    )
    assert other.status_code == 302


def test_markup_in_every_field_is_kept_as_text(client, open_role, application_form, recruiter):
    script = "<script>alert(1)</script>"
    response = client.post(apply_url(open_role), application_form(name=f"Ada {script}"))
    assert response.status_code == 302
    client.force_login(recruiter)
    page = client.get(
        reverse("hiring:application_detail", args=[Application.objects.get().pk])
    ).content.decode()
    assert script not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_applying_costs_a_fixed_number_of_queries(
    client, open_role, application_form, django_assert_num_queries
):
    # Under test the request's transaction is a savepoint (2 of these); in production 14, the
    # webhook endpoints' look-up among them.
    with django_assert_num_queries(16):
        response = client.post(apply_url(open_role), application_form())
    assert response.status_code == 302


def test_a_share_link_credits_the_employee_and_shows_as_the_source(
    client, open_role, application_form, employee, recruiter
):
    from candidates.referrals.share import share_token

    token = share_token(user=employee, role=open_role)
    page = client.get(reverse("careers:role", args=[open_role.pk]), {"ref": token})
    assert f"ref={token.replace(':', '%3A')}" in page.content.decode()
    response = client.post(apply_url(open_role), application_form(ref=token))
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.source == "referral_link"
    (referral,) = application.referrals.all()
    assert (referral.referrer, referral.status, referral.via_link) == (employee, "accepted", True)
    client.force_login(recruiter)
    role_page = client.get(reverse("hiring:role_detail", args=[open_role.pk])).content.decode()
    assert f"Referral link of {employee.get_display_name()}" in role_page
    client.force_login(employee)
    mine = client.get(reverse("candidates:referral_list")).content.decode()
    assert "Ada Applicant" in mine


@pytest.mark.parametrize("who", ["left", "tampered", "other_role", "huge"])
def test_a_share_link_that_no_longer_credits_anyone_still_lets_them_apply(
    client, open_role, application_form, employee, who
):
    from candidates.referrals.share import share_token

    token = share_token(user=employee, role=open_role)
    if who == "left":
        employee.is_active = False
        employee.save()
    elif who == "tampered":
        token = token[:-3] + "xyz"
    elif who == "huge":
        token = "x" * 5000
    else:
        token = share_token(user=employee, role=RoleFactory())
    response = client.post(apply_url(open_role), application_form(ref=token))
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.source == "careers"
    assert not application.referrals.exists()
