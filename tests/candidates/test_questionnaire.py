"""Recruiters editing the Passion Test: in place until someone answers, a new version after."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from candidates import services
from candidates.models import PassionTestResponse, Question, Questionnaire
from candidates.passion_test.content import SCENARIOS, STATEMENTS, WHY_PROMPTS
from passionhire.traits import Trait
from tests.factories import ApplicationFactory, answers_for

pytestmark = pytest.mark.django_db

OPTIONS = [
    services.OptionInput("Listen first", {"empathy": 5}),
    services.OptionInput("Quote the policy", {"empathy": 1}),
    services.OptionInput("Escalate", {"empathy": 3}),
]


def test_the_default_test_meets_the_content_brief(questionnaire):
    questions = list(questionnaire.questions.prefetch_related("options"))
    statements = [q for q in questions if q.kind == "likert"]
    for trait in Trait:
        mine = [q for q in statements if q.traits == [trait.value]]
        assert len(mine) >= 6, trait
        assert sum(q.reverse_keyed for q in mine) >= 2, trait
        for q in mine:  # each statement has an opposite twin on the same trait
            assert q.twin.traits == q.traits
            assert q.twin.reverse_keyed != q.reverse_keyed
    scenarios = [q for q in questions if q.kind == "scenario"]
    assert len(scenarios) == len(SCENARIOS) >= 8
    assert all(3 <= len(q.options.all()) <= 5 for q in scenarios)
    assert len([q for q in questions if q.kind == "why"]) == len(WHY_PROMPTS) >= 3
    assert len(statements) == sum(len(pairs) * 2 for pairs in STATEMENTS.values())
    for q in questions:
        q.full_clean()  # every question passes the model's own rules


def _start_a_response(questionnaire, recruiter):
    invitation = services.passion_test_invite(
        application=ApplicationFactory(), invited_by=recruiter
    )
    return services.passion_test_open(invitation=invitation)


def test_editing_a_version_nobody_answered_changes_it_in_place(questionnaire, recruiter):
    question = questionnaire.questions.get(key="emp-f1")
    versions = Questionnaire.objects.count()
    edited = services.question_edit(
        question=question,
        edited_by=recruiter,
        text="I try to see a problem through the customer's eyes.",
        traits=["empathy"],
        twin_key="emp-r1",
    )
    assert edited.pk == question.pk
    assert Questionnaire.objects.count() == versions
    assert edited.twin.key == "emp-r1"


def test_editing_an_answered_version_makes_a_new_one_and_old_responses_keep_theirs(
    questionnaire, recruiter, django_capture_on_commit_callbacks
):
    response = _start_a_response(questionnaire, recruiter)
    old = questionnaire.questions.get(key="emp-f1")
    edited = services.question_edit(
        question=old,
        edited_by=recruiter,
        text="I try to see a problem through the customer's eyes.",
        traits=["empathy"],
        twin_key="emp-r1",
    )
    v2 = edited.questionnaire  # the next version
    assert v2.version == questionnaire.version + 1
    assert v2.based_on == questionnaire
    assert v2.questions.count() == questionnaire.questions.count()
    old.refresh_from_db()
    assert old.text.startswith("When a customer is upset")  # v1 untouched
    assert edited.twin.questionnaire == v2
    assert edited.twin.twin == edited
    assert all(
        q.twin is None or q.twin.questionnaire_id == v2.pk
        for q in v2.questions.select_related("twin")
    )
    # Scenario options and block statements: 9 x 4 + 9 x 3, fillers and all.
    assert sum(len(q.options.all()) for q in v2.questions.all()) == 63
    assert [o.scores for q in v2.questions.filter(kind="block") for o in q.options.all()] == [
        o.scores for q in questionnaire.questions.filter(kind="block") for o in q.options.all()
    ]
    # The candidate who started on v1 finishes and is scored on v1's questions.
    v1_questions = services.active_questions(questionnaire)
    PassionTestResponse.objects.filter(pk=response.pk).update(
        started_at=timezone.now() - timedelta(minutes=30)
    )
    with django_capture_on_commit_callbacks(execute=True):
        result = services.passion_test_submit(
            response=response, questions=v1_questions, answers=answers_for(v1_questions)
        )
    assert result.submitted
    response.refresh_from_db()
    assert response.questionnaire == questionnaire
    assert response.scored_at
    # A candidate opening a link now gets v2; a second edit lands in v2 without a v3.
    assert _start_a_response(questionnaire, recruiter).questionnaire == v2
    services.question_set_retired(question=edited, changed_by=recruiter, retired=True)
    assert Questionnaire.objects.latest("version").version <= v2.version + 1


def test_only_the_current_version_can_be_edited(questionnaire, recruiter):
    _start_a_response(questionnaire, recruiter)
    question = questionnaire.questions.get(key="cur-f2")
    services.question_set_retired(question=question, changed_by=recruiter, retired=True)
    with pytest.raises(ValidationError, match="no longer the current version"):
        services.question_edit(
            question=question, edited_by=recruiter, text="x", traits=["curiosity"]
        )


def test_retired_questions_leave_the_test_and_can_come_back(questionnaire, recruiter):
    question = questionnaire.questions.get(key="why-2")
    services.question_set_retired(question=question, changed_by=recruiter, retired=True)
    assert question not in services.active_questions(questionnaire)
    services.question_set_retired(question=question, changed_by=recruiter, retired=False)
    assert question in services.active_questions(questionnaire)


def test_moving_swaps_with_the_neighbour_of_the_same_kind(questionnaire, recruiter):
    scenarios = list(questionnaire.questions.filter(kind="scenario").order_by("position"))
    services.question_move(question=scenarios[1], moved_by=recruiter, direction="up")
    order = list(questionnaire.questions.filter(kind="scenario").order_by("position"))
    assert order[:2] == [scenarios[1], scenarios[0]]
    # The first scenario cannot go further up (the last statement is not its neighbour).
    services.question_move(question=order[0], moved_by=recruiter, direction="up")
    assert list(questionnaire.questions.filter(kind="scenario").order_by("position")) == order
    with pytest.raises(ValidationError):
        services.question_move(question=order[0], moved_by=recruiter, direction="sideways")


def test_adding_questions_of_each_kind(questionnaire, recruiter):
    statement = services.question_add(
        questionnaire=questionnaire,
        added_by=recruiter,
        kind="likert",
        text="I avoid telling customers bad news.",
        traits=["courage"],
        reverse_keyed=True,
        twin_key="cou-f1",
    )
    assert statement.twin.key == "cou-f1"
    assert Question.objects.get(key="cou-f1", questionnaire=questionnaire).twin == statement
    scenario = services.question_add(
        questionnaire=questionnaire,
        added_by=recruiter,
        kind="scenario",
        text="A customer cries on the phone.",
        traits=["empathy"],
        options=OPTIONS,
    )
    assert [o.scores for o in scenario.options.all()] == [o.scores for o in OPTIONS]
    assert scenario.position == questionnaire.questions.order_by("-position").first().position


BLOCK = [
    services.OptionInput("I calm a worried customer before anything else.", {"empathy": 1}),
    services.OptionInput("I tell my manager when a policy hurts customers.", {"courage": 1}),
    services.OptionInput("I clear my queue faster than most of my team.", {}),
]


def test_adding_a_block_and_an_unlikely_virtue(questionnaire, recruiter):
    block = services.question_add(
        questionnaire=questionnaire,
        added_by=recruiter,
        kind="block",
        text="Which is most like you, and which least?",
        traits=["courage", "empathy"],
        options=BLOCK,
    )
    assert [o.scores for o in block.options.all()] == [{"empathy": 1}, {"courage": 1}, {}]
    assert [o.is_filler for o in block.options.all()] == [False, False, True]
    virtue = services.question_add(
        questionnaire=questionnaire,
        added_by=recruiter,
        kind="virtue",
        text="I have never once been late.",
        traits=[],
    )
    assert virtue.traits == []
    edited = services.question_edit(
        question=block,
        edited_by=recruiter,
        text=block.text,
        traits=["courage", "empathy"],
        options=[BLOCK[0], BLOCK[2], BLOCK[1]],
    )
    assert [o.scores for o in edited.options.all()] == [{"empathy": 1}, {}, {"courage": 1}]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"kind": "block", "traits": ["empathy", "courage"], "options": BLOCK[:2]},
            "3 statements",
        ),
        (
            {"kind": "block", "traits": ["empathy", "courage"], "options": [*BLOCK[:2], BLOCK[0]]},
            "one filler",
        ),
        (
            {"kind": "block", "traits": ["empathy", "curiosity"], "options": BLOCK},
            "one filler",
        ),
        ({"kind": "block", "traits": ["empathy"], "options": BLOCK}, "exactly two traits"),
        ({"kind": "virtue", "traits": ["empathy"]}, "measures no trait"),
        ({"kind": "scenario", "traits": ["empathy"], "options": OPTIONS[:2]}, "3 to 5 options"),
        ({"kind": "scenario", "traits": ["courage"], "options": OPTIONS}, "not tied to"),
        ({"kind": "likert", "traits": ["empathy", "courage"]}, "exactly one trait"),
        ({"kind": "likert", "traits": []}, "at least one trait"),
        ({"kind": "likert", "traits": ["courage"], "twin_key": "emp-r1"}, "same trait"),
        ({"kind": "likert", "traits": ["empathy"], "twin_key": "emp-f2"}, "keyed the other way"),
        ({"kind": "why", "traits": ["empathy"], "reverse_keyed": True}, "Only statements"),
    ],
    ids=[
        "block of two",
        "block without filler",
        "block off-trait",
        "block one trait",
        "virtue with trait",
        "two options",
        "option off-trait",
        "two traits",
        "no trait",
        "twin other trait",
        "twin same keying",
        "reverse why",
    ],
)
def test_bad_questions_are_refused_and_nothing_is_saved(questionnaire, recruiter, kwargs, message):
    before = Question.objects.count()
    with pytest.raises(ValidationError, match=message):
        services.question_add(
            questionnaire=questionnaire, added_by=recruiter, text="Some text", **kwargs
        )
    assert Question.objects.count() == before


def test_recruiters_add_blocks_and_virtues_through_the_editor(client, questionnaire, recruiter):
    from django.urls import reverse

    client.force_login(recruiter)
    url = reverse("candidates:question_create", args=["block"])
    assert "Nothing: the filler" in client.get(url).content.decode()
    data = {
        "text": "Which is most like you, and which least?",
        "traits": ["empathy", "courage"],
        "option_1_text": "I calm a worried customer first.",
        "option_1_trait": "empathy",
        "option_2_text": "I question a rule that hurts customers.",
        "option_2_trait": "courage",
        "option_3_text": "I clear my queue faster than most.",
        "option_3_trait": "",
    }
    before = Question.objects.count()
    wrong = client.post(url, {**data, "option_2_trait": ""})  # two fillers
    assert wrong.status_code == 200
    assert "one filler that scores nothing" in wrong.content.decode()
    assert Question.objects.count() == before
    assert client.post(url, data).status_code == 302
    block = Question.objects.get(kind="block", text=data["text"])
    assert [o.scores for o in block.options.all()] == [{"empathy": 1}, {"courage": 1}, {}]
    virtue_url = reverse("candidates:question_create", args=["virtue"])
    assert 'name="traits"' not in client.get(virtue_url).content.decode()
    assert client.post(virtue_url, {"text": "I have never been late."}).status_code == 302
    assert Question.objects.get(kind="virtue", text="I have never been late.").traits == []
    page = client.get(reverse("candidates:questionnaire")).content.decode()
    assert "Most and least like me" in page
    assert "Unlikely virtues" in page
