"""Words that were written in Python without being marked for translation, now read in Spanish
by a staff member who chose it: the Passion Test's question editor (labels, trait names,
errors), the knock-out editor, the tag help text, the guide's add-from-bank list, an
application's source and a decision's kind, and the messages after a few posts."""

import pytest
from django.urls import reverse
from django.utils import translation

from candidates.models import Decision, KnockoutQuestion
from interviews.models import GuideQuestion
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    translation.activate("en")


def in_spanish(client, user):
    user.language = "es"
    user.save()
    client.force_login(user)
    return client


def editor(client, kind: str) -> str:
    return client.get(reverse("candidates:question_create", args=[kind])).content.decode()


def test_the_statement_editor_is_in_spanish(client, recruiter, questionnaire):
    page = editor(in_spanish(client, recruiter), "likert")
    for words in ("Rasgo", "Inversa", "Afirmación gemela", "Sin gemela", "Empatía"):
        assert words in page
    for words in ("Reverse-keyed", "Twin statement", "No twin", "Attention to detail"):
        assert words not in page
    assert 'value="attention_to_detail"' in page  # the stored value is unchanged


def test_the_block_editor_is_in_spanish(client, recruiter, questionnaire):
    page = editor(in_spanish(client, recruiter), "block")
    for words in ("Rasgos", "Afirmación 1", "Cuenta para", "Nada: la de relleno"):
        assert words in page
    assert "La instrucción sobre las tres afirmaciones." in page
    assert "Nothing: the filler" not in page
    assert "Counts for" not in page
    assert ">Text<" not in page  # the instruction's own label, which Django made from "text"
    assert "Texto" in page


def test_a_block_on_one_trait_is_refused_in_spanish(client, recruiter, questionnaire):
    client = in_spanish(client, recruiter)
    data = {
        "text": "¿Cuál se parece más a ti?",
        "traits": ["empathy"],
        "option_1_text": "Calmo primero al cliente.",
        "option_1_trait": "empathy",
        "option_2_text": "Cuestiono una regla.",
        "option_2_trait": "",
        "option_3_text": "Llego puntual.",
        "option_3_trait": "",
    }
    url = reverse("candidates:question_create", args=["block"])
    page = client.post(url, data).content.decode()
    assert "Un bloque compara exactamente dos rasgos." in page
    assert "A block compares" not in page


def test_the_scenario_editor_and_its_error_are_in_spanish(client, recruiter, questionnaire):
    client = in_spanish(client, recruiter)
    page = editor(client, "scenario")
    assert "Opción 1" in page
    assert "Option 1" not in page
    data = {"text": "Un cliente se queja.", "traits": ["empathy"], "option_1_text": "Escucho."}
    url = reverse("candidates:question_create", args=["scenario"])
    page = client.post(url, data).content.decode()
    assert "Puntúa esta opción en al menos un rasgo." in page
    assert "Score this option" not in page


def test_a_question_saved_is_said_in_spanish(client, recruiter, questionnaire):
    client = in_spanish(client, recruiter)
    question = questionnaire.questions.get(key="why-2")
    url = reverse("candidates:question_retire", args=[question.pk])
    page = client.post(url, {"retired": "true"}, follow=True).content.decode()
    assert "Pregunta retirada: los nuevos candidatos no la verán." in page


def test_a_bad_move_is_refused_in_spanish(client, recruiter, questionnaire):
    client = in_spanish(client, recruiter)
    question = questionnaire.questions.get(key="emp-f1")
    url = reverse("candidates:question_move", args=[question.pk])
    page = client.post(url, {"direction": "sideways"}, follow=True).content.decode()
    assert "Mueve una pregunta hacia arriba o hacia abajo." in page


def test_the_knockout_editor_is_in_spanish(client, recruiter, role):
    client = in_spanish(client, recruiter)
    url = reverse("applying:knockout_questions", args=[role.pk])
    page = client.get(url).content.decode()
    assert "La respuesta que descarta a quien se postula" in page
    assert "Una pregunta de sí o no" in page
    assert "The answer that rules" not in page
    page = client.post(
        url, {"text": "¿Puedes trabajar los fines de semana?", "disqualifying_answer": "no"}
    )
    page = client.get(page.url).content.decode()
    assert "Pregunta añadida: quienes se postulen la responderán a partir de ahora." in page
    page = client.post(
        url, {"text": "¿Puedes trabajar los fines de semana?", "disqualifying_answer": "no"}
    ).content.decode()
    assert "Este puesto ya hace esa pregunta." in page
    assert KnockoutQuestion.objects.filter(role=role).count() == 1


def test_the_application_page_shows_its_source_and_tag_help_in_spanish(client, recruiter, role):
    application = ApplicationFactory(role=role, source="recruiter")
    page = in_spanish(client, recruiter).get(
        reverse("hiring:application_detail", args=[application.pk])
    )
    page = page.content.decode()
    assert "Añadido por Selección" in page
    assert "Added by a recruiter" not in page
    assert "Una etiqueta es una palabra o frase corta" in page  # the tag rule, translated
    assert "A tag is one short label" not in page


def test_a_withdrawal_reads_in_spanish_on_the_profile(client, recruiter, hiring_manager, role):
    application = ApplicationFactory(role=role)
    Decision.objects.create(
        application=application,
        kind=Decision.Kind.WITHDRAW,
        reason="Took another job.",
        from_stage=application.stage,
        to_stage="withdrawn",
        decided_by=recruiter,
    )
    page = in_spanish(client, hiring_manager).get(
        reverse("hiring:application_profile", args=[application.pk])
    )
    page = page.content.decode()
    assert "Retirada por el candidato" in page
    assert "Withdrawn by the candidate" not in page


def test_the_guide_lists_the_bank_in_spanish(client, recruiter, role, question_bank):
    client = in_spanish(client, recruiter)
    client.get(reverse("interviews:guide", args=[role.pk]))  # the guide is made on first view
    spare = question_bank.exclude(pk__in=GuideQuestion.objects.values("question")).first()
    page = client.get(reverse("interviews:guide", args=[role.pk])).content.decode()
    spanish = spare.shown("text", "es")
    assert spanish != spare.text
    assert spanish[:40] in page
    assert spare.text[:40] not in page


def test_sending_the_test_to_nobody_is_said_in_spanish(client, recruiter, role):
    client = in_spanish(client, recruiter)
    url = reverse("candidates:passion_test_send_many", args=[role.pk])
    page = client.post(url, {}, follow=True).content.decode()
    assert "Selecciona al menos un candidato al que enviar el Passion Test." in page


def test_a_refused_send_says_why_in_spanish(client, recruiter, role):
    application = ApplicationFactory(role=role, candidate__consent_to_contact=False)
    client = in_spanish(client, recruiter)
    url = reverse("candidates:passion_test_send", args=[application.pk])
    page = client.post(url, follow=True).content.decode()
    assert "no ha aceptado que le contactemos por correo." in page
    assert "has not agreed" not in page


def test_withdrawing_no_link_is_said_in_spanish(client, recruiter, role):
    application = ApplicationFactory(role=role)
    client = in_spanish(client, recruiter)
    url = reverse("candidates:passion_test_revoke", args=[application.pk])
    page = client.post(url, follow=True).content.decode()
    assert "No hay ningún enlace activo al Passion Test que retirar." in page
