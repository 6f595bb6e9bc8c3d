"""Who gets in where: every URL of the project, walked with both methods as each kind of user
(passionhire/access.py holds the rules; docs/access.md prints them).

A route that is missing from ACCESS fails the test, so a new page cannot ship without a rule.
"""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import NoReverseMatch, get_resolver, reverse
from django.utils import timezone

from candidates import services
from candidates.models import (
    Answer,
    Application,
    BulkJob,
    Candidate,
    Decision,
    ImportJob,
    PassionTestInvitation,
    Referral,
    Role,
    Stage,
)
from hiring.api.tokens import token_create
from hiring.models import CheckIn, SavedView, SelfIdQuestion
from hiring.notes.models import Note
from hiring.notes.services import note_add
from hiring.validity.services import checkin_token
from interviews import services as interview_services
from interviews.models import BankQuestion, CoreValue, Interview, Scorecard
from passionhire.access import (
    ACCESS,
    LOGIN,
    OTHER_METHOD_OK,
    USERS,
    markdown,
    other_method_expected,
    project_routes,
)
from passionhire.models import EmailTemplate, Notification
from passionhire.webhooks.models import WebhookDelivery, WebhookEndpoint
from tests.factories import (
    ApplicationFactory,
    EmployeeFactory,
    UserFactory,
    answers_for,
    held_interview,
)


def route_kwargs(targets: dict) -> dict[str, dict]:
    """The URL arguments of the routes that take more than a role's pk."""
    application, answer, question = targets["application"], targets["answer"], targets["question"]
    return {
        "hiring:application_detail": {"pk": application.pk},
        "applying:application_cv": {"pk": application.pk},
        "hiring:decision_undo": {"pk": targets["decision"].pk},
        "candidates:bulk_job": {"pk": targets["bulk_job"].pk},
        "candidates:bulk_undo": {"pk": targets["bulk_job"].pk},
        "applying:knockout_confirm": {"pk": application.pk},
        "applying:knockout_keep": {"pk": application.pk},
        "applying:role_translation": {"pk": application.role_id, "language": "es"},
        "applying:knockout_question_delete": {"pk": targets["knockout_question"].pk},
        "hiring:candidate_data_export": {"pk": application.candidate_id},
        "hiring:candidate_erase": {"pk": application.candidate_id},
        "hiring:candidate_history": {"pk": application.candidate_id},
        "hiring:application_profile": {"pk": application.pk},
        "hiring:application_decide": {"pk": application.pk},
        "hiring:card_move": {"pk": application.pk},
        "hiring:application_note_add": {"pk": application.pk},
        "hiring:application_tag_add": {"pk": application.pk},
        "hiring:application_tag_remove": {"pk": application.pk},
        "hiring:saved_view_remove": {"pk": targets["saved_view"].pk},
        "hiring:self_id_question_edit": {"pk": targets["self_id_question"].pk},
        "hiring:self_id_translation": {"language": "es"},
        "hiring:notification_open": {"pk": targets["notification"].pk},
        "hiring:email_template_edit": {"kind": "rejection"},
        "hiring:email_template_new": {"kind": "rejection"},
        "hiring:email_template_wording": {"kind": "rejection", "pk": targets["email_template"].pk},
        "hiring:email_template_remove": {"pk": targets["email_template"].pk},
        "hiring:undelivered_retry": {"pk": 987654},
        "hiring:api_token_revoke": {"pk": targets["api_token"].pk},
        **{
            f"api:application{name}": {"pk": application.pk}
            for name in ("", "_evidence", "_move", "_decisions")
        },
        "api:candidate": {"pk": application.candidate_id},
        **{
            f"hiring:webhook_{name}": {"pk": targets["webhook"].pk}
            for name in ("edit", "deliveries", "rotate", "enable")
        },
        # Its own endpoint: the walk deletes it.
        "hiring:webhook_delete": {"pk": targets["doomed_webhook"].pk},
        "hiring:webhook_replay": {"pk": targets["webhook_delivery"].pk},
        "candidates:passion_test_send": {"pk": application.pk},
        "candidates:passion_test_revoke": {"pk": application.pk},
        "candidates:passion_test_review": {"pk": application.pk},
        "candidates:why_answer_rate": {"pk": application.pk, "answer_pk": answer.pk},
        "candidates:questionnaire_version": {"version": 1},
        "candidates:questionnaire_consistency": {"version": 1},
        "candidates:questionnaire_translation": {"version": 1, "language": "es"},
        "candidates:question_create": {"kind": "why"},
        "candidates:question_edit": {"pk": question.pk},
        "candidates:question_move": {"pk": question.pk},
        "candidates:question_retire": {"pk": question.pk},
        **{
            f"candidates:import_{name}": {"pk": targets["import_job"].pk}
            for name in ("mapping", "preview", "start", "detail", "progress", "errors")
        },
        "candidates:referral_detail": {"pk": targets["referral"].pk},
        "candidates:referral_accept": {"pk": targets["referral"].pk},
        "candidates:referral_decline": {"pk": targets["referral"].pk},
        "passion_test:take": {"token": targets["token"]},
        "passion_test:page": {"token": targets["token"], "page": 1},
        "passion_test:page_save": {"token": targets["token"], "page": 1},
        "passion_test:language": {"token": targets["token"]},
        "javascript_catalog": {"language": "es"},
        "interviews:bank_translation": {"language": "es"},
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
        "slots:language": {"token": targets["slot_token"]},
        "hiring:checkin": {"token": targets["checkin_token"]},
        **{
            f"status:{name}": {"token": targets["status_token"]}
            for name in ("page", "language", "withdraw", "phone", "data", "erasure", "self_id")
        },
    }


def url_for(name: str, pk: int, targets: dict | None = None) -> str:
    """The route's URL, with `pk` (a role's) or the route's own arguments filled in."""
    if targets and name in route_kwargs(targets):
        return reverse(name, kwargs=route_kwargs(targets)[name])
    try:
        return reverse(name)
    except NoReverseMatch:
        return reverse(name, kwargs={"pk": pk})


def project_url_names() -> set[str]:
    return set(project_routes())


def test_every_route_has_an_access_rule():
    assert project_url_names() == set(ACCESS)


def test_the_printed_table_is_up_to_date():
    """docs/access.md is what `manage.py access_table` prints now."""
    call_command("access_table", "--check")
    assert f"{len(ACCESS)} routes × 2 methods × {len(USERS)} kinds of user" in markdown()


def test_every_view_of_ours_declares_who_may_use_it():
    """Each view goes through passionhire.permissions.role_required or signed_link_view
    (login/logout are Django's)."""
    resolver = get_resolver()
    fake = {
        name: Application(pk=1, candidate_id=1, role_id=1)
        for name in (
            "application",
            "answer",
            "question",
            "referral",
            "knockout_question",
            "decision",
            "bulk_job",
            "core_value",
            "bank_question",
            "guide_item",
            "interview",
            "team_meet",
            "import_job",
            "notification",
            "email_template",
            "saved_view",
            "self_id_question",
            "webhook",
            "doomed_webhook",
            "webhook_delivery",
        )
    }
    fake["api_token"] = fake["application"]
    fake["token"] = fake["slot_token"] = fake["status_token"] = fake["checkin_token"] = "t"
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
    role.published_at = timezone.now()  # on the careers page
    role.save(update_fields=["published_at"])
    application = ApplicationFactory(role=role)
    application.cv.save("cv.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    rejected = ApplicationFactory(role=role)
    decision = services.decision_record(
        application_id=rejected.pk,
        kind="reject",
        reason="Not this time.",
        decided_by=recruiter,
        seen_stage=rejected.stage,
    )
    knockout_question = role.knockout_questions.create(
        text="Can you work weekends?", disqualifying_answer="no"
    )
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

    def offer(application, in_days: int):
        """A values interview offered to the candidate with one slot to pick."""
        return interview_services.interview_schedule(
            application=application,
            kind="values",
            interviewers=[recruiter],
            slots=[timezone.now() + timedelta(days=in_days)],
            duration_minutes=45,
            location="",
            time_zone="UTC",
            created_by=recruiter,
        )

    offered = offer(open_invitation.application, in_days=3)
    # The hiring manager is mentioned in a note on the application: their notification.
    note_add(application=application, author=recruiter, text="@hugo have a look, please")
    notification = Notification.objects.get(recipient__username="hugo", kind="mention")
    guide = interview_services.guide_for_role(role=role)
    # Another candidate with links of their own, for altered-link attempts.
    other_invitation = services.passion_test_invite(
        application=ApplicationFactory(role=role), invited_by=recruiter
    )
    other_offer = offer(other_invitation.application, in_days=4)
    import_job = ImportJob.objects.create(
        role=role, file_name="done.csv", status=ImportJob.Status.DONE, requested_by=recruiter
    )
    webhook = WebhookEndpoint.objects.create(
        owner=recruiter, url="https://hooks.example.com/in", events=["decision.recorded"]
    )
    return {
        "webhook": webhook,
        "doomed_webhook": WebhookEndpoint.objects.create(
            owner=recruiter, url="https://hooks.example.com/old", events=["decision.recorded"]
        ),
        "webhook_delivery": WebhookDelivery.objects.create(
            endpoint=webhook, event="decision.recorded", message_id="msg_walk", payload={}
        ),
        "self_id_question": SelfIdQuestion.objects.get(key="gender"),
        "saved_view": SavedView.objects.create(
            owner=notification.recipient, page="pipeline", name="Mine", params={"stage": "offer"}
        ),
        "import_job": import_job,
        "open_invitation": open_invitation,
        "offered": offered,
        "other_token": services.invitation_token(other_invitation),
        "other_slot_token": interview_services.slot_link_token(other_offer),
        "core_value": CoreValue.objects.first(),
        "bank_question": BankQuestion.objects.first(),
        "guide_item": guide.items.first(),
        "interview": interview,
        "team_meet": team_meet,
        "slot_token": interview_services.slot_link_token(offered),
        "referral": referral,
        "knockout_question": knockout_question,
        "decision": decision,
        "bulk_job": BulkJob.objects.create(
            role=role, kind="advance", reason="Strong tests.", requested_by=recruiter
        ),
        "application": application,
        "notification": notification,
        "api_token": token_create(
            user=role.hiring_manager, name="HR sync", scope="read", days=30
        ).token,
        "email_template": EmailTemplate.objects.create(
            kind="rejection",
            name="After the interviews",
            subject="Your application for {{ role_title }}",
            body="Hello {{ candidate_name }},\n\nThank you.\n\n{{ sign_off }}\n",
            updated_at=timezone.now(),
        ),
        "answer": Answer.objects.get(response=response, question__key="why-1"),
        "question": questionnaire.questions.get(key="why-2"),
        "token": services.invitation_token(open_invitation),
        # The status page of the candidate with a live test link and an interview to pick.
        "status_token": services.status_token(open_invitation.application),
        # The role's hiring manager asked how the hired application turned out.
        "checkin_token": checkin_token(
            CheckIn.objects.create(
                application=application,
                manager=role.hiring_manager,
                hired_at=timezone.now(),
                expires_at=timezone.now() + timedelta(days=30),
                nonce="n",
            )
        ),
        "other_status_token": services.status_token(other_invitation.application),
    }


@pytest.fixture
def people(
    db,
    recruiter,
    hiring_manager,
    other_hiring_manager,
    employee,
    interviewer,
    compliance,
    role,
    targets,
):
    UserFactory(username="norole")
    return {
        "interviewer": interviewer,
        "recruiter": recruiter,
        "hiring_manager": hiring_manager,
        "other_hiring_manager": other_hiring_manager,
        "employee": employee,
        "compliance": compliance,
    }


COUNTED = (
    Role,
    Candidate,
    Application,
    Referral,
    PassionTestInvitation,
    Interview,
    Scorecard,
    Note,
)


def counts() -> list[int]:
    return [model.objects.count() for model in COUNTED] + [Decision.objects.count()]


def altered(token: str, other: str) -> str:
    """Another candidate's signature on this candidate's payload: a link altered by hand."""
    return token.split(":", 1)[0] + ":" + other.split(":", 1)[1]


def links_for(user_kind: str, targets: dict) -> dict:
    """The signed links this kind of user holds (as route_kwargs overrides)."""
    if user_kind == "other_candidate":
        return {
            "token": altered(targets["token"], targets["other_token"]),
            "slot_token": altered(targets["slot_token"], targets["other_slot_token"]),
            "status_token": altered(targets["status_token"], targets["other_status_token"]),
        }
    if user_kind == "expired_link":
        past = timezone.now() - timedelta(minutes=1)
        PassionTestInvitation.objects.filter(pk=targets["open_invitation"].pk).update(
            expires_at=past
        )
        Interview.objects.filter(pk=targets["offered"].pk).update(link_expires_at=past)
        # A status link dies STATUS_LINK_DAYS_AFTER_CLOSE days after the application closed.
        days = settings.PASSIONHIRE["STATUS_LINK_DAYS_AFTER_CLOSE"]
        Application.objects.filter(pk=targets["open_invitation"].application_id).update(
            stage=Stage.WITHDRAWN, stage_changed_at=timezone.now() - timedelta(days=days + 1)
        )
    return {}


def outcome_ok(want, response, *, other_method=False) -> bool:
    got = response.status_code
    if other_method and got == 405:
        return True  # the method is refused before anything else, for everyone alike
    if want == LOGIN:
        return got == 302 and response.url.startswith(reverse("login"))
    if want == OTHER_METHOD_OK:
        return got in (200, 302, 405, 409, 422)
    return got == want


@pytest.mark.parametrize("user_kind", USERS)
def test_access_table(client, people, role, other_hiring_manager, targets, user_kind):
    from tests.factories import RoleFactory

    RoleFactory(hiring_manager=other_hiring_manager)
    if user_kind == "no_role":
        client.post(reverse("login"), {"username": "norole", "password": "correct-horse-battery"})
    elif user_kind in people:
        client.force_login(people[user_kind])
    targets = targets | links_for(user_kind, targets)
    # What a refusal must not show: the role, and the candidates' names and addresses.
    secrets = {role.title}
    for application in Application.objects.select_related("candidate"):
        secrets |= {application.candidate.name, application.candidate.email}
    before = counts()
    failures, leaks = [], []
    # Logout last: it ends the session the other rows need.
    for name, (method, expected) in sorted(ACCESS.items(), key=lambda item: item[0] == "logout"):
        url = url_for(name, pk=role.pk, targets=targets)
        other = "post" if method == "get" else "get"
        # The other method first: it must change nothing, whoever sends it.
        if name != "logout":
            response = getattr(client, other)(url, {})
            want = other_method_expected(expected)[user_kind]
            if not outcome_ok(want, response, other_method=True):
                failures.append(
                    f"{other.upper()} {name}: expected {want}, got {response.status_code}"
                )
            if counts() != before:
                failures.append(f"{other.upper()} {name} changed the data")
                before = counts()
        data = {"status": "open"} if name == "candidates:role_status" else {}
        response = getattr(client, method)(url, data)
        want = expected[user_kind]
        if not outcome_ok(want, response):
            failures.append(f"{method.upper()} {name}: expected {want}, got {response.status_code}")
        if response.status_code in (403, 404, 410):
            body = response.content.decode()
            leaks += [f"{name} shows {secret!r}" for secret in secrets if secret in body]
        before = counts()
    assert not failures, "\n".join(failures)
    assert not leaks, "\n".join(leaks)
    assert Application.objects.count() == 4  # walking the site added or removed none
