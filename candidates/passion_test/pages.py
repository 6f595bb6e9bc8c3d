"""How the Passion Test is laid out for one candidate, as pure functions: which questions share
a page, the order a response sees a question's options in, and the per-response ids that
stand for those options in the form.

Nothing here reads the database; the functions take questions (or the scorer's items: anything
with `.kind`) and plain ids, so the candidate's pages and the scorer split a questionnaire the
same way.
"""

import hashlib
import math
from collections.abc import Sequence
from typing import Protocol, TypeVar

from django.utils.crypto import constant_time_compare, salted_hmac

# A phone shows about two statements per screen: up to twelve questions is a page a candidate
# can finish in a minute or two, and short enough that its time on screen says something.
# Pages are as even as they can be, so from 16 questions on every page has 8 to 12.
QUESTIONS_PER_PAGE = 12
# Why answers are written, not read: they go on pages of their own at the end, so the time
# spent writing never counts as time spent reading statements.
WHY_PER_PAGE = 2
WHY_KIND = "why"

OPTION_TOKEN_LENGTH = 10
OPTION_TOKEN_SALT = "candidates.passion-test-option"


class HasKind(Protocol):
    kind: str


Q = TypeVar("Q", bound=HasKind)


def _even_chunks(items: Sequence[Q], per_page: int) -> list[list[Q]]:
    """`items` in order, in as few pages of at most `per_page` as possible, the sizes as even
    as they can be (57 questions are 12, 12, 11, 11, 11; never 12 x 4 and a lonely 9)."""
    if not items:
        return []
    count = math.ceil(len(items) / per_page)
    size, extra = divmod(len(items), count)
    pages, start = [], 0
    for number in range(count):
        end = start + size + (1 if number < extra else 0)
        pages.append(list(items[start:end]))
        start = end
    return pages


def passion_test_pages(questions: Sequence[Q]) -> list[list[Q]]:
    """The test's pages, in the candidate's order. Statements, scenarios, blocks and
    unlikely-virtue statements keep their order and share pages of up to QUESTIONS_PER_PAGE;
    why questions follow on pages of their own (WHY_PER_PAGE each), in their order."""
    read = [q for q in questions if q.kind != WHY_KIND]
    written = [q for q in questions if q.kind == WHY_KIND]
    return _even_chunks(read, QUESTIONS_PER_PAGE) + _even_chunks(written, WHY_PER_PAGE)


def option_order_seed(response_id: int, nonce: str) -> str:
    """What a response's option order is drawn from: stable for the response, different for
    the next candidate, and not guessable from the response's id alone."""
    return f"{response_id}:{nonce}"


def shuffled_options(seed: str, options: Sequence):
    """`options` (anything with `.pk`) in the order this response sees them: sorted by a hash
    of the seed and the option, which is a fixed, uniformly random order per response."""

    def rank(option) -> bytes:
        return hashlib.sha256(f"{seed}:{option.pk}".encode()).digest()

    return sorted(options, key=rank)


def option_token(response_id: int, option_id: int) -> str:
    """The id an option has in one response's form. Another candidate's token, or a
    database id, names no option in this response."""
    digest = salted_hmac(OPTION_TOKEN_SALT, f"{response_id}:{option_id}").hexdigest()
    return digest[:OPTION_TOKEN_LENGTH]


def option_from_token(response_id: int, options: Sequence, token: str):
    """The option among `options` that `token` stands for in this response, or None."""
    if not isinstance(token, str) or len(token) != OPTION_TOKEN_LENGTH:
        return None
    for option in options:
        if constant_time_compare(option_token(response_id, option.pk), token):
            return option
    return None
