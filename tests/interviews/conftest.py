"""People and an application shared by the interview tests."""

import pytest

from tests.factories import ApplicationFactory, EmployeeFactory


@pytest.fixture
def ivan(db):
    return EmployeeFactory(
        username="ivan", first_name="Ivan", last_name="Interviewer", email="ivan@example.com"
    )


@pytest.fixture
def jo(db):
    return EmployeeFactory(username="jo", first_name="Jo", last_name="Judge", email="jo@x.com")


@pytest.fixture
def application(role):
    return ApplicationFactory(
        role=role, candidate__name="Ada Lovelace", candidate__email="ada@example.com"
    )
