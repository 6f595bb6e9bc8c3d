"""Hostile input, property-based (hypothesis), on every form of the app.

The forms are not listed by hand: every page of the access table is opened as a user who may
use it, and every form on it (POST and GET) is filled with hostile values — arbitrary unicode,
huge strings, control characters, HTML and script, SQL-looking text, numbers out of range,
missing and duplicated fields. Properties: never a 5xx; a submission that is not accepted (no
redirect) leaves every row count as it was; a script or tag sent in is never shown back raw.

Then, case by case, hostile input that once reached a server error: line breaks meant for
email headers, ids and dates no database can hold, validly signed links of the wrong shape,
link tokens in the logs, links that outlive their purpose, caching of personal pages, and
bodies too large to read.
"""

import logging
import runpy
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core import mail, signing
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from candidates import services
from candidates.models import (
    Application,
    Candidate,
    Decision,
    Evidence,
    PassionTestResponse,
    Referral,
    Role,
    Stage,
)
from candidates.passion_test.services import TOKEN_SALT as TEST_SALT
from interviews import services as interview_services
from interviews.models import BankQuestion, CoreValue, Interview, Observation, Scorecard
from interviews.services.slot_links import TOKEN_SALT as SLOT_SALT
from passionhire.access import ACCESS
from passionhire.emails import templated_email
from passionhire.params import parse_id, parse_ids
from passionhire.signed_links import token_digest
from tests.factories import ApplicationFactory, held_interview
from tests.test_access import (  # noqa: F401 - fixtures
    interviewer,
    people,
    route_kwargs,
    targets,
    url_for,
)

# Payloads that must never come back unescaped (none appears in our own templates).
MARKUP = [
    "<script>alert('ph')</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(1)>",
    "javascript:alert(1)//<a href=x>",
]
OTHER = [
    "'; DROP TABLE candidates_candidate; --",
    "1 OR 1=1",
    "Robert'); DELETE FROM auth_user;--",
    "{{ request.user.password }}{% debug %}",
    "\u202eevil\u202c",
    "\x00nul",
    "\r\nBcc: victim@example.com",
    "../../../../etc/passwd",
    "-1",
    "1e309",
    "99999999999999999999",
    "NaN",
    "2026-02-30T25:61",
]
COUNTED = (
    Role,
    Candidate,
    Application,
    Referral,
    PassionTestResponse,
    Evidence,
    Interview,
    Scorecard,
    Observation,
    Decision,
    CoreValue,
    BankQuestion,
)
PREFERRED = ("recruiter", "hiring_manager", "interviewer", "employee", "anonymous")

hostile_text = st.one_of(
    st.text(max_size=200),
    st.sampled_from(MARKUP + OTHER),
    st.builds(
        lambda a, p, b: a + p + b,
        st.text(max_size=20),
        st.sampled_from(MARKUP),
        st.text(max_size=20),
    ),
    st.integers(min_value=3, max_value=5).map(lambda k: "x" * 10**k),  # up to 100,000
    # Control and private-use characters (lone surrogates cannot travel over HTTP at all).
    st.text(alphabet=st.characters(categories=["Cc", "Co"]), max_size=30),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
)


class FormFinder(HTMLParser):
    """The forms of a page: method, action, and each field's name and offered values."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append(
                {
                    "method": (attrs.get("method") or "get").lower(),
                    "action": attrs.get("action") or "",
                    "fields": {},
                }
            )
        elif self.forms and tag in ("input", "textarea", "select") and attrs.get("name"):
            name = attrs["name"]
            if name == "csrfmiddlewaretoken":
                return
            values = self.forms[-1]["fields"].setdefault(name, [])
            if attrs.get("value"):
                values.append(attrs["value"])
            self._select = name if tag == "select" else None
        elif tag == "option" and self._select and self.forms:
            self.forms[-1]["fields"][self._select].append(attrs.get("value", ""))


def forms_on(body: str, page_url: str) -> list[dict]:
    finder = FormFinder()
    finder.feed(body)
    found = []
    for form in finder.forms:
        form["url"] = form["action"] or page_url
        if form["fields"] and reverse("logout") not in form["url"]:
            found.append(form)
    return found


def field_value(draw, offered: list[str]):
    """Hostile text, or one of the page's own values (so deeper validation is reached)."""
    if offered:
        return draw(st.one_of(hostile_text, st.sampled_from(offered)))
    return draw(hostile_text)


def counts() -> list[int]:
    return [model.objects.count() for model in COUNTED]


def test_every_form_survives_hostile_input(client, people, targets, role):  # noqa: F811
    opened = tried = 0
    for name, (method, expected) in sorted(ACCESS.items()):
        if method != "get" or name in ("login", "hiring:shortlist_csv"):
            continue
        user = next((u for u in PREFERRED if expected.get(u) == 200), None)
        if user is None:
            continue
        client.logout()
        if user != "anonymous":
            client.force_login(people[user])
        page_url = url_for(name, pk=role.pk, targets=targets)
        page = client.get(page_url)
        if page.status_code != 200 or page.streaming:
            continue  # e.g. a link revoked by an earlier form of this walk, or a download
        opened += 1
        for form in forms_on(page.content.decode(), page_url):
            tried += 1
            fuzz_form(client, form, where=f"{name} as {user}")
    assert opened >= 40, opened
    assert tried >= 40, tried  # forms, each with 8 hostile submissions


def test_a_nul_character_is_refused_with_a_clear_page_and_nothing_saved(client, employee, role):
    client.force_login(employee)
    response = client.post(
        reverse("candidates:referral_create"),
        {"role": role.pk, "name": "Ada\x00", "email": "ada@example.com", "consent_confirmed": "on"},
    )
    assert response.status_code == 400
    assert "NUL" in response.content.decode()
    assert not Referral.objects.exists()
    assert client.get(reverse("candidates:candidate_list"), {"q": "\x00"}).status_code == 400


def fuzz_form(client, form: dict, where: str) -> None:
    @settings(
        max_examples=8,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(st.data())
    def run(data):
        fields = form["fields"]
        dropped = data.draw(st.sets(st.sampled_from(sorted(fields))), label="missing")
        doubled = data.draw(st.sets(st.sampled_from(sorted(fields))), label="duplicated")
        payload = {}
        for field, offered in fields.items():
            if field in dropped:
                continue
            value = field_value(data.draw, offered)
            payload[field] = [value, field_value(data.draw, offered)] if field in doubled else value
        before = counts()
        if form["method"] == "post":
            response = client.post(form["url"], payload)
        else:
            response = client.get(form["url"], payload)
        assert response.status_code < 500, f"{where}: {form['url']} {response.status_code}"
        if response.status_code not in (301, 302, 303):
            assert counts() == before, f"{where}: half-saved on a refused submission"
        body = response.content.decode(errors="replace")
        sent = " ".join(" ".join(v) if isinstance(v, list) else v for v in payload.values())
        for markup in MARKUP:
            if markup in sent:
                assert markup not in body, f"{where}: {markup!r} shown back unescaped"

    run()


# === Case by case ================================================================

HEADER_INJECTION = "Ada\r\nBcc: x@evil.example"
HUGE = "99999999999999999999"
NOT_ASCII_DIGITS = ["²", "١٢", "１２", "৩"]


@pytest.fixture
def application(role):
    return ApplicationFactory(role=role)


@pytest.fixture
def invitation(recruiter, application):
    return services.passion_test_invite(application=application, invited_by=recruiter)


def offer(application, recruiter, *, in_days=3) -> Interview:
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


# --- 1. Line breaks in names and titles that reach email headers ------------------------------


def test_a_referral_name_with_a_line_break_is_refused_with_a_clear_message(client, employee, role):
    client.force_login(employee)
    response = client.post(
        reverse("candidates:referral_create"),
        {
            "role": role.pk,
            "name": HEADER_INJECTION,
            "email": "ada@example.com",
            "relationship": "worked_together",
            "known_for": "1_3",
            "consent_confirmed": "on",
            "example_empathy": "She stayed on the phone until the customer felt heard.",
        },
    )
    assert response.status_code == 200
    assert "Use a single line, without line breaks" in response.content.decode()
    assert not Referral.objects.exists()


@pytest.mark.parametrize("name", [HEADER_INJECTION, "Ada\tLovelace", "Ada\x1b[31m", "Ada\u2028B"])
def test_a_candidate_name_with_control_characters_is_refused(client, recruiter, role, name):
    client.force_login(recruiter)
    response = client.post(
        reverse("candidates:application_create", args=[role.pk]),
        {"name": name, "email": "ada@example.com", "source": "direct"},
    )
    assert response.status_code == 422
    assert "Use a single line, without line breaks" in response.content.decode()
    assert not Candidate.objects.exists()


def test_a_role_title_with_a_line_break_is_refused(client, recruiter, hiring_manager):
    client.force_login(recruiter)
    fields = {f"weight_{t}": 3 for t in ("empathy", "commitment", "curiosity")}
    fields |= {f"weight_{t}": 3 for t in ("attention_to_detail", "connection", "courage")}
    response = client.post(
        reverse("candidates:role_create"),
        {
            "title": "Support\r\nBcc: x@evil.example",
            "team": "Support",
            "description": "",
            "hiring_manager": hiring_manager.pk,
            **fields,
        },
    )
    assert response.status_code == 200
    assert "Use a single line, without line breaks" in response.content.decode()
    assert not Role.objects.exists()


def test_a_subject_rendered_from_a_hostile_name_is_one_line_and_the_email_sends(db):
    referral = SimpleNamespace(
        name=HEADER_INJECTION + "\x00\u2028more",
        referrer=SimpleNamespace(first_name="Emma", get_username="emma"),
        role=SimpleNamespace(title="Support", shown_title="Support"),
        via_link=False,
    )
    message = templated_email(
        template="candidates/emails/referral_update",
        context={"referral": referral, "status": "Interviewing", "declined": False, "url": "/"},
        to=["emma@staff.example.com"],
    )
    assert message.subject == "Your referral of Ada Bcc: x@evil.example more: interviewing"
    message.send()  # Django raises BadHeaderError for a subject with a line break
    sent = mail.outbox[0].message()
    assert sent["Bcc"] is None
    assert sent["To"] == "emma@staff.example.com"


# --- 2. Ids and dates ---------------------------------------------------------------------------


def test_parse_id_takes_only_ascii_digits_within_range():
    assert parse_id("12") == 12
    assert parse_id("999999999999999999") == 10**18 - 1
    assert parse_id(12) == 12
    for text in [*NOT_ASCII_DIGITS, HUGE, "0", "-1", "+1", " 1", "1 ", "1\n", "", None, 10**19]:
        assert parse_id(text) is None, text
    assert parse_ids(["3", "²", "3", "4", HUGE]) == [3, 4]


@pytest.mark.parametrize("segment", [HUGE, "١٢", "²"])
def test_a_huge_or_non_ascii_id_in_a_url_is_a_404(client, recruiter, role, segment):
    client.force_login(recruiter)
    for path in (
        f"/roles/{segment}/",
        f"/roles/{segment}/shortlist/",
        f"/applications/{segment}/",
        f"/interviews/{segment}/",
        f"/referrals/{segment}/",
    ):
        assert client.get(path).status_code == 404, path
        with pytest.raises(Resolver404):
            resolve(path)  # refused by the URL itself, before any query
    assert client.get(f"/roles/{role.pk}/").status_code == 200


def test_compare_ignores_ids_that_are_not_plain_ascii_numbers(client, recruiter, role):
    client.force_login(recruiter)
    response = client.get(
        reverse("hiring:compare", args=[role.pk]), {"a": [*NOT_ASCII_DIGITS, HUGE]}
    )
    assert response.status_code == 302
    assert response.url == reverse("hiring:shortlist", args=[role.pk])


def test_the_bulk_send_ignores_ids_that_are_not_plain_ascii_numbers(client, recruiter, role):
    client.force_login(recruiter)
    response = client.post(
        reverse("candidates:passion_test_send_many", args=[role.pk]),
        {"application": [*NOT_ASCII_DIGITS, HUGE]},
    )
    assert response.status_code == 302


def test_a_blind_search_for_a_huge_candidate_number_finds_nobody(client, recruiter, role):
    Role.objects.filter(pk=role.pk).update(blind_review=True)
    client.force_login(recruiter)
    for query in (f"#{HUGE}", "#²", "Candidate #١٢"):
        response = client.get(reverse("hiring:shortlist", args=[role.pk]), {"q": query})
        assert response.status_code == 200, query


def test_a_huge_or_odd_slot_id_on_the_slot_page_is_a_clear_error(client, recruiter, application):
    interview = offer(application, recruiter)
    url = reverse("slots:pick", args=[interview_services.slot_link_token(interview)])
    for slot in (HUGE, "²", "١"):
        response = client.post(url, {"slot": slot})
        assert response.status_code == 422, slot
        assert "Choose one of the times offered." in response.content.decode()
    interview.refresh_from_db()
    assert interview.status == Interview.Status.OFFERED


IMPOSSIBLE_TIMES = [
    "99999-01-01T10:00",
    "2026-13-45T10:00",
    "2026-02-30T25:61",
    "٢٠٢٦-٠١-٠١T10:00",
    "9999-12-31T23:30",
    "0001-01-01T00:10",
]


@pytest.mark.parametrize("when", IMPOSSIBLE_TIMES)
def test_impossible_interview_times_are_form_errors(client, recruiter, application, when):
    client.force_login(recruiter)
    session = client.session
    session["time_zone"] = "Europe/Berlin"  # east of UTC: year 1 would fall before year 1
    session.save()
    response = client.post(
        reverse("interviews:create", args=[application.pk]),
        {"kind": "values", "interviewers": [recruiter.pk], "duration_minutes": 60, "slot_1": when},
    )
    assert response.status_code in (200, 422)
    assert not Interview.objects.exists()


@pytest.mark.parametrize("when", IMPOSSIBLE_TIMES)
def test_impossible_times_to_move_an_interview_to_are_form_errors(
    client, recruiter, application, when
):
    interview = held_interview(
        application=application, interviewers=[recruiter], created_by=recruiter, started=False
    )
    client.force_login(recruiter)
    response = client.post(
        reverse("interviews:reschedule", args=[interview.pk]), {"move-starts_at": when}
    )
    assert response.status_code == 302
    moved = Interview.objects.get(pk=interview.pk)
    assert moved.starts_at == interview.starts_at


# --- 3. Validly signed links of the wrong shape -------------------------------------------------

WRONG_SHAPES = [{"a": 1}, [1, 2, 3], ["1", "x"], [True, "x"], [2**70, "x"], [0, "x"], [-1, "x"]]


@pytest.mark.parametrize("payload", WRONG_SHAPES, ids=repr)
@pytest.mark.parametrize(
    ("salt", "name", "more"),
    [(TEST_SALT, "passion_test:page", [1]), (SLOT_SALT, "slots:pick", [])],
)
def test_a_validly_signed_link_of_the_wrong_shape_is_a_404(client, db, payload, salt, name, more):
    token = signing.Signer(salt=salt).sign_object(payload)
    assert client.get(reverse(name, args=[token, *more])).status_code == 404
    assert client.post(reverse(name, args=[token, *more]), {"slot": "1"}).status_code == 404


# --- 4. No link token in the logs ---------------------------------------------------------------


def test_no_log_line_holds_a_candidate_link_token(client, recruiter, application, caplog):
    invitation = services.passion_test_invite(application=application, invited_by=recruiter)
    expired = services.invitation_token(invitation)
    invitation.__class__.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(days=1)
    )
    unknown = signing.Signer(salt=SLOT_SALT).sign_object([10**12, "nonce"])
    tampered = expired[:-3] + "xyz"
    with caplog.at_level(logging.INFO):
        assert client.get(reverse("passion_test:take", args=[expired])).status_code == 410
        assert client.get(reverse("slots:pick", args=[unknown])).status_code == 404
        assert client.get(f"/t/{tampered}/save/").status_code in (404, 405)
    assert caplog.records
    logged = " ".join(
        f"{record.getMessage()} {record.msg} {record.args!r}" for record in caplog.records
    )
    for token in (expired, unknown, tampered):
        assert token not in logged
    assert f"Gone: /t/~{token_digest(expired)}/" in logged
    assert f"Not Found: /i/~{token_digest(unknown)}/" in logged


# --- 5. Links that outlive their purpose ----------------------------------------------------------


def test_a_slot_link_dies_once_its_interview_has_begun(client, recruiter, application):
    interview = held_interview(
        application=application, interviewers=[recruiter], created_by=recruiter
    )
    response = client.get(
        reverse("slots:pick", args=[interview_services.slot_link_token(interview)])
    )
    assert response.status_code == 410
    assert "already taken place" in response.content.decode()


def test_a_slot_link_of_a_coming_interview_still_shows_the_time(client, recruiter, application):
    interview = held_interview(
        application=application, interviewers=[recruiter], created_by=recruiter, started=False
    )
    token = interview_services.slot_link_token(interview)
    assert client.get(reverse("slots:pick", args=[token])).status_code == 200


@pytest.mark.parametrize("stage", [Stage.HIRED, Stage.REJECTED, Stage.WITHDRAWN])
def test_links_die_once_the_application_is_closed(
    client, recruiter, application, invitation, stage
):
    interview = offer(application, recruiter)
    Application.objects.filter(pk=application.pk).update(stage=stage)
    for url in (
        reverse("slots:pick", args=[interview_services.slot_link_token(interview)]),
        reverse("passion_test:page", args=[services.invitation_token(invitation), 1]),
    ):
        response = client.get(url)
        assert response.status_code == 410, url
        assert "application for this role is closed" in response.content.decode()
        assert client.post(url, {"slot": interview.slots.get().pk}).status_code == 410
    interview.refresh_from_db()
    assert interview.status == Interview.Status.OFFERED


# --- 6. Nothing personal in a cache ----------------------------------------------------------


def no_store(response) -> bool:
    return "no-store" in response.headers.get("Cache-Control", "")


def test_staff_pages_exports_and_candidate_links_are_never_stored(
    client, recruiter, role, application, invitation
):
    interview = offer(application, recruiter)
    for url in (
        reverse("passion_test:take", args=[services.invitation_token(invitation)]),
        reverse("slots:pick", args=[interview_services.slot_link_token(interview)]),
        reverse("slots:pick", args=["not-a-token"]),
        reverse("status:page", args=[services.status_token(application)]),
        reverse("status:page", args=["not-a-token"]),
    ):
        assert no_store(client.get(url)), url
    client.force_login(recruiter)
    for url in (
        reverse("hiring:dashboard"),
        reverse("candidates:candidate_list"),
        reverse("hiring:shortlist", args=[role.pk]),
        reverse("hiring:shortlist_csv", args=[role.pk]),
        reverse("candidates:referral_leaderboard_csv"),
        reverse("hiring:candidate_data_export", args=[application.candidate.pk]),
        reverse("hiring:application_detail", args=[10**12]),  # a 404 too
    ):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert no_store(response), url


# --- 7. Bodies too large to read ------------------------------------------------------------


def test_a_too_large_body_gets_a_413_page_and_saves_nothing(client, employee, role, settings):
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 1024 * 1024
    client.force_login(employee)
    response = client.post(
        reverse("candidates:referral_create"),
        {
            "role": role.pk,
            "name": "Ada",
            "email": "ada@example.com",
            "example_empathy": "x" * 1_100_000,
        },
    )
    assert response.status_code == 413
    assert "more than we can take in one go" in response.content.decode()
    assert not Referral.objects.exists()


def test_too_many_fields_get_a_413_page(client, recruiter, invitation, settings):
    assert settings.DATA_UPLOAD_MAX_NUMBER_FIELDS == 1000
    url = reverse("passion_test:page_save", args=[services.invitation_token(invitation), 1])
    response = client.post(url, {f"q{n}": "3" for n in range(1001)})
    assert response.status_code == 413
    assert "more than 1000 fields" in response.content.decode()


def test_the_largest_legitimate_form_is_well_under_the_limit(settings):
    # Four 3,000-character why answers of 4-byte characters, percent-encoded, and 61 fields.
    answers = 4 * 3000 * 4 * 3
    assert answers + 61 * 20 < settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 5


def test_gunicorns_access_log_holds_no_candidate_link_token(caplog):
    hooks = runpy.run_path(str(Path(__file__).resolve().parent.parent / "gunicorn.conf.py"))
    access = logging.getLogger("gunicorn.access")
    filters = list(access.filters)
    try:
        hooks["post_fork"](None, None)
        token = signing.Signer(salt=TEST_SALT).sign_object([7, "nonce"])
        with caplog.at_level(logging.INFO, logger="gunicorn.access"):
            # As gunicorn logs it: the format, then a dict of atoms.
            access.info('"%(r)s" %(s)s', {"r": f"GET /t/{token}/save/ HTTP/1.1", "s": "200"})
        assert caplog.messages == [f'"GET /t/~{token_digest(token)}/save/ HTTP/1.1" 200']
    finally:
        access.filters[:] = filters
