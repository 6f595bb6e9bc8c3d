"""What counts as a concrete example in a referral. Accepted examples become evidence on a trait,
so a one-word "nice" is refused: it tells a recruiter nothing about what the person did.

The bar is deliberately low and easy to explain: at least EXAMPLE_MIN_WORDS words and
EXAMPLE_MIN_CHARS characters (whitespace collapsed first, so padding does not count). One
honest sentence about a moment clears it ("She stayed on the phone until the customer felt
heard." is 10 words); an adjective or a slogan does not."""

from django.utils.translation import gettext, gettext_noop

EXAMPLE_MIN_WORDS = 8
EXAMPLE_MIN_CHARS = 40
_HINT = gettext_noop(
    "Tell us about a moment: what happened, what they did, what changed (at least {words} words)."
)
CONCRETE_HINT = _HINT.format(words=EXAMPLE_MIN_WORDS)  # in English


def concrete_hint() -> str:
    """The hint in the active language."""
    return gettext(_HINT).format(words=EXAMPLE_MIN_WORDS)


def is_concrete(text: str) -> bool:
    """Long enough to describe a moment (see the module docstring)."""
    words = text.split()
    return len(words) >= EXAMPLE_MIN_WORDS and len(" ".join(words)) >= EXAMPLE_MIN_CHARS
