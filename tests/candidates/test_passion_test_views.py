"""The Passion Test in the browser's terms: the candidate's link pages and the recruiter's."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from candidates import services
from candidates.models import (
    Answer,
    Evidence,
    PageVisit,
    PassionTestInvitation,
    PassionTestResponse,
    Questionnaire,
    WhyRating,
)
from candidates.passion_test import paging, response_quality
from tests.factories import (
    ApplicationFactory,
    CandidateFactory,
    answers_for,
    page_form_data,
    take_passion_test,
)
from tests.pages import without_tokens

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(role):
    return ApplicationFactory(role=role, candidate__name="Ada Lovelace")


@pytest.fixture
def invitation(application, recruiter, questionnaire):
    return services.passion_test_invite(application=application, invited_by=recruiter)


@pytest.fixture
def url(invitation):
    return reverse("passion_test:take", args=[services.invitation_token(invitation)])


@pytest.fixture
def questions(questionnaire):
    return services.active_questions(questionnaire)


def page_url(url, page):
    return f"{url}p/{page}/"


def backdate(invitation, minutes=30):
    PassionTestResponse.objects.filter(invitation=invitation).update(
        started_at=timezone.now() - timedelta(minutes=minutes)
    )
    PageVisit.objects.filter(response__invitation=invitation).update(
        shown_at=F("shown_at") - timedelta(minutes=minutes)
    )


# -- The candidate's link ----------------------------------------------------------------------


def test_the_link_opens_the_first_page_without_an_account(client, url, questions):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == page_url(url, 1)
    assert response["Cache-Control"].startswith("max-age=0")
    response = client.get(response.url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Hello Ada Lovelace" in page
    assert "Page 1 of 9" in page
    assert "0</strong> of 78 answered" in page
    assert page.count('<fieldset class="card') == 11
    assert response["Cache-Control"].startswith("max-age=0")


def test_a_page_runs_a_fixed_number_of_queries(
    client, url, invitation, questions, django_assert_num_queries
):
    client.get(url)  # first open creates the response
    take_passion_test(client, url, answers_for(questions), upto=3)
    # The link with its response and progress (1), the pages shown (1), the showing timed
    # under the response's lock (2, in a savepoint pair here) and the page's saved answers (1);
    # the version's questions come from the per-process cache.
    with django_assert_num_queries(7):
        assert client.get(page_url(url, 3)).status_code == 200


@pytest.mark.parametrize(
    ("spoil", "status", "text"),
    [
        (lambda inv, token: token[:-3] + "abc", 404, "This link does not work"),
        (lambda inv, token: "garbage", 404, "This link does not work"),
        (
            lambda inv, token: (
                PassionTestInvitation.objects.filter(pk=inv.pk).update(
                    expires_at=timezone.now() - timedelta(minutes=1)
                )
                and token
            ),
            410,
            "has expired",
        ),
        (
            lambda inv, token: (
                PassionTestInvitation.objects.filter(pk=inv.pk).update(revoked_at=timezone.now())
                and token
            ),
            410,
            "was withdrawn",
        ),
    ],
    ids=["tampered", "garbage", "expired", "revoked"],
)
def test_links_that_cannot_be_used_say_why_with_a_4xx(client, invitation, spoil, status, text):
    token = spoil(invitation, services.invitation_token(invitation))
    for name, method, kwargs in (
        ("take", client.get, {}),
        ("page", client.get, {"page": 1}),
        ("page", client.post, {"page": 1}),
        ("page_save", client.post, {"page": 1}),
    ):
        response = method(reverse(f"passion_test:{name}", kwargs={"token": token} | kwargs))
        assert response.status_code == status
        assert text in response.content.decode()
    assert not Answer.objects.exists()


def test_another_candidates_invitation_id_in_my_link_is_refused(
    client, role, recruiter, invitation
):
    other = services.passion_test_invite(
        application=ApplicationFactory(role=role), invited_by=recruiter
    )
    mine = services.invitation_token(invitation)
    payload, rest = mine.split(":", 1)
    theirs = services.invitation_token(other).split(":", 1)[0]
    response = client.get(reverse("passion_test:take", args=[f"{theirs}:{rest}"]))
    assert response.status_code == 404
    assert "Ada" not in without_tokens(response)


def test_autosave_saves_the_page_and_reports_progress_and_bad_answers(client, url, questions):
    client.get(url, follow=True)
    save = page_url(url, 1) + "save/"
    first, second = questions[0], questions[1]
    response = client.post(save, {f"q{first.pk}": "4"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "1</strong> of 78 answered" in response.content.decode()
    response = client.post(save, {f"q{second.pk}": "7"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    assert "Question 2: Choose one of 1-5." in response.content.decode()
    assert list(Answer.objects.values_list("question_id", "likert")) == [(first.pk, 4)]
    # Without htmx (no JavaScript) the save still happens and the page comes back.
    plain = client.post(save, {f"q{first.pk}": "5"})
    assert plain.status_code == 302
    assert plain.url == page_url(url, 1)
    assert Answer.objects.get(question=first).likert == 5
    client.post(save, {f"q{first.pk}": "4"}, HTTP_HX_REQUEST="true")
    # Reloading the page shows the saved answer.
    assert (
        f'id="q{first.pk}-4" value="4" autocomplete="off" checked'
        in client.get(page_url(url, 1)).content.decode()
    )


def test_next_with_missing_and_too_long_answers_says_which_and_saves_the_rest(
    client, url, questions
):
    answers = answers_for(questions)
    why = [q for q in questions if q.kind == "why"]
    answers[str(why[0].pk)] = "y" * 3001
    del answers[str(why[1].pk)]
    response = take_passion_test(client, url, answers)
    assert response.status_code == 422
    page = response.content.decode()
    assert "Page 8 of 9" in page
    assert "Some answers on this page could not be saved" in page
    assert f'href="#q{why[0].pk}-text">Question 75: Please keep this answer under 3000' in page
    assert "Please keep this answer under 3000 characters (it has 3001)." in page
    assert "y" * 3001 in page  # what they typed is still in the box
    assert Answer.objects.count() == 74
    # With the long answer fixed, the missing one is what stops Next.
    answers[str(why[0].pk)] = "Short."
    db_response = PassionTestResponse.objects.get()
    data = page_form_data(db_response, why[:2], answers) | {"go": "next"}
    page = client.post(page_url(url, 8), data).content.decode()
    assert "1 question on this page still needs an answer" in page
    assert f'href="#q{why[1].pk}-text">Question 76: Please write an answer' in page
    assert Answer.objects.count() == 75
    assert not PassionTestResponse.objects.filter(submitted_at__isnull=False).exists()


def test_submitting_once_then_the_link_only_says_already_submitted(
    client, url, invitation, questions, django_capture_on_commit_callbacks
):
    answers = answers_for(questions)
    take_passion_test(client, url, answers, upto=9)
    backdate(invitation)
    with django_capture_on_commit_callbacks(execute=True):
        response = take_passion_test(client, url, answers)
    assert response.status_code == 302
    page = client.get(url)
    assert page.status_code == 200
    assert "already been submitted" in page.content.decode()
    # A double submit and a late autosave change nothing; the pages lead to the thank-you.
    db_response = PassionTestResponse.objects.get()
    last = paging.response_pages(db_response)[-1]
    other = page_form_data(db_response, last, answers_for(questions, why="Changed."))
    assert client.post(page_url(url, 9), other | {"go": "submit"}).status_code == 409
    save = page_url(url, 9) + "save/"
    assert client.post(save, other, HTTP_HX_REQUEST="true").status_code == 409
    assert client.get(page_url(url, 1)).url == url
    assert PassionTestResponse.objects.count() == 1
    assert not Answer.objects.filter(text="Changed.").exists()
    assert sorted(
        Answer.objects.filter(question__kind="likert").values_list("likert", flat=True)
    ) == sorted(int(answers[str(q.pk)]) for q in questions if q.kind == "likert")
    db_response.refresh_from_db()
    assert db_response.scored_at is not None  # eager Celery scored it after commit


def test_submitting_still_works_after_the_link_would_have_expired_only_to_show_done(
    client, url, invitation, questions
):
    take_passion_test(client, url, answers_for(questions))
    PassionTestInvitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(days=1)
    )
    assert "already been submitted" in client.get(url).content.decode()


# -- The recruiter's side ----------------------------------------------------------------------


@pytest.fixture
def scored(client, url, invitation, questions, django_capture_on_commit_callbacks):
    answers = answers_for(questions, why="<script>alert('x')</script> I <b>care</b>.")
    take_passion_test(client, url, answers, upto=9)
    backdate(invitation)
    with django_capture_on_commit_callbacks(execute=True):
        take_passion_test(client, url, answers)
    return PassionTestResponse.objects.get()


def test_results_show_the_radar_flags_and_escaped_why_answers(
    client, recruiter, scored, application, django_assert_max_num_queries
):
    client.force_login(recruiter)
    detail = reverse("hiring:application_detail", args=[application.pk])
    # One more since tags: the candidate's tags on their page.
    with django_assert_max_num_queries(15):
        response = client.get(detail)
    page = response.content.decode()
    assert 'id="trait-radar"' in page
    assert 'id="trait-chart-data"' in page
    assert "chart.umd.min.js" in page
    assert "No quality flags" in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; I &lt;b&gt;care&lt;/b&gt;." in page
    assert "<script>alert" not in page
    assert page.count("Save rating") == 4


def test_a_flagged_response_shows_its_flags(
    client, recruiter, url, questions, application, django_capture_on_commit_callbacks
):
    # Submitted seconds after opening, and all "5"
    answers = answers_for(questions) | {str(q.pk): "5" for q in questions if q.kind == "likert"}
    with django_capture_on_commit_callbacks(execute=True):
        take_passion_test(client, url, answers)
    client.force_login(recruiter)
    page = client.get(reverse("hiring:application_detail", args=[application.pk])).content.decode()
    for label in ("Same answer many times in a row", "Pages answered faster than they can be read"):
        assert label in page
    # What was measured, with the thresholds from the scorer, and what a flag does not prove.
    assert f"statements (flagged from {response_quality.RUN_FLAG})" in page
    assert "Only time on each page counts" in page


def test_a_recruiter_reading_spanish_gets_the_flags_and_measurements_in_spanish(
    client, recruiter, url, questions, application, django_capture_on_commit_callbacks
):
    answers = answers_for(questions) | {str(q.pk): "5" for q in questions if q.kind == "likert"}
    with django_capture_on_commit_callbacks(execute=True):
        take_passion_test(client, url, answers)
    recruiter.language = "es"
    recruiter.save()
    client.force_login(recruiter)
    page = client.get(reverse("hiring:application_detail", args=[application.pk])).content.decode()
    assert "La misma respuesta muchas veces seguidas" in page
    assert 'data-all-label="Todas las evidencias"' in page  # the radar's legend
    # Only the timeline's record of it stays English (records are read by everyone later).
    assert page.count("Same answer many times in a row") == 1
    assert "Passion Test scored; review the test" in page
    assert "Solo cuenta el tiempo en cada página" in page  # what the flag does not prove
    assert f"afirmaciones (se marca a partir de {response_quality.RUN_FLAG})" in page
    assert "Longest run of identical answers" not in page
    # The record stays English: the stored flag, which exports and the API read.
    flags = application.passion_test_invitations.get().response.flags
    assert "Same answer many times in a row" in [flag["label"] for flag in flags]


def test_the_roles_hiring_manager_reads_results_but_cannot_rate(
    client, hiring_manager, scored, application
):
    client.force_login(hiring_manager)
    page = client.get(reverse("hiring:application_detail", args=[application.pk]))
    assert page.status_code == 200
    assert "Save rating" not in page.content.decode()
    answer = Answer.objects.filter(question__kind="why").first()
    rate = reverse("candidates:why_answer_rate", args=[application.pk, answer.pk])
    assert client.post(rate, {f"why{answer.pk}-empathy": "4"}).status_code == 403


def test_rating_a_why_answer_saves_evidence_and_bad_ratings_are_refused(
    client, recruiter, scored, application
):
    client.force_login(recruiter)
    answer = Answer.objects.get(question__key="why-1")
    rate = reverse("candidates:why_answer_rate", args=[application.pk, answer.pk])
    response = client.post(rate, {f"why{answer.pk}-empathy": "4"}, follow=True)
    assert "Rating saved" in response.content.decode()
    assert Evidence.objects.get(origin=f"passion_test:why:{answer.pk}").value == 75.0
    for bad in ({f"why{answer.pk}-empathy": "9"}, {}):
        page = client.post(rate, bad, follow=True).content.decode()
        assert "Choose" in page
    assert WhyRating.objects.get().rating == 4
    # Another application's answer cannot be rated through this one's URL.
    other = ApplicationFactory(role=application.role)
    wrong = reverse("candidates:why_answer_rate", args=[other.pk, answer.pk])
    assert client.post(wrong, {f"why{answer.pk}-empathy": "1"}).status_code == 404


def test_send_resend_and_withdraw_from_the_application_page(
    client, recruiter, application, questionnaire, django_capture_on_commit_callbacks
):
    client.force_login(recruiter)
    send = reverse("candidates:passion_test_send", args=[application.pk])
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(send, follow=True).content.decode()
    assert "Passion Test sent to" in page
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(send, follow=True).content.decode()
    assert "Passion Test sent again" in page
    assert len(mail.outbox) == 2
    assert mail.outbox[0].body.split("http")[1] == mail.outbox[1].body.split("http")[1]
    page = client.post(
        reverse("candidates:passion_test_revoke", args=[application.pk]), follow=True
    ).content.decode()
    assert "no longer opens" in page
    assert PassionTestInvitation.objects.get().is_revoked


def test_bulk_send_from_the_role_page(
    client, recruiter, role, questionnaire, django_capture_on_commit_callbacks
):
    client.force_login(recruiter)
    ok = ApplicationFactory(role=role)
    refused = ApplicationFactory(
        role=role, candidate=CandidateFactory(consent_to_contact=False, name="Quiet Person")
    )
    elsewhere = ApplicationFactory()  # another role's application is ignored
    send = reverse("candidates:passion_test_send_many", args=[role.pk])
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(
            send, {"application": [ok.pk, refused.pk, elsewhere.pk, "x"]}, follow=True
        ).content.decode()
    assert "Passion Test sent to 1 candidate." in page
    assert "Not sent to Quiet Person" in page
    assert [m.to for m in mail.outbox] == [[ok.candidate.email]]
    assert "Select at least one" in client.post(send, {}, follow=True).content.decode()


def test_role_page_shows_test_status_in_a_fixed_number_of_queries(
    client, recruiter, role, questionnaire, django_assert_max_num_queries
):
    for _ in range(20):
        services.passion_test_invite(
            application=ApplicationFactory(role=role), invited_by=recruiter
        )
    client.force_login(recruiter)
    # One more than before the careers page: whose share link each applicant came by; four
    # more: the candidates' tags, the tag filter's choices, saved views, the bulk bar's wordings.
    with django_assert_max_num_queries(13):
        page = client.get(role.get_absolute_url()).content.decode()
    assert page.count(">Sent</span>") == 20


# -- Managing the questionnaire ---------------------------------------------------------------


def test_questionnaire_page_lists_every_question_in_a_fixed_number_of_queries(
    client, recruiter, questionnaire, django_assert_max_num_queries
):
    client.force_login(recruiter)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("candidates:questionnaire")).content.decode()
    assert page.count('class="list-group-item py-3') == 78
    assert "v2 · current" in page


def test_editing_an_answered_question_in_the_browser_creates_a_version(
    client, recruiter, questionnaire, invitation
):
    services.passion_test_open(invitation=invitation)
    client.force_login(recruiter)
    question = questionnaire.questions.get(key="why-3")
    edit = reverse("candidates:question_edit", args=[question.pk])
    assert "saving creates version 3" in client.get(edit).content.decode()
    response = client.post(
        edit, {"text": "Why do you dig for causes?", "traits": ["curiosity"]}, follow=True
    )
    page = response.content.decode()
    assert "created version 3" in page
    assert "v3 · current" in page
    assert Questionnaire.objects.get(version=3).questions.get(key="why-3").text == (
        "Why do you dig for causes?"
    )


def test_a_scenario_with_too_few_options_shows_the_error_and_saves_nothing(
    client, recruiter, questionnaire
):
    client.force_login(recruiter)
    before = questionnaire.questions.count()
    response = client.post(
        reverse("candidates:question_create", args=["scenario"]),
        {
            "text": "A customer calls angry.",
            "traits": ["empathy"],
            "option_1_text": "Listen",
            "option_1_empathy": "5",
            "option_2_text": "Hang up",
            "option_2_empathy": "1",
            "option_3_text": "No score here",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Score this option on at least one trait." in page
    assert questionnaire.questions.count() == before
    del_data = {
        "text": "A customer calls angry.",
        "traits": ["empathy"],
        "option_1_text": "Listen",
        "option_1_empathy": "5",
    }
    page = client.post(
        reverse("candidates:question_create", args=["scenario"]), del_data
    ).content.decode()
    assert "A scenario needs 3 to 5 options (it has 1)." in page
    assert client.get(reverse("candidates:question_create", args=["essay"])).status_code == 404


def test_consistency_page_waits_for_enough_responses_then_shows_alpha(
    client, recruiter, role, questionnaire, questions
):
    client.force_login(recruiter)
    url = reverse("candidates:questionnaire_consistency", args=[questionnaire.version])
    assert "Not enough responses yet" in client.get(url).content.decode()
    import random

    rng = random.Random(4)
    for _ in range(22):
        invitation = services.passion_test_invite(
            application=ApplicationFactory(role=role), invited_by=recruiter
        )
        response = services.passion_test_open(invitation=invitation)
        level = rng.randint(2, 4)
        answers = answers_for(questions, level=level)
        for q in questions:  # some honest noise around the level
            if q.kind == "likert" and rng.random() < 0.3:
                answers[str(q.pk)] = str(
                    min(5, max(1, int(answers[str(q.pk)]) + rng.choice([-1, 1])))
                )
        services.passion_test_submit(response=response, questions=questions, answers=answers)
    page = client.get(url).content.decode()
    assert "Not enough responses" not in page
    assert page.count("α = ") == 6
    assert "22 responses used of 22 submitted" in page
