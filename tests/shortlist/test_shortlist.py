"""The ranked shortlist: ranking, filters, weights and re-ranking, export, blind review."""

import csv
import io
import re

import pytest
from django.urls import reverse

from candidates import ranking, services
from candidates.models import Application, Evidence, Referral, RerankJob, Role
from hiring.selectors import shortlist as selectors
from hiring.selectors.profile import candidate_profile
from hiring.viewer import viewer_for_application, viewer_for_role
from passionhire.traits import Trait
from tests.factories import ApplicationFactory, EmployeeFactory
from tests.pages import without_tokens
from tests.shortlist.conftest import scored


def names_in_order(html: str, names: list[str]) -> list[str]:
    present = [n for n in names if n in html]
    return sorted(present, key=html.index)


def shortlist(client, role, **params):
    return client.get(reverse("hiring:shortlist", args=[role.pk]), params)


# --- Ranking ------------------------------------------------------------------------------


def test_stored_scores_match_the_hand_computed_composite(ada, grace, alan):
    # Ada: empathy (3*90 + 5*40 + 5*50) / 13 = 55.4, commitment 75 -> (55.38 + 75) / 2
    assert ada.score_empathy == 55.4
    assert ada.composite_score == 65.2
    assert ada.confidence == 0.25  # 10 of 30 weight covered, two sources: 1/3 * 0.75
    assert ada.rank_score == 53.8  # 50 + 0.25 * (65.2 - 50)
    assert ada.flags == ranking.Flag.DISAGREEMENT | ranking.Flag.NO_TEAM_MEET
    # Grace: empathy (5*75 + 4*0.5*85) / 7 = 77.9, courage 100, and curiosity from a test of
    # reliability 0.9 alone, its untrusted tenth at the centre: 70 + 0.1 * (50 - 70) = 68
    assert grace.score_empathy == 77.9
    assert grace.score_curiosity == 68
    assert grace.composite_score == 82.0  # (77.86 + 100 + 68) / 3
    assert grace.flags == 0
    # Alan: one unreliable test, reliability 0.2, his only evidence: no longer his test's 30
    # but pulled toward the centre, 50 + 0.2 * (30 - 50) = 46, believed at 5/30 * 0.2 * 0.5.
    assert alan.composite_score == 46
    assert alan.confidence == 0.017
    assert alan.rank_score == 49.9  # 50 + 0.017 * (46 - 50)
    assert alan.flags & ranking.Flag.UNRELIABLE_TEST


def test_the_profile_explains_exactly_the_stored_scores(ada, grace, alan, hiring_manager):
    for application in (ada, grace, alan):
        profile = candidate_profile(
            viewer=viewer_for_application(hiring_manager, application.pk),
            application_id=application.pk,
        )
        score = profile.explanation.score
        assert score.composite == application.composite_score
        assert score.confidence == application.confidence
        assert score.rank == application.rank_score
        assert score.flags == application.flags
        assert {t.value: v for t, v in score.traits.items()} == {
            t.value: v for t, v in application.trait_scores.items()
        }
        # Line by line: each trait's pieces and its pull add up to its stored score.
        for trait in profile.explanation.traits:
            if trait.score is None:
                continue
            lines = [(p.share, p.evidence.value) for p in trait.pieces]
            if trait.pull:
                lines.append((trait.pull.share, trait.pull.mean))
            assert sum(share for share, _ in lines) == pytest.approx(1)
            assert round(sum(share * value for share, value in lines), 1) == trait.score


def test_the_profile_shows_the_pull_of_an_unreliable_test_as_its_own_line(hm_client, alan):
    page = hm_client.get(reverse("hiring:application_profile", args=[alan.pk])).content.decode()
    assert "Pulled toward the middle of the scale" in page
    # (1 - 0.2) x 3 = 2.4 of weight at 50: 80% of his empathy score, which it moved +16.
    row = re.search(r'<tr class="ph-pull">(.*?)</tr>', page, re.S).group(1)
    assert re.findall(r">([^<>]+)</td>", row)[-4:] == ["50", "0.80 × 3", "80%", "+16.0"]
    assert 'id="rank-score">50<' in page


def test_the_shortlist_ranks_by_composite_with_bars_flags_and_stage(
    hm_client, role, ada, grace, alan
):
    page = shortlist(hm_client, role).content.decode()
    assert names_in_order(page, ["Ada Lovelace", "Grace Hopper", "Alan Turing"]) == [
        "Grace Hopper",
        "Ada Lovelace",
        "Alan Turing",
    ]
    assert "Sources disagree" in page
    assert "Unreliable Passion Test" in page
    assert "No team meet yet" in page
    assert "Empathy 78" in page  # Grace's trait bars, as their accessible label reads
    assert "3 candidates in the pipeline" in page


def test_the_shortlist_ranks_by_the_rank_score_so_a_thin_file_does_not_outrank_a_known_one(
    hm_client, role
):
    # Two ratings at the top of the rubric, nothing else: composite 100, confidence 0.17.
    thin = scored(
        role,
        "Thin File",
        {"empathy": [("interview", 100, 1.0)], "curiosity": [("interview", 100, 1.0)]},
    )
    # Six traits from interviews and team meets: composite 80, confidence 0.75.
    known = scored(
        role,
        "Well Known",
        {t.value: [("interview", 80, 1.0), ("team_meet", 80, 1.0)] for t in Trait},
    )
    assert (thin.composite_score, thin.confidence, thin.rank_score) == (100, 0.167, 58.4)
    assert (known.composite_score, known.confidence, known.rank_score) == (80, 0.75, 72.5)
    page = shortlist(hm_client, role).content.decode()
    assert names_in_order(page, ["Thin File", "Well Known"]) == ["Well Known", "Thin File"]
    # Both numbers are on the row: the rank score with its confidence, and the composite.
    assert re.search(r">73</div>\s*<div[^>]*>conf\. 0\.75</div>", page)
    # The composite stays a sort of its own.
    by_composite = shortlist(hm_client, role, sort="composite").content.decode()
    assert names_in_order(by_composite, ["Thin File", "Well Known"]) == ["Thin File", "Well Known"]
    rows = read_csv(hm_client.get(reverse("hiring:shortlist_csv", args=[role.pk])))
    assert rows[0][4:7] == ["Composite", "Confidence", "Rank score"]
    assert [(r[1], r[4], r[5], r[6]) for r in rows[1:]] == [
        ("Well Known", "80", "0.75", "72.5"),
        ("Thin File", "100", "0.167", "58.4"),
    ]
    compare = hm_client.get(reverse("hiring:compare", args=[role.pk]), {"a": [thin.pk, known.pk]})
    page = compare.content.decode()
    assert re.search(r"Rank score</th><td[^>]*>58</td><td[^>]*>73</td>", page)


def test_ties_go_to_higher_confidence_then_to_the_earlier_application(role):
    first = scored(role, "Tie First", {"empathy": [("interview", 75, 1.0)]})
    second = scored(role, "Tie Second", {"empathy": [("interview", 75, 1.0)]})
    surer = scored(
        role,
        "Tie Surer",
        {"empathy": [("interview", 75, 1.0), ("passion_test", 75, 1.0)]},
    )
    assert first.composite_score == second.composite_score == surer.composite_score == 75
    viewer = viewer_for_role(role.hiring_manager, role)
    shortlist = selectors.shortlist_for_role(
        viewer=viewer, role=role, ask=selectors.ShortlistQuery()
    )
    ranked = list(shortlist.ranked)
    assert ranked == [surer, first, second]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"min_empathy": "50"}, ["Grace Hopper", "Ada Lovelace"]),
        ({"min_courage": "1"}, ["Grace Hopper"]),
        ({"min_composite": "60"}, ["Grace Hopper", "Ada Lovelace"]),
        ({"stage": "team_meet"}, ["Grace Hopper"]),
        ({"flag": "warnings"}, ["Ada Lovelace", "Alan Turing"]),
        ({"flag": "none"}, ["Grace Hopper"]),
        ({"flag": "disagreement"}, ["Ada Lovelace"]),
        ({"flag": "no_interview"}, ["Alan Turing"]),
        # Sorted by a trait: those without evidence on it come last, by composite.
        ({"sort": "courage"}, ["Grace Hopper", "Ada Lovelace", "Alan Turing"]),
        ({"sort": "commitment"}, ["Ada Lovelace", "Grace Hopper", "Alan Turing"]),
        ({"q": "turing"}, ["Alan Turing"]),
    ],
)
def test_filters_and_sorts_run_in_the_database(hm_client, role, ada, grace, alan, params, expected):
    page = shortlist(hm_client, role, **params).content.decode()
    assert names_in_order(page, ["Ada Lovelace", "Grace Hopper", "Alan Turing"]) == expected


def test_garbage_filters_are_ignored_with_a_message_never_a_500(hm_client, role, ada, grace, alan):
    response = shortlist(
        hm_client,
        role,
        min_empathy="abc",
        min_composite="500",
        sort="password; drop table",
        stage="nope",
        flag="zzz",
        page="xyz",
        min_courage="-4",
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ignored Empathy at least" in page
    assert "Ignored Composite at least" in page
    assert "Ignored Sort by" in page
    assert "Ignored Stage" in page
    assert "Ignored Flags" in page
    assert "Ignored Courage at least" in page
    # Nothing was filtered by the bad values.
    assert len(names_in_order(page, ["Ada Lovelace", "Grace Hopper", "Alan Turing"])) == 3


def test_pages_of_25_continue_the_rank_numbers(hm_client, role):
    for i in range(30):
        scored(role, f"Person {i:02d}", {"empathy": [("interview", 40 + i, 1.0)]})
    page = shortlist(hm_client, role, page="2").content.decode()
    assert "26–30 of 30" in page
    assert "Person 04" in page
    assert "Person 00" in page
    assert "Person 29" not in page


def test_closed_applications_leave_the_active_list_but_stay_searchable(hm_client, role, ada, grace):
    Application.objects.filter(pk=ada.pk).update(stage="rejected")
    assert "Ada Lovelace" not in shortlist(hm_client, role).content.decode()
    assert "Ada Lovelace" in shortlist(hm_client, role, stage="closed").content.decode()
    found = shortlist(hm_client, role, stage="all", q="lovelace").content.decode()
    assert "Ada Lovelace" in found
    assert "Grace Hopper" not in found


def test_an_interviewer_who_has_not_recorded_sees_no_scores_on_the_shortlist(
    client, role, recruiter, ada, grace
):
    from tests.factories import held_interview

    ivan = EmployeeFactory(username="ivan-sl")
    ivan.groups.add(*role.hiring_manager.groups.all())  # a hiring manager who interviews
    role.hiring_manager = ivan
    role.save()
    held_interview(application=ada, interviewers=[ivan], created_by=recruiter)
    client.force_login(ivan)
    page = shortlist(client, role).content.decode()
    assert "1 not ranked for you yet" in page
    assert "1 candidate in the pipeline" in page  # Grace only: Ada is held back
    profile = client.get(reverse("hiring:application_profile", args=[ada.pk])).content.decode()
    assert "Scores hidden until you record your interview" in profile
    assert 'id="composite"' not in profile


# --- Weights and re-ranking -------------------------------------------------------------------


def weights(**changes) -> dict:
    """The weights form as the page fills it (every trait 5, default source weights)."""
    data = {f"weight_{t.value}": 5 for t in Trait}
    data |= {f"source_{s}": w for s, w in ranking.DEFAULT_SOURCE_WEIGHTS.items()}
    return data | changes


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"weight_empathy": "-1"}, "greater than or equal to 0"),
        ({"weight_empathy": "11"}, "less than or equal to 10"),
        ({"weight_empathy": "lots"}, "Enter a whole number"),
        (
            {f"weight_{t.value}": "0" for t in Trait},
            "At least one trait needs a weight above 0",
        ),
        (
            {f"source_{s}": "0" for s in ranking.SOURCES},
            "At least one source of evidence needs a weight above 0",
        ),
        ({"source_referral": "-3"}, "greater than or equal to 0"),
    ],
)
def test_bad_weights_are_refused_and_nothing_changes(hm_client, role, ada, changes, message):
    response = hm_client.post(reverse("hiring:role_weights", args=[role.pk]), weights(**changes))
    assert response.status_code == 422
    assert message in response.content.decode()
    role.refresh_from_db()
    assert role.weights_version == 1
    assert set(role.weights.values()) == {5}
    assert Application.objects.get(pk=ada.pk).composite_score == ada.composite_score


def test_re_ranking_one_application_says_so_in_the_singular(hm_client, role, ada):
    response = hm_client.post(
        reverse("hiring:role_weights", args=[role.pk]), weights(weight_courage=9), follow=True
    )
    assert "Weights saved; 1 application re-ranked." in response.content.decode()


def test_new_weights_re_rank_a_small_role_at_once(hm_client, role, ada, grace):
    everything_on_commitment = weights(
        weight_empathy=0,
        weight_curiosity=0,
        weight_connection=0,
        weight_courage=0,
        weight_attention_to_detail=0,
        weight_commitment=10,
    )
    response = hm_client.post(
        reverse("hiring:role_weights", args=[role.pk]), everything_on_commitment, follow=True
    )
    page = response.content.decode()
    assert "Weights saved; 2 applications re-ranked." in page
    assert names_in_order(page, ["Ada Lovelace", "Grace Hopper"]) == [
        "Ada Lovelace",
        "Grace Hopper",
    ]
    grace.refresh_from_db()
    assert grace.composite_score is None  # no evidence on the only trait that counts now


def test_source_weights_change_the_trait_scores(hm_client, role, ada):
    hm_client.post(
        reverse("hiring:role_weights", args=[role.pk]),
        weights(source_passion_test=0),
    )
    ada.refresh_from_db()
    assert ada.score_empathy == 45  # the interviews alone
    assert not ada.flags & ranking.Flag.DISAGREEMENT  # a source that does not count


def test_a_large_role_re_ranks_through_the_task_with_progress(
    hm_client, role, ada, grace, alan, settings, django_capture_on_commit_callbacks
):
    settings.PASSIONHIRE = {**settings.PASSIONHIRE, "RERANK_SYNC_LIMIT": 2}
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = hm_client.post(
            reverse("hiring:role_weights", args=[role.pk]),
            weights(weight_commitment=10, weight_empathy=0),
            follow=True,
        )
    assert "Re-ranking 3 applications in the background" in response.content.decode()
    job = RerankJob.objects.get()
    assert (job.total, job.done, job.is_running) == (3, 0, True)
    progress = hm_client.get(reverse("hiring:rerank_progress", args=[role.pk]))
    assert "0 of 3 applications" in progress.content.decode()
    assert "0 of 3" in shortlist(hm_client, role).content.decode()
    for callback in callbacks:
        callback()  # the task runs (eagerly)
    job.refresh_from_db()
    assert (job.done, job.is_running) == (3, False)
    ada.refresh_from_db()
    assert ada.composite_score == 75  # commitment only
    finished = hm_client.get(reverse("hiring:rerank_progress", args=[role.pk]))
    assert finished["HX-Refresh"] == "true"
    # Running it again changes nothing: same arithmetic, job already finished.
    assert services.role_rerank(job_id=job.pk).done == 3


def test_a_re_rank_overtaken_by_newer_weights_stops(role, ada, recruiter):
    job = RerankJob.objects.create(role=role, weights_version=1, total=1)
    Role.objects.filter(pk=role.pk).update(weights_version=2, weight_empathy=0)
    services.role_rerank(job_id=job.pk)
    job.refresh_from_db()
    assert job.done == 0
    assert not job.is_running
    assert Application.objects.get(pk=ada.pk).composite_score == ada.composite_score


def test_the_role_form_weights_re_rank_too(client, recruiter, role, ada, hiring_manager):
    client.force_login(recruiter)
    data = (
        {
            "title": role.title,
            "team": role.team,
            "description": "",
            "hiring_manager": hiring_manager.pk,
        }
        | {f"weight_{t.value}": 0 for t in Trait}
        | {"weight_commitment": 7}
    )
    client.post(reverse("candidates:role_edit", args=[role.pk]), data)
    ada.refresh_from_db()
    assert ada.composite_score == 75


# --- Export ---------------------------------------------------------------------------------


def read_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_csv_export_neutralises_formulas(hm_client, role):
    for name in ['=HYPERLINK("http://evil.example","x")', "+1 555 0100", "-2+3", "@SUM(A1)"]:
        ApplicationFactory(role=role, candidate__name=name)
    response = hm_client.get(reverse("hiring:shortlist_csv", args=[role.pk]))
    assert response["Content-Type"].startswith("text/csv")
    rows = read_csv(response)
    assert rows[0][:5] == ["Rank", "Candidate", "Email", "Stage", "Composite"]
    names = sorted(row[1] for row in rows[1:])
    assert names == [
        "'+1 555 0100",
        "'-2+3",
        '\'=HYPERLINK("http://evil.example","x")',
        "'@SUM(A1)",
    ]
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_csv_export_follows_the_filters_and_ranks(hm_client, role, ada, grace, alan):
    rows = read_csv(
        hm_client.get(reverse("hiring:shortlist_csv", args=[role.pk]), {"min_empathy": "50"})
    )
    assert [(r[0], r[1], r[4]) for r in rows[1:]] == [
        ("1", "Grace Hopper", "82"),
        ("2", "Ada Lovelace", "65.2"),
    ]
    assert "Sources disagree" in rows[2][-2]


# --- Blind review ---------------------------------------------------------------------------


@pytest.fixture
def blind_role(role, ada, grace, employee, recruiter):
    referral = Referral.objects.create(
        referrer=employee,
        role=role,
        name="Ada Lovelace",
        email="ada.lovelace@example.com",
        relationship="worked_together",
        known_for="1_3",
        consent_confirmed=True,
        status="accepted",
        application=ada,
    )
    Evidence.objects.create(
        application=ada,
        trait="connection",
        source="referral",
        value=75,
        weight=0.25,
        origin=f"referral:{referral.pk}",
        author=employee,
        summary="Referral example from Emma Employee: Ada stayed late for a customer",
    )
    Evidence.objects.create(
        application=ada,
        trait="courage",
        source="interview",
        value=75,
        origin="interview:scorecard:1",
        summary="Ada stayed late for a customer, says Lovelace's old manager",
    )
    services.applications_rescore(role=role, application_ids=[ada.pk])
    role.blind_review = True
    role.save()
    return role


LEAKS = ["Ada", "Lovelace", "ada.lovelace@", "Grace", "Hopper", "grace.hopper@", "Emma"]


def assert_no_leak(content: str):
    content = without_tokens(content)
    for word in LEAKS:
        assert word not in content, f"{word!r} leaked"


def test_blind_review_leaks_no_name_anywhere_in_the_html(hm_client, blind_role, ada, grace):
    pages = [
        shortlist(hm_client, blind_role),
        shortlist(hm_client, blind_role, stage="all", sort="connection"),
        hm_client.get(reverse("hiring:application_profile", args=[ada.pk])),
        hm_client.get(reverse("hiring:compare", args=[blind_role.pk]), {"a": [ada.pk, grace.pk]}),
    ]
    for response in pages:
        assert response.status_code == 200
        assert_no_leak(response.content.decode())
    assert f"Candidate #{ada.pk}" in pages[0].content.decode()
    assert "[hidden] stayed late" in pages[2].content.decode()
    export = b"".join(
        hm_client.get(reverse("hiring:shortlist_csv", args=[blind_role.pk])).streaming_content
    ).decode()
    assert_no_leak(export)
    assert f"Candidate #{ada.pk}" in export


def test_blind_review_search_takes_a_number_not_a_name(hm_client, blind_role, ada, grace):
    assert f"Candidate #{ada.pk}" not in shortlist(hm_client, blind_role, q="Ada").content.decode()
    found = shortlist(hm_client, blind_role, q=str(grace.pk)).content.decode()
    assert f"Candidate #{grace.pk}" in found
    assert f"Candidate #{ada.pk}" not in found


def test_blind_review_sends_the_hiring_manager_past_the_named_pages(hm_client, blind_role, ada):
    role_page = hm_client.get(reverse("hiring:role_detail", args=[blind_role.pk]))
    assert role_page.url == reverse("hiring:shortlist", args=[blind_role.pk])
    detail = hm_client.get(reverse("hiring:application_detail", args=[ada.pk]))
    assert detail.url == reverse("hiring:application_profile", args=[ada.pk])


def test_names_show_once_the_candidate_reaches_the_decision_stage(hm_client, blind_role, grace):
    hm_client.post(
        reverse("hiring:application_decide", args=[grace.pk]),
        {"kind": "advance", "reason": "Strong team meet.", "seen_stage": "team_meet"},
    )
    page = shortlist(hm_client, blind_role).content.decode()
    assert "Grace Hopper" in page
    assert "Ada Lovelace" not in page


def test_the_blind_switch_is_for_the_role_s_own_people(
    client, hm_client, role, other_hiring_manager
):
    hm_client.post(reverse("hiring:role_blind", args=[role.pk]), {"blind": "on"})
    role.refresh_from_db()
    assert role.blind_review
    client.force_login(other_hiring_manager)
    assert (
        client.post(reverse("hiring:role_blind", args=[role.pk]), {"blind": "off"}).status_code
        == 403
    )
    role.refresh_from_db()
    assert role.blind_review


def test_a_new_application_misses_every_source_until_evidence_arrives(hm_client, recruiter, role):
    added = services.candidate_add_to_role(
        added_by=recruiter, role=role, name="Nell Newcomer", email="nell@example.com"
    ).application
    assert added.flags == ranking.MISSING_FLAGS
    page = shortlist(hm_client, role).content.decode()
    assert "No evidence yet" in page
    assert "Nell Newcomer" in shortlist(hm_client, role, flag="no_passion_test").content.decode()
    assert "Nell Newcomer" not in shortlist(hm_client, role, flag="none").content.decode()


def test_compare_refusing_a_selection_keeps_the_ticks(hm_client, role, ada, grace, alan):
    """One ticked is too few: the list comes back with that one still ticked."""
    refused = hm_client.get(reverse("hiring:compare", args=[role.pk]), {"a": [ada.pk]})
    assert refused.status_code == 302
    page = hm_client.get(refused["Location"]).content.decode()
    assert "Pick 2 to" in page
    assert f'id="cmp-{ada.pk}" aria-label="Compare Ada Lovelace" checked' in page
    assert f'id="cmp-{grace.pk}" aria-label="Compare Grace Hopper">' in page  # not ticked
