"""The demo data a new user logs in to."""

import pytest
from django.contrib.auth import authenticate
from django.core import mail
from django.core.management import call_command

from candidates.demo import DEMO_LOGINS
from candidates.models import Application, Candidate, Role, Stage
from passionhire.permissions import primary_role

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_logins_roles_and_a_spread_pipeline(capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
    for login in DEMO_LOGINS:
        assert f"username {login.username}" in out
        assert login.password in out
        user = authenticate(username=login.username, password=login.password)
        assert primary_role(user) == login.role
    assert Role.objects.count() == 3
    assert Candidate.objects.count() == 60
    assert Application.objects.count() == 60
    stages = set(Application.objects.values_list("stage", flat=True))
    assert stages == set(Stage.values)
    assert mail.outbox == []  # demo candidates are not emailed


def test_seed_demo_is_idempotent():
    call_command("seed_demo")
    call_command("seed_demo")
    assert Role.objects.count() == 3
    assert Candidate.objects.count() == 60
    assert Application.objects.count() == 60
