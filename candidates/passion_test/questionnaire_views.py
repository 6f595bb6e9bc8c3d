"""Recruiters managing the Passion Test: versions, questions, and how well the items work."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from passionhire.forms import add_validation_error
from passionhire.permissions import RECRUITER, role_required

from .. import selectors, services
from ..models import Question, Questionnaire
from .forms import QuestionForm
from .translations import translation_states


def _version_url(questionnaire: Questionnaire, anchor: str = "") -> str:
    url = reverse("candidates:questionnaire_version", args=[questionnaire.version])
    return f"{url}#{anchor}" if anchor else url


def _moved_message(request, before: Questionnaire, question: Question) -> None:
    if question.questionnaire_id != before.pk:
        messages.info(
            request,
            gettext(
                "Version %(before)s already has responses, so your change created version "
                "%(version)s. Responses to version %(before)s keep their scores."
            )
            % {"before": before.version, "version": question.questionnaire.version},
        )


@role_required(RECRUITER)
def questionnaire_version(request, version: int | None = None):
    versions = selectors.questionnaire_versions()
    if not versions:
        raise Http404("No Passion Test is set up.")
    questionnaire = (
        versions[0]
        if version is None
        else next((v for v in versions if v.version == version), None)
    )
    if questionnaire is None:
        raise Http404("No such version.")
    return render(
        request,
        "candidates/questionnaire.html",
        {
            "questionnaire": questionnaire,
            "is_current": questionnaire.pk == versions[0].pk,
            "versions": versions,
            "questions": selectors.questionnaire_questions(questionnaire),
            "kinds": Question.Kind,
            "translation_states": translation_states(questionnaire),
        },
    )


@role_required(RECRUITER)
def question_create(request, kind: str):
    if kind not in Question.Kind.values:
        raise Http404("No such kind of question.")
    questionnaire = services.current_questionnaire()
    form = QuestionForm(request.POST or None, kind=kind, questionnaire=questionnaire)
    if request.method == "POST" and form.is_valid():
        try:
            question = services.question_add(
                questionnaire=questionnaire,
                added_by=request.user,
                kind=kind,
                **form.service_kwargs(),
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            _moved_message(request, questionnaire, question)
            messages.success(
                request,
                # The kind's English label is in the catalog (candidates/label_names.py).
                gettext("%(kind)s added.") % {"kind": gettext(Question.Kind(kind).label)},
            )
            return redirect(_version_url(question.questionnaire, f"q-{question.key}"))
    return render(
        request,
        "candidates/question_form.html",
        {
            "form": form,
            "kind": Question.Kind(kind),
            "questionnaire": questionnaire,
            "question": None,
        },
    )


def _current_question(pk: int) -> Question:
    question = get_object_or_404(Question.objects.select_related("questionnaire", "twin"), pk=pk)
    current = services.current_questionnaire()
    if question.questionnaire_id != current.pk:
        # Old versions are read-only; edit the same question in the current version.
        question = get_object_or_404(current.questions, key=question.key)
    return question


@role_required(RECRUITER)
def question_edit(request, pk: int):
    question = _current_question(pk)
    questionnaire = question.questionnaire
    form = QuestionForm(
        request.POST or None, kind=question.kind, questionnaire=questionnaire, question=question
    )
    if request.method == "POST" and form.is_valid():
        try:
            edited = services.question_edit(
                question=question, edited_by=request.user, **form.service_kwargs()
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            _moved_message(request, questionnaire, edited)
            messages.success(request, gettext("Question saved."))
            return redirect(_version_url(edited.questionnaire, f"q-{edited.key}"))
    return render(
        request,
        "candidates/question_form.html",
        {
            "form": form,
            "kind": Question.Kind(question.kind),
            "questionnaire": questionnaire,
            "question": question,
        },
    )


@require_POST
@role_required(RECRUITER)
def question_move(request, pk: int):
    question = _current_question(pk)
    before = question.questionnaire
    try:
        moved = services.question_move(
            question=question, moved_by=request.user, direction=request.POST.get("direction", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_version_url(before))
    _moved_message(request, before, moved)
    return redirect(_version_url(moved.questionnaire, f"q-{moved.key}"))


@require_POST
@role_required(RECRUITER)
def question_retire(request, pk: int):
    question = _current_question(pk)
    before = question.questionnaire
    retire = request.POST.get("retired") != "false"
    changed = services.question_set_retired(
        question=question, changed_by=request.user, retired=retire
    )
    _moved_message(request, before, changed)
    messages.success(
        request,
        gettext("Question retired: new candidates will not see it.")
        if retire
        else gettext("Question restored."),
    )
    return redirect(_version_url(changed.questionnaire, f"q-{changed.key}"))


@role_required(RECRUITER)
def questionnaire_consistency(request, version: int):
    questionnaire = get_object_or_404(Questionnaire, version=version)
    include_flagged = request.GET.get("flagged") == "1"
    by_language = selectors.consistency_by_language(
        questionnaire=questionnaire, include_flagged=include_flagged
    )
    # ?language=es shows that language's statements; anything else, all languages together.
    chosen = next((row for row in by_language if row.code == request.GET.get("language")), None)
    consistency = (
        chosen.consistency
        if chosen
        else selectors.trait_consistency(
            questionnaire=questionnaire, include_flagged=include_flagged
        )
    )
    return render(
        request,
        "candidates/questionnaire_consistency.html",
        {
            "consistency": consistency,
            "questionnaire": questionnaire,
            "include_flagged": include_flagged,
            "by_language": by_language,
            "language": chosen,
        },
    )
