"""The candidate's side of the Passion Test: no account, just the signed link from the email.

Answers save as the candidate goes (htmx posts the form on every change); without JavaScript
the same form saves everything on submit. A link that does not work gets a 4xx page that says
why; a submitted test is never changed again.
"""

from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from passionhire.params import parse_id
from passionhire.permissions import signed_link_view

from .. import services
from ..models import Question
from .models import LIKERT_LABELS, WHY_ANSWER_MAX_LENGTH

MAX_PROBLEM_LINKS = 8


def _link_error(request, error: services.LinkError):
    return render(request, "passion_test/link_error.html", {"error": error}, status=error.status)


def _raw_answers(request) -> dict[str, str]:
    """{question id: value} from the posted form (fields are named q<id>)."""
    return {
        name[1:]: value
        for name, value in request.POST.items()
        if name.startswith("q") and parse_id(name[1:])
    }


def _page_context(invitation, response, questions, *, errors=None, missing=(), values=None):
    saved = {a.question_id: a for a in response.answers.all()}
    rows = []
    for number, question in enumerate(questions, start=1):
        answer = saved.get(question.pk)
        value = (values or {}).get(str(question.pk))
        if value is None and answer is not None:
            value = (
                str(answer.likert)
                if answer.likert
                else str(answer.option_id)
                if answer.option_id
                else answer.text
            )
        rows.append(
            {
                "number": number,
                "question": question,
                "value": value or "",
                "error": (errors or {}).get(question.pk)
                or ("Please answer this question." if question in missing else ""),
            }
        )
    answered = sum(1 for row in rows if row["value"].strip())
    flagged = [row for row in rows if row["error"]]
    return {
        "invitation": invitation,
        "role": invitation.application.role,
        "candidate": invitation.application.candidate,
        "response": response,
        "sections": [
            (kind, [row for row in rows if row["question"].kind == kind]) for kind in Question.Kind
        ],
        "answered": answered,
        "total": len(rows),
        "percent": round(100 * answered / len(rows)) if rows else 0,
        "likert_labels": LIKERT_LABELS,
        "why_max_length": WHY_ANSWER_MAX_LENGTH,
        "missing": missing,
        # Links to the first few problems; a long list helps nobody on a phone.
        "problem_links": flagged[:MAX_PROBLEM_LINKS],
        "more_problems": max(0, len(flagged) - MAX_PROBLEM_LINKS),
        "stray_answer": bool(errors and 0 in errors),
    }


@never_cache
@signed_link_view
@require_http_methods(["GET", "POST"])
def take(request, token: str):
    """GET: the questionnaire (or the thank-you page once submitted). POST: submit it."""
    try:
        invitation = services.invitation_from_token(token)
    except services.LinkError as error:
        return _link_error(request, error)
    response = services.passion_test_open(invitation=invitation)
    if response.is_submitted:
        # Nothing changes after submission: a repeated submit just sees the thank-you page.
        status = 409 if request.method == "POST" else 200
        return render(
            request,
            "passion_test/done.html",
            {"invitation": invitation, "response": response},
            status=status,
        )
    questions = services.active_questions(response.questionnaire)
    if request.method == "POST":
        raw = _raw_answers(request)
        try:
            result = services.passion_test_submit(
                response=response, questions=questions, answers=raw
            )
        except services.AlreadySubmitted:
            return redirect("passion_test:take", token=token)
        if result.submitted:
            return redirect("passion_test:take", token=token)
        context = _page_context(
            invitation,
            response,
            questions,
            errors=result.saved.errors,
            missing=result.missing,
            values=raw,
        )
        return render(request, "passion_test/take.html", context, status=422)
    return render(request, "passion_test/take.html", _page_context(invitation, response, questions))


@never_cache
@signed_link_view
@require_POST
def take_save(request, token: str):
    """htmx autosave: save what the form holds now; answer with the progress panel."""
    try:
        invitation = services.invitation_from_token(token)
    except services.LinkError as error:
        return render(
            request,
            "passion_test/partials/save_status.html",
            {"link_error": error},
            status=error.status,
        )
    response = services.passion_test_open(invitation=invitation)
    questions = services.active_questions(response.questionnaire)
    try:
        result = services.passion_test_save_answers(
            response=response, questions=questions, answers=_raw_answers(request)
        )
    except services.AlreadySubmitted:
        return render(
            request,
            "passion_test/partials/save_status.html",
            {"already_submitted": True},
            status=409,
        )
    if not request.htmx:  # a plain form post (no JavaScript): back to the page, saved
        return redirect("passion_test:take", token=token)
    answered = response.answers.count()
    by_id = {q.pk: (n, q) for n, q in enumerate(questions, start=1)}
    return render(
        request,
        "passion_test/partials/save_status.html",
        {
            "answered": answered,
            "total": len(questions),
            "percent": round(100 * answered / len(questions)) if questions else 0,
            "errors": [
                (by_id[qid][0] if qid in by_id else None, message)
                for qid, message in result.errors.items()
            ],
            "saved": result.saved,
        },
        status=422 if result.errors else 200,
    )
