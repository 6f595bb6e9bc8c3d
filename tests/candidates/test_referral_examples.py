"""A trait example in a referral must describe a moment: accepted examples become evidence."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from candidates import services
from candidates.models import Referral
from candidates.referrals.examples import CONCRETE_HINT, is_concrete
from hiring.demo import DEMO_REFERRALS

pytestmark = pytest.mark.django_db

MOMENT = "She stayed on the phone until the customer felt heard."
TOO_SHORT = ("nice", "   nice   ", "  Very kind and helpful person!  \n\n ", "a b c d e f g h")


def refer(employee, role, example: str) -> Referral:
    return services.referral_submit(
        referrer=employee,
        role=role,
        name="Ada Lovelace",
        email="ada@example.com",
        relationship="worked_together",
        known_for="3_5",
        consent_confirmed=True,
        examples={"empathy": example},
    )


def form_data(role, example: str) -> dict:
    return {
        "role": role.pk,
        "name": "Ada Lovelace",
        "email": "ada@example.com",
        "relationship": "worked_together",
        "known_for": "3_5",
        "consent_confirmed": "on",
        "example_empathy": example,
    }


def test_the_rule_wants_a_sentence_about_a_moment():
    assert is_concrete(MOMENT)
    for text in TOO_SHORT:
        assert not is_concrete(text), text
    # Padding between the words does not make a short example long enough.
    assert not is_concrete("Kind          to          everyone          always")


@pytest.mark.parametrize("example", TOO_SHORT)
def test_the_service_refuses_an_example_too_short_to_be_a_moment(employee, role, example):
    with pytest.raises(ValidationError, match="Tell us about a moment") as refused:
        refer(employee, role, example)
    assert refused.value.code == "not_concrete"
    assert "(Empathy)" in refused.value.messages[0]
    assert not Referral.objects.exists()


@pytest.mark.parametrize("example", ["nice", "        nice      \n"])
def test_the_form_shows_the_hint_next_to_the_example(client, employee, role, example):
    client.force_login(employee)
    response = client.post(reverse("candidates:referral_create"), form_data(role, example))
    assert response.status_code == 200
    assert CONCRETE_HINT in response.content.decode()
    assert response.context["form"].errors["example_empathy"] == [CONCRETE_HINT]
    assert not Referral.objects.exists()


def test_a_real_example_passes_the_form_and_the_service(client, employee, role):
    client.force_login(employee)
    response = client.post(reverse("candidates:referral_create"), form_data(role, MOMENT))
    assert response.status_code == 302
    assert Referral.objects.get().examples.get().text == MOMENT


def test_every_demo_example_is_a_concrete_moment():
    for example in [row[4] for row in DEMO_REFERRALS]:
        assert is_concrete(example), example
