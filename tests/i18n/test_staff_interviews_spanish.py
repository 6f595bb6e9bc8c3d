"""The interviews' staff pages in Spanish for a staff member who chose it in Settings: the
interview page, the scorecard, scheduling, my interviews, the guide, the bank and the
interviewers; a form error and a message too. What is stored stays English."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from candidates.models import ApplicationEvent, ErasureRequest, Stage
from hiring.status.services import erasure_request_send_notice
from interviews import services
from interviews.models import Interview
from passionhire.mailtemplates import html_part
from passionhire.models import Notification
from passionhire.notifications import notification_digest_send
from passionhire.traits import Trait
from tests.factories import (
    ApplicationFactory,
    EmployeeFactory,
    RecruiterFactory,
    held_interview,
    weekday_afternoon,
)


def spanish(user):
    """The staff member chose Spanish in Settings."""
    user.language = "es"
    user.save()
    return user


@pytest.fixture
def ivan(db):
    return spanish(
        EmployeeFactory(
            username="ivan", first_name="Ivan", last_name="Interviewer", email="ivan@example.com"
        )
    )


@pytest.fixture
def application(role):
    return ApplicationFactory(role=role, candidate__name="Ada Lovelace")


@pytest.fixture
def held(application, recruiter, ivan):
    return held_interview(application=application, interviewers=[ivan], created_by=recruiter)


def page(client, name, *args, status=200):
    response = client.get(reverse(name, args=args))
    assert response.status_code == status
    return response.content.decode()


def scorecard_post(**extra):
    data = {"recommendation": "yes", "summary": ""}
    for trait in Trait.values:
        data[f"rating_{trait}"] = "4"
        data[f"evidence_{trait}"] = "Rang the customer back unprompted, because she cared."
    return data | extra


def test_the_interview_page_speaks_spanish_to_the_interviewer(client, held, ivan):
    client.force_login(ivan)
    html = page(client, "interviews:detail", held.pk)
    assert '<html lang="es"' in html
    assert "Entrevista de valores con Ada Lovelace" in html
    assert "Cuándo y dónde" in html
    assert "Rellenar mi valoración" in html
    assert "Valoraciones" in html
    assert "60 minutos" in html
    assert "Participan:" in html
    assert "When and where" not in html


def test_the_recruiter_manages_the_interview_in_spanish(client, held, recruiter):
    client.force_login(spanish(recruiter))
    html = page(client, "interviews:detail", held.pk)
    assert "Gestionar" in html
    assert "Ya se ha celebrado: ya no se puede cambiar de hora ni cancelar." in html
    assert "Qué evalúa" in html


def test_the_scorecard_and_its_errors_are_in_spanish(client, held, ivan):
    client.force_login(ivan)
    url = reverse("interviews:scorecard", args=[held.pk])
    html = client.get(url).content.decode()
    assert "Tu valoración" in html
    assert "Recomendación" in html
    assert "Sí rotundo" in html
    assert "Sin datos" in html
    assert "Enviar la valoración" in html
    response = client.post(url, scorecard_post(recommendation="", evidence_empathy=""))
    assert response.status_code == 422
    html = response.content.decode()
    assert "Algunas respuestas necesitan otro vistazo." in html
    assert "Elige tu recomendación general." in html
    assert "Escribe las evidencias de esta puntuación" in html


def test_a_submitted_scorecard_says_so_in_spanish_and_the_timeline_keeps_english(
    client, held, ivan
):
    client.force_login(ivan)
    response = client.post(
        reverse("interviews:scorecard", args=[held.pk]), scorecard_post(), follow=True
    )
    html = response.content.decode()
    assert (
        "Valoración enviada. Ya puedes ver las valoraciones de los demás entrevistadores." in html
    )
    assert "Sí" in html
    event = ApplicationEvent.objects.filter(application=held.application).latest("pk")
    assert "submitted a scorecard: Yes" in event.message


def test_scheduling_is_in_spanish_with_its_errors(client, recruiter, application, ivan):
    client.force_login(spanish(recruiter))
    url = reverse("interviews:create", args=[application.pk])
    html = client.get(url).content.decode()
    assert "Programar con Ada Lovelace" in html
    assert "Horarios que ofrecer" in html
    assert "1 hora y media" in html
    assert "Ofrecer estos horarios" in html
    response = client.post(url, {"kind": "values", "duration_minutes": 60})
    assert response.status_code == 422
    html = response.content.decode()
    assert "Elige al menos un entrevistador." in html
    assert "Ofrece al menos un horario." in html


def test_offering_times_says_so_in_spanish(client, recruiter, application, ivan):
    client.force_login(spanish(recruiter))
    soon = (timezone.now() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("interviews:create", args=[application.pk]),
        {"kind": "values", "interviewers": [ivan.pk], "duration_minutes": 60, "slot_1": soon},
        follow=True,
    )
    html = response.content.decode()
    assert "Entrevista de valores: Ada Lovelace recibe un correo para elegir uno de los 1" in html
    assert "Esperando horario" in html
    assert "El enlace funciona hasta el" in html
    assert Interview.objects.get().status == Interview.Status.OFFERED


def test_my_interviews_is_in_spanish(client, held, ivan):
    client.force_login(ivan)
    html = page(client, "interviews:mine")
    assert "Mis entrevistas" in html
    assert "Por registrar (1)" in html
    assert "Rellenar la valoración" in html


def test_the_guide_bank_and_interviewers_are_in_spanish(client, recruiter, role):
    client.force_login(spanish(recruiter))
    html = page(client, "interviews:guide", role.pk)
    assert "Guion de entrevista" in html
    assert "Regenerar a partir de los pesos" in html
    assert "Cobertura" in html
    html = page(client, "interviews:guide_print", role.pk)
    assert '<html lang="es">' in html
    assert "Cómo llevarla a cabo" in html
    html = page(client, "interviews:bank")
    assert "Valores fundamentales y preguntas de entrevista" in html
    assert "Dejar de usar" in html
    html = page(client, "interviews:interviewers")
    assert "Puntuación media" in html
    assert "Todavía no hay valoraciones." in html


def test_a_bank_form_error_is_in_spanish(client, recruiter):
    client.force_login(spanish(recruiter))
    response = client.post(reverse("interviews:core_value_create"), {"name": "Care"})
    html = response.content.decode()
    assert "Elige al menos un rasgo." in html
    assert "Un nuevo valor fundamental" in html


def test_the_pages_stay_english_for_an_english_speaker(client, held, ivan):
    ivan.language = "en"
    ivan.save()
    client.force_login(ivan)
    html = page(client, "interviews:detail", held.pk)
    assert "Values interview with Ada Lovelace" in html
    assert "When and where" in html


# --- Emails to colleagues: in the language each one chose ----------------------------------


def test_each_interviewer_gets_the_calendar_email_in_their_own_language(
    application, recruiter, ivan, django_capture_on_commit_callbacks
):
    jo = EmployeeFactory(username="jo", first_name="Jo", email="jo@example.com")
    start = timezone.now().replace(microsecond=0) + timedelta(days=2)
    interview = services.interview_schedule(
        application=application,
        kind="values",
        interviewers=[ivan, jo],
        slots=[start],
        duration_minutes=45,
        location="Room Ada",
        time_zone="Europe/Berlin",
        created_by=recruiter,
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.interview_pick_slot(interview=interview, slot_id=interview.slots.get().pk)
    by_address = {m.to[0]: m for m in mail.outbox}
    spanish_email = by_address["ivan@example.com"]
    assert spanish_email.subject.startswith("Invitación: Entrevista de valores · ")
    assert "Hola, Ivan Interviewer:" in spanish_email.body
    assert "Duración: 45 minutos" in spanish_email.body
    assert "Dónde: Room Ada" in spanish_email.body
    assert "«Mis entrevistas»" in spanish_email.body
    (_, ics, _) = spanish_email.attachments[0]
    assert "Entrevista de valores para el puesto" in ics.replace("\r\n ", "")
    english_email = by_address["jo@example.com"]
    assert english_email.subject.startswith("Invitation: Values interview · ")
    assert "Length: 45 minutes" in english_email.body
    (_, ics, _) = english_email.attachments[0]
    assert "Values interview for " in ics.replace("\r\n ", "")


def test_the_scorecard_nag_is_in_the_interviewer_s_language_and_the_bell_keeps_english(
    role, recruiter, ivan
):
    now = weekday_afternoon()
    application = ApplicationFactory(role=role, stage=Stage.INTERVIEWS)
    held_interview(
        application=application,
        interviewers=[ivan],
        created_by=recruiter,
        started=now - timedelta(hours=3),
    )
    mail.outbox.clear()
    assert services.scorecard_nags_send_due(now=now) == 1
    (email,) = mail.outbox
    assert email.subject == "Una entrevista por registrar"
    assert "Una entrevista en la que participaste espera tu valoración:" in email.body
    assert "Entrevista de valores con" in email.body
    note = Notification.objects.get(recipient=ivan, kind="nag")
    assert note.text.startswith("1 interview to record: Values interview with")


def test_the_daily_digest_is_in_the_reader_s_language(role, recruiter, ivan):
    ivan.notification_digest = True
    ivan.save()
    Notification.objects.create(
        recipient=ivan,
        kind="mention",
        text="Someone mentioned you",
        url="/",
        key="test:mention",
        created_at=timezone.now(),
    )
    mail.outbox.clear()
    assert notification_digest_send(user_id=ivan.pk, day=timezone.now().date().isoformat())
    (email,) = mail.outbox
    assert email.subject == "1 notificación te espera"
    assert "Tienes 1 notificación sin leer:" in email.body
    assert "- Someone mentioned you (" in email.body  # stored words stay as written


@pytest.mark.parametrize(
    ("language", "opening"),
    [
        ("en", '<html lang="en" dir="ltr">'),
        ("es", '<html lang="es" dir="ltr">'),
        ("ar", '<html lang="ar" dir="rtl">'),
    ],
)
def test_an_email_s_html_names_its_language_and_direction(language, opening):
    with translation.override(language):
        assert opening in html_part("Hello", subject="Hi")


def test_an_erasure_request_reaches_each_recruiter_in_their_language_not_the_candidate_s(
    application, recruiter
):
    spanish(RecruiterFactory(username="rosa", email="rosa@example.com"))
    application.language = "es"
    application.save()
    request = ErasureRequest.objects.create(
        candidate=application.candidate, application=application, due_on=date(2030, 3, 4)
    )
    mail.outbox.clear()
    with translation.override("es"):  # the candidate's request, in their language
        assert erasure_request_send_notice(request_id=request.pk) == 2
    by_address = {m.to[0]: m for m in mail.outbox}
    spanish_email = by_address["rosa@example.com"]
    assert spanish_email.subject == (
        f"Solicitud de borrado del candidato n.º {application.candidate_id}, "
        "vence el 4 de marzo de 2030"
    )
    assert "Atiéndelo antes del 4 de marzo de 2030." in spanish_email.body
    english_email = by_address[recruiter.email]
    assert english_email.subject.startswith("Erasure request from candidate #")
    assert "Please act on it by 4 March 2030." in english_email.body
