"""Who gets in where: every URL of the project, walked as anonymous and as each kind of user.

A route that is missing from ACCESS fails the test, so a new page cannot ship without a rule.
"""

from datetime import timedelta

import pytest
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from candidates import services
from candidates.models import Answer, Application
from interviews import services as interview_services
from interviews.models import BankQuestion, CoreValue
from tests.factories import (
    ApplicationFactory,
    EmployeeFactory,
    UserFactory,
    answers_for,
    held_interview,
)

LOGIN = "login"  # a redirect to the login page
USERS = (
    "anonymous",
    "no_role",
    "employee",
    "interviewer",  # an employee who is on the interview
    "recruiter",
    "hiring_manager",
    "other_hiring_manager",
)


def only(allowed: dict[str, int | str], *, others=403, anonymous=LOGIN) -> dict:
    """Expected outcome per user: the given ones, `others` for the rest."""
    return {u: allowed.get(u, anonymous if u == "anonymous" else others) for u in USERS}


STAFF = {
    "employee": 200,
    "interviewer": 200,
    "recruiter": 200,
    "hiring_manager": 200,
    "other_hiring_manager": 200,
}

# name -> (method, expected outcome per user). Object routes use the role owned by
# `hiring_manager`; `other_hiring_manager` manages a different role.
ACCESS = {
    "dashboard": ("get", only(STAFF)),
    "traits": ("get", only(STAFF)),
    "login": ("get", {u: (200 if u == "anonymous" else 302) for u in USERS} | {"no_role": 302}),
    "logout": ("post", {u: 302 for u in USERS}),
    "candidates:role_create": ("get", only({"recruiter": 200})),
    "candidates:role_detail": ("get", only({"recruiter": 200, "hiring_manager": 200})),
    "candidates:role_edit": ("get", only({"recruiter": 200})),
    "candidates:role_status": ("post", only({"recruiter": 302})),
    "candidates:application_create": ("get", only({"recruiter": 200})),
    "candidates:application_quick_add": ("get", only({"recruiter": 200})),
    "candidates:candidate_list": ("get", only({"recruiter": 200})),
    "candidates:candidate_data_export": ("get", only({"recruiter": 200})),
    "candidates:candidate_erase": ("get", only({"recruiter": 200})),
    "candidates:application_detail": ("get", only({"recruiter": 200, "hiring_manager": 200})),
    "candidates:passion_test_send": ("post", only({"recruiter": 302})),
    "candidates:passion_test_revoke": ("post", only({"recruiter": 302})),
    "candidates:passion_test_send_many": ("post", only({"recruiter": 302})),
    "candidates:why_answer_rate": ("post", only({"recruiter": 302})),
    "candidates:questionnaire": ("get", only({"recruiter": 200})),
    "candidates:questionnaire_version": ("get", only({"recruiter": 200})),
    "candidates:questionnaire_consistency": ("get", only({"recruiter": 200})),
    "candidates:question_create": ("get", only({"recruiter": 200})),
    "candidates:question_edit": ("get", only({"recruiter": 200})),
    "candidates:question_move": ("post", only({"recruiter": 302})),
    "candidates:question_retire": ("post", only({"recruiter": 302})),
    "candidates:referral_list": ("get", only(STAFF)),
    "candidates:referral_create": ("get", only(STAFF)),
    # Only the referrer sees a referral; for everyone else it does not exist.
    "candidates:referral_detail": (
        "get",
        only(
            {
                "employee": 200,
                "interviewer": 404,
                "recruiter": 404,
                "hiring_manager": 404,
                "other_hiring_manager": 404,
            }
        ),
    ),
    "candidates:referral_inbox": ("get", only({"recruiter": 200})),
    "candidates:referral_accept": ("post", only({"recruiter": 302})),
    "candidates:referral_decline": ("post", only({"recruiter": 302})),
    "candidates:referral_leaderboard": ("get", only(STAFF)),
    "candidates:referral_leaderboard_csv": ("get", only({"recruiter": 200})),
    "candidates:referral_visibility": ("post", only({u: 302 for u in STAFF})),
    # The ranked shortlist: recruiters and the role's own hiring manager, nobody else.
    "candidates:shortlist": ("get", only({"recruiter": 200, "hiring_manager": 200})),
    "candidates:shortlist_csv": ("get", only({"recruiter": 200, "hiring_manager": 200})),
    # Without candidates to compare, back to the shortlist with a message.
    "candidates:compare": ("get", only({"recruiter": 302, "hiring_manager": 302})),
    "candidates:role_weights": ("get", only({"recruiter": 200, "hiring_manager": 200})),
    "candidates:role_blind": ("post", only({"recruiter": 302, "hiring_manager": 302})),
    "candidates:rerank_progress": ("get", only({"recruiter": 200, "hiring_manager": 200})),
    "candidates:application_profile": ("get", only({"recruiter": 200, "hiring_manager": 200})),
    # An empty decision form: sent back with errors (nothing recorded).
    "candidates:application_decide": ("post", only({"recruiter": 422, "hiring_manager": 422})),
    "settings": ("get", only(STAFF)),
    # Interviews. The bank and scheduling are the recruiters'; an interview is open to
    # recruiters, the role's hiring manager and the people on it; only those record it.
    "interviews:bank": ("get", only({"recruiter": 200})),
    "interviews:core_value_create": ("get", only({"recruiter": 200})),
    "interviews:core_value_edit": ("get", only({"recruiter": 200})),
    "interviews:core_value_active": ("post", only({"recruiter": 302})),
    "interviews:question_create": ("get", only({"recruiter": 200})),
    "interviews:question_edit": ("get", only({"recruiter": 200})),
    "interviews:question_active": ("post", only({"recruiter": 302})),
    "interviews:guide": ("get", only({"recruiter": 200, "hiring_manager": 200})),
    "interviews:guide_print": (
        "get",
        only({"recruiter": 200, "hiring_manager": 200, "interviewer": 200}),
    ),
    "interviews:guide_item_move": ("post", only({"recruiter": 302})),
    "interviews:guide_item_remove": ("post", only({"recruiter": 302})),
    "interviews:guide_add": ("post", only({"recruiter": 302})),
    "interviews:guide_generate": ("post", only({"recruiter": 302})),
    "interviews:create": ("get", only({"recruiter": 200})),
    "interviews:mine": ("get", only(STAFF)),
    "interviews:detail": (
        "get",
        only({"recruiter": 200, "hiring_manager": 200, "interviewer": 200}),
    ),
    "interviews:scorecard": ("get", only({"interviewer": 200})),
    "interviews:observation": ("get", only({"interviewer": 200})),
    "interviews:reschedule": ("post", only({"recruiter": 302})),
    "interviews:resend": ("post", only({"recruiter": 302})),
    "interviews:cancel": ("post", only({"recruiter": 302})),
    "interviews:interviewers": ("get", only({"recruiter": 200})),
    # The candidate's pages need no account: the signed link is the permission.
    "passion_test:take": ("get", {u: 200 for u in USERS}),
    "passion_test:take_save": ("post", {u: 302 for u in USERS}),  # no htmx: back to the page
    "slots:pick": ("get", {u: 200 for u in USERS}),
}


def project_url_names() -> set[str]:
    """Every named route of ours (the Django admin guards itself and is left out)."""

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    continue
                ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, ns)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield f"{namespace}{pattern.name}"

    return set(walk(get_resolver().url_patterns))


def route_kwargs(targets: dict) -> dict[str, dict]:
    """The URL arguments of the routes that take more than a role's pk."""
    application, answer, question = targets["application"], targets["answer"], targets["question"]
    return {
        "candidates:application_detail": {"pk": application.pk},
        "candidates:candidate_data_export": {"pk": application.candidate_id},
        "candidates:candidate_erase": {"pk": application.candidate_id},
        "candidates:application_profile": {"pk": application.pk},
        "candidates:application_decide": {"pk": application.pk},
        "candidates:passion_test_send": {"pk": application.pk},
        "candidates:passion_test_revoke": {"pk": application.pk},
        "candidates:why_answer_rate": {"pk": application.pk, "answer_pk": answer.pk},
        "candidates:questionnaire_version": {"version": 1},
        "candidates:questionnaire_consistency": {"version": 1},
        "candidates:question_create": {"kind": "why"},
        "candidates:question_edit": {"pk": question.pk},
        "candidates:question_move": {"pk": question.pk},
        "candidates:question_retire": {"pk": question.pk},
        "candidates:referral_detail": {"pk": targets["referral"].pk},
        "candidates:referral_accept": {"pk": targets["referral"].pk},
        "candidates:referral_decline": {"pk": targets["referral"].pk},
        "passion_test:take": {"token": targets["token"]},
        "passion_test:take_save": {"token": targets["token"]},
        "interviews:core_value_edit": {"pk": targets["core_value"].pk},
        "interviews:core_value_active": {"pk": targets["core_value"].pk},
        "interviews:question_edit": {"pk": targets["bank_question"].pk},
        "interviews:question_active": {"pk": targets["bank_question"].pk},
        "interviews:guide_item_move": {"pk": targets["guide_item"].pk},
        "interviews:guide_item_remove": {"pk": targets["guide_item"].pk},
        "interviews:create": {"pk": application.pk},
        "interviews:detail": {"pk": targets["interview"].pk},
        "interviews:scorecard": {"pk": targets["interview"].pk},
        "interviews:observation": {"pk": targets["team_meet"].pk},
        "interviews:reschedule": {"pk": targets["interview"].pk},
        "interviews:resend": {"pk": targets["interview"].pk},
        "interviews:cancel": {"pk": targets["interview"].pk},
        "slots:pick": {"token": targets["slot_token"]},
    }


def url_for(name: str, pk: int, targets: dict | None = None) -> str:
    """The route's URL, with `pk` (a role's) or the route's own arguments filled in."""
    if targets and name in route_kwargs(targets):
        return reverse(name, kwargs=route_kwargs(targets)[name])
    try:
        return reverse(name)
    except NoReverseMatch:
        return reverse(name, kwargs={"pk": pk})


def test_every_route_has_an_access_rule():
    assert project_url_names() == set(ACCESS)


def test_every_view_of_ours_declares_who_may_use_it():
    """Each view goes through passionhire.permissions.role_required or signed_link_view
    (login/logout are Django's)."""
    resolver = get_resolver()
    fake = {
        name: Application(pk=1, candidate_id=1)
        for name in (
            "application",
            "answer",
            "question",
            "referral",
            "core_value",
            "bank_question",
            "guide_item",
            "interview",
            "team_meet",
        )
    }
    fake["token"] = fake["slot_token"] = "t"
    for name in project_url_names() - {"login", "logout"}:
        view = resolver.resolve(url_for(name, pk=1, targets=fake)).func
        assert getattr(view, "allowed_roles", None), f"{name} has no role rule"


@pytest.fixture
def interviewer(db):
    return EmployeeFactory(username="ivan", first_name="Ivan", last_name="Interviewer")


@pytest.fixture
def targets(db, recruiter, employee, interviewer, role, questionnaire):
    """An application with a scored Passion Test (its why answer to rate), a values interview
    and a team meet that took place with `interviewer` on them, a second candidate's Passion
    Test and slot links still open, and the employee's (already declined) referral."""
    application = ApplicationFactory(role=role)
    invitation = services.passion_test_invite(application=application, invited_by=recruiter)
    response = services.passion_test_open(invitation=invitation)
    questions = services.active_questions(questionnaire)
    services.passion_test_submit(
        response=response, questions=questions, answers=answers_for(questions)
    )
    open_invitation = services.passion_test_invite(
        application=ApplicationFactory(role=role), invited_by=recruiter
    )
    referral = services.referral_submit(
        referrer=employee,
        role=role,
        name="Grace Friend",
        email="grace.friend@example.com",
        relationship="worked_together",
        known_for="1_3",
        consent_confirmed=True,
        examples={"empathy": "She stayed on the phone until the customer felt heard."},
    )
    services.referral_decline(referral=referral, declined_by=recruiter, reason="role_filled")
    interview = held_interview(
        application=application, interviewers=[interviewer], created_by=recruiter
    )
    team_meet = held_interview(
        application=application,
        interviewers=[interviewer],
        created_by=recruiter,
        kind="team_meet",
        started=timezone.now() - timedelta(hours=3),
    )
    offered = interview_services.interview_schedule(
        application=open_invitation.application,
        kind="values",
        interviewers=[recruiter],
        slots=[timezone.now() + timedelta(days=3)],
        duration_minutes=45,
        location="",
        time_zone="UTC",
        created_by=recruiter,
    )
    guide = interview_services.guide_for_role(role=role)
    return {
        "core_value": CoreValue.objects.first(),
        "bank_question": BankQuestion.objects.first(),
        "guide_item": guide.items.first(),
        "interview": interview,
        "team_meet": team_meet,
        "slot_token": interview_services.slot_link_token(offered),
        "referral": referral,
        "application": application,
        "answer": Answer.objects.get(response=response, question__key="why-1"),
        "question": questionnaire.questions.get(key="why-2"),
        "token": services.invitation_token(open_invitation),
    }


@pytest.fixture
def people(
    db, recruiter, hiring_manager, other_hiring_manager, employee, interviewer, role, targets
):
    UserFactory(username="norole")
    return {
        "interviewer": interviewer,
        "recruiter": recruiter,
        "hiring_manager": hiring_manager,
        "other_hiring_manager": other_hiring_manager,
        "employee": employee,
    }


@pytest.mark.parametrize("user_kind", USERS)
def test_access_table(client, people, role, other_hiring_manager, targets, user_kind):
    from tests.factories import RoleFactory

    RoleFactory(hiring_manager=other_hiring_manager)
    if user_kind == "no_role":
        client.post(reverse("login"), {"username": "norole", "password": "correct-horse-battery"})
    elif user_kind != "anonymous":
        client.force_login(people[user_kind])
    failures = []
    # Logout last: it ends the session the other rows need.
    for name, (method, expected) in sorted(ACCESS.items(), key=lambda item: item[0] == "logout"):
        url = url_for(name, pk=role.pk, targets=targets)
        data = {"status": "open"} if name == "candidates:role_status" else {}
        response = getattr(client, method)(url, data)
        want = expected[user_kind]
        got = response.status_code
        if want == LOGIN:
            ok = got == 302 and response.url.startswith(reverse("login"))
        else:
            ok = got == want
        if not ok:
            failures.append(f"{method.upper()} {name}: expected {want}, got {got}")
        if got in (403, 404):
            # A refusal says nothing about the object it guards.
            assert role.title.encode() not in response.content, f"{name} leaks the role title"
    assert not failures, "\n".join(failures)
    assert Application.objects.count() == 2  # walking the site added or removed nothing
