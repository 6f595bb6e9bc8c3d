"""Hostile input, property-based (hypothesis), on every form of the app.

The forms are not listed by hand: every page of the access table is opened as a user who may
use it, and every form on it (POST and GET) is filled with hostile values — arbitrary unicode,
huge strings, control characters, HTML and script, SQL-looking text, numbers out of range,
missing and duplicated fields. Properties: never a 5xx; a submission that is not accepted (no
redirect) leaves every row count as it was; a script or tag sent in is never shown back raw.
"""

from html.parser import HTMLParser

from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from candidates.models import (
    Application,
    Candidate,
    Decision,
    Evidence,
    PassionTestResponse,
    Referral,
    Role,
)
from interviews.models import BankQuestion, CoreValue, Interview, Observation, Scorecard
from passionhire.access import ACCESS
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
        if page.status_code != 200:
            continue  # e.g. a link revoked by an earlier form of this walk
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
