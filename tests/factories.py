"""factory_boy factories for the test suite."""

from datetime import UTC, datetime, timedelta

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from candidates.models import Application, Candidate, Role
from passionhire.permissions import COMPLIANCE, EMPLOYEE, HIRING_MANAGER, RECRUITER

PASSWORD = "correct-horse-battery"


def with_roles(*default_roles: str):
    """A post-generation hook that puts the user in staff groups (UserFactory(roles=[...])
    overrides the default) and saves the password set just before."""

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create:
            names = extracted if extracted is not None else default_roles
            # get_or_create: transactional tests (live server, worker) flush the groups that
            # the data migration made.
            self.groups.add(*(Group.objects.get_or_create(name=name)[0] for name in names))
            self.save()

    return roles


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@staff.example.com")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    roles = with_roles()


class RecruiterFactory(UserFactory):
    roles = with_roles(RECRUITER)


class HiringManagerFactory(UserFactory):
    roles = with_roles(HIRING_MANAGER)


class EmployeeFactory(UserFactory):
    roles = with_roles(EMPLOYEE)


class ComplianceFactory(UserFactory):
    roles = with_roles(COMPLIANCE)


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role

    title = factory.Sequence(lambda n: f"Support Specialist {n}")
    team = "Customer Support"
    description = "Help customers."
    hiring_manager = factory.SubFactory(HiringManagerFactory)


class CandidateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Candidate

    name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"candidate{n}@example.com")
    consent_to_contact = True


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    candidate = factory.SubFactory(CandidateFactory)
    role = factory.SubFactory(RoleFactory)


# --- The Passion Test -----------------------------------------------------------------------


def answers_for(questions, *, level: int = 4, why: str = "Because the customer mattered.") -> dict:
    """Service answers ({question id: raw value}) of a consistent candidate at `level` (1-5)
    on every trait: reverse-keyed statements get the mirrored answer, scenarios the first
    option that scores `level` or the closest, blocks the pair (first scored statement as most
    like me, the last other one as least), unlikely virtues a modest 2, why questions `why`.
    `page_form_data` turns them into what a page's form posts."""
    answers = {}
    for question in questions:
        if question.kind == "likert":
            answers[str(question.pk)] = str(6 - level if question.reverse_keyed else level)
        elif question.kind == "virtue":
            answers[str(question.pk)] = "2"
        elif question.kind == "scenario":
            options = list(question.options.all())
            best = min(options, key=lambda o: abs(sum(o.scores.values()) / len(o.scores) - level))
            answers[str(question.pk)] = str(best.pk)
        elif question.kind == "block":
            options = list(question.options.all())
            most = next((o for o in options if o.scores), options[0])
            least = [o for o in options if o.pk != most.pk][-1]
            answers[str(question.pk)] = (str(most.pk), str(least.pk))
        else:
            answers[str(question.pk)] = why
    return answers


def page_form_data(response, questions, answers: dict) -> dict:
    """The fields a page's form posts for `answers` (as `answers_for` gives them) to those of
    `questions` they cover: options by the response's tokens, a block as most and least."""
    from candidates.passion_test.pages import option_token

    data = {}
    for question in questions:
        value = answers.get(str(question.pk))
        if value is None:
            continue
        name = f"q{question.pk}"
        if question.kind == "block":
            data[f"{name}-most"] = option_token(response.pk, int(value[0]))
            data[f"{name}-least"] = option_token(response.pk, int(value[1]))
        elif question.kind == "scenario":
            data[name] = option_token(response.pk, int(value))
        else:
            data[name] = value
    return data


def take_passion_test(client, link: str, answers: dict, *, upto=None, go="submit"):
    """Take the test through its pages as a browser without JavaScript would: open the link,
    post each page's answers with Next and the last page's with `go` (submit). Stops before
    page `upto` if given, or at the first page that does not move on. Returns the last
    response. The link's invitation must have the only response in the database."""
    from candidates.models import PassionTestResponse
    from candidates.passion_test import paging

    response = client.get(link, follow=True)
    db_response = PassionTestResponse.objects.get()
    pages = paging.response_pages(db_response)
    for number, questions in enumerate(pages, start=1):
        if upto is not None and number == upto:
            return response
        data = page_form_data(db_response, questions, answers)
        action = go if number == len(pages) else "next"
        response = client.post(f"{link}p/{number}/", data | {"go": action})
        if response.status_code != 302:
            return response
        if number < len(pages):
            client.get(response.url)
    return response


PASSION_TRAITS = [
    "empathy",
    "commitment",
    "curiosity",
    "attention_to_detail",
    "connection",
    "courage",
]
BLOCK_PROMPT = "Which of these is most like you, and which least?"


def questionnaire_with_blocks():
    """A new current version with every kind of question, paged as: page 1 = six statements,
    a forced-choice block and a scenario; page 2 = six statements, an unlikely virtue and a
    block; page 3 = two why questions."""
    from candidates.models import Question, Questionnaire, ScenarioOption

    version = (
        Questionnaire.objects.order_by("-version").values_list("version", flat=True).first() or 0
    ) + 1
    test = Questionnaire.objects.create(version=version, title="The Passion Test")
    position = 0

    def add(kind, text, traits=(), options=()):
        nonlocal position
        position += 1
        question = Question.objects.create(
            questionnaire=test,
            key=f"{kind}-{position}",
            kind=kind,
            position=position,
            text=text,
            traits=list(traits),
        )
        for i, (option_text, scores) in enumerate(options):
            ScenarioOption.objects.create(
                question=question, position=i, text=option_text, scores=scores
            )
        return question

    for i in range(6):
        add("likert", f"Statement {i + 1}.", [PASSION_TRAITS[i]])
    add(
        "block",
        BLOCK_PROMPT,
        options=[
            ("I notice how a customer feels before they say it.", {"empathy": 5}),
            ("I ask why until I understand.", {"curiosity": 5}),
            ("I keep my desk tidy.", {}),
        ],
    )
    add(
        "scenario",
        "A customer is angry about a late delivery.",
        ["empathy"],
        options=[
            ("Listen first.", {"empathy": 5}),
            ("Quote the policy.", {"empathy": 1}),
            ("Escalate.", {"empathy": 3}),
        ],
    )
    for i in range(6):
        add("likert", f"Statement {i + 7}.", [PASSION_TRAITS[i]])
    add("virtue", "I have never lost my patience with anyone.")
    add(
        "block",
        BLOCK_PROMPT,
        options=[
            ("I finish what I start.", {"commitment": 5}),
            ("I say so when something is wrong.", {"courage": 5}),
            ("I like a good lunch.", {}),
        ],
    )
    add("why", "Why do you work with customers?", ["empathy"])
    add("why", "Why does detail matter?", ["attention_to_detail"])
    return test


def translate(questionnaire, language: str = "es", *, mark: str = "[es]", publish: bool = True):
    """A complete translation of `questionnaire` into `language`, each text the English with
    `mark` in front (so a page shows which it reads), published unless `publish` is False."""
    from candidates.passion_test.translation_models import option_slot
    from candidates.passion_test.translations import translation_publish, translation_save

    texts, options = {}, {}
    for question in questionnaire.questions.prefetch_related("options"):
        texts[question.key] = f"{mark} {question.text}"
        for option in question.options.all():
            options[option_slot(question.key, option.position)] = f"{mark} {option.text}"
    translation = translation_save(
        questionnaire=questionnaire,
        language=language,
        saved_by=None,
        title=f"{mark} {questionnaire.title}",
        intro=f"{mark} {questionnaire.intro}" if questionnaire.intro else "",
        texts=texts,
        options=options,
    )
    if publish:
        translation_publish(translation=translation, published_by=None)
    return translation


# --- Interviews -----------------------------------------------------------------------------


def values_interview_offered(
    application,
    created_by,
    *,
    interviewers=None,
    days=(3, 4),
    location="Sala Ada",
    time_zone="Europe/Madrid",
    start=None,
):
    """A values interview offered to `application` at a time `days` from `start` (now)."""
    from datetime import timedelta

    from django.utils import timezone

    from interviews import services as interview_services

    start = start or timezone.now()
    return interview_services.interview_schedule(
        application=application,
        kind="values",
        interviewers=interviewers or [created_by],
        slots=[start + timedelta(days=d) for d in days],
        duration_minutes=45,
        location=location,
        time_zone=time_zone,
        created_by=created_by,
    )


def weekday_afternoon() -> datetime:
    """The latest 15:00 UTC on a weekday that has passed. Nags skip weekends and count days in
    UTC, so "an interview that ended two hours ago" is only nagged the same day when it ended
    on a weekday afternoon: tests set the clock here instead of whenever the suite runs."""
    now = datetime.now(UTC)
    day = now.replace(hour=15, minute=0, second=0, microsecond=0)
    if day > now:
        day -= timedelta(days=1)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def held_interview(
    *, application, interviewers, created_by, kind="values", started=None, duration=60
):
    """An interview scheduled the way a user would (offered, picked by the candidate), then
    moved to `started` (default: an hour ago) as if the time had passed. started=False keeps
    it in the future."""
    from datetime import timedelta

    from django.utils import timezone

    from interviews import services
    from interviews.models import Booking, Interview

    start = timezone.now().replace(microsecond=0) + timedelta(days=2)
    interview = services.interview_schedule(
        application=application,
        kind=kind,
        interviewers=interviewers,
        slots=[start],
        duration_minutes=duration,
        location="Room Ada, 3rd floor",
        time_zone="Europe/Berlin",
        created_by=created_by,
    )
    services.interview_pick_slot(interview=interview, slot_id=interview.slots.get().pk)
    if started is not False:
        started = started or timezone.now().replace(microsecond=0) - timedelta(hours=1)
        Interview.objects.filter(pk=interview.pk).update(starts_at=started)
        Booking.objects.filter(interview=interview).update(
            starts_at=started, ends_at=started + timedelta(minutes=duration)
        )
    interview.refresh_from_db()
    return interview
