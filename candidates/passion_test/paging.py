"""Taking the Passion Test page by page: which page a candidate may see, saving a page,
submitting from the last one, and how long each page was on screen by the server's clock.

Times come only from `timezone.now()` at the moment a request reaches the server: a page is
timed from the moment the server showed it to the last time the server heard from it while it
was the page on screen (see `PageVisit`). Nothing the browser sends about time is read.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from . import psychometrics
from .answers import answered_question_ids, save_answers
from .models import PageVisit, PassionTestResponse, Question
from .pages import passion_test_pages
from .services import active_questions, lock_response, record_submission


class PageRefused(Exception):
    """A page post the server will not take: nothing in it was saved."""

    status = 422

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


NOT_SHOWN = "This page of the test has not been shown to you yet, so nothing on it was saved."
NOT_ON_PAGE = (
    "Some answers were for questions that are not on this page, so nothing was saved. "
    "Please answer the questions shown here."
)


def response_pages(response: PassionTestResponse) -> list[list[Question]]:
    """The response's questions, paged (see `pages.passion_test_pages`)."""
    return passion_test_pages(active_questions(response.questionnaire))


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


def page_progress(response: PassionTestResponse, pages: list[list[Question]]) -> Progress:
    visits = list(response.page_visits.values_list("page", flat=True).order_by("shown_at", "pk"))
    return Progress(
        pages=pages,
        answered=answered_question_ids(response),
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
) -> PageResult:
    """Save one page's answers and move on. `answers` is {question id: raw value} for
    questions of `page` only, `errors` what the form already refused (kept unsaved), and
    `action` what the candidate did: save (autosave), back, next or submit (last page).

    Refused whole with PageRefused, nothing saved, when the page was never shown or an answer
    is for a question of another page. The page's time runs to now only while it is the page
    on screen, so a page posted twice, or long after the candidate moved on, adds no time.
    Next needs every question of the page answered; Submit needs every question of the test,
    and otherwise shows the first page with one missing. Raises AlreadySubmitted."""
    response = lock_response(response)
    if not 1 <= page <= len(pages) or not response.page_visits.filter(page=page).exists():
        raise PageRefused(NOT_SHOWN)
    questions = pages[page - 1]
    if foreign or set(map(str, answers)) - {str(q.pk) for q in questions}:
        raise PageRefused(NOT_ON_PAGE)
    now = timezone.now()
    latest = response.page_visits.order_by("-shown_at", "-pk").first()
    if latest.page == page:
        PageVisit.objects.filter(pk=latest.pk).update(left_at=now)
    saved = save_answers(response, questions, answers)
    result = PageResult(errors={**saved.errors, **(errors or {})}, saved=saved.saved)
    if action == "submit" and page != len(pages):
        action = "next"
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
