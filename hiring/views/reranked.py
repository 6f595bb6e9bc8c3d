"""The message after new weights re-rank a role: at once for a small role, else as a job whose
progress the shortlist shows. Shared by the shortlist's weights and the validity report's
suggested source weights."""

from django.contrib import messages
from django.utils.translation import ngettext

from passionhire.numbers import number


def say_reranked(request, result, *, suggested: bool = False) -> None:
    """Tell the reader how `result` (with `.job` and `.count`) re-ranks the role."""
    if result.job and suggested:
        words = ngettext(
            "Suggested source weights applied. Re-ranking %(count)s application in the "
            "background; the shortlist shows the progress.",
            "Suggested source weights applied. Re-ranking %(count)s applications in the "
            "background; the shortlist shows the progress.",
            result.count,
        )
    elif result.job:
        words = ngettext(
            "Weights saved. Re-ranking %(count)s application in the background; "
            "the shortlist shows the progress.",
            "Weights saved. Re-ranking %(count)s applications in the background; "
            "the shortlist shows the progress.",
            result.count,
        )
    elif suggested:
        words = ngettext(
            "Suggested source weights applied; %(count)s application re-ranked.",
            "Suggested source weights applied; %(count)s applications re-ranked.",
            result.count,
        )
    else:
        words = ngettext(
            "Weights saved; %(count)s application re-ranked.",
            "Weights saved; %(count)s applications re-ranked.",
            result.count,
        )
    say = messages.info if result.job else messages.success
    say(request, words % {"count": number(result.count, grouping=True)})
