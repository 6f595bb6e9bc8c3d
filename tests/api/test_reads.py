"""Reading through the API: what the web shows the token's owner, redacted the same way, in
pages of a signed cursor, with a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hiring.api.tokens import token_check
from tests.factories import ApplicationFactory, RoleFactory, held_interview
from tests.shortlist.conftest import scored

APPLICATIONS = reverse("api:applications")


def test_a_recruiter_reads_every_role_a_hiring_manager_only_theirs(
    as_user, recruiter, hiring_manager, other_hiring_manager, role
):
    theirs = RoleFactory(hiring_manager=other_hiring_manager, title="Night support")
    assert [r["title"] for r in as_user(recruiter).get(reverse("api:roles")).json()["results"]] == [
        role.title,
        theirs.title,
    ]
    mine = as_user(hiring_manager).get(reverse("api:roles")).json()["results"]
    assert [r["id"] for r in mine] == [role.pk]
    assert mine[0]["weights"] == {t: w for t, w in ((t.value, w) for t, w in role.weights.items())}
    assert as_user(hiring_manager).get(reverse("api:role", args=[theirs.pk])).status_code == 404


def test_applications_of_another_managers_role_are_neither_listed_nor_found(
    as_user, hiring_manager, other_hiring_manager, role
):
    mine = ApplicationFactory(role=role)
    theirs = ApplicationFactory(role=RoleFactory(hiring_manager=other_hiring_manager))
    api = as_user(hiring_manager)
    assert [a["id"] for a in api.get(APPLICATIONS).json()["results"]] == [mine.pk]
    assert api.get(APPLICATIONS, {"role": theirs.role_id}).json()["results"] == []
    for name in ("api:application", "api:application_evidence", "api:application_decisions"):
        assert api.get(reverse(name, args=[theirs.pk])).status_code == 404


def test_scores_and_evidence_are_shown_with_the_candidate(as_user, recruiter, role):
    application = scored(
        role, "Ada Lovelace", {"empathy": [("interview", 80, 1)], "courage": [("referral", 60, 1)]}
    )
    api = as_user(recruiter)
    body = api.get(reverse("api:application", args=[application.pk])).json()
    assert body["candidate"] == {
        "id": application.candidate_id,
        "name": "Ada Lovelace",
        "email": "ada.lovelace@example.com",
    }
    assert body["scores"]["traits"]["empathy"] == pytest.approx(80)
    assert body["scores"]["composite"] == pytest.approx(application.composite_score)
    assert body["scores_hidden"] is False
    evidence = api.get(reverse("api:application_evidence", args=[application.pk])).json()
    assert sorted((e["trait"], e["source"], e["value"]) for e in evidence) == [
        ("courage", "referral", 60.0),
        ("empathy", "interview", 80.0),
    ]


def test_blind_review_hides_who_the_candidate_is_until_the_decision_stage(
    as_user, recruiter, hiring_manager, role
):
    role.blind_review = True
    role.save(update_fields=["blind_review"])
    application = scored(role, "Ada Lovelace", {"empathy": [("referral", 70, 1)]})
    for user in (recruiter, hiring_manager):
        body = as_user(user).get(reverse("api:application", args=[application.pk])).json()
        assert body["candidate"] == {
            "id": None,
            "name": f"Candidate #{application.pk}",
            "email": None,
        }
        assert body["blind"] is True
        listed = as_user(user).get(APPLICATIONS).content.decode()
        assert "Ada" not in listed
        assert "lovelace" not in listed.lower()
    evidence = as_user(hiring_manager).get(
        reverse("api:application_evidence", args=[application.pk])
    )
    assert "Ada" not in evidence.content.decode()
    application.stage, application.revealed = "decision", True
    application.save(update_fields=["stage", "revealed"])
    body = as_user(hiring_manager).get(reverse("api:application", args=[application.pk])).json()
    assert body["candidate"]["name"] == "Ada Lovelace"


def test_someone_on_an_unrecorded_interview_reads_no_score_flag_or_evidence(
    as_user, recruiter, hiring_manager, role, question_bank
):
    """No anchoring: the hiring manager sits on the candidate's interview and has not
    recorded it yet."""
    application = scored(role, "Ada Lovelace", {"empathy": [("referral", 90, 1)]})
    other = scored(role, "Bo Other", {"empathy": [("referral", 40, 1)]})
    held_interview(application=application, interviewers=[hiring_manager], created_by=recruiter)
    api = as_user(hiring_manager)
    body = api.get(reverse("api:application", args=[application.pk])).json()
    assert body["scores_hidden"] is True
    assert body["scores"] is None
    assert body["flags"] == []
    assert api.get(reverse("api:application_evidence", args=[application.pk])).json() == []
    rows = {a["id"]: a for a in api.get(APPLICATIONS).json()["results"]}
    assert rows[application.pk]["scores"] is None
    assert rows[other.pk]["scores"]["traits"]["empathy"] == pytest.approx(40)
    # The recruiter, not on it, reads the scores.
    recruiter_view = as_user(recruiter).get(reverse("api:application", args=[application.pk]))
    assert recruiter_view.json()["scores"]["traits"]["empathy"] == pytest.approx(90)


def test_pages_follow_a_signed_cursor_and_an_altered_one_is_refused(as_user, recruiter, role):
    made = [ApplicationFactory(role=role).pk for _ in range(5)]
    api = as_user(recruiter)
    seen, url = [], APPLICATIONS + "?page_size=2"
    while url:
        page = api.get(url).json()
        seen += [a["id"] for a in page["results"]]
        url = page["next"]
    assert seen == made
    second = api.get(APPLICATIONS + "?page_size=2").json()["next"]
    cursor = second.split("cursor=")[1].split("&")[0]
    for altered in (cursor[:-1] + ("A" if cursor[-1] != "A" else "B"), "cD0x", "%00", "x" * 5000):
        response = api.get(APPLICATIONS, {"cursor": altered, "page_size": 2})
        assert response.status_code == 400, altered
        assert "not valid" in response.json()["cursor"][0]


@pytest.mark.parametrize(
    "params", [{"role": "１"}, {"role": "1.0"}, {"stage": "nowhere"}, {"candidate": "-3"}]
)
def test_a_filter_that_is_not_a_plain_id_or_a_stage_is_a_clear_400(
    as_user, recruiter, role, params
):
    response = as_user(recruiter).get(APPLICATIONS, params)
    assert response.status_code == 400
    assert set(response.json()) == set(params)


def test_an_id_in_unicode_digits_in_the_path_is_not_found(as_user, recruiter, role):
    application = ApplicationFactory(role=role)
    digits = "".join(chr(0xFF10 + int(d)) for d in str(application.pk))  # full-width
    response = as_user(recruiter).get(f"/api/v1/applications/{digits}/")
    assert response.status_code == 404


def test_listing_reads_a_fixed_number_of_queries_however_many_applications(
    as_user, recruiter, hiring_manager, role, question_bank
):
    """The token (1), its owner's roles (1), the page (1) and the anchoring check (1), whether
    the page has 3 rows or 40, and when some are held back; the token's last use is written
    at most once a minute (the first call)."""
    api = as_user(hiring_manager)
    api.get(APPLICATIONS)  # touches last_used_at once
    counts, made = [], 0
    for n in (3, 40):
        while made < n:
            made += 1
            scored(role, f"Person {made}", {"empathy": [("referral", 50, 1)]})
        with CaptureQueriesContext(connection) as queries:
            response = api.get(APPLICATIONS, {"page_size": 50})
        assert len(response.json()["results"]) == n
        counts.append(len(queries))
    held_interview(
        application=role.applications.first(), interviewers=[hiring_manager], created_by=recruiter
    )
    with CaptureQueriesContext(connection) as queries:
        api.get(APPLICATIONS, {"page_size": 50})
    assert counts == [4, 4]
    assert len(queries) == 4


def test_a_token_whose_secret_holds_underscores_is_read_whole(recruiter):
    from hiring.api.models import ApiToken
    from hiring.api.tokens import _digest, token_create

    token = token_create(user=recruiter, name="sync", scope="read", days=7).token
    raw = f"ph_{token.prefix}_a_b_c-d"
    ApiToken.objects.filter(pk=token.pk).update(digest=_digest(raw))
    assert token_check(raw).pk == token.pk


def test_on_a_blind_review_decision_reasons_and_referral_words_name_no_one(
    as_user, recruiter, hiring_manager, role
):
    from candidates import services

    role.blind_review = True
    role.save(update_fields=["blind_review"])
    application = scored(role, "Ada Lovelace", {"empathy": [("referral", 70, 1)]})
    application.evidence.filter(source="referral").update(
        summary="Ada Lovelace calmed the angry customer"
    )
    services.decision_record(
        application_id=application.pk,
        kind="hold",
        reason="Ada Lovelace (ada.lovelace@example.com) asked us to wait a week.",
        decided_by=recruiter,
        seen_stage="applied",
    )
    api = as_user(hiring_manager)
    decisions = api.get(reverse("api:application_decisions", args=[application.pk]))
    [decision] = decisions.json()
    assert "Ada" not in decision["reason"]
    assert "ada.lovelace@example.com" not in decision["reason"]
    assert "asked us to wait a week" in decision["reason"]
    assert decision["undone_at"] is None
    evidence = api.get(reverse("api:application_evidence", args=[application.pk])).json()
    assert [e["summary"] for e in evidence] == ["Referral example (referrer hidden)"]


def test_a_token_stops_when_its_owner_has_not_signed_in_for_the_idle_limit(
    settings, client, hiring_manager, role
):
    """Someone switched off at the identity provider can no longer sign in: their tokens die
    within API_TOKEN_OWNER_IDLE_DAYS, though nobody told PassionHire."""
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from hiring.api.models import ApiToken
    from hiring.api.tokens import token_create
    from tests.api.conftest import Api

    settings.API_TOKEN_OWNER_IDLE_DAYS = 30
    made = token_create(user=hiring_manager, name="sync", scope="read", days=365)
    long_ago = timezone.now() - timedelta(days=31)
    ApiToken.objects.filter(pk=made.token.pk).update(created_at=long_ago)
    get_user_model().objects.filter(pk=hiring_manager.pk).update(last_login=long_ago)
    refused = Api(made.secret).get(reverse("api:me"))
    assert refused.status_code == 401
    assert "has not signed in for 30 days" in refused.json()["detail"]
    client.force_login(hiring_manager)  # signing in brings the token back
    assert Api(made.secret).get(reverse("api:me")).status_code == 200
