"""Staff pages of the candidates app in Spanish: a staff member who chose Spanish reads the role
page, the candidates list and the referral pages in it, with form errors and messages; what is
stored (the timeline, the audit) stays English."""

import pytest
from django.urls import reverse
from django.utils import translation

from candidates.models import ApplicationEvent, Referral
from candidates.stage_names import stage_name
from passionhire.models import AuditEntry
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_afterwards():
    """A request activates its user's language for the thread; leave English for the next
    test, whose services may be called outside a request."""
    yield
    translation.activate("en")


EXAMPLE = (
    "When our courier lost a parcel she drove it to the customer herself, because it was a gift."
)


def in_spanish(client, user):
    user.language = "es"
    user.save()
    client.force_login(user)
    return client


def test_the_role_page_is_in_spanish(client, recruiter, role):
    ApplicationFactory(role=role)
    page = in_spanish(client, recruiter).get(role.get_absolute_url()).content.decode()
    for words in ("Proceso", "Añadir un candidato", "Fase", "Recibida", "Cerrar puesto"):
        assert words in page
    assert "Ranked shortlist" not in page


def test_the_role_page_stays_english_by_default(client, recruiter, role):
    ApplicationFactory(role=role)
    client.force_login(recruiter)
    page = client.get(role.get_absolute_url()).content.decode()
    for words in ("Pipeline", "Applied", "Close role"):
        assert words in page


def test_the_candidates_list_is_in_spanish(client, recruiter, role):
    ApplicationFactory(role=role)
    page = in_spanish(client, recruiter).get(reverse("candidates:candidate_list")).content
    page = page.decode()
    assert "Buscar por nombre, correo o teléfono" in page
    assert "Puestos y fases" in page


def test_the_referral_pages_are_in_spanish(client, employee, role):
    in_spanish(client, employee)
    mine = client.get(reverse("candidates:referral_list")).content.decode()
    assert "Mis recomendaciones" in mine
    assert "Recomendar a alguien" in mine
    form = client.get(reverse("candidates:referral_create")).content.decode()
    assert "Enviar recomendación" in form
    assert "De qué la conoces" in form
    assert "Trabajamos juntos" in form


def test_a_referral_form_error_and_message_are_in_spanish(client, employee, role):
    in_spanish(client, employee)
    url = reverse("candidates:referral_create")
    data = {
        "role": role.pk,
        "name": "Ada Lovelace",
        "email": "ada@example.com",
        "relationship": "worked_together",
        "known_for": "3_5",
        "example_commitment": EXAMPLE,
    }
    refused = client.post(url, data).content.decode()
    assert "Pregúntale antes" in refused
    done = client.post(url, data | {"consent_confirmed": "on"}, follow=True).content.decode()
    assert "¡Gracias! Has recomendado a Ada Lovelace" in done
    assert "Pendiente de revisión" in done


def test_what_is_stored_stays_english(client, recruiter, employee, role):
    """A recruiter in Spanish accepts a referral: the timeline and the audit keep English."""
    in_spanish(client, employee).post(
        reverse("candidates:referral_create"),
        {
            "role": role.pk,
            "name": "Ada Lovelace",
            "email": "ada@example.com",
            "relationship": "worked_together",
            "known_for": "3_5",
            "consent_confirmed": "on",
            "example_commitment": EXAMPLE,
        },
    )
    referral = Referral.objects.get()
    page = in_spanish(client, recruiter).post(
        reverse("candidates:referral_accept", args=[referral.pk]), follow=True
    )
    assert "está en el proceso de" in page.content.decode()
    referral.refresh_from_db()
    assert referral.get_status_display() == "Accepted"
    events = ApplicationEvent.objects.filter(application=referral.application)
    assert any(e.message.startswith("Referred by") for e in events)
    assert AuditEntry.objects.filter(summary__contains="accepted").exists()


def test_stage_names_translate_only_when_shown():
    with translation.override("es"):
        assert stage_name("applied") == "Recibida"
        assert stage_name("knocked_out") == "knocked_out"
    with translation.override("en"):
        assert stage_name("applied") == "Applied"


def test_the_questionnaire_editor_is_in_spanish(client, recruiter, questionnaire):
    page = in_spanish(client, recruiter).get(reverse("candidates:questionnaire"))
    page = page.content.decode()
    for words in ("Consistencia de los ítems", "Añadir una pregunta", "Afirmaciones", "Subir"):
        assert words in page
    consistency = client.get(
        reverse("candidates:questionnaire_consistency", args=[questionnaire.version])
    ).content.decode()
    assert "¿Es coherente la escala de cada rasgo?" in consistency


def test_the_label_names_match_the_models_labels():
    from candidates.label_names import KIND_NAMES, SOURCE_NAMES
    from candidates.models import Candidate, Question

    assert sorted(KIND_NAMES) == sorted(Question.Kind.labels)
    assert sorted(SOURCE_NAMES) == sorted(Candidate.Source.labels)


def test_the_csv_import_is_in_spanish_with_its_errors(client, recruiter, role):
    from django.core.files.uploadedfile import SimpleUploadedFile

    in_spanish(client, recruiter)
    url = reverse("candidates:import_upload", args=[role.pk])
    page = client.get(url).content.decode()
    assert "Importar candidatos a Customer Success Manager" in page
    assert "Subir y elegir las columnas" in page
    utf16 = SimpleUploadedFile("people.csv", "name,email\n".encode("utf-16"))
    refused = client.post(url, {"file": utf16}).content.decode()
    assert "Este archivo está en UTF-16." in refused
    upload = SimpleUploadedFile(
        "people.csv", b"name,email\nAda,ada@example.com\n", content_type="text/csv"
    )
    mapping = client.post(url, {"file": upload}, follow=True).content.decode()
    assert "¿Qué contiene cada columna?" in mapping
    assert "Consentimiento para correos" in mapping


def test_adding_a_candidate_in_spanish(client, recruiter, role):
    in_spanish(client, recruiter)
    url = reverse("candidates:application_create", args=[role.pk])
    page = client.get(url).content.decode()
    assert "Añadir un candidato a Customer Success Manager" in page
    assert "Candidatura directa" in page
    done = client.post(
        url, {"name": "Ada Lovelace", "email": "ada@example.com", "source": "direct"}, follow=True
    ).content.decode()
    assert "Ada Lovelace añadido a “Customer Success Manager”." in done
    again = client.post(
        url, {"name": "Ada Lovelace", "email": "ada@example.com", "source": "direct"}
    ).content.decode()
    assert "ya está en el proceso de este puesto (fase: Recibida)" in again


def test_the_role_form_is_in_spanish(client, recruiter, role):
    page = in_spanish(client, recruiter).get(reverse("candidates:role_edit", args=[role.pk]))
    page = page.content.decode()
    for words in ("Peso de los rasgos", "Tipo de contrato", "Guardar cambios"):
        assert words in page


def test_the_knockout_questions_editor_is_in_spanish(client, recruiter, role):
    page = in_spanish(client, recruiter).get(reverse("applying:knockout_questions", args=[role.pk]))
    page = page.content.decode()
    assert "Preguntas eliminatorias" in page
    assert "Aún no hay preguntas" in page


def test_the_share_script_gets_its_words_in_spanish(client, employee, role):
    role.published_at = role.created_at
    role.save()
    page = in_spanish(client, employee).get(reverse("candidates:share_roles")).content.decode()
    assert 'data-ph-copied="Copiado. Pégalo donde quieras."' in page
    assert "Tu enlace a “Customer Success Manager”" in page
