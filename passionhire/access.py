"""Who may do what: the access rules of every route, for every kind of user.

The test suite walks every URL pattern of the project as each kind of user and checks the
outcome written here (a route missing from ACCESS fails the test); `manage.py access_table`
prints the same rules as Markdown (docs/access.md). Object routes are walked on objects of the
role that `hiring_manager` manages; `other_hiring_manager` manages another role, `interviewer`
is on the candidate's interview and team meet, `employee` is on neither but wrote the referral.

Every route is also sent the other method: a page (GET) gets an empty POST, an action (POST) a
GET. A view that takes only one method answers 405 to the other, to everyone alike, before any
other check (it says nothing about the object). Otherwise whoever is refused the page is refused
the same way, and whoever may use it gets a form back (200/409/422) or a redirect. Never a 5xx,
never a change.
"""

from django.urls import URLPattern, URLResolver, get_resolver

from . import access_api
from .access_api import API_ACCESS, route_name

LOGIN = "login"  # a redirect to the login page
USERS = (
    "anonymous",
    "candidate",  # no account: holds their own signed link
    "other_candidate",  # no account: another candidate's link, altered to reach this one
    "expired_link",  # no account: this candidate's link, after it expired
    "no_role",
    "employee",
    "interviewer",  # an employee who is on the interview
    "recruiter",
    "hiring_manager",
    "other_hiring_manager",
    "compliance",  # reads fairness reports; holds no other role
)


NO_ACCOUNT = {"anonymous", "candidate", "other_candidate", "expired_link"}
API_SESSION = {u: 401 for u in USERS}


def only(allowed: dict[str, int | str], *, others=403, anonymous=LOGIN) -> dict:
    """Expected outcome per user: the given ones, `others` for the rest (people without an
    account are sent to log in)."""
    return {u: allowed.get(u, anonymous if u in NO_ACCOUNT else others) for u in USERS}


def signed_link(ok: int) -> dict:
    """A candidate's page: whoever holds the valid link gets in (`ok`), a link altered to
    reach someone else's page is not found, an expired one is gone."""
    return {u: ok for u in USERS} | {"other_candidate": 404, "expired_link": 410}


STAFF = {
    "compliance": 200,
    "employee": 200,
    "interviewer": 200,
    "recruiter": 200,
    "hiring_manager": 200,
    "other_hiring_manager": 200,
}

# name -> (method, expected outcome per user). Object routes use the role owned by
# `hiring_manager`; `other_hiring_manager` manages a different role.
ACCESS = {
    # Compliance has no dashboard of its own: it lands on the fairness report.
    "hiring:dashboard": ("get", only(STAFF | {"compliance": 302})),
    "hiring:traits": ("get", only(STAFF)),
    # Fairness: Compliance alone, the only role that reads (aggregated) self-identification.
    "hiring:fairness_report": ("get", only({"compliance": 200})),
    "hiring:fairness_report_csv": ("get", only({"compliance": 200})),
    "hiring:fairness_report_pdf": ("get", only({"compliance": 200})),
    "hiring:self_id_questions": ("get", only({"compliance": 200})),
    "hiring:self_id_translation": ("get", only({"compliance": 200})),
    "hiring:self_id_question_new": ("get", only({"compliance": 200})),
    "hiring:self_id_question_edit": ("get", only({"compliance": 200})),
    # The validity loop: recruiters (every role) and hiring managers (their own roles) read
    # the report; a recruiter applies its suggested weights (an empty form: 422); a check-in's
    # link opens for the hire's hiring manager alone.
    "hiring:validity": (
        "get",
        only({"recruiter": 200, "hiring_manager": 200, "other_hiring_manager": 200}),
    ),
    "hiring:validity_apply": ("post", only({"recruiter": 422})),
    "hiring:checkin": ("get", only({"hiring_manager": 200})),
    # Funnel and speed: recruiters for every role, hiring managers for their own roles (the
    # role list and every count are narrowed to them). Compliance reads the fairness report.
    "hiring:analytics": (
        "get",
        only({"recruiter": 200, "hiring_manager": 200, "other_hiring_manager": 200}),
    ),
    "hiring:analytics_csv": (
        "get",
        only({"recruiter": 200, "hiring_manager": 200, "other_hiring_manager": 200}),
    ),
    "login": ("get", {u: (200 if u in NO_ACCOUNT else 302) for u in USERS}),
    "logout": ("post", {u: 302 for u in USERS}),
    # Single sign-on (passionhire/sso.py), walked with it off, as it is unless configured: its
    # start and callback send everyone to the page that says why they are not signed in (on,
    # the start goes to the provider and the callback to that page or the dashboard).
    "sso_start": ("get", {u: 302 for u in USERS}),
    "sso_callback": ("get", {u: 302 for u in USERS}),
    "sso_failed": ("get", {u: 200 for u in USERS}),
    # The language switch: anyone; a POST without a shipped language is refused (400).
    "language": ("post", {u: 400 for u in USERS}),
    "javascript_catalog": ("get", {u: 200 for u in USERS}),  # the scripts' words
    "candidates:role_create": ("get", only({"recruiter": 200})),
    "hiring:role_detail": ("get", only({"recruiter": 200, "hiring_manager": 200})),
    # The board: the same people as the role page; an empty move is refused (nothing moves).
    "hiring:role_board": ("get", only({"recruiter": 200, "hiring_manager": 200})),
    "hiring:card_move": ("post", only({"recruiter": 422, "hiring_manager": 422})),
    "candidates:role_edit": ("get", only({"recruiter": 200})),
    "candidates:role_status": ("post", only({"recruiter": 302})),
    "candidates:role_publish": ("post", only({"recruiter": 302})),
    # Bulk actions from the pipeline, the shortlist and the board (recruiters): an empty one
    # is refused with a message on the page it came from.
    "hiring:pipeline_bulk": ("post", only({"recruiter": 302})),
    "hiring:shortlist_bulk": ("post", only({"recruiter": 302})),
    "hiring:board_bulk": ("post", only({"recruiter": 302})),
    # A candidate's tags: whoever sees the role; an empty tag is a form error (422), removing
    # a tag the candidate does not carry is refused with a message.
    "hiring:application_tag_add": ("post", only({"recruiter": 422, "hiring_manager": 422})),
    "hiring:application_tag_remove": ("post", only({"recruiter": 302, "hiring_manager": 302})),
    # Saved views: saving from a role's page (an empty one is refused with a message); the
    # view walked is the hiring manager's own, which nobody else finds.
    "hiring:saved_view_create": ("post", only({"recruiter": 302, "hiring_manager": 302})),
    "hiring:saved_view_remove": (
        "post",
        only({"hiring_manager": 302, "recruiter": 404, "other_hiring_manager": 404}),
    ),
    "candidates:bulk_job": ("get", only({"recruiter": 200, "hiring_manager": 200})),
    # The target job is an advance, which has no undo: refused with a message.
    "candidates:bulk_undo": ("post", only({"recruiter": 302, "hiring_manager": 302})),
    "careers:list": ("get", {u: 200 for u in USERS}),
    "careers:role": ("get", {u: 200 for u in USERS}),  # the role is published
    "careers:sitemap": ("get", {u: 200 for u in USERS}),
    "careers:privacy": ("get", {u: 200 for u in USERS}),
    # An empty POST is a form with errors (422); it saves nothing.
    "careers:apply": ("get", {u: 200 for u in USERS}),
    "applying:knockout_questions": ("get", only({"recruiter": 200})),
    "applying:role_translation": ("get", only({"recruiter": 200})),
    "applying:knockout_question_delete": ("post", only({"recruiter": 302})),
    # The target application was not knocked out: refused with a message on the role page.
    "applying:knockout_confirm": ("post", only({"recruiter": 302})),
    "applying:knockout_keep": ("post", only({"recruiter": 302})),
    # A download (the role is not a blind review); never rendered inline.
    "applying:application_cv": ("get", only({"recruiter": 200, "hiring_manager": 200})),
    "candidates:application_create": ("get", only({"recruiter": 200})),
    "candidates:application_quick_add": ("get", only({"recruiter": 200})),
    "candidates:candidate_list": ("get", only({"recruiter": 200})),
    # CSV import: walked on a finished import (starting it again is refused with a redirect).
    "candidates:import_upload": ("get", only({"recruiter": 200})),
    "candidates:import_mapping": ("get", only({"recruiter": 302})),
    "candidates:import_preview": ("get", only({"recruiter": 302})),
    "candidates:import_start": ("post", only({"recruiter": 302})),
    "candidates:import_detail": ("get", only({"recruiter": 200})),
    "candidates:import_progress": ("get", only({"recruiter": 200})),
    "candidates:import_errors": ("get", only({"recruiter": 200})),
    "hiring:candidate_data_export": ("get", only({"recruiter": 200})),
    "hiring:candidate_erase": ("get", only({"recruiter": 200})),
    "hiring:candidate_history": ("get", only({"recruiter": 200})),
    "hiring:role_history": ("get", only({"recruiter": 200})),
    "hiring:email_templates": ("get", only({"recruiter": 200})),
    "hiring:undelivered": ("get", only({"recruiter": 200})),
    # The walk's message was never given up: nothing to send again.
    "hiring:undelivered_retry": ("post", only({"recruiter": 409})),
    "hiring:email_template_edit": ("get", only({"recruiter": 200})),
    "hiring:email_template_new": ("get", only({"recruiter": 200})),
    "hiring:email_template_wording": ("get", only({"recruiter": 200})),
    "hiring:email_template_remove": ("post", only({"recruiter": 302})),
    # Webhooks: recruiters alone (they share the organisation's endpoints). Rotating shows the
    # new secret once (200); re-enabling an active endpoint is refused with a message (302).
    "hiring:webhooks": ("get", only({"recruiter": 200})),
    "hiring:webhook_new": ("get", only({"recruiter": 200})),
    "hiring:webhook_edit": ("get", only({"recruiter": 200})),
    "hiring:webhook_deliveries": ("get", only({"recruiter": 200})),
    "hiring:webhook_rotate": ("post", only({"recruiter": 302})),
    "hiring:webhook_enable": ("post", only({"recruiter": 302})),
    "hiring:webhook_delete": ("post", only({"recruiter": 302})),
    "hiring:webhook_replay": ("post", only({"recruiter": 302})),
    "hiring:application_detail": ("get", only({"recruiter": 200, "hiring_manager": 200})),
    # The target's decision is past its grace period: refused with a message on the profile.
    "hiring:decision_undo": ("post", only({"recruiter": 302, "hiring_manager": 302})),
    "candidates:passion_test_send": ("post", only({"recruiter": 302})),
    "candidates:passion_test_revoke": ("post", only({"recruiter": 302})),
    "candidates:passion_test_review": ("post", only({"recruiter": 302})),
    "candidates:passion_test_send_many": ("post", only({"recruiter": 302})),
    "candidates:why_answer_rate": ("post", only({"recruiter": 302})),
    "candidates:questionnaire": ("get", only({"recruiter": 200})),
    "candidates:questionnaire_version": ("get", only({"recruiter": 200})),
    "candidates:questionnaire_consistency": ("get", only({"recruiter": 200})),
    "candidates:questionnaire_translation": ("get", only({"recruiter": 200})),
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
                "compliance": 404,
            }
        ),
    ),
    "candidates:referral_inbox": ("get", only({"recruiter": 200})),
    "candidates:referral_accept": ("post", only({"recruiter": 302})),
    "candidates:referral_decline": ("post", only({"recruiter": 302})),
    "candidates:referral_leaderboard": ("get", only(STAFF)),
    "candidates:referral_leaderboard_csv": ("get", only({"recruiter": 200})),
    "candidates:referral_visibility": ("post", only({u: 302 for u in STAFF})),
    # Anyone who may refer gets their own links; the QR code is of a published role (404 if not).
    "candidates:share_roles": ("get", only(STAFF)),
    "candidates:share_role_qr": ("get", only(STAFF)),
    # The ranked shortlist: recruiters and the role's own hiring manager, nobody else.
    "hiring:shortlist": ("get", only({"recruiter": 200, "hiring_manager": 200})),
    "hiring:shortlist_csv": ("get", only({"recruiter": 200, "hiring_manager": 200})),
    # Without candidates to compare, back to the shortlist with a message.
    "hiring:compare": ("get", only({"recruiter": 302, "hiring_manager": 302})),
    "hiring:role_weights": ("get", only({"recruiter": 200, "hiring_manager": 200})),
    "hiring:role_blind": ("post", only({"recruiter": 302, "hiring_manager": 302})),
    "hiring:rerank_progress": ("get", only({"recruiter": 200, "hiring_manager": 200})),
    "hiring:application_profile": ("get", only({"recruiter": 200, "hiring_manager": 200})),
    # An empty decision form: sent back with errors (nothing recorded).
    "hiring:application_decide": ("post", only({"recruiter": 422, "hiring_manager": 422})),
    "hiring:settings": ("get", only(STAFF)),
    # API tokens: recruiters and hiring managers, each their own; another's is not found.
    "hiring:api_tokens": (
        "get",
        only({"recruiter": 200, "hiring_manager": 200, "other_hiring_manager": 200}),
    ),
    "hiring:api_token_revoke": (
        "post",
        only({"recruiter": 404, "hiring_manager": 302, "other_hiring_manager": 404}),
    ),
    # Notes: recruiters and the role's hiring manager; an empty note comes back with its error.
    "hiring:application_note_add": ("post", only({"recruiter": 422, "hiring_manager": 422})),
    # Everyone's own notifications. Opening one that is not yours: it does not exist.
    "hiring:notifications": ("get", only(STAFF)),
    "hiring:notification_open": (
        "get",
        only(
            {
                "hiring_manager": 302,
                "employee": 404,
                "interviewer": 404,
                "recruiter": 404,
                "other_hiring_manager": 404,
                "compliance": 404,
            }
        ),
    ),
    "hiring:notifications_read_all": ("post", only({u: 302 for u in STAFF})),
    "hiring:notification_digest": ("post", only({u: 302 for u in STAFF})),
    # Interviews. The bank and scheduling are the recruiters'; an interview is open to
    # recruiters, the role's hiring manager and the people on it; only those record it.
    "interviews:bank": ("get", only({"recruiter": 200})),
    "interviews:bank_translation": ("get", only({"recruiter": 200})),
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
    "passion_test:take": ("get", signed_link(302)),  # to the page to resume on
    "passion_test:page": ("get", signed_link(200)),
    "passion_test:page_save": ("post", signed_link(302)),  # no htmx: back to the page
    # Its language switch: a POST without a shipped language is refused before the link is
    # read, so it tells nothing about the link.
    "passion_test:language": ("post", {k: 400 for k in signed_link(400)}),
    "slots:pick": ("get", signed_link(200)),
    "slots:language": ("post", {k: 400 for k in signed_link(400)}),  # as passion_test's
    # The status page. Withdrawing and asking to be erased first show a confirmation step
    # (what an empty POST gets); a phone form sent empty comes back with its error; the data
    # download is the file itself.
    "status:page": ("get", signed_link(200)),
    "status:language": ("post", {k: 400 for k in signed_link(400)}),  # as passion_test's
    "status:withdraw": ("post", signed_link(200)),
    "status:phone": ("post", signed_link(422)),
    "status:data": ("post", signed_link(200)),
    "status:erasure": ("post", signed_link(200)),
    "status:self_id": ("get", signed_link(200)),
}
# The API answers tokens only (passionhire/access_api.py has its table per token): a browser
# session, signed in or not, gets 401 on each of its routes, whichever method; the schema is
# public.
ACCESS |= {
    route_name(key): (method, API_SESSION)
    for key, (method, _) in API_ACCESS.items()
    if "#" not in key
}
ACCESS["api:schema"] = ("get", {u: 200 for u in USERS})


USER_LABELS = {
    "anonymous": "Anonymous (no session)",
    "candidate": "Candidate, own link",
    "other_candidate": "Candidate, another's link altered",
    "expired_link": "Candidate, expired link",
    "no_role": "Signed in, no role",
    "employee": "Employee",
    "interviewer": "Employee on the interview",
    "recruiter": "Recruiter",
    "hiring_manager": "Hiring manager of the role",
    "other_hiring_manager": "Hiring manager of another role",
    "compliance": "Compliance",
}
OTHER_METHOD_OK = "ok"  # a form back, a redirect or 405: never 5xx, never a change


def other_method_expected(expected: dict) -> dict:
    """What the other method gets: the same refusal, or OTHER_METHOD_OK."""
    return {
        u: (v if v in (401, 403, 404, 410, LOGIN) else OTHER_METHOD_OK) for u, v in expected.items()
    }


def project_routes() -> dict[str, str]:
    """Every named route of ours -> its path pattern (the Django admin guards itself)."""

    def walk(patterns, namespace="", prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    continue
                ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, ns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield f"{namespace}{pattern.name}", "/" + prefix + str(pattern.pattern)

    return dict(walk(get_resolver().url_patterns))


def _cell(value) -> str:
    return {LOGIN: "→ login", OTHER_METHOD_OK: "ok"}.get(value, str(value))


def markdown() -> str:
    """The rules as a Markdown document: one row per route and method."""
    routes = project_routes()
    lines = [
        "# Who may do what",
        "",
        "Generated by `manage.py access_table` from `passionhire/access.py`; the test suite",
        "walks every row (tests/test_access.py), so this table is what the app does.",
        "",
        f"{len(ACCESS)} routes × 2 methods × {len(USERS)} kinds of user = "
        f"{len(ACCESS) * 2 * len(USERS)} checks. A refusal (403, 404, 410) never shows the",
        "role's title or the candidate's name or email.",
        "",
        "Cells: the HTTP status; `→ login` a redirect to the log-in page; `ok` a form back or a",
        "redirect, and nothing changed. On the second method of a route a 405 (method not",
        "allowed, answered to everyone before any other check) also passes.",
        "",
        "| Route | Method | " + " | ".join(USER_LABELS[u] for u in USERS) + " |",
        "|---|---|" + "---|" * len(USERS),
    ]
    for name in sorted(ACCESS):
        method, expected = ACCESS[name]
        other = "POST" if method == "get" else "GET"
        path = routes.get(name, "?").replace("|", "\\|")
        for shown, rules in ((method.upper(), expected), (other, other_method_expected(expected))):
            cells = " | ".join(_cell(rules[u]) for u in USERS)
            lines.append(f"| `{name}` `{path}` | {shown} | {cells} |")
    return "\n".join(lines) + "\n" + access_api.markdown()
