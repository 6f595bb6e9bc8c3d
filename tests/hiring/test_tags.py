"""Tags on a candidate: added and removed on their page by those who may see their evidence,
refused with a clear reason when they cannot be a tag, and a filter of the pipeline and the
shortlist that never finds, nor counts, a candidate whose tags the viewer may not see."""

import pytest
from django.urls import reverse

from candidates.models import Application, Candidate, CandidateTag, TaggedCandidate
from hiring.services.privacy import candidate_erase
from hiring.tags.services import candidate_tag_add
from passionhire.models import AuditEntry
from tests.factories import ApplicationFactory, held_interview


@pytest.fixture
def application(role):
    return ApplicationFactory(role=role, stage="interviews", candidate__name="Ada Lovelace")


def add_url(application) -> str:
    return reverse("hiring:application_tag_add", args=[application.pk])


def remove_url(application) -> str:
    return reverse("hiring:application_tag_remove", args=[application.pk])


def tags_of(application) -> list[str]:
    return sorted(Candidate.objects.get(pk=application.candidate_id).tags.names())


def test_a_recruiter_tags_a_candidate_and_sees_it_on_their_page(client, recruiter, application):
    client.force_login(recruiter)
    page = client.post(add_url(application), {"name": "  silver   medallist "}, follow=True)
    html = page.content.decode()
    assert "Tagged “silver medallist”." in html
    assert tags_of(application) == ["silver medallist"]
    assert 'aria-label="Remove the tag silver medallist"' in html
    audit = AuditEntry.objects.get(action="tag.add")
    assert audit.actor == recruiter
    assert "silver" not in str(audit.after) + audit.summary  # ids only: a tag is personal


def test_the_same_tag_in_another_case_is_the_same_tag(client, recruiter, application, role):
    other = ApplicationFactory(role=role)
    client.force_login(recruiter)
    client.post(add_url(application), {"name": "Speaks Welsh"})
    client.post(add_url(other), {"name": "speaks WELSH"})
    again = client.post(add_url(application), {"name": "speaks welsh"}, follow=True)
    assert "Already tagged “Speaks Welsh”." in again.content.decode()
    assert CandidateTag.objects.count() == 1
    assert TaggedCandidate.objects.count() == 2


def test_with_htmx_the_tags_panel_is_swapped_in_place(client, recruiter, application):
    client.force_login(recruiter)
    response = client.post(add_url(application), {"name": "speaks Welsh"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="tags"' in html
    assert "<html" not in html
    assert "speaks Welsh" in html
    tag = CandidateTag.objects.get()
    removed = client.post(remove_url(application), {"tag": tag.pk}, HTTP_HX_REQUEST="true")
    assert "Removed the tag “speaks Welsh”." in removed.content.decode()
    assert tags_of(application) == []
    # Nobody carries it any more: the tag itself is gone (its words may be about one person).
    assert not CandidateTag.objects.exists()


BAD_TAGS = [
    ("", "Type a tag first"),
    ("   ", "Type a tag first"),
    ("x" * 200, "Keep a tag to 50 characters (this one has 200)"),
    ("silver, gold", "One tag at a time"),
    ('"quoted"', "no commas, quotes or &lt; &gt;"),
    ("it's", "no commas, quotes or &lt; &gt;"),
    ("<script>alert(1)</script>", "no commas, quotes or &lt; &gt;"),
    ("<b>bold</b>", "no commas, quotes or &lt; &gt;"),
    ("---", "at least one letter or digit"),
]


@pytest.mark.parametrize(("name", "error"), BAD_TAGS)
def test_a_bad_tag_is_a_form_error_never_a_500_and_saves_nothing(
    client, recruiter, application, name, error
):
    client.force_login(recruiter)
    page = client.post(add_url(application), {"name": name})
    html = page.content.decode()
    assert page.status_code == 422
    assert error in html
    assert 'aria-invalid="true"' in html
    assert "<script>alert(1)" not in html  # shown back escaped
    panel = client.post(add_url(application), {"name": name}, HTTP_HX_REQUEST="true")
    assert panel.status_code == 422
    assert error in panel.content.decode()
    assert not CandidateTag.objects.exists()
    assert tags_of(application) == []


def test_removing_a_tag_the_candidate_does_not_carry_changes_nothing(
    client, recruiter, application, role
):
    other = ApplicationFactory(role=role)
    candidate_tag_add(application=other, name="theirs", actor=recruiter)
    tag = CandidateTag.objects.get()
    client.force_login(recruiter)
    for tampered in (tag.pk, "99999999", "abc", ""):
        page = client.post(remove_url(application), {"tag": tampered}, follow=True)
        assert "That tag is not on this candidate; nothing changed." in page.content.decode()
    assert tags_of(other) == ["theirs"]


def test_only_those_who_may_see_the_role_tag_its_candidates(
    client, application, employee, other_hiring_manager, hiring_manager
):
    for user in (employee, other_hiring_manager):
        client.force_login(user)
        assert client.post(add_url(application), {"name": "nosy"}).status_code == 403
    assert tags_of(application) == []
    client.force_login(hiring_manager)  # the role's own hiring manager may
    client.post(add_url(application), {"name": "strong opener"})
    assert tags_of(application) == ["strong opener"]


def test_someone_on_an_unrecorded_interview_neither_sees_nor_adds_tags(
    client, application, recruiter, hiring_manager
):
    candidate_tag_add(application=application, name="silver medallist", actor=recruiter)
    held_interview(application=application, interviewers=[hiring_manager], created_by=recruiter)
    client.force_login(hiring_manager)
    page = client.get(reverse("hiring:application_detail", args=[application.pk])).content
    assert "silver medallist" not in page.decode()
    assert "tags stay hidden until you record your interview" in page.decode()
    assert client.post(add_url(application), {"name": "mine"}).status_code == 403
    # Not even a refused tag answers with the panel (which would list the tags).
    for name in ("", "<b>"):
        refused = client.post(add_url(application), {"name": name}, HTTP_HX_REQUEST="true")
        assert refused.status_code == 403
        assert "silver medallist" not in refused.content.decode()
    tag = CandidateTag.objects.get()
    assert client.post(remove_url(application), {"tag": tag.pk}).status_code == 403
    assert tags_of(application) == ["silver medallist"]


def test_an_erased_candidate_gets_no_new_tag(client, recruiter, application):
    candidate_erase(candidate=application.candidate, erased_by=recruiter)
    client.force_login(recruiter)
    page = client.post(add_url(application), {"name": "anything"})
    assert page.status_code == 422
    assert "erased" in page.content.decode()
    assert tags_of(application) == []


# --- Filtering by tag ---------------------------------------------------------------------


@pytest.fixture
def tagged(role, recruiter):
    """Three candidates in interviews, two of them tagged "speaks Welsh"."""
    rows = [
        ApplicationFactory(role=role, stage="interviews", candidate__name=name)
        for name in ("Ada Lovelace", "Grace Hopper", "Alan Turing")
    ]
    for application in rows[:2]:
        candidate_tag_add(application=application, name="speaks Welsh", actor=recruiter)
    return rows


def test_the_pipeline_filters_by_tag_and_keeps_it_across_stage_tabs(
    client, recruiter, role, tagged
):
    client.force_login(recruiter)
    page = client.get(reverse("hiring:role_detail", args=[role.pk]), {"tag": "SPEAKS welsh"})
    html = page.content.decode()
    assert "Ada Lovelace" in html
    assert "Grace Hopper" in html
    assert "Alan Turing" not in html
    assert "2 tagged “SPEAKS welsh”" in html
    assert "?stage=interviews&amp;tag=SPEAKS%20welsh" in html  # the stage tabs keep the tag
    assert '<option value="speaks Welsh" selected>' in html
    assert "Apply to all 2 matching this filter" in html


def test_a_bad_tag_filter_is_ignored_with_a_message(client, recruiter, role, tagged):
    client.force_login(recruiter)
    page = client.get(reverse("hiring:role_detail", args=[role.pk]), {"tag": "<b>,x"}, follow=True)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Ignored the tag filter" in html
    assert "Alan Turing" in html  # everyone, as if no tag was asked for


def test_a_tag_filter_never_finds_nor_counts_a_candidate_whose_tags_are_hidden(
    client, recruiter, hiring_manager, role, tagged
):
    """The hiring manager sits on Ada's interview and has not recorded it: her tags are not
    theirs to see, so no tag filter may find her (the count would tell her tag)."""
    held_interview(application=tagged[0], interviewers=[hiring_manager], created_by=recruiter)
    client.force_login(hiring_manager)
    pipeline = client.get(reverse("hiring:role_detail", args=[role.pk]), {"tag": "speaks Welsh"})
    html = pipeline.content.decode()
    assert "Grace Hopper" in html
    assert "Ada Lovelace" not in html
    assert "1 tagged" in html
    shortlist = client.get(
        reverse("hiring:shortlist", args=[role.pk]), {"tag": "speaks Welsh", "stage": "all"}
    ).content.decode()
    assert "Grace Hopper" in shortlist
    assert "Ada Lovelace" not in shortlist  # not ranked, and not listed apart either
    assert "1 candidate" in shortlist
    assert "not ranked for you yet" not in shortlist
    # Without the filter she is listed, and shows no tag: only Grace's badge is there.
    unfiltered = client.get(reverse("hiring:role_detail", args=[role.pk])).content.decode()
    assert "Ada Lovelace" in unfiltered
    assert unfiltered.count('<i class="bi bi-tag me-1" aria-hidden="true"></i>speaks Welsh') == 1


def test_the_shortlist_filters_by_tag_and_shows_the_tags(client, recruiter, role, tagged):
    client.force_login(recruiter)
    url = reverse("hiring:shortlist", args=[role.pk])
    html = client.get(url, {"tag": "speaks Welsh"}).content.decode()
    assert "Ada Lovelace" in html
    assert "Grace Hopper" in html
    assert "Alan Turing" not in html
    assert "2 candidates" in html
    assert '<option value="speaks Welsh" selected>' in html
    bad = client.get(url, {"tag": "x" * 200}).content.decode()
    assert "Ignored Tag" in bad
    assert "Alan Turing" in bad


def test_on_a_blind_review_a_tag_naming_the_candidate_is_hidden(
    client, recruiter, hiring_manager, role, tagged
):
    candidate_tag_add(application=tagged[0], name="Lovelace family friend", actor=recruiter)
    role.blind_review = True
    role.save(update_fields=["blind_review"])
    client.force_login(hiring_manager)
    html = client.get(reverse("hiring:shortlist", args=[role.pk])).content.decode()
    assert "[hidden] family friend" in html
    # Nor does the tag filter offer it: filtering by it would name "Candidate #n".
    assert "Lovelace family friend" not in html
    assert '<option value="speaks Welsh"' in html


PIPELINE_QUERIES = 13


@pytest.mark.parametrize("n", [10, 200])
def test_the_pipeline_with_tags_runs_the_same_queries_for_10_or_200(
    client, recruiter, role, n, django_assert_num_queries
):
    """Session, user, roles; the role with its counts; anchoring; count, page, invitations,
    referrals, the candidates' tags (prefetched: no query per row); the tags the filter
    offers; the viewer's saved views; the email wordings the bulk bar offers."""
    applications = [ApplicationFactory(role=role, stage="applied") for _ in range(n)]
    for i, application in enumerate(applications):
        candidate_tag_add(application=application, name=f"batch {i % 3}", actor=recruiter)
        candidate_tag_add(application=application, name="every one", actor=recruiter)
    client.force_login(recruiter)
    url = reverse("hiring:role_detail", args=[role.pk])
    with django_assert_num_queries(PIPELINE_QUERIES):
        page = client.get(url)
    assert page.content.decode().count("every one") >= min(n, 25)
    with django_assert_num_queries(PIPELINE_QUERIES):
        filtered = client.get(url, {"tag": "batch 1", "stage": "applied"})
    assert filtered.status_code == 200
    assert Application.objects.count() == n
