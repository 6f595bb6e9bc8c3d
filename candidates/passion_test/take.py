"""The candidate's side of the Passion Test: no account, just the signed link from the email.

The test is a few pages (`pages.passion_test_pages`). The link opens the page to resume on;
each page is a plain form (Next saves it and moves on, errors come back on the page with a
422), and with JavaScript htmx also saves the page on every change. The server times each
page (`paging`). A link that does not work gets a 4xx page that says why; a submitted test is
never changed again.
"""

from dataclasses import dataclass
from itertools import groupby

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from passionhire import languages
from passionhire.permissions import signed_link_view

from .. import services
from ..models import Question
from . import paging
from .answers import ids_from
from .forms import read_page
from .models import LIKERT_LABELS, WHY_ANSWER_MAX_LENGTH
from .pages import option_order_seed, option_token, shuffled_options

MAX_PROBLEM_LINKS = 8
# Statements and unlikely-virtue statements look and read alike: one instruction for both.
GROUPS = {
    Question.Kind.LIKERT: "statements",
    Question.Kind.VIRTUE: "statements",
    Question.Kind.SCENARIO: "scenarios",
    Question.Kind.BLOCK: "blocks",
    Question.Kind.WHY: "why",
}
MISSING = {
    Question.Kind.BLOCK: gettext_lazy(
        "Choose one statement as most like you and one as least like you."
    ),
    Question.Kind.WHY: gettext_lazy("Please write an answer to this question."),
}


@dataclass
class Refusal:
    """A page post that was refused, shown like a link error."""

    message: str
    status: int = 422
    title: str = gettext_lazy("Nothing was saved")


def _link_error(request, error, **extra):
    context = {"error": error, **extra}
    return render(request, "passion_test/link_error.html", context, status=error.status)


def _done(request, invitation, response, status=200):
    context = {"invitation": invitation, "response": response}
    return render(request, "passion_test/done.html", context, status=status)


EMPTY_TEST = gettext_lazy("The Passion Test has no questions yet. Please try the link again later.")


def _open(request, token: str):
    """(invitation, response) for a link; raises LinkError. The page is in the application's
    language unless this browser chose one with the switch (passionhire/languages.py)."""
    invitation = services.invitation_from_token(token)
    languages.open_in(request, invitation.application.language)
    return invitation, services.passion_test_open(invitation=invitation)


def _pages(response):
    """The response's pages; raises LinkError for a version without questions."""
    pages = paging.response_pages(response)
    if not pages:
        raise services.LinkError(EMPTY_TEST)
    return pages


def _saved_values(response, questions) -> dict[str, str]:
    """{field name: value} of the saved answers to `questions`, as the form names them."""
    ids = {q.pk: q for q in questions}
    values = {}
    for answer in response.answers.filter(question_id__in=ids):
        name = f"q{answer.question_id}"
        if ids[answer.question_id].kind == Question.Kind.BLOCK:
            values[f"{name}-most"] = option_token(response.pk, answer.option_id)
            values[f"{name}-least"] = option_token(response.pk, answer.option_least_id)
        elif answer.option_id:
            values[name] = option_token(response.pk, answer.option_id)
        elif answer.likert:
            values[name] = str(answer.likert)
        else:
            values[name] = answer.text
    return values


def _rows(invitation, response, pages, page, *, errors, missing, posted):
    questions = pages[page - 1]
    first_number = 1 + sum(len(p) for p in pages[: page - 1])
    values = _saved_values(response, questions) | (posted or {})
    seed = option_order_seed(response.pk, invitation.nonce)
    # The texts come from the translation the response is taken in (its instrument), the
    # questions themselves are shared by every language: answers and scores stay on them.
    translation = response.translation
    rows = []
    for number, question in enumerate(questions, start=first_number):
        name = f"q{question.pk}"
        options = [
            (
                option_token(response.pk, o.pk),
                o,
                translation.option_text_for(question, o) if translation else o.text,
            )
            for o in shuffled_options(seed, list(question.options.all()))
        ]
        if question.kind == Question.Kind.BLOCK:
            first_control = f"{name}-most-{options[0][0]}" if options else name
        elif question.kind == Question.Kind.SCENARIO:
            first_control = f"{name}-{options[0][0]}" if options else name
        elif question.kind == Question.Kind.WHY:
            first_control = f"{name}-text"
        else:
            first_control = f"{name}-1"
        error = errors.get(question.pk) or (
            MISSING.get(question.kind, gettext_lazy("Please answer this question."))
            if question in missing
            else ""
        )
        rows.append(
            {
                "number": number,
                "question": question,
                "text": translation.text_for(question) if translation else question.text,
                "group": GROUPS.get(question.kind, "statements"),
                "value": values.get(name, ""),
                "most": values.get(f"{name}-most", ""),
                "least": values.get(f"{name}-least", ""),
                "options": options,
                "error": error,
                "first_control": first_control,
            }
        )
    return rows


def _page(
    request,
    invitation,
    response,
    pages,
    page,
    *,
    progress=None,
    errors=None,
    missing=(),
    posted=None,
):
    progress = progress or paging.page_progress(response, pages)
    rows = _rows(
        invitation, response, pages, page, errors=errors or {}, missing=missing, posted=posted
    )
    flagged = [row for row in rows if row["error"]]
    token = request.resolver_match.kwargs["token"]
    total = progress.question_count
    context = {
        "invitation": invitation,
        "role": invitation.application.role,
        "candidate": invitation.application.candidate,
        "response": response,
        "intro": (
            response.translation.intro if response.translation else response.questionnaire.intro
        ),
        "token": token,
        "page": page,
        "page_count": len(pages),
        "is_last": page == len(pages),
        "groups": [(group, list(rows)) for group, rows in groupby(rows, lambda r: r["group"])],
        "answered": progress.answered_count,
        "total": total,
        "percent": round(100 * progress.answered_count / total) if total else 0,
        "likert_labels": LIKERT_LABELS,
        "why_max_length": WHY_ANSWER_MAX_LENGTH,
        # Links to the first few problems; a long list helps nobody on a phone.
        "problem_links": flagged[:MAX_PROBLEM_LINKS],
        "more_problems": max(0, len(flagged) - MAX_PROBLEM_LINKS),
        "problem_count": len(flagged),
        "missing_count": len(missing),
    }
    status = 422 if flagged else 200
    return render(request, "passion_test/take.html", context, status=status)


@never_cache
@signed_link_view
@require_GET
def take(request, token: str):
    """The link from the email: the page to resume on, or the thank-you page once submitted."""
    try:
        invitation, response = _open(request, token)
    except services.LinkError as error:
        return _link_error(request, error)
    if response.is_submitted:
        return _done(request, invitation, response)
    try:
        answered = ids_from(invitation.answered_ids)
        progress = paging.page_progress(response, _pages(response), answered)
    except services.LinkError as error:
        return _link_error(request, error)
    return redirect("passion_test:page", token=token, page=progress.resume_page)


@never_cache
@signed_link_view
@require_http_methods(["GET", "POST"])
def page_view(request, token: str, page: int):
    """GET: one page of the test (its showing is timed). POST: save it; Next, Back or Submit."""
    try:
        invitation, response = _open(request, token)
    except services.LinkError as error:
        return _link_error(request, error)
    if response.is_submitted:
        if request.method == "POST":  # nothing changes after submission
            return _done(request, invitation, response, status=409)
        return redirect("passion_test:take", token=token)
    try:
        pages = _pages(response)
    except services.LinkError as error:
        return _link_error(request, error)
    if request.method == "GET":
        progress = paging.page_progress(response, pages, ids_from(invitation.answered_ids))
        if not progress.may_show(page):
            return redirect("passion_test:page", token=token, page=progress.resume_page)
        paging.passion_test_page_show(response=response, page=page)
        return _page(request, invitation, response, pages, page, progress=progress)
    questions = pages[page - 1] if 1 <= page <= len(pages) else []
    posted = read_page(request.POST, questions=questions, response_id=response.pk)
    action = request.POST.get("go")
    resume = reverse("passion_test:take", args=[token])
    try:
        result = paging.passion_test_page_save(
            response=response,
            pages=pages,
            page=page,
            answers=posted.answers,
            errors=posted.errors,
            foreign=posted.stray,
            action=action if action in ("back", "next", "submit") else "next",
        )
    except services.AlreadySubmitted:
        return redirect("passion_test:take", token=token)
    except paging.PageRefused as refusal:
        return _link_error(request, Refusal(refusal.message), resume_url=resume)
    if result.submitted:
        return redirect("passion_test:take", token=token)
    if result.go_to and not result.missing:
        return redirect("passion_test:page", token=token, page=result.go_to)
    shown = result.go_to or page
    return _page(
        request,
        invitation,
        response,
        pages,
        shown,
        errors=result.errors,
        missing=result.missing,
        posted=posted.values if shown == page else None,
    )


def _status(request, status=200, **context):
    return render(request, "passion_test/partials/save_status.html", context, status=status)


@never_cache
@signed_link_view
@require_POST
def page_save(request, token: str, page: int):
    """htmx autosave of one page: save what the page's form holds now; answer with the
    progress panel. Without htmx (no JavaScript), back to the page."""
    try:
        invitation, response = _open(request, token)
    except services.LinkError as error:
        return _status(request, status=error.status, link_error=error)
    pages = paging.response_pages(response)
    questions = pages[page - 1] if 1 <= page <= len(pages) else []
    posted = read_page(request.POST, questions=questions, response_id=response.pk)
    try:
        result = paging.passion_test_page_save(
            response=response,
            pages=pages,
            page=page,
            answers=posted.answers,
            errors=posted.errors,
            foreign=posted.stray,
            answered=ids_from(invitation.answered_ids),
        )
    except services.AlreadySubmitted:
        return _status(request, status=409, already_submitted=True)
    except paging.PageRefused as refusal:
        return _status(request, status=422, refused=refusal.message)
    if not request.htmx:
        return redirect("passion_test:page", token=token, page=page)
    progress = paging.Progress(pages=pages, answered=result.answered, shown=set(), current=None)
    numbers = {q.pk: n for n, q in enumerate((q for p in pages for q in p), start=1)}
    total = progress.question_count
    return _status(
        request,
        status=422 if result.errors else 200,
        answered=progress.answered_count,
        total=total,
        percent=round(100 * progress.answered_count / total) if total else 0,
        errors=[(numbers.get(qid), message) for qid, message in result.errors.items()],
        saved=not result.errors,
    )


@never_cache
@signed_link_view
@require_POST
def language(request, token: str):
    """The language switch on the test's pages: the choice is kept in a cookie and on the
    application, so the emails that follow use it too. Answers are kept as they are: the same
    questions come back in the other language."""
    return languages.switched_on_link(
        request,
        fallback=reverse("passion_test:take", args=[token]),
        application_id=lambda: services.invitation_from_token(token).application_id,
        remember=services.application_set_language,
    )
