"""The database itself enforces the invariants, even when code skips validation."""

import pytest
from django.db import IntegrityError

from candidates.models import Application, Candidate
from tests.factories import ApplicationFactory, CandidateFactory, RoleFactory

pytestmark = pytest.mark.django_db


def test_database_refuses_a_role_with_all_zero_weights():
    with pytest.raises(IntegrityError):
        RoleFactory(
            weight_empathy=0,
            weight_commitment=0,
            weight_curiosity=0,
            weight_attention_to_detail=0,
            weight_connection=0,
            weight_courage=0,
        )


def test_database_refuses_a_weight_above_the_maximum():
    with pytest.raises(IntegrityError):
        RoleFactory(weight_courage=11)


def test_a_single_nonzero_weight_is_enough():
    role = RoleFactory(
        weight_empathy=3,
        weight_commitment=0,
        weight_curiosity=0,
        weight_attention_to_detail=0,
        weight_connection=0,
        weight_courage=0,
    )
    assert role.weight_shares()[0][2] == pytest.approx(100)


def test_candidate_email_is_unique_whatever_the_letter_case():
    CandidateFactory(email="ada@example.com")
    with pytest.raises(IntegrityError):
        Candidate.objects.create(name="Ada again", email="ADA@example.com")


def test_a_candidate_applies_to_a_role_once():
    application = ApplicationFactory()
    with pytest.raises(IntegrityError):
        Application.objects.create(candidate=application.candidate, role=application.role)


def test_composite_score_stays_on_the_0_to_100_scale():
    with pytest.raises(IntegrityError):
        ApplicationFactory(composite_score=101)
