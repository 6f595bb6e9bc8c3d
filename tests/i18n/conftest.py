"""The careers site's fixtures (a published role, a complete application) for the language
tests."""

from tests.careers.conftest import application_form, open_role  # noqa: F401
