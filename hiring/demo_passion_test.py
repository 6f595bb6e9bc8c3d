"""The demo's Passion Test story: links out for candidates at the test stage, half-done tests,
and scored responses (a few flagged) for those further on, each "why" answer written for its
own question. Nobody is emailed; the timeline (demo_timeline) dates it all afterwards."""

import random
from datetime import timedelta

from django.utils import timezone

from candidates import services
from candidates.models import (
    Answer,
    Application,
    PassionTestInvitation,
    PassionTestResponse,
    Stage,
)
from passionhire.traits import Trait

# The answers to each "why" question (candidates/passion_test/content.py, WHY_PROMPTS), keyed
# by the question's key, so an answer always tells the story its question asks for.
WHY_ANSWERS = {
    # A time you went further than you had to for someone; why it was worth it.
    "why-1": (
        "A customer's shop card reader failed on a Saturday. I drove the spare over myself, "
        "because I knew Saturday was most of her week's takings.",
        "A student could not get into his exam portal the night before the deadline. I stayed "
        "on the chat past my shift until it worked, because missing it would have cost him a "
        "term.",
        "An older customer kept calling about the same bill. I printed it, marked the lines "
        "that mattered and posted it to her; it was worth it because she stopped feeling "
        "foolish for asking.",
    ),
    # A time you disagreed with a decision because of how it would affect someone.
    "why-2": (
        "I told my manager the new refund rule would hit our oldest customers hardest. I was "
        "nervous, but staying quiet would have meant letting them down.",
        "Our team decided to close tickets after two days without a reply. I disagreed, "
        "because customers in hospital or on holiday would lose their place, and I said so in "
        "the planning meeting.",
        "I disagreed with cutting weekend phone support but kept quiet, and I regret it: small "
        "shop owners lost their only free time to call. Now I speak up early.",
    ),
    # A problem you kept digging into after others had stopped.
    "why-3": (
        "The same sync error kept coming back, so I logged every case for two weeks until I "
        "found the time-zone bug behind it. I hate fixing the same thing twice.",
        "A few customers' invoices were off by a cent. Everyone called it rounding; I compared "
        "a hundred of them and found we rounded twice. I kept digging because the next "
        "customer would have hit it too.",
        "One customer's exports failed on Mondays only. I kept notes for a month until I saw "
        "the weekend backup was locking the file; finding the real cause meant we stopped "
        "apologising.",
    ),
    # A relationship with a customer, colleague or community built over time.
    "why-4": (
        "I still send a note to a customer I helped through a hard launch three years ago; "
        "people remember who stood by them.",
        "I started a monthly call with a volunteer group that used our product. Over two years "
        "they became our best testers, because they knew we would listen.",
        "A new colleague next to me was struggling, so I had lunch with her every week for a "
        "year. She trains new starters herself now, which is why I invested the time.",
    ),
}


def seed_passion_test(application: Application, recruiter, rng: random.Random) -> None:
    """Give the application its Passion Test (if its stage has one). Nobody is emailed."""
    if application.stage == Stage.APPLIED or application.passion_test_invitations.exists():
        return
    questionnaire = services.current_questionnaire()
    if questionnaire is None:
        return
    now = timezone.now()
    invitation = PassionTestInvitation.objects.create(
        application=application,
        created_by=recruiter,
        expires_at=now + timedelta(days=10),
        send_count=1,
        last_sent_at=now,
    )
    if application.stage == Stage.PASSION_TEST and rng.random() < 0.6:
        return  # sent, not opened yet
    questions = services.active_questions(questionnaire)
    submitted = application.stage != Stage.PASSION_TEST
    faker = submitted and rng.random() < 0.15
    minutes = rng.uniform(2, 4) if faker else rng.uniform(12, 35)
    response = PassionTestResponse.objects.create(
        invitation=invitation,
        application=application,
        questionnaire=questionnaire,
        started_at=now - timedelta(minutes=minutes),
        submitted_at=now if submitted else None,
    )
    levels = {trait: min(4.8, max(1.5, rng.gauss(3.4, 0.6))) for trait in Trait.values}
    answers = []
    for number, question in enumerate(questions):
        if not submitted and number > len(questions) // 2:
            break  # halfway through
        answer = _answer(response, question, levels, faker, rng)
        if answer is not None:
            answers.append(answer)
    Answer.objects.bulk_create(answers)
    if submitted:
        services.passion_test_score(response_id=response.pk)
        response.refresh_from_db(fields=["review"])
        if response.review == PassionTestResponse.Review.PENDING and application.is_active:
            # Further on already: a recruiter looked at the flags and accepted the test.
            services.passion_test_review_accept(response=response, reviewed_by=recruiter)
        services.application_refresh_composite(application_id=application.pk)


def _answer(response, question, levels: dict, faker: bool, rng: random.Random) -> Answer | None:
    if question.kind == "likert":
        keyed = 4 if faker else round(min(5, max(1, rng.gauss(levels[question.trait], 0.7))))
        value = 6 - keyed if question.reverse_keyed and not faker else keyed
        return Answer(response=response, question=question, likert=value)
    if question.kind == "scenario":
        option = min(
            question.options.all(),
            key=lambda o: sum(abs(v - levels[t]) for t, v in o.scores.items()) + rng.random(),
        )
        return Answer(response=response, question=question, option=option)
    if question.kind == "block":
        # Most and least like them: the trait statements by their level, a filler as average.
        options = sorted(
            question.options.all(),
            key=lambda o: -(sum((levels[t] - 3.3) / 0.6 for t in o.scores) + rng.gauss(0, 1)),
        )
        return Answer(
            response=response, question=question, option=options[0], option_least=options[-1]
        )
    if question.kind == "virtue":
        value = round(min(5, max(1, rng.gauss(3.6 if faker else 1.9, 0.7))))
        return Answer(response=response, question=question, likert=value)
    stories = WHY_ANSWERS.get(question.key)
    if not stories:
        return None  # a why question written in this installation: no story of ours fits it
    return Answer(response=response, question=question, text=rng.choice(stories))
