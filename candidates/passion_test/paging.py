"""Taking the Passion Test page by page: which page a candidate may see, saving a page,
submitting from the last one, and how long each page was on screen by the server's clock.

Times come only from `timezone.now()` at the moment a request reaches the server: a page is
timed from the moment the server showed it to the last time the server heard from it while it
was the page on screen (see `PageVisit`). Nothing the browser sends about time is read.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy

from . import psychometrics
from .answers import answered_question_ids, parse_answers, write_answers
from .models import PageVisit, PassionTestResponse, Question
from .pages import passion_test_pages
from .services import active_questions, lock_response, lock_unsubmitted, record_submission


class PageRefused(Exception):
    """A page post the server will not take: nothing in it was saved."""

    status = 422

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


NOT_SHOWN = gettext_lazy(
    "This page of the test has not been shown to you yet, so nothing on it was saved."
)
NOT_ON_PAGE = gettext_lazy(
    "Some answers were for questions that are not on this page, so nothing was saved. "
    "Please answer the questions shown here."
)


# A version's pages, kept per process: every page and autosave needs them, and they cannot
# change: a version is frozen once it has a response (an edit makes the next version, see
# `questionnaire._editable`), and only a response's version is ever paged here. Keyed by the
# version's id, number and creation time, so a reused id is never mistaken for it.
_VERSION_PAGES: dict[tuple, list[list[Question]]] = {}
_VERSIONS_KEPT = 8


def response_pages(response: PassionTestResponse) -> list[list[Question]]:
    """The response's questions, paged (see `pages.passion_test_pages`). The questions are
    shared between requests: read them, never change them."""
    questionnaire = response.questionnaire
    key = (questionnaire.pk, questionnaire.version, questionnaire.created_at)
    pages = _VERSION_PAGES.get(key)
    if pages is None:
        pages = passion_test_pages(active_questions(questionnaire))
        if len(_VERSION_PAGES) >= _VERSIONS_KEPT:
            _VERSION_PAGES.clear()
        _VERSION_PAGES[key] = pages
    return [list(page) for page in pages]


def forget_version_pages() -> None:
    """Empty the per-process cache of pages (for tests, which roll versions back)."""
    _VERSION_PAGES.clear()


@dataclass
class Progress:
    """Where a response stands: its answered questions and the pages it was shown."""

    pages: list[list[Question]]
    answered: set[int]
    shown: set[int]
    current: int | None  # the page on screen last, if any

    def is_complete(self, page: int) -> bool:
        return all(q.pk in self.answered for q in self.pages[page - 1])

    @property
    def first_incomplete(self) -> int | None:
        return next(
            (n for n in range(1, len(self.pages) + 1) if not self.is_complete(n)),
            None,
        )

    @property
    def resume_page(self) -> int:
        """Where opening the link lands: the first page with a question unanswered, or else
        the page shown last."""
        return self.first_incomplete or self.current or len(self.pages)

    def may_show(self, page: int) -> bool:
        """Page 1, a page shown before, or the next page after complete ones."""
        if not 1 <= page <= len(self.pages):
            return False
        return page == 1 or page in self.shown or all(self.is_complete(n) for n in range(1, page))

    @property
    def answered_count(self) -> int:
        return sum(1 for questions in self.pages for q in questions if q.pk in self.answered)

    @property
    def question_count(self) -> int:
        return sum(len(questions) for questions in self.pages)


def page_progress(
    response: PassionTestResponse, pages: list[list[Question]], answered: set[int] | None = None
) -> Progress:
    """`answered`, when the caller read it already, saves reading the answers again."""
    visits = list(response.page_visits.values_list("page", flat=True).order_by("shown_at", "pk"))
    return Progress(
        pages=pages,
        answered=answered_question_ids(response) if answered is None else answered,
        shown=set(visits),
        current=visits[-1] if visits else None,
    )


@transaction.atomic
def passion_test_page_show(*, response: PassionTestResponse, page: int) -> PageVisit:
    """Record that the server is showing `page` now. Raises AlreadySubmitted."""
    response = lock_response(response)
    return PageVisit.objects.create(response=response, page=page, shown_at=timezone.now())


@dataclass
class PageResult:
    errors: dict[int, str] = field(default_factory=dict)  # question id -> message
    missing: list[Question] = field(default_factory=list)
    saved: int = 0
    go_to: int | None = None  # the page to show next; None: this page again, with the errors
    submitted: bool = False
    answered: set[int] | None = None  # after an autosave given `answered` (see there)


def _stamp_if_on_screen(response: PassionTestResponse, page: int, now) -> bool:
    """Run `page`'s time to now if it is the page on screen (the one shown last), in one
    UPDATE read under the response's lock; whether it was."""
    latest = (
        PageVisit.objects.filter(response=response).order_by("-shown_at", "-pk").values("pk")[:1]
    )
    return bool(PageVisit.objects.filter(pk=Subquery(latest), page=page).update(left_at=now))


ACTIONS = ("save", "back", "next", "submit")


@transaction.atomic
def passion_test_page_save(
    *,
    response: PassionTestResponse,
    pages: list[list[Question]],
    page: int,
    answers: dict,
    errors: dict[int, str] | None = None,
    foreign: bool = False,
    action: str = "save",
    answered: set[int] | None = None,
) -> PageResult:
    """Save one page's answers and move on. `answers` is {question id: raw value} for
    questions of `page` only, `errors` what the form already refused (kept unsaved), and
    `action` what the candidate did: save (autosave), back, next or submit (last page).

    Refused whole with PageRefused, nothing saved, when the page was never shown or an answer
    is for a question of another page. The page's time runs to now only while it is the page
    on screen, so a page posted twice, or long after the candidate moved on, adds no time.
    Next needs every question of the page answered; Submit needs every question of the test,
    and otherwise shows the first page with one missing. Raises AlreadySubmitted.

    An autosave given `answered`, the questions answered when the link was read, reports
    them as they are after this save without reading the answers again (a save from another
    tab in between shows up at the next save)."""
    questions = pages[page - 1] if 1 <= page <= len(pages) else []
    parsed = parse_answers(response, questions, answers)
    lock_unsubmitted(response, touch=bool(parsed.answers))
    if not questions:
        raise PageRefused(NOT_SHOWN)
    stray = foreign or set(map(str, answers)) - {str(q.pk) for q in questions}
    now = timezone.now()
    # Usually the page is the one on screen: then stamping it also proves it was shown.
    on_screen = not stray and _stamp_if_on_screen(response, page, now)
    if not on_screen and not response.page_visits.filter(page=page).exists():
        raise PageRefused(NOT_SHOWN)
    if stray:
        raise PageRefused(NOT_ON_PAGE)
    saved = write_answers(response, parsed)
    result = PageResult(errors={**saved.errors, **(errors or {})}, saved=saved.saved)
    if action == "submit" and page != len(pages):
        action = "next"
    if action == "save" and answered is not None:
        result.answered = (answered - saved.saved_ids - saved.cleared_ids) | saved.saved_ids
    if action == "save" or result.errors:
        return result
    if action == "back":
        result.go_to = max(1, page - 1)
        return result
    answered = answered_question_ids(response)
    if action == "next":
        result.missing = [q for q in questions if q.pk not in answered]
        if not result.missing:
            result.go_to = page + 1
        return result
    for number, page_questions in enumerate(pages, start=1):
        result.missing = [q for q in page_questions if q.pk not in answered]
        if result.missing:
            if number != page:  # the candidate now sees that page, so its time starts
                PageVisit.objects.create(response=response, page=number, shown_at=now)
            result.go_to = number if number != page else None
            return result
    record_submission(response)
    result.submitted = True
    return result


def response_page_times(
    response: PassionTestResponse, items: list[psychometrics.Item]
) -> list[psychometrics.PageTime]:
    """The time each page of `items` (the scorer's view of the questions, paged the way the
    candidate saw them) was on screen: the sum of its showings' spans. Empty when the response
    has no page records (one taken before the test had pages)."""
    spans: dict[int, float] = defaultdict(float)
    visits = list(
        PageVisit.objects.filter(response=response).values_list("page", "shown_at", "left_at")
    )
    if not visits:
        return []
    for page, shown_at, left_at in visits:
        if left_at is not None:
            spans[page] += (left_at - shown_at).total_seconds()
    return [
        psychometrics.PageTime(tuple(item.id for item in page_items), spans[number])
        for number, page_items in enumerate(passion_test_pages(items), start=1)
    ]
