"""Personal share links: the signed token, and the referral credited to the employee when
someone applies through it (status emails, My referrals, the leaderboard, duplicates)."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import Group
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone

from candidates import selectors, services
from candidates.models import ApplicationEvent, Referral, Stage
from candidates.referrals.share import (
    SHARE_SALT,
    referral_credit_from_link,
    referrer_from_share_token,
    share_token,
    share_url,
)
from passionhire.models import AuditEntry, OutboxMessage
from tests.factories import EmployeeFactory, RoleFactory, UserFactory

pytestmark = pytest.mark.django_db

EXAMPLE = "When our courier lost a parcel she drove it to the customer herself: it was a gift."


@pytest.fixture
def published(role):
    role.published_at = timezone.now()
    role.save(update_fields=["published_at"])
    return role


def apply(role, *, email="ada@example.com", name="Ada Lovelace"):
    """What the apply form does first: the candidate and their application."""
    return services.candidate_add_to_role(
        added_by=None,
        role=role,
        name=name,
        email=email,
        consent_to_contact=True,
        consent_source="Careers page",
    ).application


# -- Tokens ------------------------------------------------------------------------------------


def test_a_share_link_is_the_same_every_time_and_names_its_referrer_and_role(
    employee, published, settings
):
    url = share_url(user=employee, role=published)
    assert url == share_url(user=employee, role=published)
    assert url.startswith(settings.PASSIONHIRE["SITE_URL"] + "/careers/")
    parts = urlsplit(url)
    assert parts.path == reverse("careers:role", args=[published.pk])
    query = parse_qs(parts.query)
    assert query["ref"] == [share_token(user=employee, role=published)]
    assert query["utm_source"] == ["employee_share"]
    assert query["utm_medium"] == ["referral"]
    assert referrer_from_share_token(query["ref"][0], role=published) == employee


def test_every_unusable_token_credits_nobody_and_never_raises(employee, published):
    token = share_token(user=employee, role=published)
    other_role = RoleFactory()
    wrong_shape = signing.Signer(salt=SHARE_SALT).sign_object({"user": employee.pk})
    other_salt = signing.Signer(salt="passionhire.passion-test").sign_object(
        [employee.pk, published.pk]
    )
    for bad in (
        None,
        "",
        "nonsense",
        token[:-1] + ("A" if token[-1] != "A" else "B"),
        token + "x" * 400,
        "x" * 10_000,
        wrong_shape,
        other_salt,
        signing.Signer(salt=SHARE_SALT).sign_object([True, published.pk]),
        signing.Signer(salt=SHARE_SALT).sign_object([employee.pk, 10**30]),
        signing.Signer(salt=SHARE_SALT).sign_object([-1, published.pk]),
        signing.Signer(salt=SHARE_SALT).sign_object([987654, published.pk]),
        "\x00" + token,
        ["not", "a string"],
    ):
        assert referrer_from_share_token(bad, role=published) is None, bad
    assert referrer_from_share_token(token, role=other_role) is None


def test_the_link_of_someone_who_left_or_may_no_longer_refer_credits_nobody(employee, published):
    token = share_token(user=employee, role=published)
    employee.is_active = False
    employee.save()
    assert referrer_from_share_token(token, role=published) is None
    employee.is_active = True
    employee.save()
    employee.groups.remove(*Group.objects.all())
    assert referrer_from_share_token(token, role=published) is None
    no_role_token = share_token(user=UserFactory(), role=published)
    assert referrer_from_share_token(no_role_token, role=published) is None


# -- Credit ------------------------------------------------------------------------------------


def test_applying_through_a_link_credits_the_employee_with_an_accepted_referral(
    employee, published, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = apply(published)
        referral = referral_credit_from_link(application=application, referrer=employee)
    assert referral.status == Referral.Status.ACCEPTED
    assert referral.via_link
    assert referral.consent_confirmed
    assert (referral.referrer, referral.application) == (employee, application)
    assert (referral.name, referral.email) == ("Ada Lovelace", "ada@example.com")
    assert (referral.relationship, referral.known_for) == ("", "")
    assert not referral.examples.exists()  # nothing typed, so no evidence
    assert AuditEntry.objects.filter(action="referral.link", target=f"referral:{referral.pk}")
    assert ApplicationEvent.objects.filter(
        application=application, message__contains="share link of Emma Employee"
    ).exists()
    (receipt,) = [m for m in mail.outbox if m.to == [employee.email]]
    assert "who applied for the Customer Success Manager role through your share link" in (
        receipt.body
    )
    assert "accepted: in the pipeline" in receipt.body
    # Calling it again (a retried request) records nothing new.
    assert referral_credit_from_link(application=application, referrer=employee) == referral
    assert Referral.objects.count() == 1


def test_a_link_referral_gets_the_stage_emails_and_shows_in_my_referrals(
    client, employee, recruiter, published, questionnaire, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = apply(published)
        referral_credit_from_link(application=application, referrer=employee)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.passion_test_invite(application=application, invited_by=recruiter)
    application.refresh_from_db()
    assert application.stage == Stage.PASSION_TEST
    update = [m for m in mail.outbox if m.to == [employee.email]]
    assert len(update) == 1
    assert "taking the passion test" in update[0].body
    assert OutboxMessage.objects.filter(task="candidates.tasks.notify_referrers_task").exists()

    client.force_login(employee)
    page = client.get(reverse("candidates:referral_list")).content.decode()
    assert "Ada Lovelace" in page
    assert "Applied through your link" in page
    assert "Taking the Passion Test" in page
    detail = client.get(Referral.objects.get().get_absolute_url()).content.decode()
    assert "applied through your share link" in detail
    assert "What you told us" not in detail


def test_the_leaderboard_counts_a_link_referral_like_an_accepted_one(
    employee, published, django_capture_on_commit_callbacks
):
    referral_credit_from_link(application=apply(published), referrer=employee)
    (row,) = selectors.referral_leaderboard(with_scores=False)
    assert (row.user, row.referred, row.accepted) == (employee, 1, 1)


@pytest.mark.parametrize("first_by_same_employee", [False, True])
def test_the_first_referrer_keeps_the_credit(employee, published, first_by_same_employee):
    first_referrer = employee if first_by_same_employee else EmployeeFactory(username="carl")
    typed = services.referral_submit(
        referrer=first_referrer,
        role=published,
        name="Ada Lovelace",
        email="ADA@example.com",
        relationship="worked_together",
        known_for="3_5",
        consent_confirmed=True,
        examples={"commitment": EXAMPLE},
    )
    application = apply(published)
    referral = referral_credit_from_link(application=application, referrer=employee)
    assert referral.status == Referral.Status.DUPLICATE
    assert referral.credited_to == typed
    assert referral.application == application
    # The typed referral, accepted later, links to the application that now exists.
    assert services.public_status(referral) == "Waiting for review"


def test_a_second_link_referral_for_the_same_application_is_a_duplicate_of_the_first(
    employee, published
):
    application = apply(published)
    first = referral_credit_from_link(application=application, referrer=employee)
    second = referral_credit_from_link(
        application=application, referrer=EmployeeFactory(username="dora")
    )
    assert second.status == Referral.Status.DUPLICATE
    assert second.credited_to == first
    rows = {r.user.username: r.accepted for r in selectors.referral_leaderboard(with_scores=True)}
    assert rows == {"emma": 1, "dora": 0}


def test_no_credit_for_nobody_yourself_a_colleague_or_someone_who_left(employee, published):
    application = apply(published)
    assert referral_credit_from_link(application=application, referrer=None) is None
    yourself = apply(published, email=employee.email.upper(), name="Emma Employee")
    assert referral_credit_from_link(application=yourself, referrer=employee) is None
    colleague = EmployeeFactory(username="cole")
    theirs = apply(published, email=colleague.email, name="Cole")
    assert referral_credit_from_link(application=theirs, referrer=employee) is None
    employee.is_active = False
    assert referral_credit_from_link(application=application, referrer=employee) is None
    assert not Referral.objects.exists()


def test_link_referrals_do_not_count_towards_the_daily_limit_on_typed_ones(
    employee, published, settings
):
    settings.PASSIONHIRE = settings.PASSIONHIRE | {"REFERRALS_PER_DAY": 1}
    for n in range(3):
        application = apply(published, email=f"fan{n}@example.com", name=f"Fan {n}")
        assert referral_credit_from_link(application=application, referrer=employee)
    services.referral_submit(
        referrer=employee,
        role=published,
        name="Bob",
        email="bob@example.com",
        relationship="worked_together",
        known_for="3_5",
        consent_confirmed=True,
        examples={"commitment": EXAMPLE},
    )
