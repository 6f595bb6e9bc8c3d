"""Questions per country: Compliance limits a question to roles in some countries (groups
differ: the UK census's ethnic groups are not the US's), and a candidate is asked only what
is asked in the countries of the roles they applied to; answering another country's question
by tampering with the form is refused and saves nothing."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from candidates import services
from candidates.models import Stage
from hiring.fairness.models import SelfIdAnswer, SelfIdQuestion
from hiring.fairness.services import self_id_answer
from passionhire.models import AuditEntry
from tests.factories import ApplicationFactory, RoleFactory

US_RACE = ["American Indian or Alaska Native", "Asian", "Black or African American", "White"]


@pytest.fixture
def us_question(db):
    return SelfIdQuestion.objects.create(
        key="us-race", text="Which best describes you?", options=US_RACE, countries=["US"]
    )


def page_for(client, country: str):
    role = RoleFactory(country=country)
    application = ApplicationFactory(role=role, stage=Stage.INTERVIEWS)
    token = services.status_token(application)
    return application, token, client.get(reverse("status:self_id", args=[token]))


def test_a_question_for_one_country_is_asked_only_of_applicants_to_roles_there(client, us_question):
    _, _, in_portugal = page_for(client, "PT")
    assert "Which best describes you?" not in in_portugal.content.decode()
    assert "What is your gender?" in in_portugal.content.decode()  # asked everywhere
    _, _, in_the_us = page_for(client, "US")
    assert "Which best describes you?" in in_the_us.content.decode()
    assert "What is your gender?" in in_the_us.content.decode()


def test_answering_another_countrys_question_is_refused_and_saves_nothing(client, us_question):
    application, token, _ = page_for(client, "PT")
    # The page's form has no such field: the extra answer is ignored, the rest kept.
    response = client.post(
        reverse("status:self_id", args=[token]), {"gender": "Woman", "us-race": "Asian"}
    )
    assert response.status_code == 302
    answers = SelfIdAnswer.objects.filter(candidate_id=application.candidate_id)
    assert dict(answers.values_list("question__key", "answer")) == {"gender": "Woman"}
    # The service refuses it outright, and saves none of the answers given with it.
    with pytest.raises(ValidationError, match="not asked"):
        self_id_answer(application=application, answers={"gender": "Man", "us-race": "Asian"})
    assert dict(answers.values_list("question__key", "answer")) == {"gender": "Woman"}


def test_only_another_countrys_questions_means_no_card_on_the_status_page(client, db):
    SelfIdQuestion.objects.update(countries=["US"])
    application, token, _ = page_for(client, "GB")
    page = client.get(reverse("status:page", args=[token])).content.decode()
    assert "Help us hire fairly" not in page
    applied_in_us = ApplicationFactory(
        candidate=application.candidate, role=RoleFactory(country="US")
    )
    page = client.get(reverse("status:page", args=[services.status_token(applied_in_us)]))
    assert "Help us hire fairly" in page.content.decode()


def test_compliance_limits_a_question_to_countries_and_the_change_is_audited(client, compliance):
    client.force_login(compliance)
    question = SelfIdQuestion.objects.get(key="ethnicity")
    url = reverse("hiring:self_id_question_edit", args=[question.pk])
    form = {
        "text": question.text,
        "options": "\n".join(question.options),
        "active": "on",
        "countries": ["GB"],
    }
    assert client.post(url, form).status_code == 302
    question.refresh_from_db()
    assert [c.code for c in question.countries] == ["GB"]
    entry = AuditEntry.objects.filter(action="self_id.question").latest("at")
    assert (entry.before["countries"], entry.after["countries"]) == ([], ["GB"])
    listing = client.get(reverse("hiring:self_id_questions")).content.decode()
    assert "Asked only for roles in" in listing

    bad = client.post(url, form | {"countries": ["XX"]})
    assert bad.status_code == 422
    assert "Choose countries from the list." in bad.content.decode()
    question.refresh_from_db()
    assert [c.code for c in question.countries] == ["GB"]
