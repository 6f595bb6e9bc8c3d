"""Referrals: the rules of referring, the recruiter's decision, privacy, and the leaderboard."""

import csv
import io
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from candidates import selectors, services
from candidates.models import (
    Application,
    Candidate,
    Evidence,
    PassionTestInvitation,
    Referral,
    ReferralExample,
    Stage,
)
from tests.factories import ApplicationFactory, EmployeeFactory, RoleFactory
from tests.pages import without_tokens

pytestmark = pytest.mark.django_db

EXAMPLE = (
    "When our courier lost a parcel she drove it to the customer herself, because it was a gift."
)


def refer(referrer, role, *, email="ada@example.com", name="Ada Lovelace", **overrides):
    kwargs = {
        "referrer": referrer,
        "role": role,
        "name": name,
        "email": email,
        "relationship": "worked_together",
        "known_for": "3_5",
        "consent_confirmed": True,
        "examples": {"commitment": EXAMPLE},
    } | overrides
    return services.referral_submit(**kwargs)


def form_data(role, **overrides):
    return {
        "role": role.pk,
        "name": "Ada Lovelace",
        "email": "ada@example.com",
        "relationship": "worked_together",
        "known_for": "3_5",
        "consent_confirmed": "on",
        "example_commitment": EXAMPLE,
    } | overrides


# -- Rules -------------------------------------------------------------------------------------


def test_the_same_person_twice_for_a_role_gives_one_application_and_the_first_keeps_credit(
    employee, recruiter, role, questionnaire, django_capture_on_commit_callbacks
):
    first = refer(employee, role)
    colleague = EmployeeFactory(username="carl")
    second = refer(colleague, role, email="ADA@Example.com")
    assert second.status == Referral.Status.DUPLICATE
    assert second.credited_to == first
    assert services.public_status(second) == services.public_status(first)
    with django_capture_on_commit_callbacks(execute=True):
        services.referral_accept(referral=first, accepted_by=recruiter)
    first.refresh_from_db()
    third = refer(EmployeeFactory(username="dora"), role, email="ada@EXAMPLE.com")
    assert third.credited_to == first
    assert third.application == first.application
    assert Application.objects.count() == 1
    assert Referral.objects.count() == 3


def test_someone_already_in_the_pipeline_is_recorded_but_takes_no_credit(employee, role):
    ApplicationFactory(role=role, candidate__email="ada@example.com")
    referral = refer(employee, role)
    assert referral.status == Referral.Status.DUPLICATE
    assert referral.credited_to is None
    assert services.public_status(referral) == Referral.Status.PENDING.label


def test_an_existing_candidate_referred_for_a_new_role_is_linked_not_duplicated(
    employee, recruiter, role, questionnaire, django_capture_on_commit_callbacks
):
    existing = ApplicationFactory(candidate__email="ada@example.com").candidate
    referral = refer(employee, role, email="Ada@Example.COM")
    with django_capture_on_commit_callbacks(execute=True):
        services.referral_accept(referral=referral, accepted_by=recruiter)
    referral.refresh_from_db()
    assert referral.application.candidate == existing
    assert Candidate.objects.count() == 1
    assert Application.objects.count() == 2


@pytest.mark.parametrize(
    ("email", "message"),
    [("emma@staff.example.com", "can't refer yourself"), ("hugo@staff.example.com", "works here")],
    ids=["yourself", "a colleague"],
)
def test_referring_yourself_or_a_colleague_is_refused(
    employee, hiring_manager, role, email, message
):
    with pytest.raises(ValidationError, match=message):
        refer(employee, role, email=email.upper())
    assert not Referral.objects.exists()


def test_a_closed_role_is_refused_and_nothing_is_saved(employee, role):
    role.status = "closed"
    role.save()
    with pytest.raises(ValidationError, match="has just closed"):
        refer(employee, role)
    assert not Referral.objects.exists()
    assert not ReferralExample.objects.exists()


def test_the_daily_limit_is_enforced_with_a_clear_message(employee, settings):
    settings.PASSIONHIRE = {**settings.PASSIONHIRE, "REFERRALS_PER_DAY": 2}
    role = RoleFactory()
    refer(employee, role, email="a@example.com")
    refer(employee, role, email="b@example.com")
    with pytest.raises(ValidationError, match="2 referrals in the last 24 hours"):
        refer(employee, role, email="c@example.com")
    assert Referral.objects.count() == 2
    refer(EmployeeFactory(), role, email="c@example.com")  # the limit is per employee


def test_a_referral_needs_an_example_and_consent(employee, role):
    with pytest.raises(ValidationError, match="at least one example"):
        refer(employee, role, examples={"empathy": "   "})
    with pytest.raises(ValidationError, match="agreed to be contacted"):
        refer(employee, role, consent_confirmed=False)
    with pytest.raises(ValidationError, match="under 1000 characters"):
        refer(employee, role, examples={"courage": "x" * 1001})
    assert not Referral.objects.exists()


# -- The recruiter's decision ------------------------------------------------------------------


def test_accepting_creates_a_referral_candidate_with_low_weight_evidence_and_sends_the_test(
    employee, recruiter, role, questionnaire, django_capture_on_commit_callbacks
):
    referral = refer(
        employee,
        role,
        examples={
            "commitment": EXAMPLE,
            "courage": "She told me no when the whole team wanted to say yes to the client.",
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.referral_accept(referral=referral, accepted_by=recruiter)
    referral.refresh_from_db()
    application = referral.application
    assert application.candidate.source == Candidate.Source.REFERRAL
    assert application.stage == Stage.PASSION_TEST
    assert PassionTestInvitation.objects.filter(application=application).exists()
    evidence = Evidence.objects.filter(application=application, source="referral")
    assert sorted(evidence.values_list("trait", "weight")) == [
        ("commitment", 0.25),
        ("courage", 0.25),
    ]
    to = sorted(m.to[0] for m in mail.outbox)
    # The candidate: acknowledgement + Passion Test; the referrer: one status email.
    assert to == ["ada@example.com", "ada@example.com", "emma@staff.example.com"]
    update = next(m for m in mail.outbox if m.to == ["emma@staff.example.com"])
    assert "taking the passion test" in update.subject.lower()
    with pytest.raises(ValidationError, match="already accepted"):
        services.referral_accept(referral=referral, accepted_by=recruiter)


def test_declining_sends_the_referrer_a_courteous_note_without_the_private_one(
    employee, recruiter, role, django_capture_on_commit_callbacks
):
    referral = refer(employee, role)
    with django_capture_on_commit_callbacks(execute=True):
        services.referral_decline(
            referral=referral, declined_by=recruiter, reason="not_a_match", note="weak answers"
        )
    (email,) = mail.outbox
    assert email.to == ["emma@staff.example.com"]
    assert "Thank you for referring Ada Lovelace" in email.body
    assert "isn't the right match" in email.body
    assert "weak answers" not in email.body
    with pytest.raises(ValidationError):
        services.referral_decline(referral=referral, declined_by=recruiter, reason="nonsense")


def test_the_referrer_gets_an_email_each_time_the_application_moves_on(
    employee, recruiter, role, questionnaire, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        referral = refer(employee, role)
    receipt = [m for m in mail.outbox if m.to == ["emma@staff.example.com"]]
    assert [m.subject for m in receipt] == ["Your referral of Ada Lovelace: waiting for review"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.referral_accept(referral=referral, accepted_by=recruiter)
    referral.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.application_advance(
            application=referral.application, to=Stage.INTERVIEWS, reason="test scored"
        )
    updates = [m.subject for m in mail.outbox if m.to == ["emma@staff.example.com"]]
    assert updates == [
        "Your referral of Ada Lovelace: taking the passion test",
        "Your referral of Ada Lovelace: interviewing",
    ]
    # Asking again sends nothing new.
    services.referrals_notify_stage(application_id=referral.application_id)
    assert len([m for m in mail.outbox if m.to == ["emma@staff.example.com"]]) == 2


def test_a_referrer_who_chose_spanish_gets_their_updates_in_spanish(
    employee, recruiter, role, questionnaire, django_capture_on_commit_callbacks
):
    """They were English whatever the colleague had chosen in Settings."""
    employee.language = "es"
    employee.save()
    with django_capture_on_commit_callbacks(execute=True):
        referral = refer(employee, role)
    with django_capture_on_commit_callbacks(execute=True):
        services.referral_accept(referral=referral, accepted_by=recruiter)
    received, accepted = [m for m in mail.outbox if m.to == ["emma@staff.example.com"]]
    assert received.subject == "Tu recomendación de Ada Lovelace: pendiente de revisión"
    assert accepted.subject == "Tu recomendación de Ada Lovelace: haciendo el passion test"
    assert (
        f"Novedades sobre Ada Lovelace, a quien recomendaste para el puesto de {role.title}: "
        "haciendo el passion test." in accepted.body
    )
    assert accepted.body.rstrip().endswith("Un saludo,\nEl equipo de selección de Harbour & Co")
    assert "update on" not in accepted.body


def test_a_declined_referrals_email_is_in_the_referrers_language(
    employee, recruiter, role, django_capture_on_commit_callbacks
):
    employee.language = "es"
    employee.save()
    referral = refer(employee, role)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.referral_decline(referral=referral, declined_by=recruiter, reason="role_filled")
    (email,) = [m for m in mail.outbox if m.to == ["emma@staff.example.com"]]
    assert email.body.startswith("Hola, Emma:")
    assert "Thank you for referring" not in email.body


# -- Pages -------------------------------------------------------------------------------------


def test_the_form_refers_and_lands_on_my_referrals(client, employee, role):
    client.force_login(employee)
    response = client.post(reverse("candidates:referral_create"), form_data(role), follow=True)
    page = response.content.decode()
    assert "Thank you! Ada Lovelace is referred" in page
    assert "Waiting for review" in page
    assert Referral.objects.get().examples.get().trait == "commitment"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"email": "not-an-email"}, "Enter a valid email address."),
        ({"example_commitment": ""}, "Give at least one concrete example"),
        ({"example_commitment": "x" * 1001}, "at most 1000 characters"),
        ({"consent_confirmed": ""}, "we only contact people who agreed"),
        ({"email": "emma@staff.example.com"}, "You can&#x27;t refer yourself"),
    ],
    ids=["bad email", "no example", "long example", "no consent", "yourself"],
)
def test_bad_referrals_show_form_errors_and_save_nothing(
    client, employee, role, overrides, message
):
    client.force_login(employee)
    response = client.post(reverse("candidates:referral_create"), form_data(role, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Referral.objects.exists()


def test_a_role_closed_after_the_form_opened_is_a_form_error(client, employee, role):
    client.force_login(employee)
    assert role.title in client.get(reverse("candidates:referral_create")).content.decode()
    role.status = "closed"
    role.save()
    page = client.post(reverse("candidates:referral_create"), form_data(role)).content.decode()
    assert "That role has closed or no longer exists" in page
    assert not Referral.objects.exists()


def test_html_in_a_referral_is_shown_escaped_to_everyone(client, employee, recruiter, role):
    refer(
        employee,
        role,
        name="<b>Bold</b>",
        examples={
            "empathy": "<script>alert(1)</script> stayed with the customer until the refund came."
        },
    )
    for user, url in (
        (employee, reverse("candidates:referral_detail", args=[Referral.objects.get().pk])),
        (recruiter, reverse("candidates:referral_inbox")),
    ):
        client.force_login(user)
        page = client.get(url).content.decode()
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "<script>alert(1)" not in page
        assert "&lt;b&gt;Bold&lt;/b&gt;" in page


def test_my_referrals_shows_stages_never_scores(
    client, employee, recruiter, role, questionnaire, django_capture_on_commit_callbacks
):
    referral = refer(employee, role)
    with django_capture_on_commit_callbacks(execute=True):
        services.referral_accept(referral=referral, accepted_by=recruiter)
    Application.objects.filter(pk=referral.application_id).update(composite_score=87.5)
    client.force_login(employee)
    for url in (reverse("candidates:referral_list"), referral.get_absolute_url()):
        page = client.get(url).content.decode()
        page = without_tokens(page)
        assert "Taking the Passion Test" in page
        assert "87" not in page
        assert "88" not in page  # 87.5 rounded
        assert "Composite" not in page


def test_another_employees_referral_is_a_404(client, employee, role):
    referral = refer(employee, role)
    # A fixed name: a random one ("Adam") would contain the referred person's.
    client.force_login(EmployeeFactory(username="nosy", first_name="Nora", last_name="Nosy"))
    assert client.get(referral.get_absolute_url()).status_code == 404
    assert "Ada" not in without_tokens(client.get(reverse("candidates:referral_list")))


def test_inbox_accept_and_decline_buttons(client, employee, recruiter, role, questionnaire):
    accepted = refer(employee, role)
    declined = refer(employee, role, email="bob@example.com", name="Bob")
    client.force_login(recruiter)
    page = client.post(reverse("candidates:referral_accept", args=[accepted.pk]), follow=True)
    assert "Ada Lovelace is in the pipeline" in page.content.decode()
    page = client.post(reverse("candidates:referral_decline", args=[declined.pk]), follow=True)
    assert "Choose a reason to decline" in page.content.decode()
    client.post(
        reverse("candidates:referral_decline", args=[declined.pk]),
        {"decline_reason": "role_filled"},
    )
    assert Referral.objects.get(pk=declined.pk).status == Referral.Status.DECLINED
    page = client.post(reverse("candidates:referral_accept", args=[declined.pk]), follow=True)
    assert "already not taken forward" in page.content.decode()


def _many_referrals(n, role, recruiter):
    referrers = [EmployeeFactory() for _ in range(5)]
    Referral.objects.bulk_create(
        Referral(
            referrer=referrers[i % 5],
            role=role,
            name=f"Person {i}",
            email=f"p{i}@example.com",
            relationship="worked_together",
            known_for="1_3",
            consent_confirmed=True,
            status="accepted" if i % 2 else "pending",
            application=ApplicationFactory(
                role=role,
                stage=Stage.HIRED if i % 4 == 1 else "applied",
                composite_score=60 + i % 30,
            )
            if i % 2
            else None,
        )
        for i in range(n)
    )
    return referrers


@pytest.mark.parametrize("n", [10, 500])
def test_my_referrals_and_the_leaderboard_do_not_grow_with_referrals(
    client, recruiter, role, n, django_assert_max_num_queries
):
    referrers = _many_referrals(n, role, recruiter)
    client.force_login(referrers[0])
    with django_assert_max_num_queries(6):
        page = client.get(reverse("candidates:referral_list")).content.decode()
    assert page.count("<tr>") == n // 5 + 1  # header + their own rows
    with django_assert_max_num_queries(6):
        page = client.get(reverse("candidates:referral_leaderboard")).content.decode()
    assert page.count('<td class="text-body-secondary tabular">') == 5


def test_leaderboard_counts_and_opt_out_and_csv(client, employee, recruiter, role):
    referrers = _many_referrals(20, role, recruiter)
    services.referrer_set_visibility(user=referrers[1], show=False)
    hidden_name = referrers[1].get_full_name()
    rows = {row.user: row for row in selectors.referral_leaderboard(with_scores=True)}
    # referrers[1] made referrals 1, 6, 11 and 16; the odd ones were accepted; 1 was hired.
    first = rows[referrers[1]]
    assert (first.referred, first.accepted, first.hired) == (4, 2, 1)
    assert first.shown is False
    client.force_login(employee)
    page = client.get(reverse("candidates:referral_leaderboard")).content.decode()
    assert hidden_name not in page
    assert "A colleague who prefers not to be named" in page
    # Employees never get a mean composite: one scored referral joining it would move it by
    # exactly what lets that candidate's score be read back.
    assert first.scored == 2
    assert "Mean composite" not in page
    assert selectors.referral_leaderboard(with_scores=False)[0].mean_composite is None
    client.force_login(recruiter)
    page = client.get(reverse("candidates:referral_leaderboard")).content.decode()
    assert hidden_name in page
    assert "Mean composite" in page
    export = client.get(reverse("candidates:referral_leaderboard_csv"))
    assert export["Content-Type"].startswith("text/csv")
    table = list(csv.DictReader(io.StringIO(export.content.decode())))
    assert len(table) == 5
    hidden = next(r for r in table if r["employee"] == hidden_name)
    assert hidden["shown_on_leaderboard"] == "no"
    assert (hidden["referred"], hidden["accepted"], hidden["hired"]) == ("4", "2", "1")


def test_opting_out_and_back_in(client, employee):
    client.force_login(employee)
    url = reverse("candidates:referral_visibility")
    assert "no longer shown" in client.post(url, {"show": "false"}, follow=True).content.decode()
    assert "Show my name" in client.get(reverse("candidates:referral_list")).content.decode()
    assert "shown by name" in client.post(url, {"show": "true"}, follow=True).content.decode()


def test_the_referral_form_answers_the_same_whether_or_not_the_person_is_known(
    client, employee, recruiter, role, mailoutbox, django_capture_on_commit_callbacks
):
    """An employee cannot use the form to learn who is already a candidate: the message, the
    status they see and the receipt email are the same; recruiters see the duplicate."""
    ApplicationFactory(role=role, candidate__email="known@example.com")
    client.force_login(employee)
    answers = []
    for email in ("known@example.com", "unknown@example.com"):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("candidates:referral_create"),
                form_data(role, name="Sam Person", email=email),
                follow=True,
            )
        said = [str(m) for m in response.context["messages"]]
        referral = Referral.objects.get(email=email)
        detail = client.get(reverse("candidates:referral_detail", args=[referral.pk]))
        shown = re.sub(r"/referrals/\d+/", "", detail.content.decode()).replace(email, "")
        answers.append((said, without_tokens(shown)))
    assert answers[0] == answers[1]
    assert Referral.objects.get(email="known@example.com").status == Referral.Status.DUPLICATE
    assert len([m for m in mailoutbox if m.to == [employee.email]]) == 2
    client.force_login(recruiter)
    inbox = client.get(reverse("candidates:referral_inbox")).content.decode()
    assert "Already referred" in inbox
