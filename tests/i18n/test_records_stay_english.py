"""What a page records (the timeline, the audit trail, staff notifications) is in English,
whatever language the page was in: records are read by whoever opens them later, exported and
audited, and never translated (docs/i18n.md). The same steps taken from a Spanish browser and an
English one leave the same records."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from candidates import services
from candidates.models import Application, ApplicationEvent
from candidates.passion_test import paging
from interviews import services as interview_services
from passionhire.models import AuditEntry, Notification
from tests.factories import answers_for, page_form_data

pytestmark = pytest.mark.django_db

START = timezone.now().replace(microsecond=0) + timedelta(days=3)


def records(application: Application) -> list[str]:
    """The application's records with its own names, numbers and addresses taken out."""
    texts = list(
        ApplicationEvent.objects.filter(application=application)
        .order_by("pk")
        .values_list("message", flat=True)
    )
    texts += (
        AuditEntry.objects.filter(candidate_id=application.candidate_id)
        .order_by("pk")
        .values_list("summary", flat=True)
    )
    texts += (
        Notification.objects.filter(application_id=application.pk)
        .order_by("pk")
        .values_list("text", flat=True)
    )
    out = []
    for text in texts:
        text = text.replace(application.candidate.name, "NAME").replace(application.alias, "ALIAS")
        out.append(re.sub(r"\d+", "#", re.sub(r"\S+@\S+", "EMAIL", text)))
    return out


def steps(client, open_role, application_form, recruiter, employee, *, language, n):
    """Apply, answer the Passion Test to the end and book an interview, all from a browser in
    `language`; the recruiter's scheduling in between is done in English."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    data = application_form(name=f"Ada Applicant {'X' * n}", email=f"ada{n}@example.com")
    assert client.post(reverse("careers:apply", args=[open_role.pk]), data).status_code == 302
    application = Application.objects.get(candidate__email=f"ada{n}@example.com")
    assert application.language == language
    invitation = application.passion_test_invitations.get()
    token = services.invitation_token(invitation)
    client.get(reverse("passion_test:take", args=[token]), follow=True)
    response = invitation.response
    pages = paging.response_pages(response)
    answers = answers_for([q for page in pages for q in page])
    for number, questions in enumerate(pages, start=1):
        go = "submit" if number == len(pages) else "next"
        data = page_form_data(response, questions, answers) | {"go": go}
        url = reverse("passion_test:page", args=[token, number])
        assert client.get(url).status_code == 200  # shown before it is answered
        assert client.post(url, data).status_code == 302
    application.refresh_from_db()
    interview = interview_services.interview_schedule(
        application=application,
        kind="values",
        interviewers=[employee],
        slots=[START + timedelta(weeks=n), START + timedelta(weeks=n, days=1)],  # apart
        duration_minutes=45,
        location="Sala Ada",
        time_zone="Europe/Madrid",
        created_by=recruiter,
    )
    slot = interview.slots.order_by("starts_at").last()
    link = reverse("slots:pick", args=[interview_services.slot_link_token(interview)])
    assert client.post(link, {"slot": slot.pk}).status_code in (200, 302)
    return application


def test_spanish_pages_leave_the_same_english_records_as_english_ones(
    client,
    open_role,
    application_form,
    recruiter,
    employee,
    questionnaire,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        english = steps(
            client, open_role, application_form, recruiter, employee, language="en", n=1
        )
    client.cookies.clear()
    with django_capture_on_commit_callbacks(execute=True):
        spanish = steps(
            client, open_role, application_form, recruiter, employee, language="es", n=2
        )
    assert spanish.passion_test_invitations.get().response.language == "es"  # in Spanish...
    assert records(english)  # ...and recorded:
    assert any("booked for" in text for text in records(spanish))
    assert records(spanish) == records(english)
