"""The helper that takes random tokens out of a page before a test checks a word is absent."""

from django.urls import reverse

from tests.pages import without_tokens


def test_a_token_that_spells_a_name_is_taken_out_and_the_page_is_kept():
    page = (
        '<form><input type="hidden" name="csrfmiddlewaretoken" value="x7AdaQ9"></form>'
        '<script nonce="Ada43"></script><p>Ada Lovelace</p>'
    )
    kept = without_tokens(page)
    assert "x7AdaQ9" not in kept
    assert "Ada43" not in kept
    assert "<p>Ada Lovelace</p>" in kept


def test_a_signed_in_page_loses_its_token_and_nothing_it_shows(client, recruiter):
    client.force_login(recruiter)
    response = client.get(reverse("candidates:candidate_list"))
    token = response.content.decode().split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    assert len(token) == 64
    kept = without_tokens(response)
    assert token not in kept
    assert "Log out" in kept
