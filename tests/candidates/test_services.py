"""Behaviour of the write paths: opening roles and adding candidates."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from candidates import services
from candidates.models import Application, ApplicationEvent, Candidate, Role
from candidates.tasks import send_application_acknowledgement_task
from passionhire.models import SentEmail
from tests.factories import ApplicationFactory, CandidateFactory, RoleFactory

pytestmark = pytest.mark.django_db


def add(role, recruiter, **overrides):
    fields = {"name": "Ada Lovelace", "email": "ada@example.com", "consent_to_contact": True}
    return services.candidate_add_to_role(added_by=recruiter, role=role, **(fields | overrides))


class TestRoleOpen:
    def test_opens_a_role_with_equal_weights_by_default(self, recruiter, hiring_manager):
        role = services.role_open(
            opened_by=recruiter, title="Support", team="Care", hiring_manager=hiring_manager
        )
        assert role.is_open
        assert len(set(role.weights.values())) == 1
        assert role.created_by == recruiter

    def test_all_zero_weights_are_refused_and_nothing_is_saved(self, recruiter, hiring_manager):
        with pytest.raises(ValidationError, match="At least one trait"):
            services.role_open(
                opened_by=recruiter,
                title="Support",
                team="Care",
                hiring_manager=hiring_manager,
                weights={t: 0 for t in Role().weights},
            )
        assert not Role.objects.exists()

    def test_negative_weight_is_refused(self, recruiter, hiring_manager):
        with pytest.raises(ValidationError):
            services.role_open(
                opened_by=recruiter,
                title="Support",
                team="Care",
                hiring_manager=hiring_manager,
                weights={"courage": -1},
            )
        assert not Role.objects.exists()

    def test_hiring_manager_must_hold_the_hiring_manager_role(self, recruiter, employee):
        with pytest.raises(ValidationError, match="not a hiring manager"):
            services.role_open(
                opened_by=recruiter, title="Support", team="Care", hiring_manager=employee
            )

    def test_update_changes_weights_and_keeps_the_rest(self, recruiter, role):
        services.role_update(role=role, updated_by=recruiter, weights={"empathy": 10})
        role.refresh_from_db()
        assert role.weight_empathy == 10
        assert role.title == "Customer Success Manager"


class TestCandidateAddToRole:
    def test_new_candidate_gets_an_application_and_an_audit_row(self, recruiter, role):
        result = add(role, recruiter)
        assert not result.candidate_existed
        application = Application.objects.get()
        assert application.stage == "applied"
        assert application.composite_score is None
        assert application.confidence is None
        assert application.events.filter(kind=ApplicationEvent.Kind.CREATED).exists()

    def test_same_email_in_another_case_links_the_existing_candidate(self, recruiter, role):
        existing = CandidateFactory(name="Ada Lovelace", email="ada@example.com")
        result = add(role, recruiter, name="A. Lovelace", email="ADA@Example.COM")
        assert result.candidate_existed
        assert result.application.candidate == existing
        assert Candidate.objects.count() == 1
        existing.refresh_from_db()
        assert existing.name == "Ada Lovelace"  # what we held is not overwritten

    def test_existing_candidate_gains_a_phone_number_we_did_not_have(self, recruiter, role):
        existing = CandidateFactory(email="ada@example.com", phone="")
        add(role, recruiter, phone="+44 20 7946 0000")
        existing.refresh_from_db()
        assert existing.phone == "+44 20 7946 0000"

    def test_same_candidate_twice_on_one_role_is_refused_and_nothing_duplicated(
        self, recruiter, role, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            add(role, recruiter)
        with (
            pytest.raises(ValidationError, match="already in the pipeline"),
            django_capture_on_commit_callbacks(execute=True) as callbacks,
        ):
            add(role, recruiter, email="Ada@example.com")
        assert callbacks == []
        assert Application.objects.count() == 1
        assert Candidate.objects.count() == 1
        assert len(mail.outbox) == 1

    def test_closed_role_cannot_receive_candidates_and_nothing_is_saved(self, recruiter, role):
        services.role_set_status(role=role, status=Role.Status.CLOSED, changed_by=recruiter)
        with pytest.raises(ValidationError, match="closed"):
            add(role, recruiter)
        assert not Candidate.objects.exists()
        assert not Application.objects.exists()

    def test_acknowledgement_email_is_sent_after_commit(
        self, recruiter, role, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            add(role, recruiter)
        assert mail.outbox == []  # nothing leaves before the transaction commits
        for callback in callbacks:
            callback()
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == ["ada@example.com"]
        assert "Customer Success Manager" in message.subject
        assert "Ada Lovelace" in message.body
        assert ApplicationEvent.objects.filter(kind=ApplicationEvent.Kind.EMAIL).count() == 1

    def test_no_email_without_consent_to_contact(
        self, recruiter, role, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            add(role, recruiter, consent_to_contact=False)
        assert callbacks == []
        assert mail.outbox == []

    def test_acknowledgement_task_run_twice_sends_one_email(self, role):
        application = ApplicationFactory(role=role)
        send_application_acknowledgement_task.delay(application.pk)
        send_application_acknowledgement_task.delay(application.pk)
        assert len(mail.outbox) == 1
        assert SentEmail.objects.filter(to=application.candidate.email).count() == 1

    def test_acknowledgement_for_a_deleted_application_sends_nothing(self, role):
        application = ApplicationFactory(role=role)
        pk = application.pk
        application.delete()
        assert services.application_send_acknowledgement(application_id=pk) is False
        assert mail.outbox == []

    def test_invalid_email_is_refused_and_nothing_is_saved(self, recruiter, role):
        with pytest.raises(ValidationError):
            add(role, recruiter, email="not-an-email")
        assert not Candidate.objects.exists()


def test_role_can_be_closed_and_reopened(recruiter):
    role = RoleFactory()
    services.role_set_status(role=role, status="closed", changed_by=recruiter)
    assert not Role.objects.get(pk=role.pk).is_open
    services.role_set_status(role=role, status="open", changed_by=recruiter)
    assert Role.objects.get(pk=role.pk).is_open
