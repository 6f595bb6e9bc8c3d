"""Sign-in and sessions: brute-force lockout, session rotation, logout, idle expiry; security
headers; the production settings."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from passionhire.middleware import TOUCH_EVERY_SECONDS
from passionhire.tasks import clear_expired_sessions_task
from tests.test_settings import PRODUCTION, run_manage

PASSWORD = "correct-horse-battery"  # the factories' password


def log_in(client, username, password=PASSWORD, address="10.0.0.1"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


@pytest.fixture
def limit(settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 6
    return 3


def test_wrong_passwords_lock_the_account_with_a_clear_message_until_the_cool_off(
    client, recruiter, limit
):
    for _ in range(limit - 1):
        page = log_in(client, "rita", "wrong")
        assert page.status_code == 200
        assert "Please enter a correct username and password" in page.content.decode()
    locked = log_in(client, "rita", "wrong")
    assert locked.status_code == 429
    text = locked.content.decode()
    assert 'Too many failed <span class="text-nowrap">log-ins</span>' in text
    assert "Try again in <strong>15 minutes</strong>" in text
    # Now even the right password is refused, from anywhere, and no session starts.
    again = log_in(client, "rita", address="10.9.9.9")
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session
    # After the cool-off the right password works.
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert log_in(client, "rita").status_code == 302
    assert client.session["_auth_user_id"] == str(recruiter.pk)
    assert not AccessAttempt.objects.exists()  # a success clears the count


def test_an_address_trying_many_accounts_is_locked_too(client, recruiter, employee, limit):
    for name in ("alice", "bob", "carol", "dave", "erin", "frank"):
        log_in(client, name, "guess", address="10.6.6.6")
    assert log_in(client, "emma", address="10.6.6.6").status_code == 429
    # Emma herself, from her own address, is not locked out by someone else's guessing.
    assert log_in(Client(), "emma", address="10.0.0.2").status_code == 302


@pytest.fixture(params=["db", "cached_db"])
def session_engine(request, settings):
    """Both ways sessions are kept: the database alone (no CACHE_URL), and read from the shared
    cache with the database behind it (CACHE_URL set, as production requires)."""
    settings.SESSION_ENGINE = f"django.contrib.sessions.backends.{request.param}"
    return request.param


def test_a_new_session_at_login_and_none_after_logout(client, recruiter, session_engine):
    client.get(reverse("login"))
    client.cookies["sessionid"] = "planted-by-an-attacker"
    log_in(client, "rita")
    session_key = client.cookies["sessionid"].value
    assert session_key != "planted-by-an-attacker"
    assert Session.objects.filter(session_key=session_key).exists()
    assert client.get(reverse("hiring:dashboard")).status_code == 200

    client.post(reverse("logout"))
    assert not Session.objects.filter(session_key=session_key).exists()
    # The old cookie opens nothing.
    replay = Client()
    replay.cookies["sessionid"] = session_key
    response = replay.get(reverse("hiring:dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_with_a_shared_cache_a_signed_in_page_reads_its_session_without_a_query(
    client, recruiter, settings
):
    log_in(client, "rita")
    # Session, user, roles; then the dashboard's own reads.
    client.get(reverse("hiring:dashboard"))
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("hiring:dashboard")).status_code == 200
    # Read now: the next request empties the connection's log the capture points into.
    from_database = [q["sql"] for q in captured.captured_queries]
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    cached = Client()  # its middleware is built with the engine now set
    log_in(cached, "rita")
    cached.get(reverse("hiring:dashboard"))
    with CaptureQueriesContext(connection) as captured:
        assert cached.get(reverse("hiring:dashboard")).status_code == 200
    from_cache = [q["sql"] for q in captured.captured_queries]
    assert len(from_cache) == len(from_database) - 1
    assert not any("django_session" in sql for sql in from_cache)
    assert any("django_session" in sql for sql in from_database)


def _session_engine(**env) -> str:
    shown = "from django.conf import settings; print(settings.SESSION_ENGINE)"
    result = run_manage("shell", "-c", shown, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()[-1].rsplit(".", 1)[-1]


def test_production_keeps_sessions_in_the_shared_cache_and_the_database():
    assert _session_engine(**PRODUCTION) == "cached_db"
    # No shared cache (bin/serve, one process): the database alone.
    assert _session_engine(DEBUG="true", CACHE_URL="") == "db"


def test_an_idle_session_expires_and_a_busy_one_slides_forward(client, recruiter, settings):
    log_in(client, "rita")
    session = Session.objects.get(session_key=client.cookies["sessionid"].value)
    idle = timedelta(seconds=settings.SESSION_COOKIE_AGE)
    assert idle == timedelta(hours=2)
    assert abs(session.expire_date - (timezone.now() + idle)) < timedelta(seconds=5)
    # Working a while later pushes the expiry forward (saved at most every 5 minutes).
    store = client.session
    store["touched"] -= TOUCH_EVERY_SECONDS + 1
    store.save()
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() + timedelta(minutes=3))
    assert client.get(reverse("hiring:dashboard")).status_code == 200
    session.refresh_from_db()
    assert session.expire_date > timezone.now() + idle - timedelta(seconds=5)
    # Left idle past the expiry: signed out.
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("hiring:dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_the_daily_task_clears_expired_sessions_and_keeps_live_ones(recruiter, employee):
    idle, busy = Client(), Client()
    log_in(idle, "rita")
    log_in(busy, "emma")
    Session.objects.filter(session_key=idle.cookies["sessionid"].value).update(
        expire_date=timezone.now() - timedelta(minutes=1)
    )
    clear_expired_sessions_task.delay()
    assert list(Session.objects.values_list("session_key", flat=True)) == [
        busy.cookies["sessionid"].value
    ]
    assert busy.get(reverse("hiring:dashboard")).status_code == 200


def test_pages_carry_the_security_headers(client, recruiter):
    cookie = log_in(client, "rita").cookies["sessionid"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["max-age"] == ""  # ends with the browser
    response = client.get(reverse("hiring:dashboard"))
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_production_settings_turn_on_https_hsts_and_secure_cookies():
    script = (
        "from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_SSL_REDIRECT,"
        " s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY)"
    )
    result = run_manage("shell", "-c", script, **PRODUCTION)
    assert result.stdout.split()[-6:] == ["31536000", "True", "True", "True", "True", "True"]


def test_guesses_at_many_usernames_from_one_address_do_not_lock_the_office_out(
    client, recruiter, settings
):
    assert (settings.LOGIN_FAILURE_LIMIT, settings.LOGIN_ADDRESS_FAILURE_LIMIT) == (5, 50)
    for name in ("alice", "bob", "carol", "dave", "erin", "frank"):
        assert log_in(client, name, "guess", address="10.7.7.7").status_code == 200
    # A seventh person behind the same office address still signs in.
    response = log_in(Client(), "rita", address="10.7.7.7")
    assert response.status_code == 302
    assert response.url == reverse("hiring:dashboard")


def test_five_failures_on_one_username_lock_it_from_any_address(client, recruiter, settings):
    for n in range(1, settings.LOGIN_FAILURE_LIMIT):
        assert log_in(client, "rita", "wrong", address=f"10.8.0.{n}").status_code == 200
    assert log_in(client, "rita", "wrong", address="10.8.0.99").status_code == 429
    # Locked everywhere, even with the right password; others are not.
    assert log_in(Client(), "rita", address="192.0.2.1").status_code == 429
    assert log_in(Client(), "rita", address="10.8.0.1").status_code == 429
