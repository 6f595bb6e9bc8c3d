"""The voluntary questions in the applicant's language: shipped in Spanish and Arabic, written
per language by Compliance, asked in the language of the status page. An answer is kept as
its English option, so the report counts one group whatever language it was given in."""

import pytest
from django.urls import reverse
from django.utils import translation

from candidates import services
from candidates.models import Stage
from hiring.fairness.models import SelfIdAnswer, SelfIdQuestion
from passionhire.models import AuditEntry
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def self_id_page(client, role, language: str, **kwargs):
    application = ApplicationFactory(role=role, stage=Stage.INTERVIEWS, language=language, **kwargs)
    token = services.status_token(application)
    return application, token, client.get(reverse("status:self_id", args=[token]))


def translation_url(language: str = "es") -> str:
    return reverse("hiring:self_id_translation", args=[language])


def test_the_default_questions_ship_in_spanish_and_arabic_and_store_the_english(client, role):
    spanish, token, page = self_id_page(client, role, "es")
    html = page.content.decode()
    assert "¿Cuál es tu género?" in html
    assert "No binario" in html
    assert "Prefiero no decirlo" in html
    assert "What is your gender?" not in html
    # The option a Spanish reader picks is posted, and kept, as its English words.
    assert 'value="Non-binary"' in html
    client.post(reverse("status:self_id", args=[token]), {"gender": "Non-binary"})
    english, token, page = self_id_page(client, role, "en")
    assert "What is your gender?" in page.content.decode()
    client.post(reverse("status:self_id", args=[token]), {"gender": "Non-binary"})
    arabic, _token, page = self_id_page(client, role, "ar")
    html = page.content.decode()
    assert 'dir="rtl"' in html
    assert "ما جنسك؟" in html
    assert "غير ثنائي الجنس" in html
    # One group for the report, whichever language the answer was given in.
    answers = SelfIdAnswer.objects.filter(question__key="gender")
    assert list(answers.values_list("answer", flat=True)) == ["Non-binary", "Non-binary"]


def test_compliance_writes_a_language_and_applicants_reading_it_are_asked_it(
    client, compliance, role
):
    question = SelfIdQuestion.objects.create(
        key="caring", text="Do you care for someone?", options=["Yes", "No"], position=9
    )
    client.force_login(compliance)
    listing = client.get(reverse("hiring:self_id_questions")).content.decode()
    assert f'href="{translation_url()}"' in listing
    form = client.get(translation_url()).content.decode()
    assert "Do you care for someone?" in form
    saved = client.post(
        translation_url(),
        {
            f"text_{question.pk}": " ¿Cuidas de alguien?  ",
            f"help_text_{question.pk}": "Por ejemplo, de un familiar.",
            f"options_{question.pk}": "Sí\n\n  No \n",
        },
    )
    assert saved.status_code == 302
    question.refresh_from_db()
    assert question.translations["es"] == {
        "text": "¿Cuidas de alguien?",
        "help_text": "Por ejemplo, de un familiar.",
        "options": ["Sí", "No"],
    }
    entry = AuditEntry.objects.get(action="self_id.translation", actor=compliance)
    assert entry.after == {
        "language": "es",
        "translated": sorted(q.key for q in SelfIdQuestion.objects.all() if "es" in q.translations),
    }
    client.logout()
    _application, _token, page = self_id_page(client, role, "es")
    html = page.content.decode()
    assert "¿Cuidas de alguien?" in html
    assert "Por ejemplo, de un familiar." in html
    assert 'value="Yes"' in html


@pytest.mark.parametrize(
    ("options", "error"),
    [
        ("Sí", "offers 2 answers in English and 1 here"),
        ("Sí\nNo\nQuizá", "offers 2 answers in English and 3 here"),
        ("Sí\nsí", "read the same here"),
        ("Sí\n" + "n" * 101, "at most 100 characters"),
    ],
)
def test_answers_not_line_for_line_are_refused_and_nothing_is_saved(
    client, compliance, options, error
):
    question = SelfIdQuestion.objects.create(
        key="caring", text="Do you care for someone?", options=["Yes", "No"], position=9
    )
    gender = SelfIdQuestion.objects.get(key="gender")
    shipped = dict(gender.translations)
    client.force_login(compliance)
    response = client.post(
        translation_url(),
        {
            f"text_{question.pk}": "¿Cuidas de alguien?",
            f"options_{question.pk}": options,
            f"text_{gender.pk}": "¿Género?",  # would change a shipped one: must not be saved
        },
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert error in page
    assert "Do you care for someone?" in page  # the error names the question
    question.refresh_from_db()
    gender.refresh_from_db()
    assert question.translations == {}
    assert gender.translations == shipped
    assert not AuditEntry.objects.filter(action="self_id.translation").exists()


@pytest.mark.parametrize("language", ["en", "xx", "de", "es-ES"])
def test_a_language_we_do_not_translate_into_is_not_found(client, compliance, language):
    client.force_login(compliance)
    assert client.get(translation_url(language)).status_code == 404
    assert client.post(translation_url(language), {}).status_code == 404


def test_changing_the_english_clears_only_the_words_that_changed(client, compliance, role):
    gender = SelfIdQuestion.objects.get(key="gender")
    client.force_login(compliance)
    response = client.post(
        reverse("hiring:self_id_question_edit", args=[gender.pk]),
        {
            "text": gender.text,
            "options": "Woman\nMan\nNon-binary\nAnother way\n",
            "active": "on",
        },
    )
    assert response.status_code == 302
    gender.refresh_from_db()
    assert gender.translations["es"] == {"text": "¿Cuál es tu género?"}
    assert gender.translations["ar"] == {"text": "ما جنسك؟"}
    # Until someone translates the new answers, a Spanish reader gets them in English.
    _application, _token, page = self_id_page(client, role, "es")
    html = page.content.decode()
    assert "¿Cuál es tu género?" in html
    assert "Another way" in html
    assert "No binario" not in html


def test_the_countries_a_question_is_limited_to_are_named_in_the_readers_language(
    client, compliance
):
    compliance.language = "es"
    compliance.save()
    client.force_login(compliance)
    page = client.get(reverse("hiring:self_id_question_new")).content.decode()
    assert '<option value="ES">España</option>' in page
    assert '<option value="DE">Alemania</option>' in page
    compliance.language = "en"
    compliance.save()
    page = client.get(reverse("hiring:self_id_question_new")).content.decode()
    assert '<option value="ES">Spain</option>' in page


def test_the_report_names_groups_in_the_readers_words_with_the_same_numbers(
    client, compliance, role
):
    """Counted on the stored English answers, so each language gets the same figures; a
    Spanish reader sees the Spanish question and groups, and the CSV stays English."""
    from hiring.fairness import reports
    from hiring.fairness.counts import Scope
    from tests.fairness.test_adverse_impact_report import people

    people(role, "Man", moved_on=30, rejected=10)
    people(role, "Woman", moved_on=10, rejected=30)
    figures = {}
    for language in ("en", "es"):
        with translation.override(language):
            (gender,) = [q for q in reports.adverse_impact_report(Scope()) if q.key == "gender"]
        figures[language] = [
            [(r.selected, r.decided, r.impact_ratio, r.flagged) for r in step.rows]
            for step in gender.steps
        ]
        if language == "es":
            assert gender.text == "¿Cuál es tu género?"
            assert {row.group for step in gender.steps for row in step.rows} == {
                "Hombre",
                "Mujer",
            }
            flagged = [row for step in gender.steps for row in step.rows if row.flagged]
            assert flagged
            assert all("Hombre" in row.finding for row in flagged)  # compared with whom
    assert figures["es"] == figures["en"]
    compliance.language = "es"
    compliance.save()
    client.force_login(compliance)
    page = client.get(reverse("hiring:fairness_report")).content.decode()
    assert "¿Cuál es tu género?" in page
    assert "<strong>Mujer</strong>" in page
    assert "25\u00a0%" in page  # the women's selection rate, written the Spanish way
    csv = client.get(reverse("hiring:fairness_report_csv")).content.decode()
    assert "Woman" in csv
    assert "Mujer" not in csv


def test_the_reports_passion_test_statements_are_in_the_readers_language(db):
    """The statements a report lists, in the published Spanish edition's words; English for
    the CSV (made under English)."""
    from hiring.fairness.counts import statement_texts

    with translation.override("en"):
        english = statement_texts()
    with translation.override("es"):
        spanish = statement_texts()
    assert english["emp-f1"].startswith("When a customer is upset, I try to understand")
    assert spanish["emp-f1"].startswith("Cuando un cliente está molesto, intento entender")
    assert set(spanish) == set(english)
