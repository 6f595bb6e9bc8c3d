"""The Passion Test page by page: how questions are paged, shuffled and named, what the server
times, and every way a page post can be wrong (refused with a 4xx, never half-saved)."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from candidates import services
from candidates.models import (
    Answer,
    PageVisit,
    PassionTestResponse,
)
from candidates.passion_test import paging, scoring
from candidates.passion_test.pages import (
    QUESTIONS_PER_PAGE,
    option_from_token,
    option_order_seed,
    option_token,
    passion_test_pages,
    shuffled_options,
)
from tests.factories import (
    BLOCK_PROMPT,
    ApplicationFactory,
    answers_for,
    page_form_data,
    questionnaire_with_blocks,
)

pytestmark = pytest.mark.django_db


def kinds(*spec):
    """Fake questions: kinds("likert", 3, "why", 1) -> 3 statements then a why."""
    out = []
    for kind, count in zip(spec[::2], spec[1::2], strict=True):
        out += [SimpleNamespace(kind=kind, id=len(out) + i) for i in range(count)]
    return out


# -- Pure functions ----------------------------------------------------------------------------


def test_the_v1_test_is_five_pages_of_eleven_or_twelve_then_two_why_pages():
    questions = kinds("likert", 48, "scenario", 9, "why", 4)
    pages = passion_test_pages(questions)
    assert [len(p) for p in pages] == [12, 12, 11, 11, 11, 2, 2]
    assert [q for p in pages for q in p] == questions  # order kept


def test_why_questions_go_last_on_their_own_pages_whatever_their_position():
    questions = kinds("why", 1, "likert", 5, "block", 2, "why", 2, "virtue", 3, "scenario", 2)
    pages = passion_test_pages(questions)
    assert [{q.kind for q in p} == {"why"} for p in pages] == [False, True, True]
    assert [q.id for q in pages[0]] == [q.id for q in questions if q.kind != "why"]
    assert [q.id for p in pages[1:] for q in p] == [0, 8, 9]


@pytest.mark.parametrize("count", range(8, 130))
def test_every_page_has_eight_to_twelve_questions(count):
    pages = passion_test_pages(kinds("likert", count))
    assert max(len(p) for p in pages) <= QUESTIONS_PER_PAGE == 12
    # 13 to 15 questions cannot make pages of 8-12: one page too long or two of 6-8.
    assert min(len(p) for p in pages) >= (6 if 13 <= count <= 15 else 8)


def test_an_empty_test_has_no_pages():
    assert passion_test_pages([]) == []


def test_options_are_shuffled_per_response_and_stable_across_reloads():
    options = [SimpleNamespace(pk=pk) for pk in range(100, 105)]
    seed = option_order_seed(7, "nonce-a")
    first = shuffled_options(seed, options)
    assert sorted(o.pk for o in first) == [o.pk for o in options]
    assert shuffled_options(seed, list(reversed(options))) == first
    orders = {
        tuple(o.pk for o in shuffled_options(option_order_seed(r, "n"), options)) for r in range(20)
    }
    assert len(orders) > 5  # other candidates see other orders


def test_option_tokens_are_per_response_and_never_the_database_id():
    options = [SimpleNamespace(pk=pk) for pk in (11, 12, 13)]
    mine = [option_token(1, o.pk) for o in options]
    theirs = [option_token(2, o.pk) for o in options]
    assert len(set(mine)) == 3
    assert not set(mine) & set(theirs)
    assert all(len(token) == 10 for token in mine)
    assert option_token(1, 11) == mine[0]  # stable
    assert option_from_token(1, options, mine[1]) is options[1]
    for wrong in (theirs[1], "12", 12, "", None, mine[1] + "x"):
        assert option_from_token(1, options, wrong) is None


# -- A small test with blocks and an unlikely virtue -------------------------------------------


@pytest.fixture
def small_test(db):
    """The next version: page 1 = six statements, a block and a scenario; page 2 = six
    statements, an unlikely virtue and a block; page 3 = two why questions."""
    return questionnaire_with_blocks()


@pytest.fixture
def link(small_test, role, recruiter):
    application = ApplicationFactory(role=role, candidate__name="Ada Lovelace")
    invitation = services.passion_test_invite(application=application, invited_by=recruiter)
    return reverse("passion_test:take", args=[services.invitation_token(invitation)])


@pytest.fixture
def opened(client, link):
    """The candidate opened the link (page 1 is on screen): (response, pages, answers)."""
    assert client.get(link, follow=True).status_code == 200
    response = PassionTestResponse.objects.get()
    pages = paging.response_pages(response)
    return response, pages, answers_for([q for p in pages for q in p])


def post_page(client, link, number, data, go="next"):
    return client.post(f"{link}p/{number}/", data | {"go": go})


def test_the_small_test_is_three_pages_in_its_order(opened, small_test):
    response, pages, _ = opened
    assert [[q.kind for q in p] for p in pages] == [
        ["likert"] * 6 + ["block", "scenario"],
        ["likert"] * 6 + ["virtue", "block"],
        ["why", "why"],
    ]


def test_a_block_is_a_fieldset_of_three_statements_with_most_and_least_by_token(
    client, link, opened
):
    response, pages, _ = opened
    block = pages[0][6]
    page = client.get(f"{link}p/1/").content.decode()
    legend = '<legend class="fs-6 fw-semibold mb-3"><span class="text-body-secondary me-1">7.'
    assert f"{legend}</span> <bdi>{BLOCK_PROMPT}</bdi></legend>" in page
    for option in block.options.all():
        token = option_token(response.pk, option.pk)
        assert f'name="q{block.pk}-most" id="q{block.pk}-most-{token}" value="{token}"' in page
        assert f'name="q{block.pk}-least" id="q{block.pk}-least-{token}" value="{token}"' in page
        assert f"Most like me: {option.text}" in page
        assert f'value="{option.pk}"' not in page
    # The order is the response's own, the same on every showing.
    seed = option_order_seed(response.pk, response.invitation.nonce)
    expected = [o.text for o in shuffled_options(seed, list(block.options.all()))]
    assert [page.index(f"Least like me: {text}") for text in expected] == sorted(
        page.index(f"Least like me: {text}") for text in expected
    )
    assert client.get(f"{link}p/1/").content.decode().count("Most like me:") == 3


def test_next_saves_statements_blocks_scenarios_and_virtues_and_moves_on(client, link, opened):
    response, pages, answers = opened
    reply = post_page(client, link, 1, page_form_data(response, pages[0], answers))
    assert reply.status_code == 302
    assert reply.url == f"{link}p/2/"
    assert client.get(reply.url).status_code == 200
    reply = post_page(client, link, 2, page_form_data(response, pages[1], answers))
    assert reply.url == f"{link}p/3/"
    block, virtue = pages[1][7], pages[1][6]
    saved = Answer.objects.get(question=block)
    most, least = answers[str(block.pk)]
    assert (str(saved.option_id), str(saved.option_least_id)) == (most, least)
    assert Answer.objects.get(question=virtue).likert == 2
    assert Answer.objects.count() == 16


def test_a_page_not_yet_shown_is_refused_and_nothing_is_saved(client, link, opened):
    response, pages, answers = opened
    for number in (2, 3, 99):
        reply = post_page(client, link, number, page_form_data(response, pages[1], answers))
        assert reply.status_code == 422
        assert "has not been shown to you yet" in reply.content.decode()
        save = client.post(
            f"{link}p/{number}/save/",
            page_form_data(response, pages[min(number, 3) - 1], answers),
            HTTP_HX_REQUEST="true",
        )
        assert save.status_code == 422
    assert not Answer.objects.exists()
    assert list(PageVisit.objects.values_list("page", flat=True)) == [1]
    # Nor can a later page be opened before the earlier ones are answered.
    assert client.get(f"{link}p/3/").url == f"{link}p/1/"


def test_answers_for_another_pages_questions_are_refused_whole(client, link, opened):
    response, pages, answers = opened
    data = page_form_data(response, pages[0], answers)
    data |= page_form_data(response, pages[1][:1], answers)  # one question of page 2
    reply = post_page(client, link, 1, data)
    assert reply.status_code == 422
    assert "not on this page, so nothing was saved" in reply.content.decode()
    reply = client.post(f"{link}p/1/save/", {"q999999": "3"}, HTTP_HX_REQUEST="true")
    assert reply.status_code == 422
    assert not Answer.objects.exists()


def test_a_page_posted_twice_saves_once_and_times_once(client, link, opened):
    response, pages, answers = opened
    data = page_form_data(response, pages[0], answers)
    assert post_page(client, link, 1, data).url == f"{link}p/2/"
    first = PageVisit.objects.get(page=1)
    client.get(f"{link}p/2/")
    again = post_page(client, link, 1, data)  # a double click, or a replay
    assert again.status_code == 302
    assert PageVisit.objects.get(page=1).left_at == first.left_at
    assert PageVisit.objects.count() == 2
    assert Answer.objects.count() == 8


def test_time_stamps_sent_by_the_browser_are_ignored(client, link, opened):
    response, pages, answers = opened
    before = timezone.now()
    forged = {
        "shown_at": "2000-01-01T00:00:00Z",
        "left_at": "2099-01-01T00:00:00Z",
        "seconds": "9999",
        "page_seconds": "9999",
    }
    reply = post_page(client, link, 1, page_form_data(response, pages[0], answers) | forged)
    assert reply.status_code == 302
    visit = PageVisit.objects.get(page=1)
    started = response.started_at
    assert started <= visit.shown_at <= visit.left_at
    assert before <= visit.left_at <= timezone.now()
    times = paging.response_page_times(response, scoring.scoring_items(response.questionnaire))
    assert times[0].seconds < 60


@pytest.mark.parametrize(
    ("mangle", "message"),
    [
        (
            lambda most, least: {"most": [most, least], "least": [least]},
            "Choose only one statement as most like you.",
        ),
        (
            lambda most, least: {"most": [most], "least": [most]},
            "Choose different statements for most and least like you.",
        ),
        (
            lambda most, least: {"most": ["0000000000"], "least": [least]},
            "Choose one of the options.",
        ),
    ],
    ids=["two most", "same statement", "unknown id"],
)
def test_a_bad_block_is_a_form_error_and_nothing_of_it_is_saved(
    client, link, opened, mangle, message
):
    response, pages, answers = opened
    block = pages[0][6]
    data = page_form_data(response, pages[0], answers)
    most, least = data.pop(f"q{block.pk}-most"), data.pop(f"q{block.pk}-least")
    fields = mangle(most, least)
    body = "&".join(
        [f"{k}={v}" for k, v in data.items()]
        + [f"q{block.pk}-most={v}" for v in fields["most"]]
        + [f"q{block.pk}-least={v}" for v in fields["least"]]
        + ["go=next"]
    )
    reply = client.post(f"{link}p/1/", body, content_type="application/x-www-form-urlencoded")
    assert reply.status_code == 422
    page = reply.content.decode()
    assert message in page
    assert f'href="#q{block.pk}-most-' in page  # the summary links to the block
    assert not Answer.objects.filter(question=block).exists()
    assert Answer.objects.count() == 7  # the rest of the page is kept


def test_a_block_half_answered_is_missing_not_saved(client, link, opened):
    response, pages, answers = opened
    block = pages[0][6]
    data = page_form_data(response, pages[0], answers)
    del data[f"q{block.pk}-least"]
    reply = post_page(client, link, 1, data)
    assert reply.status_code == 422
    assert (
        "Choose one statement as most like you and one as least like you." in reply.content.decode()
    )
    assert not Answer.objects.filter(question=block).exists()
    assert f'value="{data[f"q{block.pk}-most"]}" checked' in reply.content.decode()


def test_an_option_id_from_another_candidates_form_or_a_raw_id_is_refused(
    client, link, opened, role, recruiter
):
    response, pages, answers = opened
    scenario = pages[0][7]
    other = services.passion_test_open(
        invitation=services.passion_test_invite(
            application=ApplicationFactory(role=role), invited_by=recruiter
        )
    )
    chosen = int(answers[str(scenario.pk)])
    for wrong in (option_token(other.pk, chosen), str(chosen)):
        data = page_form_data(response, pages[0], answers) | {f"q{scenario.pk}": wrong}
        reply = post_page(client, link, 1, data)
        assert reply.status_code == 422
        assert "Choose one of the options." in reply.content.decode()
        assert not Answer.objects.filter(question=scenario).exists()
        save = client.post(f"{link}p/1/save/", {f"q{scenario.pk}": wrong}, HTTP_HX_REQUEST="true")
        assert save.status_code == 422
        assert "Choose one of the options." in save.content.decode()
    assert not Answer.objects.filter(question=scenario).exists()


def test_submitting_with_an_earlier_page_unanswered_shows_that_page_with_its_errors(
    client, link, opened
):
    response, pages, answers = opened
    for number in (1, 2):
        post_page(client, link, number, page_form_data(response, pages[number - 1], answers))
        client.get(f"{link}p/{number + 1}/")
    # Back on page 1 a statement is unanswered (an answer went missing), then Submit.
    Answer.objects.filter(question=pages[0][2]).delete()
    reply = post_page(client, link, 3, page_form_data(response, pages[2], answers), go="submit")
    assert reply.status_code == 422
    page = reply.content.decode()
    assert "Page 1 of 3" in page
    assert f'href="#q{pages[0][2].pk}-1">Question 3: Please answer this question.' in page
    assert 'action="' + f"{link}p/1/" + '"' in page
    response.refresh_from_db()
    assert response.submitted_at is None
    assert PageVisit.objects.order_by("-shown_at", "-pk").first().page == 1
    # Answered, it goes through from the last page.
    post_page(client, link, 1, page_form_data(response, pages[0], answers))
    client.get(f"{link}p/3/")
    reply = post_page(client, link, 3, page_form_data(response, pages[2], answers), go="submit")
    assert reply.url == link
    response.refresh_from_db()
    assert response.submitted_at is not None


def test_the_link_resumes_on_the_first_unanswered_page_or_the_last_shown(client, link, opened):
    response, pages, answers = opened
    post_page(client, link, 1, page_form_data(response, pages[0], answers))
    assert client.get(link).url == f"{link}p/2/"
    client.get(f"{link}p/2/")
    post_page(client, link, 2, page_form_data(response, pages[1], answers))
    client.get(f"{link}p/3/")
    client.post(f"{link}p/3/save/", page_form_data(response, pages[2], answers))
    assert client.get(link).url == f"{link}p/3/"
    post_page(client, link, 3, {}, go="back")
    assert client.get(link).url == f"{link}p/3/"  # complete: where they were last, no error
    client.get(f"{link}p/2/")
    assert client.get(link).url == f"{link}p/2/"


def test_back_saves_the_page_and_a_page_shown_twice_adds_up_its_time(client, link, opened):
    response, pages, answers = opened
    post_page(client, link, 1, page_form_data(response, pages[0], answers))
    client.get(f"{link}p/2/")
    half = page_form_data(response, pages[1][:3], answers)
    reply = post_page(client, link, 2, half, go="back")
    assert reply.url == f"{link}p/1/"
    assert Answer.objects.count() == 11
    client.get(f"{link}p/1/")
    post_page(client, link, 1, page_form_data(response, pages[0], answers))
    client.get(f"{link}p/2/")
    post_page(client, link, 2, page_form_data(response, pages[1], answers))
    visits = PageVisit.objects.filter(page=1)
    assert visits.count() == 2
    times = paging.response_page_times(response, scoring.scoring_items(response.questionnaire))
    assert times[0].seconds == pytest.approx(sum(v.seconds for v in visits))
    assert [t.item_ids for t in times] == [tuple(q.pk for q in p) for p in pages]


def test_page_times_leave_out_breaks_between_pages_and_unfinished_showings(opened):
    response, pages, _ = opened
    PageVisit.objects.all().delete()
    t0 = timezone.now() - timedelta(hours=5)
    for page, shown, left in [
        (1, 0, 90),  # page 1 for a minute and a half, then Next
        (2, 95, None),  # page 2 opened, the laptop closed: no word from it
        (2, 2 * 3600, 2 * 3600 + 40),  # two hours later, page 2 again: 40 s
        (1, 2 * 3600 + 41, 2 * 3600 + 51),  # Back to page 1 for 10 s
        (3, 2 * 3600 + 60, 2 * 3600 + 360),  # the why page: 5 min
    ]:
        PageVisit.objects.create(
            response=response,
            page=page,
            shown_at=t0 + timedelta(seconds=shown),
            left_at=left and t0 + timedelta(seconds=left),
        )
    items = scoring.scoring_items(response.questionnaire)
    times = paging.response_page_times(response, items)
    assert [t.seconds for t in times] == [100, 40, 300]
    assert [len(t.item_ids) for t in times] == [8, 8, 2]
    PassionTestResponse.objects.filter(pk=response.pk).update(submitted_at=timezone.now())
    response.refresh_from_db()
    assert scoring._page_times(response, items) == times


def test_a_response_without_page_records_is_timed_as_one_page(opened):
    response, _, _ = opened
    PageVisit.objects.all().delete()
    PassionTestResponse.objects.filter(pk=response.pk).update(
        started_at=timezone.now() - timedelta(minutes=12), submitted_at=timezone.now()
    )
    response.refresh_from_db()
    items = scoring.scoring_items(response.questionnaire)
    assert paging.response_page_times(response, items) == []
    (whole,) = scoring._page_times(response, items)
    assert whole.item_ids == tuple(item.id for item in items)
    assert whole.seconds == pytest.approx(12 * 60, abs=1)


def test_a_version_without_questions_says_so_instead_of_sending_the_candidate_round(
    client, link, small_test
):
    small_test.questions.update(is_retired=True)
    for url in (link, f"{link}p/1/"):
        response = client.get(url)
        assert response.status_code == 404
        assert "has no questions yet" in response.content.decode()
    assert client.post(f"{link}p/1/", {"go": "next"}).status_code == 404
