"""The webhooks pages: registering shows the secret once, bad URLs get clear form errors (never
a 500, nothing saved), production refuses private addresses, the delivery log pages through
attempts with a fixed number of queries, and replay, re-enable, rotate and delete are audited."""

import pytest
from django.urls import reverse

from passionhire.models import AuditEntry
from passionhire.webhooks.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint

EVENTS = ["application.created", "decision.recorded"]


@pytest.fixture
def recruiter_client(client, recruiter):
    client.force_login(recruiter)
    return client


def register(client, url, events=EVENTS, description="HR sync"):
    """Register; once registered, the page that shows the secret (once) is read, as the
    browser would after the redirect."""
    response = client.post(
        reverse("hiring:webhook_new"), {"url": url, "events": events, "description": description}
    )
    if response.status_code == 302:
        client.get(response.url)
    return response


def test_registering_shows_the_secret_once(recruiter_client, receiver):
    response = recruiter_client.post(
        reverse("hiring:webhook_new"), {"url": receiver.url, "events": EVENTS}
    )
    assert response.status_code == 302  # Post/Redirect/Get: a reload registers nothing
    endpoint = WebhookEndpoint.objects.get()
    response = recruiter_client.get(response.url)
    assert endpoint.secret.startswith("whsec_")
    assert endpoint.secret in response.content.decode()
    assert endpoint.events == EVENTS
    for name in ("hiring:webhooks", "hiring:webhook_edit", "hiring:webhook_deliveries"):
        args = [] if name == "hiring:webhooks" else [endpoint.pk]
        page = recruiter_client.get(reverse(name, args=args)).content.decode()
        assert endpoint.secret not in page, name
    assert AuditEntry.objects.filter(action="webhook.create").count() == 1
    assert "whsec_" not in str(AuditEntry.objects.values_list("after", flat=True))


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("ftp://hooks.example.com/x", "must start with https://"),
        ("javascript:alert(1)", "must start with https://"),
        ("https://hooks.example.com/" + "a" * 500, "at most"),
        ("https://hооks.example.com/x", "plain ASCII"),  # Cyrillic о
        ("http://１２７.０.０.１/x", "plain ASCII"),  # full-width digits
        ("https://hooks.example.com/a b", "plain ASCII"),
        ("https://user:pw@hooks.example.com/x", "user name or password"),
        ("https://hooks.example.com@127.0.0.1/x", "user name or password"),
        ("https://hooks.example.com:99999/x", "not a valid URL"),
        ("https:///x", "not a valid URL"),
        ("https://exa_mple.com/x", "not a valid host name"),
        ("https://nowhere.invalid/x", "does not resolve"),
    ],
)
def test_bad_urls_get_a_form_error_and_nothing_is_saved(recruiter_client, url, says):
    response = register(recruiter_client, url)
    assert response.status_code == 422
    assert says in response.content.decode()
    assert not WebhookEndpoint.objects.exists()


def test_no_event_chosen_is_a_form_error(recruiter_client, receiver):
    response = register(recruiter_client, receiver.url, events=[])
    assert response.status_code == 422
    assert "Choose at least one event." in response.content.decode()


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8000/hook", "http://169.254.169.254/latest/meta-data/"]
)
def test_private_addresses_are_a_form_error_in_production(recruiter_client, settings, url):
    settings.PASSIONHIRE = {**settings.PASSIONHIRE, "WEBHOOKS_ALLOW_PRIVATE_ADDRESSES": False}
    response = register(recruiter_client, url)
    assert response.status_code == 422
    assert "public addresses only" in response.content.decode()
    assert not WebhookEndpoint.objects.exists()


def test_editing_changes_the_events_and_is_audited(recruiter_client, recruiter, receiver):
    register(recruiter_client, receiver.url)
    endpoint = WebhookEndpoint.objects.get()
    response = recruiter_client.post(
        reverse("hiring:webhook_edit", args=[endpoint.pk]),
        {"url": receiver.url, "events": ["candidate.erased"], "description": "Erasures"},
    )
    assert response.status_code == 302
    endpoint.refresh_from_db()
    assert endpoint.events == ["candidate.erased"]
    entry = AuditEntry.objects.get(action="webhook.update")
    assert entry.before["events"] == EVENTS
    assert entry.after["events"] == ["candidate.erased"]


def test_rotating_shows_the_new_secret_once(recruiter_client, receiver):
    register(recruiter_client, receiver.url)
    endpoint = WebhookEndpoint.objects.get()
    response = recruiter_client.post(reverse("hiring:webhook_rotate", args=[endpoint.pk]))
    assert response.status_code == 302
    response = recruiter_client.get(response.url)
    endpoint.refresh_from_db()
    assert endpoint.secret in response.content.decode()
    assert endpoint.previous_secret not in response.content.decode()
    assert AuditEntry.objects.filter(action="webhook.rotate_secret").count() == 1
    # Shown once: the same page again is the delivery log, and nothing rotated again.
    again = recruiter_client.get(reverse("hiring:webhook_deliveries", args=[endpoint.pk]))
    assert endpoint.secret not in again.content.decode()
    assert AuditEntry.objects.filter(action="webhook.rotate_secret").count() == 1


def test_the_delivery_log_pages_through_deliveries_with_their_attempts(
    recruiter_client, recruiter, receiver, django_assert_num_queries
):
    register(recruiter_client, receiver.url)
    endpoint = WebhookEndpoint.objects.get()
    deliveries = WebhookDelivery.objects.bulk_create(
        WebhookDelivery(
            endpoint=endpoint, event="decision.recorded", message_id=f"msg_{i}", payload={}
        )
        for i in range(30)
    )
    WebhookAttempt.objects.bulk_create(
        WebhookAttempt(delivery=d, at=d.created_at, status_code=500, response_ms=12)
        for d in deliveries
    )
    url = reverse("hiring:webhook_deliveries", args=[endpoint.pk])
    # session, user, groups (role check), endpoint, count, deliveries, attempts
    with django_assert_num_queries(7):
        page = recruiter_client.get(url)
    body = page.content.decode()
    assert body.count("HTTP 500") == 25
    assert "12 ms" in body
    assert "Page 1 of 2" in body
    assert recruiter_client.get(url + "?page=2").content.decode().count("HTTP 500") == 5


def test_replay_and_re_enable_from_the_pages(
    recruiter_client, receiver, django_capture_on_commit_callbacks
):
    register(recruiter_client, receiver.url)
    endpoint = WebhookEndpoint.objects.get()
    receiver.secret = endpoint.secret
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint, event="decision.recorded", message_id="msg_replay", payload={"x": 1}
    )
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(active=False, disabled_reason="down")
    response = recruiter_client.post(reverse("hiring:webhook_replay", args=[delivery.pk]))
    assert response.status_code == 302
    assert receiver.received == []  # refused while disabled
    with django_capture_on_commit_callbacks(execute=True):
        recruiter_client.post(reverse("hiring:webhook_enable", args=[endpoint.pk]))
    assert [item.message_id for item in receiver.received] == ["msg_replay"]
    with django_capture_on_commit_callbacks(execute=True):
        recruiter_client.post(reverse("hiring:webhook_replay", args=[delivery.pk]))
    assert [item.message_id for item in receiver.received] == ["msg_replay"] * 2
    assert all(item.verified for item in receiver.received)


def test_deleting_an_endpoint_removes_its_log_and_is_audited(recruiter_client, receiver):
    register(recruiter_client, receiver.url)
    endpoint = WebhookEndpoint.objects.get()
    WebhookDelivery.objects.create(
        endpoint=endpoint, event="decision.recorded", message_id="msg_gone", payload={}
    )
    response = recruiter_client.post(reverse("hiring:webhook_delete", args=[endpoint.pk]))
    assert response.status_code == 302
    assert not WebhookEndpoint.objects.exists()
    assert not WebhookDelivery.objects.exists()
    assert AuditEntry.objects.filter(action="webhook.delete").count() == 1


def test_the_settings_page_links_recruiters_to_webhooks(recruiter_client, client, employee):
    link = reverse("hiring:webhooks")
    assert link in recruiter_client.get(reverse("hiring:settings")).content.decode()
    client.force_login(employee)
    assert link not in client.get(reverse("hiring:settings")).content.decode()
