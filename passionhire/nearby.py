"""Confirmations shown beside the form that caused them: a rating saved far down a page says
so next to that rating, where the reader is looking, instead of in the banner at the top.

A view tags its message with the place (`messages.success(request, text, extra_tags=near(
"why-12"))`) and redirects to that place's anchor; the template shows it there with
`{% messages_near "why-12" %}`, and the banner at the top leaves it out."""

PREFIX = "near:"


def near(place: str) -> str:
    """The extra tag that puts a message beside `place` (an element id on the page)."""
    return f"{PREFIX}{place}"


def place_of(message) -> str | None:
    """The place a message belongs beside, or None for the banner at the top."""
    for tag in (getattr(message, "extra_tags", "") or "").split():
        if tag.startswith(PREFIX):
            return tag[len(PREFIX) :]
    return None
