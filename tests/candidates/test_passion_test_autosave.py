"""The htmx autosave of a Passion Test page: what it costs (pinned statement by statement),
the progress it reports without reading the answers again, the version's pages kept per
process, and the submit race: an autosave never writes after the test was submitted."""

import threading

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from candidates import services
from candidates.models import Answer, PageVisit, PassionTestResponse
from candidates.passion_test import paging
from candidates.passion_test.answers import answered_question_ids
from candidates.passion_test.services import lock_response, record_submission
from tests.conftest import wait_for
from tests.factories import ApplicationFactory, answers_for, take_passion_test

SAVEPOINTS = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")


def _link(role, recruiter):
    invitation = services.passion_test_invite(
        application=ApplicationFactory(role=role), invited_by=recruiter
    )
    return reverse("passion_test:take", args=[services.invitation_token(invitation)])


def _autosave(client, link, page, data):
    return client.post(f"{link}p/{page}/save/", data, HTTP_HX_REQUEST="true")


@pytest.mark.django_db
def test_an_autosave_of_one_answer_runs_four_statements(
    client, role, recruiter, questionnaire, django_assert_num_queries
):
    link = _link(role, recruiter)
    client.get(link, follow=True)
    first = paging.response_pages(PassionTestResponse.objects.get())[0][0]
    _autosave(client, link, 1, {f"q{first.pk}": "3"})
    # The link with its response, version and answered questions; the response locked by the
    # UPDATE that refuses a submitted test; the page's time run on if it is on screen; the
    # answer upserted. The savepoint pair is the test's transaction, not the autosave's.
    with django_assert_num_queries(6) as captured:
        reply = _autosave(client, link, 1, {f"q{first.pk}": "4"})
    assert reply.status_code == 200
    assert "1</strong> of 78 answered" in reply.content.decode()
    statements = [
        q["sql"] for q in captured.captured_queries if not q["sql"].startswith(SAVEPOINTS)
    ]
    assert len(statements) == 4
    assert Answer.objects.get().likert == 4


@pytest.mark.django_db
def test_autosave_progress_counts_every_page_and_follows_a_cleared_or_refused_answer(
    client, role, recruiter, questionnaire
):
    link = _link(role, recruiter)
    questions = services.active_questions(questionnaire)
    take_passion_test(client, link, answers_for(questions), upto=8)  # pages 1-7: 74 answers
    first, second = paging.response_pages(PassionTestResponse.objects.get())[7]
    assert f"{first.pk}" in client.get(f"{link}p/8/").content.decode()
    saves = [
        ({f"q{first.pk}": "Because it mattered."}, 200, "75</strong> of 78"),
        ({f"q{first.pk}": "Still mattered.", f"q{second.pk}": "And more."}, 200, "76</strong>"),
        ({f"q{first.pk}": "   "}, 200, "75</strong> of 78"),  # an emptied box is no answer
        ({f"q{first.pk}": "", f"q{second.pk}": "y" * 3001}, 422, "75</strong> of 78"),
    ]
    for data, status, progress in saves:
        reply = _autosave(client, link, 8, data)
        assert (reply.status_code, progress in reply.content.decode()) == (status, True)
    assert Answer.objects.get(question=second).text == "And more."  # the refused one kept
    response = PassionTestResponse.objects.get()
    assert len(answered_question_ids(response)) == 75


@pytest.mark.django_db
def test_a_started_version_keeps_its_pages_while_an_edit_reaches_new_candidates(
    client, role, recruiter, questionnaire
):
    first_link = _link(role, recruiter)
    client.get(first_link, follow=True)
    started = PassionTestResponse.objects.get()
    question = paging.response_pages(started)[0][0]
    services.question_set_retired(question=question, changed_by=recruiter, retired=True)
    other = Client()
    other.get(_link(role, recruiter), follow=True)
    newer = PassionTestResponse.objects.exclude(pk=started.pk).get()
    assert newer.questionnaire.version == questionnaire.version + 1
    assert question.key not in {q.key for q in paging.response_pages(newer)[0]}
    assert paging.response_pages(started)[0][0] == question
    assert _autosave(client, first_link, 1, {f"q{question.pk}": "5"}).status_code == 200


@pytest.mark.django_db
def test_an_autosave_of_a_page_no_longer_on_screen_saves_without_running_its_time(
    client, role, recruiter, questionnaire
):
    link = _link(role, recruiter)
    questions = services.active_questions(questionnaire)
    take_passion_test(client, link, answers_for(questions), upto=3)
    left = PageVisit.objects.get(page=1).left_at
    first = paging.response_pages(PassionTestResponse.objects.get())[0][0]
    assert _autosave(client, link, 1, {f"q{first.pk}": "1"}).status_code == 200
    assert PageVisit.objects.get(page=1).left_at == left
    assert Answer.objects.get(question=first).likert == 1


# -- Racing a submit, on two real connections ---------------------------------------------------


def _waiting_on_a_lock() -> bool:
    """Another connection is waiting for a row lock."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
            " AND datname = current_database()"
        )
        return cursor.fetchone()[0] > 0


def _run(target, outcome: dict) -> threading.Thread:
    def run():
        try:
            outcome["value"] = target()
        except Exception as error:  # noqa: BLE001 - the test reads it
            outcome["error"] = error
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


@pytest.mark.django_db(transaction=True)
def test_an_autosave_that_waits_for_a_submit_writes_nothing(role, recruiter, questionnaire):
    link = _link(role, recruiter)
    Client().get(link, follow=True)
    response = PassionTestResponse.objects.get()
    first = paging.response_pages(response)[0][0]
    locked, release = threading.Event(), threading.Event()

    def submit():
        with transaction.atomic():
            record_submission(lock_response(response))
            locked.set()
            release.wait(10)

    submitting, saving = {}, {}
    submit_thread = _run(submit, submitting)
    assert locked.wait(10)
    save_thread = _run(lambda: _autosave(Client(), link, 1, {f"q{first.pk}": "4"}), saving)
    wait_for(_waiting_on_a_lock)  # the autosave waits for the submit's lock
    release.set()
    submit_thread.join(10)
    save_thread.join(10)
    assert "error" not in submitting
    assert saving["value"].status_code == 409
    assert not Answer.objects.exists()
    assert PassionTestResponse.objects.get().is_submitted


@pytest.mark.django_db(transaction=True)
def test_a_submit_that_waits_for_an_autosave_reads_its_answer(role, recruiter, questionnaire):
    link = _link(role, recruiter)
    Client().get(link, follow=True)
    response = PassionTestResponse.objects.get()
    pages = paging.response_pages(response)
    first = pages[0][0]
    saved, release = threading.Event(), threading.Event()

    def autosave():
        with transaction.atomic():
            paging.passion_test_page_save(
                response=response, pages=pages, page=1, answers={str(first.pk): "4"}
            )
            saved.set()
            release.wait(10)

    def submit_reads():
        with transaction.atomic():
            return answered_question_ids(lock_response(response))

    saving, submitting = {}, {}
    save_thread = _run(autosave, saving)
    assert saved.wait(10)
    submit_thread = _run(submit_reads, submitting)
    wait_for(_waiting_on_a_lock)  # the submit waits for the autosave's lock
    release.set()
    save_thread.join(10)
    submit_thread.join(10)
    assert "error" not in saving
    assert submitting["value"] == {first.pk}
