"""Emails in the organisation's words: placeholders only (no template injection), required
links kept, a preview on a real candidate that sends and mints nothing, plain text and HTML,
subjects never HTML-escaped, one voice in every default, and the wording a rejection or a bulk
email picked is the one that leaves."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from candidates.bulk import services as bulk
from candidates.models import PassionTestInvitation
from passionhire import outbox
from passionhire.mail_kinds import KINDS
from passionhire.mailtemplates import check, fill
from passionhire.models import AuditEntry, EmailTemplate
from tests.factories import ApplicationFactory

INJECTIONS = [
    "{% load static %}Hello",
    "{{ settings.SECRET_KEY }}",
    "{{ settings }}",
    "{{ candidate.email }}",
    "{{ candidate_name|upper }}",
    "{{ nobody }}",
    "{# hidden #}",
    "Hello {{ candidate_name",
    "{%raw%}",
]


def edit(client, kind, data, pk=None):
    url = (
        reverse("hiring:email_template_wording", args=[kind, pk])
        if pk
        else reverse("hiring:email_template_edit", args=[kind])
    )
    return client.post(url, data)


@pytest.fixture
def ada(role):
    return ApplicationFactory(
        role=role, stage="applied", candidate__name="Ada O'Hara", candidate__email="ada@x.com"
    )


@pytest.mark.parametrize("injection", INJECTIONS)
def test_a_wording_with_anything_but_its_placeholders_is_refused_and_nothing_saved(
    client, recruiter, injection
):
    client.force_login(recruiter)
    body = f"Hello {{{{ candidate_name }}}},\n\n{injection}\n\n{{{{ sign_off }}}}"
    response = edit(client, "rejection", {"subject": "Hi", "body": body, "action": "save"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "is not a placeholder of this email" in page or "no template tags" in page
    assert not EmailTemplate.objects.exists()
    assert not AuditEntry.objects.filter(action="email_template.save").exists()


def test_an_email_that_must_carry_a_link_cannot_lose_it(client, recruiter):
    client.force_login(recruiter)
    response = edit(
        client,
        "passion_test",
        {"subject": "Your test", "body": "Hello {{ candidate_name }}", "action": "save"},
    )
    assert "This email must keep {{ test_link }}" in response.content.decode()
    assert not EmailTemplate.objects.exists()


def test_a_saved_rejection_is_what_the_candidate_reads_in_text_and_html(
    client, recruiter, role, ada, django_capture_on_commit_callbacks
):
    role.title = "R&D <Support>"
    role.save(update_fields=["title"])
    client.force_login(recruiter)
    response = edit(
        client,
        "rejection",
        {
            "subject": "About {{ role_title }}",
            "body": "Dear {{ candidate_name }},\n\nNot this time. https://example.com/jobs\n\n"
            "{{ sign_off }}",
            "action": "save",
        },
    )
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="email_template.save").count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("hiring:application_decide", args=[ada.pk]),
            {"kind": "reject", "reason": "Weekend cover needed.", "seen_stage": "applied"},
        )
    [email] = mail.outbox
    assert email.subject == "About R&D <Support>"  # plain text: never HTML-escaped
    assert email.body.startswith("Dear Ada O'Hara,\n\nNot this time.")
    assert "The hiring team at Harbour & Co" in email.body
    assert "Weekend cover" not in email.body  # the internal reason stays inside
    [(html, mimetype)] = email.alternatives
    assert mimetype == "text/html"
    assert "Ada O&#x27;Hara" in html
    assert '<a href="https://example.com/jobs">' in html
    assert "R&amp;D &lt;Support&gt;" in html


def test_a_value_that_looks_like_a_placeholder_or_markup_is_written_as_typed(db):
    values = {"candidate_name": "{{ sign_off }} <script>alert(1)</script>", "sign_off": "Bye"}
    assert fill("Hi {{ candidate_name }}. {{ sign_off }}", values) == (
        "Hi {{ sign_off }} <script>alert(1)</script>. Bye"
    )
    from passionhire.mailtemplates import render

    rendered = render("{{ candidate_name }}", "Hi {{ candidate_name }}", values)
    assert "<script>" not in rendered.html
    assert "&lt;script&gt;" in rendered.html
    assert rendered.subject == "{{ sign_off }} <script>alert(1)</script>"


def test_the_preview_uses_a_real_candidate_and_sends_and_mints_nothing(
    client, recruiter, ada, django_capture_on_commit_callbacks
):
    client.force_login(recruiter)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("hiring:email_template_edit", args=["passion_test"]),
            {
                "subject": "Your test for {{ role_title }}",
                "body": "Hello {{ candidate_name }}: {{ test_link }}\n\n{{ sign_off }}",
                "preview_application": ada.pk,
                "action": "preview",
            },
        )
    page = response.content.decode()
    assert "Hello Ada O&#x27;Hara" in page
    assert f"Your test for {ada.role.title}" in page
    assert "example.invalid" in page
    assert mail.outbox == []
    assert not PassionTestInvitation.objects.exists()
    assert not EmailTemplate.objects.exists()  # a preview saves nothing


def test_going_back_to_the_built_in_words(client, recruiter, ada):
    client.force_login(recruiter)
    edit(client, "rejection", {"subject": "Mine", "body": "{{ sign_off }}", "action": "save"})
    template = EmailTemplate.objects.get()
    page = client.get(reverse("hiring:email_templates")).content.decode()
    assert "Your words" in page
    response = client.post(reverse("hiring:email_template_remove", args=[template.pk]), follow=True)
    assert "back to the built-in words" in response.content.decode()
    assert not EmailTemplate.objects.exists()


def test_two_wordings_of_a_kind_cannot_share_a_name(client, recruiter):
    client.force_login(recruiter)
    data = {"name": "After interviews", "subject": "S", "body": "{{ sign_off }}", "action": "save"}
    url = reverse("hiring:email_template_new", args=["rejection"])
    assert client.post(url, data).status_code == 302
    response = client.post(url, data)
    assert "Another wording of this email has that name." in response.content.decode()
    assert EmailTemplate.objects.count() == 1
    # One wording only for an email that is sent by itself.
    assert client.get(reverse("hiring:email_template_new", args=["applied"])).status_code == 404
    assert client.get(reverse("hiring:email_template_edit", args=["nothing"])).status_code == 404


def test_every_default_wording_passes_its_own_check_and_speaks_in_one_voice():
    for kind in KINDS.values():
        subject, body = kind.default
        assert check(kind, subject, body) == {}, kind.key
        assert "\n" not in subject
        greeting = body.splitlines()[0]
        assert greeting.startswith("Hello {{ "), kind.key
        assert greeting.endswith(" }},"), kind.key
        assert body.rstrip().endswith("{{ sign_off }}"), kind.key
        assert "PassionHire" not in body + subject, kind.key


def test_a_bulk_rejection_sends_the_wording_picked(
    client, recruiter, role, settings, django_capture_on_commit_callbacks
):
    wording = EmailTemplate.objects.create(
        kind="rejection",
        name="After the test",
        subject="Thank you, {{ candidate_name }}",
        body="Hello {{ candidate_name }},\n\nThank you for the test.\n\n{{ sign_off }}",
        updated_at=timezone.now(),
    )
    applications = [ApplicationFactory(role=role, stage="applied") for _ in range(2)]
    client.force_login(recruiter)
    data = {
        "application": [a.pk for a in applications],
        **{f"seen_{a.pk}": "applied" for a in applications},
        "action": "reject",
        "reason": "Weekend cover.",
        "email_template": wording.pk,
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("hiring:pipeline_bulk", args=[role.pk]), data)
    assert sorted(m.subject for m in mail.outbox) == sorted(
        f"Thank you, {a.candidate.name}" for a in applications
    )
    # A message's wording is not a rejection's: refused, nothing decided.
    data["email_template"] = EmailTemplate.objects.create(
        kind="message", name="Update", subject="S", body="B", updated_at=timezone.now()
    ).pk
    more = ApplicationFactory(role=role, stage="applied")
    data.update({"application": [more.pk], f"seen_{more.pk}": "applied"})
    page = client.post(
        reverse("hiring:pipeline_bulk", args=[role.pk]), data, follow=True
    ).content.decode()
    assert "Choose one of the wordings listed." in page
    more.refresh_from_db()
    assert more.stage == "applied"


def test_a_bulk_email_waits_and_undo_sends_none_but_too_late_is_refused(
    client, recruiter, role, settings, django_capture_on_commit_callbacks
):
    settings.PASSIONHIRE = {**settings.PASSIONHIRE, "UNDO_GRACE_SECONDS": 600}
    applications = [ApplicationFactory(role=role, stage="applied") for _ in range(3)]
    applications[2].candidate.consent_to_contact = False
    applications[2].candidate.save(update_fields=["consent_to_contact"])
    client.force_login(recruiter)
    data = {
        "application": [a.pk for a in applications],
        **{f"seen_{a.pk}": "applied" for a in applications},
        "action": "email",
        "reason": "",
    }
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(
            reverse("hiring:pipeline_bulk", args=[role.pk]), data, follow=True
        ).content.decode()
    assert "Done:</strong> 2 changed, 1 skipped" in page
    assert "did not agree to be emailed" in page
    assert "Undo: send none of the 2 emails" in page
    assert mail.outbox == []
    job = bulk.BulkJob.objects.get()
    client.post(reverse("candidates:bulk_undo", args=[job.pk]))
    later = timezone.now() + timedelta(hours=1)
    for message in outbox.due_for_relay(now=later):
        outbox._publish(message)
    assert mail.outbox == []  # undone: the held emails sent nothing
    assert [a.stage for a in applications] == ["applied"] * 3

    # A second job, undone too late.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("hiring:pipeline_bulk", args=[role.pk]), data)
    second = bulk.BulkJob.objects.exclude(pk=job.pk).get()
    bulk.BulkJob.objects.filter(pk=second.pk).update(
        finished_at=timezone.now() - timedelta(minutes=11)
    )
    page = client.post(
        reverse("candidates:bulk_undo", args=[second.pk]), follow=True
    ).content.decode()
    assert "Too late to undo" in page
    for message in outbox.due_for_relay(now=later):
        outbox._publish(message)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        a.candidate.email for a in applications[:2]
    )
    assert "Follow your application" in mail.outbox[0].body or "/s/" in mail.outbox[0].body
