"""Compliance decides which voluntary questions applicants are asked: add one, reword it,
change its answers, stop asking it. Every change is audited; answers already given keep their
words. Bad input is an error on the page and saves nothing."""

import pytest
from django.urls import reverse

from candidates import services
from hiring.fairness.models import SelfIdAnswer, SelfIdQuestion
from passionhire.models import AuditEntry
from tests.factories import ApplicationFactory

NEW = reverse("hiring:self_id_question_new")
GOOD = {
    "key": "caring",
    "text": "Do you care for someone?",
    "options": "Yes\n  yes  \nNo\n\n",
    "active": "on",
}


def test_compliance_adds_a_question_that_applicants_are_then_asked(client, compliance, role):
    client.force_login(compliance)
    response = client.post(NEW, GOOD)
    assert response.status_code == 302
    question = SelfIdQuestion.objects.get(key="caring")
    assert question.options == ["Yes", "No"]  # trimmed, each once, blank lines dropped
    entry = AuditEntry.objects.get(action="self_id.question", actor=compliance)
    assert not entry.before
    assert entry.after["options"] == ["Yes", "No"]
    token = services.status_token(ApplicationFactory(role=role))
    assert (
        "Do you care for someone?"
        in client.get(reverse("status:self_id", args=[token])).content.decode()
    )


def test_rewording_keeps_the_answers_given_and_stopping_a_question_stops_asking_it(
    client, compliance, role
):
    application = ApplicationFactory(role=role)
    question = SelfIdQuestion.objects.get(key="veteran")
    SelfIdAnswer.objects.create(candidate=application.candidate, question=question, answer="Yes")
    client.force_login(compliance)
    url = reverse("hiring:self_id_question_edit", args=[question.pk])
    data = {"key": "hacked", "text": "Are you a veteran?", "options": "Veteran\nNot a veteran"}
    assert client.post(url, data).status_code == 302
    question.refresh_from_db()
    assert (question.key, question.active) == ("veteran", False)  # the key cannot change
    assert question.options == ["Veteran", "Not a veteran"]
    assert SelfIdAnswer.objects.get(question=question).answer == "Yes"
    entry = AuditEntry.objects.get(action="self_id.question")
    assert entry.before["options"] == ["Yes", "No"]
    token = services.status_token(application)
    page = client.get(reverse("status:self_id", args=[token])).content.decode()
    assert "<bdi>Are you a veteran?</bdi>" not in page
    assert "><bdi>What is your gender?</bdi></legend>" in page


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"options": "Only one"}, "at least two answers"),
        ({"options": "\n".join(f"Answer {n}" for n in range(21))}, "At most 20 answers"),
        ({"options": "Yes\n" + "x" * 101}, "at most 100 characters"),
        ({"options": "Yes\nNo\ni prefer not to say"}, "is offered already"),
        ({"key": "gender"}, "exists already"),
        ({"key": "not a slug!"}, "Enter a valid"),
        ({"text": ""}, "This field is required"),
    ],
)
def test_bad_input_is_an_error_on_the_page_and_saves_nothing(client, compliance, change, error):
    client.force_login(compliance)
    before = list(SelfIdQuestion.objects.values_list("pk", "text", "options"))
    response = client.post(NEW, {**GOOD, **change})
    assert response.status_code == 422
    assert error in response.content.decode()
    assert list(SelfIdQuestion.objects.values_list("pk", "text", "options")) == before
    assert not AuditEntry.objects.filter(action="self_id.question").exists()


def test_the_list_shows_every_question_and_whether_it_is_asked(client, compliance):
    SelfIdQuestion.objects.filter(key="veteran").update(active=False)
    client.force_login(compliance)
    page = client.get(reverse("hiring:self_id_questions")).content.decode()
    for question in SelfIdQuestion.objects.all():
        assert question.text in page
    assert page.count("Not asked") == 1
