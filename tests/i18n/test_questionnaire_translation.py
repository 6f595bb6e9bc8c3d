"""A version of the Passion Test in another language: written as a draft, published only when
complete (the refusal names what is missing and loses nothing), unpublished by an edit to the
English, frozen once taken, and scored exactly like the English."""

import pytest
from django.urls import reverse

from candidates import services
from candidates.models import Evidence, PassionTestResponse, QuestionnaireTranslation
from candidates.passion_test import paging
from candidates.passion_test.translation_models import option_slot
from candidates.passion_test.translations import (
    instrument_for,
    translation_publish,
    translation_save,
)
from passionhire.models import AuditEntry
from tests.factories import (
    ApplicationFactory,
    answers_for,
    questionnaire_with_blocks,
    translate,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def version():
    return questionnaire_with_blocks()


def url(questionnaire, language="es"):
    return reverse("candidates:questionnaire_translation", args=[questionnaire.version, language])


def everything(questionnaire, *, leave_out=()) -> dict:
    """The form's data translating every text, except the questions keyed in `leave_out`."""
    data = {"title": "El Passion Test", "intro": ""}
    for question in questionnaire.questions.prefetch_related("options"):
        if question.key not in leave_out:
            data[f"q-{question.key}"] = f"ES {question.text}"
        for option in question.options.all():
            data[f"o-{option_slot(question.key, option.position)}"] = f"ES {option.text}"
    return data


def test_a_draft_is_saved_and_shows_what_is_left(client, recruiter, version):
    client.force_login(recruiter)
    empty = client.get(url(version))
    assert empty.status_code == 200
    assert "Nothing translated yet: 27 texts to go." in empty.content.decode()
    data = {"title": "El Passion Test", "q-likert-1": "Me pongo en su lugar.", "go": "save"}
    assert client.post(url(version), data).status_code == 302
    translation = QuestionnaireTranslation.objects.get(questionnaire=version, language="es")
    assert translation.texts == {"likert-1": ["Statement 1.", "Me pongo en su lugar."]}
    assert not translation.is_published
    page = client.get(url(version)).content.decode()
    assert "26 of 27 texts still to translate." in page
    assert "Me pongo en su lugar.</textarea>" in page
    assert AuditEntry.objects.filter(action="questionnaire.translation").count() == 1


def test_publishing_an_incomplete_translation_names_what_is_missing_and_keeps_the_draft(
    client, recruiter, version, role
):
    client.force_login(recruiter)
    data = everything(version, leave_out={"likert-3"}) | {"go": "publish"}
    refused = client.post(url(version), data)
    assert refused.status_code == 422
    page = refused.content.decode()
    assert "Not published yet: the draft is saved." in page
    assert "Question 3 (“Statement 3.”) has no Spanish text." in page
    translation = QuestionnaireTranslation.objects.get(questionnaire=version, language="es")
    assert not translation.is_published
    assert len(translation.texts) == 17  # everything typed was kept
    # A candidate applying in Spanish meanwhile takes the English original.
    assert instrument_for(version.pk, "es") == (None, "en")
    # Filling the one gap publishes it.
    data["q-likert-3"] = "ES Statement 3."
    assert client.post(url(version), data).status_code == 302
    translation.refresh_from_db()
    assert translation.is_published
    assert instrument_for(version.pk, "es") == (translation, "es")
    listing = client.get(reverse("candidates:questionnaire_version", args=[version.version]))
    assert "Spanish · published" in listing.content.decode()


@pytest.mark.parametrize("language", ["en", "fr", "xx", "ES"])
def test_a_language_we_do_not_offer_has_no_translation_page(client, recruiter, version, language):
    client.force_login(recruiter)
    assert client.get(url(version, language)).status_code == 404
    assert client.post(url(version, language), {"go": "save"}).status_code == 404
    assert not QuestionnaireTranslation.objects.filter(questionnaire=version).exists()


def test_an_overlong_text_is_a_form_error_and_saves_nothing(client, recruiter, version):
    client.force_login(recruiter)
    data = {"q-likert-1": "x" * 1001, "q-likert-2": "Bien.", "go": "save"}
    response = client.post(url(version), data)
    assert response.status_code == 422
    assert "Ensure this value has at most 1000 characters" in response.content.decode()
    assert not QuestionnaireTranslation.objects.filter(questionnaire=version).exists()


def test_a_name_the_version_does_not_have_is_refused(version):
    with pytest.raises(Exception, match="no question or option named likert-99"):
        translation_save(
            questionnaire=version,
            language="es",
            saved_by=None,
            title="T",
            intro="",
            texts={"likert-99": "x"},
            options={},
        )
    assert not QuestionnaireTranslation.objects.filter(questionnaire=version).exists()


def test_editing_the_english_unpublishes_the_translation_it_leaves_behind(recruiter, version):
    translation = translate(version, "es")
    question = version.questions.get(key="likert-2")
    services.question_edit(
        question=question, edited_by=recruiter, text="Reworded.", traits=question.traits
    )
    translation.refresh_from_db()
    assert not translation.is_published  # nobody had opened the version: edited in place
    entry = AuditEntry.objects.get(action="questionnaire.translation.unpublish")
    assert entry.after == {"why": "the English changed"}
    with pytest.raises(Exception, match="Question 2 .*has changed in English"):
        translation_publish(translation=translation, published_by=recruiter)


def test_a_new_version_starts_with_the_translations_and_the_old_one_keeps_its_own(
    client, recruiter, version, role
):
    translation = translate(version, "es")
    application = ApplicationFactory(role=role, language="es")
    invitation = services.passion_test_invite(application=application, invited_by=recruiter)
    taken = services.passion_test_open(invitation=invitation)
    assert taken.translation == translation
    # Only the order changes: the copy is as complete as its source and stays published.
    services.question_move(
        question=version.questions.get(key="likert-3"), moved_by=recruiter, direction="up"
    )
    copy = QuestionnaireTranslation.objects.get(questionnaire__version=version.version + 1)
    assert copy.is_published
    assert copy.texts == translation.texts
    # Unpublishing the old one is refused: a candidate took it.
    client.force_login(recruiter)
    refused = client.post(url(version), {"go": "unpublish"}, follow=True)
    assert "1 candidate has taken this translation" in refused.content.decode()
    translation.refresh_from_db()
    assert translation.is_published
    # A published translation can't be changed in place either.
    client.post(url(version), everything(version) | {"go": "save"})
    translation.refresh_from_db()
    assert translation.texts["likert-1"][1] == "[es] Statement 1."


def test_unpublishing_a_translation_nobody_took_makes_it_a_draft(client, recruiter, version):
    translate(version, "es")
    client.force_login(recruiter)
    page = client.post(url(version), {"go": "unpublish"}, follow=True).content.decode()
    assert "Unpublished: it is a draft again." in page
    assert not QuestionnaireTranslation.objects.get(questionnaire=version).is_published


def test_the_same_answers_score_the_same_in_every_language(
    recruiter, role, version, django_capture_on_commit_callbacks
):
    translate(version, "es")
    scores = {}
    for language in ("en", "es"):
        application = ApplicationFactory(role=role, language=language)
        invitation = services.passion_test_invite(application=application, invited_by=recruiter)
        response = services.passion_test_open(invitation=invitation)
        assert response.language == language
        questions = [q for page in paging.response_pages(response) for q in page]
        with django_capture_on_commit_callbacks(execute=True):
            services.passion_test_submit(
                response=response, questions=questions, answers=answers_for(questions, level=2)
            )
        scores[language] = sorted(
            Evidence.objects.filter(application=application).values_list(
                "trait", "source", "value", "weight"
            )
        )
    assert scores["en"]
    assert scores["en"] == scores["es"]
    assert set(PassionTestResponse.objects.values_list("language", flat=True)) == {"en", "es"}
