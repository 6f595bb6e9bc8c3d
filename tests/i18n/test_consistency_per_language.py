"""Each language is one instrument: the consistency page shows Cronbach's alpha per language,
from the responses taken in it, and can show one language's statements on their own."""

import random

import pytest
from django.urls import reverse

from candidates import services
from candidates.passion_test import selectors
from tests.factories import ApplicationFactory, answers_for

pytestmark = pytest.mark.django_db


def take(role, recruiter, questions, *, language: str, n: int, noise: float, seed: int):
    """`n` submitted tests in `language`: consistent answers around a level, each statement
    moved one step with probability `noise` (more noise, a lower alpha)."""
    rng = random.Random(seed)
    for _ in range(n):
        application = ApplicationFactory(role=role, language=language)
        invitation = services.passion_test_invite(application=application, invited_by=recruiter)
        response = services.passion_test_open(invitation=invitation)
        answers = answers_for(questions, level=rng.randint(2, 4))
        for q in questions:
            if q.kind == "likert" and rng.random() < noise:
                answers[str(q.pk)] = str(rng.randint(1, 5))
        result = services.passion_test_submit(
            response=response, questions=questions, answers=answers
        )
        assert result.submitted


@pytest.fixture
def questions(questionnaire):
    return services.active_questions(questionnaire)


def test_alpha_is_measured_per_language(client, recruiter, role, questionnaire, questions):
    take(role, recruiter, questions, language="en", n=22, noise=0.1, seed=1)
    take(role, recruiter, questions, language="es", n=22, noise=0.9, seed=2)
    rows = selectors.consistency_by_language(questionnaire=questionnaire)
    assert [(r.code, r.consistency.n_used) for r in rows] == [("en", 22), ("es", 22)]
    english, spanish = ({t.trait.value: t.alpha for t in r.consistency.traits} for r in rows)
    # Answers scattered at random in Spanish: its statements hang together far less.
    assert all(english[t] > spanish[t] + 0.2 for t in english)

    client.force_login(recruiter)
    url = reverse("candidates:questionnaire_consistency", args=[questionnaire.version])
    page = client.get(url).content.decode()
    assert "Alpha per language" in page
    assert 'English</a> <span class="fw-normal">(n = 22)' in page
    assert 'Español</a> <span class="fw-normal">(n = 22)' in page
    assert "44 responses used of 44 submitted" in page  # all languages together below
    for trait, alpha in spanish.items():
        cell = f'data-language="es" data-trait="{trait}">'
        assert cell in page
        assert f"{alpha:.2f}" in page.split(cell)[1][:80]
    only_spanish = client.get(url, {"language": "es"}).content.decode()
    assert "22 responses used of 22 submitted" in only_spanish
    assert "Statements below: Español only." in only_spanish


def test_an_unknown_language_shows_all_languages_together(
    client, recruiter, role, questionnaire, questions
):
    take(role, recruiter, questions, language="es", n=3, noise=0.2, seed=3)
    client.force_login(recruiter)
    url = reverse("candidates:questionnaire_consistency", args=[questionnaire.version])
    for value in ["fr", "<script>", "es" * 50, ""]:
        response = client.get(url, {"language": value})
        assert response.status_code == 200
        assert "3 responses used of 3 submitted" in response.content.decode()
        assert "Statements below:" not in response.content.decode()
