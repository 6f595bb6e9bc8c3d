"""The candidate's voluntary questions about themselves, through their status link: the form
and the page (every word here is the candidate's, so it is translated into every shipped
language)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_http_methods

from ..status.views import link_view
from . import selectors, services
from .models import DECLINED, SelfIdQuestion

STATEMENT = gettext_lazy(
    "These questions are voluntary, and answering them or not changes nothing about your "
    "application. Your answers are kept apart from your application and never reach the "
    "people who decide: recruiters, hiring managers and interviewers cannot see them. Only "
    "our compliance team reads them, and only as totals for groups of at least 5 people, to "
    "check that each step of our selection treats every group fairly. You can change your "
    "answers here, they are in your copy of your data, and they are erased with it."
)


# The form's value for "I prefer not to say" (a radio button cannot carry an empty value).
PREFER_NOT = "prefer-not-to-say"


class SelfIdForm(forms.Form):
    """One optional radio group per question; a question left alone is not answered."""

    def __init__(self, *args, questions: list[SelfIdQuestion], answers: dict[str, str], **kw):
        super().__init__(*args, **kw)
        for question in questions:
            given = answers.get(question.key)
            # In the candidate's language; the value posted is the English option, which is
            # what an answer stores (one group in the reports, whatever the language).
            self.fields[question.key] = forms.ChoiceField(
                label=question.shown("text"),
                help_text=question.shown("help_text"),
                required=False,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                choices=question.shown_options() + [(PREFER_NOT, gettext("I prefer not to say"))],
                initial=PREFER_NOT if given == DECLINED else given,
            )

    def answers(self, *, decline_all: bool = False) -> dict[str, str]:
        """{question key: answer or DECLINED} for the questions answered."""
        if decline_all:
            return dict.fromkeys(self.fields, DECLINED)
        return {
            key: DECLINED if value == PREFER_NOT else value
            for key, value in self.cleaned_data.items()
            if value
        }


@require_http_methods(["GET", "POST"])
@link_view
def self_id(request, application, token: str):
    """GET: the questions with the candidate's answers so far. POST: save them (or decline
    every question with one button); a tampered answer comes back as an error (422)."""
    questions = selectors.self_id_questions(application.candidate_id)
    answers = selectors.self_id_answers_of(application.candidate_id)
    form = SelfIdForm(
        request.POST if request.method == "POST" else None, questions=questions, answers=answers
    )
    if request.method == "POST" and form.is_valid():
        given = form.answers(decline_all="decline_all" in request.POST)
        if not given:
            form.add_error(
                None, gettext("Choose an answer, or decline every question with the button.")
            )
        else:
            try:
                services.self_id_answer(application=application, answers=given)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    gettext("Thank you. Your answers are kept apart from your application."),
                )
                return redirect("status:page", token=token)
    context = {"form": form, "token": token, "statement": STATEMENT, "questions": questions}
    status = 422 if request.method == "POST" else 200
    return render(request, "hiring/fairness/self_id.html", context, status=status)
