"""Staff pages of the hiring app in Spanish: a staff member whose language is "es" sees the
dashboards, the board, the shortlist, the profile and their messages and form errors in
Spanish; English stays as it was."""

import pytest
from django.urls import reverse

from candidates import ranking
from passionhire.traits import Trait
from tests.factories import ApplicationFactory


def in_spanish(client, user):
    user.language = "es"
    user.save()
    client.force_login(user)
    return client


@pytest.fixture
def application(role):
    return ApplicationFactory(role=role, candidate__name="Ada Lovelace")


def test_the_recruiter_dashboard_is_in_spanish(client, recruiter, role):
    page = in_spanish(client, recruiter).get(reverse("hiring:dashboard")).content.decode()
    assert "Puestos abiertos" in page
    assert "Buscar un candidato" in page
    assert "Candidaturas nuevas" in page
    assert "Pendiente" in page  # the to-do list
    assert "Valoraciones por registrar" in page
    assert "Open roles" not in page


def test_the_hiring_manager_and_employee_dashboards_are_in_spanish(
    client, hiring_manager, employee, role
):
    page = in_spanish(client, hiring_manager).get(reverse("hiring:dashboard")).content.decode()
    assert "Tus puestos y en qué punto está cada candidato" in page
    assert "Decisiones por tomar" in page
    assert '<span class="badge text-bg-success">Abierto</span>' in page  # the role's status
    page = in_spanish(client, employee).get(reverse("hiring:dashboard")).content.decode()
    assert "Recomendar a alguien" in page
    assert "Todavía no has recomendado a nadie" in page
    assert "Contratamos según seis rasgos" in page


def test_the_board_is_in_spanish(client, recruiter, role, application):
    page = in_spanish(client, recruiter).get(reverse("hiring:role_board", args=[role.pk]))
    page = page.content.decode()
    assert f"{role.title} · tablero" in page
    assert "Mover a…" in page
    assert "Arrastra una tarjeta a otra columna" in page
    assert "Actuar en bloque" in page
    assert "Pasar a la fase siguiente" in page  # a bulk action
    assert 'id="col-applied">Recibida <span' in page  # a column, by its stage's Spanish name


def test_a_refused_move_says_why_in_spanish(client, recruiter, role, application):
    response = in_spanish(client, recruiter).post(
        reverse("hiring:card_move", args=[application.pk]),
        {"to": "rejected", "reason": "", "seen_stage": application.stage},
    )
    assert response.status_code == 422
    assert "Indica un motivo para mover esta candidatura" in response.content.decode()


def test_the_shortlist_and_profile_are_in_spanish(client, hiring_manager, role, application):
    client = in_spanish(client, hiring_manager)
    page = client.get(reverse("hiring:shortlist", args=[role.pk])).content.decode()
    assert "Filtros" in page
    assert "Ordenar por" in page
    assert "Comparar seleccionados (2–4)" in page
    assert "Puntuación de ranking" in page  # a sort choice from the form
    assert "Aún no hay datos</span>" in page  # a flag (ranking keeps it English)
    assert "Empatía" in page  # a trait's name
    page = client.get(reverse("hiring:application_profile", args=[application.pk]))
    page = page.content.decode()
    assert "Por qué cada puntuación es la que es" in page
    assert "¿Qué decides?" in page
    assert "Notas" in page


def test_a_decision_without_a_reason_is_refused_in_spanish(
    client, hiring_manager, role, application
):
    response = in_spanish(client, hiring_manager).post(
        reverse("hiring:application_decide", args=[application.pk]),
        {"kind": "reject", "reason": "  ", "seen_stage": application.stage},
    )
    assert response.status_code == 422
    assert "Indica un motivo: cada decisión es de una persona" in response.content.decode()
    response = client.post(
        reverse("hiring:application_decide", args=[application.pk]),
        {"kind": "reject", "reason": "Not this time.", "seen_stage": application.stage},
        follow=True,
    )
    assert f"Rechazado: {application.candidate.name}. Tu motivo queda registrado." in (
        response.content.decode()
    )


def test_weights_errors_and_messages_are_in_spanish(client, hiring_manager, role):
    client = in_spanish(client, hiring_manager)
    zero = {f"weight_{t.value}": 0 for t in Trait}
    zero |= {f"source_{s}": w for s, w in ranking.DEFAULT_SOURCE_WEIGHTS.items()}
    response = client.post(reverse("hiring:role_weights", args=[role.pk]), zero)
    assert response.status_code == 422
    page = response.content.decode()
    assert "Al menos un rasgo necesita un peso mayor que 0." in page
    assert "Peso de los rasgos" in page
    response = client.post(
        reverse("hiring:role_blind", args=[role.pk]), {"blind": "on"}, follow=True
    )
    assert "La revisión a ciegas está activada" in response.content.decode()


def test_an_empty_note_is_refused_in_spanish(client, recruiter, application):
    response = in_spanish(client, recruiter).post(
        reverse("hiring:application_note_add", args=[application.pk]), {"text": ""}
    )
    assert "Escribe algo primero: una nota vacía no dice nada." in response.content.decode()


def test_english_stays_as_it_was(client, recruiter, role, application):
    client.force_login(recruiter)
    page = client.get(reverse("hiring:dashboard")).content.decode()
    assert "Open roles" in page
    assert "Scorecards to record" in page
    page = client.get(reverse("hiring:role_board", args=[role.pk])).content.decode()
    assert f"{role.title} · board" in page
    assert "Apply to all 1 on the board" in page


def test_analytics_and_fairness_are_in_spanish_and_their_csv_stays_english(
    client, recruiter, compliance, role, application
):
    client = in_spanish(client, recruiter)
    page = client.get(reverse("hiring:analytics")).content.decode()
    assert "Embudo y rapidez" in page
    assert "Candidatos por fuente" in page
    response = client.get(
        reverse("hiring:analytics"), {"date_from": "2026-06-01", "date_to": "2026-01-01"}
    )
    assert response.status_code == 400
    assert "El periodo termina antes de empezar" in response.content.decode()
    csv = client.get(reverse("hiring:analytics_csv")).content.decode()
    assert "Applicants by source" in csv
    assert "Candidatos" not in csv
    client = in_spanish(client, compliance)
    page = client.get(reverse("hiring:fairness_report")).content.decode()
    assert "Impacto adverso" in page
    assert "Preguntas que se hacen" in page
    page = client.get(reverse("hiring:self_id_questions")).content.decode()
    assert "Preguntas que se hacen a los candidatos" in page


def test_the_validity_report_is_in_spanish(client, recruiter):
    page = in_spanish(client, recruiter).get(reverse("hiring:validity")).content.decode()
    assert "¿Predicen las puntuaciones cómo les irá a las personas contratadas?" in page
    assert "Seguimientos pedidos" in page
    assert "Contratados desde" in page  # the filter form's label


def test_emails_notifications_history_and_erase_are_in_spanish(
    client, recruiter, role, application
):
    client = in_spanish(client, recruiter)
    page = client.get(reverse("hiring:email_templates")).content.decode()
    assert "Texto predeterminado" in page
    assert "Correos no entregados" in page
    page = client.get(reverse("hiring:undelivered")).content.decode()
    assert "Todos los correos han salido" in page
    page = client.get(reverse("hiring:notifications")).content.decode()
    assert "Correo diario" in page
    response = client.post(reverse("hiring:notifications_read_all"), follow=True)
    assert "0 notificaciones marcadas como leídas." in response.content.decode()
    page = client.get(reverse("hiring:role_history", args=[role.pk])).content.decode()
    assert f"Historial de {role.title}" in page
    candidate = application.candidate
    page = client.get(reverse("hiring:candidate_erase", args=[candidate.pk])).content.decode()
    assert f"Borrar los datos personales de {candidate.name}" in page
    response = client.post(
        reverse("hiring:candidate_erase", args=[candidate.pk]), {"confirm": "nope@example.com"}
    )
    assert response.status_code == 422
    assert "Esa no es la dirección de correo de este candidato" in response.content.decode()


def test_the_candidate_page_is_in_spanish(client, recruiter, application):
    page = in_spanish(client, recruiter).get(
        reverse("hiring:application_detail", args=[application.pk])
    )
    page = page.content.decode()
    assert "Aún no se ha enviado." in page  # the Passion Test, not sent
    assert "Datos del candidato" in page
    assert "Exportar (JSON)" in page
    assert "Etiquetas" in page
    assert "Notas" in page


def test_the_radar_legend_and_the_consent_line_are_in_spanish(client, recruiter, application):
    candidate = application.candidate
    candidate.consent_to_contact, candidate.consent_given_at = True, None  # added by a recruiter
    candidate.save()
    url = reverse("hiring:application_detail", args=[application.pk])
    page = in_spanish(client, recruiter).get(url).content.decode()
    assert "Aceptó recibir correos." in page
    assert "Añadido por Selección" in page  # where the application came from
    assert "Added by a recruiter" not in page
    assert "correos el ." not in page  # no date known: no empty date
    recruiter.language = "en"
    recruiter.save()
    assert "Agreed to email." in client.get(url).content.decode()
