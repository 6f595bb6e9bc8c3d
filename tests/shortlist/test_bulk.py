"""Bulk decisions on a role's pipeline: on the ticked rows or everything matching the filter,
each row a person's decision with the reason given; rows that moved meanwhile are skipped and
reported; big selections run as a job; a bulk rejection can be undone within the grace."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from candidates.bulk import services
from candidates.models import Application, BulkJob, Decision
from passionhire import outbox
from tests.factories import ApplicationFactory


@pytest.fixture
def applied(role):
    return [ApplicationFactory(role=role, stage="applied") for _ in range(5)]


def post(client, role, data):
    return client.post(reverse("hiring:pipeline_bulk", args=[role.pk]), data, follow=True)


def ticked(applications, **seen):
    data = {"application": [a.pk for a in applications]}
    data.update({f"seen_{a.pk}": seen.get(str(a.pk), a.stage) for a in applications})
    return data


def stages(applications) -> list[str]:
    return [Application.objects.get(pk=a.pk).stage for a in applications]


def test_a_bulk_rejection_is_each_a_decision_and_can_be_undone_with_no_email(
    client, recruiter, role, applied, settings, django_capture_on_commit_callbacks
):
    settings.PASSIONHIRE = {**settings.PASSIONHIRE, "UNDO_GRACE_SECONDS": 600}
    client.force_login(recruiter)
    with django_capture_on_commit_callbacks(execute=True):
        page = post(
            client,
            role,
            {**ticked(applied[:3]), "action": "reject", "reason": "Role needs weekend cover."},
        ).content.decode()
    assert "Done:</strong> 3 changed" in page
    assert "Undo this rejection of 3" in page
    assert stages(applied) == ["rejected"] * 3 + ["applied"] * 2
    decisions = Decision.objects.filter(bulk_job__isnull=False)
    assert {d.reason for d in decisions} == {"Role needs weekend cover."}
    assert {d.decided_by for d in decisions} == {recruiter}
    assert mail.outbox == []  # the emails wait out the grace
    job = BulkJob.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        undone = client.post(reverse("candidates:bulk_undo", args=[job.pk]), follow=True)
    assert "Undone: 3 back where they were" in undone.content.decode()
    assert stages(applied) == ["applied"] * 5
    for message in outbox.due_for_relay(now=timezone.now() + timedelta(hours=1)):
        outbox._publish(message)
    assert mail.outbox == []


def test_rows_that_moved_meanwhile_are_skipped_and_reported(client, recruiter, role, applied):
    client.force_login(recruiter)
    moved = applied[0]
    Application.objects.filter(pk=moved.pk).update(stage="interviews")  # someone else, just now
    page = post(
        client, role, {**ticked(applied[:2]), "action": "reject", "reason": "Not this time."}
    ).content.decode()
    assert "1 changed, 1 skipped" in page
    assert "moved to Interviews meanwhile" in page
    assert stages(applied[:2]) == ["interviews", "rejected"]  # nothing overwritten


def test_everything_matching_the_filter_not_only_the_page(client, recruiter, role, applied):
    others = [ApplicationFactory(role=role, stage="interviews") for _ in range(2)]
    client.force_login(recruiter)
    post(
        client,
        role,
        {"all_matching": "1", "stage": "applied", "action": "advance", "reason": "Good CVs."},
    )
    assert stages(applied) == ["passion_test"] * 5
    assert stages(others) == ["interviews"] * 2


def test_a_big_selection_runs_as_a_job(
    client, recruiter, role, applied, settings, django_capture_on_commit_callbacks
):
    settings.PASSIONHIRE = {**settings.PASSIONHIRE, "BULK_SYNC_LIMIT": 2}
    client.force_login(recruiter)
    with django_capture_on_commit_callbacks(execute=True):  # the outbox runs it (eagerly here)
        post(client, role, {**ticked(applied), "action": "advance", "reason": "Strong."})
    job = BulkJob.objects.get()
    assert (job.done, job.total, job.changed, job.is_running) == (5, 5, 5, False)


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"action": "reject", "reason": " "}, "Give a reason"),
        ({"action": "explode", "reason": "x"}, "Choose an action from the list."),
    ],
)
def test_bad_bulk_requests_save_nothing(client, recruiter, role, applied, data, error):
    client.force_login(recruiter)
    page = post(client, role, {**ticked(applied), **data}).content.decode()
    assert error in page
    assert not BulkJob.objects.exists()
    assert stages(applied) == ["applied"] * 5


def test_nothing_selected_is_refused(client, recruiter, role):
    client.force_login(recruiter)
    page = post(client, role, {"action": "advance", "reason": "x"}).content.decode()
    assert "Select at least one candidate" in page


def test_only_recruiters_act_in_bulk(client, employee, role, applied):
    client.force_login(employee)
    response = client.post(
        reverse("hiring:pipeline_bulk", args=[role.pk]),
        {**ticked(applied), "action": "reject", "reason": "x"},
    )
    assert response.status_code == 403
    assert stages(applied) == ["applied"] * 5


def test_a_batch_costs_the_same_queries_for_ten_rows_or_a_hundred(
    role, recruiter, django_assert_num_queries
):
    def job_of(n):
        rows = [ApplicationFactory(role=role, stage="applied") for _ in range(n)]
        return BulkJob.objects.create(
            role=role,
            kind="reject",
            reason="Not now.",
            selection=[[a.pk, "applied"] for a in rows],
            total=n,
            requested_by=recruiter,
        )

    small, big = job_of(10), job_of(100)
    # 13, the stage moves kept for the funnel, and the webhook endpoints looked up for the
    # stage changes and for the decisions (none here)
    with django_assert_num_queries(16) as first:
        services.bulk_run_batch(job_id=small.pk)
    with django_assert_num_queries(len(first.captured_queries)):
        services.bulk_run_batch(job_id=big.pk)
    assert Application.objects.filter(stage="rejected").count() == 110


# --- Add a tag, and the bulk bar of the shortlist and the board ----------------------------


def tags_of(application) -> list[str]:
    return sorted(Application.objects.get(pk=application.pk).candidate.tags.names())


def test_a_bulk_tag_tags_the_ticked_and_reports_the_stale_and_the_tagged(
    client, recruiter, role, applied
):
    from hiring.tags.services import candidate_tag_add

    candidate_tag_add(application=applied[2], name="Silver medallist", actor=recruiter)
    Application.objects.filter(pk=applied[1].pk).update(stage="interviews")  # moved meanwhile
    client.force_login(recruiter)
    page = post(
        client, role, {**ticked(applied[:3]), "action": "tag", "new_tag": "silver medallist"}
    ).content.decode()
    assert 'Tag added: <span class="ph-wrap">“Silver medallist”</span>' in page
    assert "1 changed, 2 skipped" in page
    assert "moved to Interviews meanwhile" in page
    assert "already tagged" in page
    assert [tags_of(a) for a in applied[:4]] == [
        ["Silver medallist"],
        [],
        ["Silver medallist"],
        [],
    ]
    assert stages(applied[:3]) == ["applied", "interviews", "applied"]  # no stage moved


@pytest.mark.parametrize(
    ("new_tag", "error"),
    [("", "Type a tag first"), ("a,b", "One tag at a time"), ("<i>x</i>", "no commas")],
)
def test_a_bulk_tag_that_cannot_be_a_tag_saves_nothing(
    client, recruiter, role, applied, new_tag, error
):
    from candidates.models import CandidateTag

    client.force_login(recruiter)
    page = post(client, role, {**ticked(applied), "action": "tag", "new_tag": new_tag})
    assert error in page.content.decode()
    assert not BulkJob.objects.exists()
    assert not CandidateTag.objects.exists()


def test_all_matching_on_the_shortlist_is_the_shortlist_s_filter(client, recruiter, role):
    from hiring.tags.services import candidate_tag_add

    welsh = [ApplicationFactory(role=role, stage="interviews") for _ in range(3)]
    for application in welsh[:2]:
        candidate_tag_add(application=application, name="speaks Welsh", actor=recruiter)
    closed = ApplicationFactory(role=role, stage="rejected")
    candidate_tag_add(application=closed, name="speaks Welsh", actor=recruiter)
    client.force_login(recruiter)
    url = reverse("hiring:shortlist", args=[role.pk])
    shown = client.get(url, {"tag": "speaks Welsh", "page": "1"}).content.decode()
    assert "2 candidates in the pipeline" in shown  # active only: the rejected one is not
    assert "Apply to all 2 matching this filter" in shown
    assert 'name="filters" value="tag=speaks+Welsh" form="shortlist-bulk"' in shown
    client.post(
        reverse("hiring:shortlist_bulk", args=[role.pk]),
        {"all_matching": "1", "filters": "tag=speaks+Welsh", "action": "advance", "reason": "Go"},
    )
    assert stages(welsh) == ["team_meet", "team_meet", "interviews"]
    assert stages([closed]) == ["rejected"]


def test_ticked_rows_of_the_shortlist_and_the_board(client, recruiter, role, applied):
    client.force_login(recruiter)
    shortlist = client.get(reverse("hiring:shortlist", args=[role.pk])).content.decode()
    assert f'name="application" value="{applied[0].pk}" id="bulk-{applied[0].pk}"' in shortlist
    board = client.get(reverse("hiring:role_board", args=[role.pk])).content.decode()
    assert f'name="seen_{applied[0].pk}" value="applied" form="board-bulk"' in board
    assert "Apply to all 5 on the board" in board
    client.post(
        reverse("hiring:board_bulk", args=[role.pk]),
        {**ticked(applied[:2]), "action": "reject", "reason": "Weekend cover."},
    )
    assert stages(applied) == ["rejected"] * 2 + ["applied"] * 3


def test_all_matching_on_the_board_is_every_card_but_the_knocked_out(client, recruiter, role):
    from django.utils import timezone

    cards = [ApplicationFactory(role=role, stage=s) for s in ("applied", "passion_test")]
    waiting = ApplicationFactory(role=role, stage="applied", knocked_out_at=timezone.now())
    client.force_login(recruiter)
    client.post(
        reverse("hiring:board_bulk", args=[role.pk]),
        {"all_matching": "1", "action": "tag", "new_tag": "round one"},
    )
    assert [tags_of(a) for a in cards] == [["round one"], ["round one"]]
    assert tags_of(waiting) == []


def test_hiring_managers_see_no_bulk_bar_and_cannot_post_one(client, hiring_manager, role, applied):
    client.force_login(hiring_manager)
    assert (
        "Act in bulk"
        not in client.get(reverse("hiring:shortlist", args=[role.pk])).content.decode()
    )
    assert (
        "Act in bulk"
        not in client.get(reverse("hiring:role_board", args=[role.pk])).content.decode()
    )
    for name in ("hiring:shortlist_bulk", "hiring:board_bulk", "hiring:pipeline_bulk"):
        response = client.post(
            reverse(name, args=[role.pk]), {**ticked(applied), "action": "tag", "new_tag": "x"}
        )
        assert response.status_code == 403
    assert not BulkJob.objects.exists()


def test_a_tag_batch_costs_the_same_queries_for_ten_rows_or_a_hundred(
    role, recruiter, django_assert_num_queries
):
    from candidates.tags.services import tag_for_name

    tag_for_name("round one")

    def job_of(n):
        rows = [ApplicationFactory(role=role, stage="applied") for _ in range(n)]
        return BulkJob.objects.create(
            role=role,
            kind="tag",
            reason="",
            tag="round one",
            selection=[[a.pk, "applied"] for a in rows],
            total=n,
            requested_by=recruiter,
        )

    small, big = job_of(10), job_of(100)
    # The savepoint and its release; the job (locked) and who asked; the tag; the
    # applications (locked); who carries the tag already; the through rows, the timeline
    # entries and the audit rows, each one insert; the job's progress.
    with django_assert_num_queries(11) as first:
        services.bulk_run_batch(job_id=small.pk)
    with django_assert_num_queries(len(first.captured_queries)):
        services.bulk_run_batch(job_id=big.pk)
    from candidates.models import TaggedCandidate

    assert TaggedCandidate.objects.count() == 110
