"""The fault tests' Redis of their own (`redis_server`, tests/conftest.py) gives the broker
back: after this process has published to one that is then stopped, its tasks reach a worker
on the suite's broker again. (Run after tests/test_faults.py in the full suite, too.)"""

import pytest

from candidates.tasks import send_application_acknowledgement_task
from passionhire.models import OutboxMessage, SentEmail
from tests.conftest import _redis_client, broker_switched_to, wait_for
from tests.redis_server import RedisServer
from tests.test_outbox import add_katherine

pytestmark = pytest.mark.worker


def test_after_a_redis_of_its_own_is_stopped_tasks_reach_the_worker_on_the_suites_broker(
    celery_worker, recruiter, role
):
    from passionhire.celery import app

    # The worker answered a ping: this process already holds connections to the suite's broker.
    suite_broker = app.conf.broker_write_url
    server = RedisServer()
    try:
        server.start()
        with broker_switched_to(server.url):
            send_application_acknowledgement_task.delay(0)
            assert _redis_client().llen("email") == 1  # on the server of its own
            server.stop()
    finally:
        server.close()
    assert app.conf.broker_write_url == suite_broker
    assert _redis_client().llen("email") == 0  # nothing of that went to the suite's broker

    # Published through the outbox after commit, as in the fault tests: the worker gets it.
    application = add_katherine(recruiter, role)
    key = f"application:{application.pk}:acknowledgement"
    sent = wait_for(lambda: SentEmail.objects.filter(key=key).first())
    assert sent.to == "katherine@example.com"
    message = OutboxMessage.objects.get(task=send_application_acknowledgement_task.name)
    assert message.last_error == ""
    assert message.attempts == 1
