"""Voluntary self-identification, from the candidate's side: offered on their status page
with a plain statement, every question optional with "I prefer not to say", one button to
decline them all, changeable later. The answers are kept apart: in the candidate's own copy of
their data, never in a staff export or the application's history, and erased with them."""

import json
from pathlib import Path

import pytest
from django.urls import reverse

from candidates import services
from candidates.models import ApplicationEvent, Stage
from hiring.fairness.models import DECLINED, SelfIdAnswer, SelfIdQuestion
from hiring.services import privacy
from passionhire.models import AuditEntry
from tests.factories import ApplicationFactory

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def application(role):
    return ApplicationFactory(role=role, candidate__name="Ada Lovelace", stage=Stage.INTERVIEWS)


@pytest.fixture
def token(application):
    return services.status_token(application)


def url(token: str, name: str = "self_id") -> str:
    return reverse(f"status:{name}", args=[token])


def answers_of(application) -> dict[str, str]:
    rows = SelfIdAnswer.objects.filter(candidate_id=application.candidate_id)
    return dict(rows.values_list("question__key", "answer"))


def test_the_status_page_offers_the_questions_and_says_they_never_reach_deciders(client, token):
    page = client.get(url(token, "page")).content.decode()
    assert "Help us hire fairly" in page
    assert url(token) in page
    form = client.get(url(token)).content.decode()
    assert "never reach the" in form
    assert "people who decide" in form
    for question in SelfIdQuestion.objects.filter(active=True):
        assert question.text in form
    assert form.count("I prefer not to say") == SelfIdQuestion.objects.filter(active=True).count()


def test_answers_are_kept_and_a_question_left_alone_is_not_answered(client, application, token):
    response = client.post(url(token), {"gender": "Woman", "age_band": "prefer-not-to-say"})
    assert response.status_code == 302
    assert answers_of(application) == {"gender": "Woman", "age_band": DECLINED}
    page = client.get(url(token, "page")).content.decode()
    assert "Change my answers" in page
    client.post(url(token), {"gender": "Non-binary"})
    assert answers_of(application) == {"gender": "Non-binary", "age_band": DECLINED}


def test_one_button_declines_every_question(client, application, token):
    client.post(url(token), {"gender": "Woman", "decline_all": "1"})
    active = set(SelfIdQuestion.objects.filter(active=True).values_list("key", flat=True))
    assert answers_of(application) == dict.fromkeys(active, DECLINED)


@pytest.mark.parametrize(
    "data",
    [
        {"gender": "Martian"},  # not an option
        {"gender": "woman"},  # an option in the wrong case is not the option
        {"gender": "Woman", "ethnicity": "x" * 5000},
    ],
)
def test_a_tampered_answer_is_an_error_on_the_page_and_nothing_is_saved(
    client, application, token, data
):
    response = client.post(url(token), data)
    assert response.status_code == 422
    assert "Select a valid choice" in response.content.decode()
    assert answers_of(application) == {}


def test_a_tampered_link_gets_the_link_error_page(client, token):
    assert client.get(url(token[:-2] + "xx")).status_code == 404
    assert client.post(url(token[:-2] + "xx"), {"gender": "Woman"}).status_code == 404
    assert SelfIdAnswer.objects.count() == 0


def test_without_active_questions_the_status_page_offers_nothing(client, token):
    SelfIdQuestion.objects.update(active=False)
    page = client.get(url(token, "page")).content.decode()
    assert "Help us hire fairly" not in page


def test_nothing_on_the_application_or_its_history_says_what_was_answered(
    client, application, token
):
    client.post(url(token), {"gender": "Woman", "disability": "Yes"})
    entry = AuditEntry.objects.get(action="self_id.answer")
    assert entry.candidate_id is None
    assert "Woman" not in json.dumps([entry.summary, entry.before, entry.after, entry.target])
    assert not ApplicationEvent.objects.filter(application=application).exists()


def test_the_candidates_own_copy_has_the_answers_and_a_staff_export_does_not(
    client, application, token
):
    client.post(url(token), {"gender": "Woman", "veteran": "prefer-not-to-say"})
    own = json.loads(client.post(url(token, "data")).content)
    assert {(a["question"], a["answer"]) for a in own["self_identification"]} == {
        ("What is your gender?", "Woman"),
        ("Have you served in the armed forces?", "I prefer not to say"),
    }
    staff = privacy.candidate_export(candidate=application.candidate)
    assert staff["self_identification"] == privacy.SELF_ID_APART
    assert "Woman" not in json.dumps(staff)


def test_erasing_the_candidate_erases_their_answers(client, application, token, recruiter):
    client.post(url(token), {"gender": "Woman", "ethnicity": "White"})
    privacy.candidate_erase(candidate=application.candidate, erased_by=recruiter)
    assert SelfIdAnswer.objects.count() == 0


def test_only_the_fairness_package_and_the_privacy_service_touch_the_answers():
    """The answers stay apart by construction: no other module of ours names their model."""
    allowed = {
        ROOT / "hiring" / "models.py",
        ROOT / "hiring" / "services" / "privacy.py",
        ROOT / "hiring" / "demo_fairness.py",  # seeds the demo's made-up answers
    }
    offenders = []
    for app in ("passionhire", "candidates", "interviews", "hiring"):
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts or (ROOT / "hiring" / "fairness") in path.parents:
                continue
            text = path.read_text()
            if ("SelfIdAnswer" in text or "fairness.models" in text) and path not in allowed:
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_saving_with_nothing_chosen_says_what_to_do_and_saves_nothing(client, application, token):
    response = client.post(url(token), {})
    assert response.status_code == 422
    assert "Choose an answer, or decline every question" in response.content.decode()
    assert not AuditEntry.objects.filter(action="self_id.answer").exists()
