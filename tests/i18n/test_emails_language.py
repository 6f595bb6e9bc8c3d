"""Every email to a candidate is in the language of their application, whatever language the
request or task that sends it is in: the Passion Test link, a rejection, the slot link with
its times, the booking confirmation. English applications get English, as before."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import translation

from candidates import services
from candidates.services import decision_send_rejection_email
from interviews import services as interview_services
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

MADRID = ZoneInfo("Europe/Madrid")


@pytest.fixture
def spanish(role):
    return ApplicationFactory(role=role, candidate__name="Ada Lovelace", language="es")


def test_the_passion_test_link_goes_out_in_the_applications_language(
    spanish, role, recruiter, django_capture_on_commit_callbacks
):
    english = ApplicationFactory(role=role, candidate__name="Grace Hopper")
    # A recruiter working in Spanish sends both.
    with translation.override("es"), django_capture_on_commit_callbacks(execute=True):
        services.passion_test_invite(application=spanish, invited_by=recruiter)
        services.passion_test_invite(application=english, invited_by=recruiter)
    by_name = {m.to[0]: m for m in mail.outbox}
    to_ada, to_grace = by_name[spanish.candidate.email], by_name[english.candidate.email]
    assert to_ada.subject == f"Tu Passion Test para {role.title}"
    assert "Hola, Ada Lovelace:" in to_ada.body
    assert "(no necesitas cuenta)" in to_ada.body
    assert " de 20" in to_ada.body  # "funciona hasta el 12 de diciembre de 2026"
    assert to_grace.subject == f"Your Passion Test for {role.title}"
    assert "Hello Grace Hopper," in to_grace.body
    html = to_ada.alternatives[0][0]
    assert "Hola, Ada Lovelace:" in html


def test_the_slot_link_lists_its_times_in_spanish(
    spanish, recruiter, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        interview_services.interview_schedule(
            application=spanish,
            kind="values",
            interviewers=[recruiter],
            slots=[datetime(2030, 3, 4, 9, 0, tzinfo=MADRID)],
            duration_minutes=45,
            location="",
            time_zone="Europe/Madrid",
            created_by=recruiter,
        )
    email = next(m for m in mail.outbox if m.to == [spanish.candidate.email])
    assert email.subject.startswith("Elige un horario para tu entrevista de valores")
    assert "(45 minutos)" in email.body
    assert "Dónde: Te enviaremos los detalles." in email.body
    assert "  - lun 4 mar 2030, 09:00 CET (Europe/Madrid)" in email.body
    # PassionHire's own sign-off, in Spanish too (it was English in every language).
    assert email.body.rstrip().endswith("Un saludo,\nEl equipo de selección de Harbour & Co")
    assert "With best wishes" not in email.alternatives[0][0]


def rejected(application, recruiter):
    """The rejection email `application`'s candidate gets, with a reason the team keeps."""
    decision = services.decision_record(
        application_id=application.pk,
        kind="reject",
        reason="Another candidate was closer to the role.",
        decided_by=recruiter,
        seen_stage=application.stage,
    )
    decision_send_rejection_email(decision_id=decision.pk)
    return next(m for m in mail.outbox if m.to == [application.candidate.email])


def test_a_rejection_is_in_the_candidates_language(spanish, recruiter):
    email = rejected(spanish, recruiter)
    assert email.subject == f"Tu candidatura para {spanish.role.title}"
    assert "hemos decidido no seguir adelante" in email.body
    assert "Another candidate" not in email.body  # the reason stays with the team


def test_the_wordings_page_says_which_language_its_wordings_are_for(client, recruiter):
    from django.urls import reverse

    client.force_login(recruiter)
    page = client.get(reverse("hiring:email_templates")).content.decode()
    assert "Each wording may have a version in every language" in page
    assert '<a href="/emails/rejection/?language=es">Spanish</a> (built-in)' in page


def test_a_sign_off_the_organisation_wrote_is_sent_as_written_in_every_language(
    spanish, recruiter, settings
):
    settings.PASSIONHIRE = {**settings.PASSIONHIRE, "EMAIL_SIGN_OFF": "Cheers,\n{organisation}"}
    email = rejected(spanish, recruiter)
    assert "hemos decidido no seguir adelante" in email.body
    assert email.body.rstrip().endswith("Cheers,\nHarbour & Co")
