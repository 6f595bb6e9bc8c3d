"""Recruiters translating a version of the Passion Test: a draft saved as often as they like,
published once complete, unpublished while nobody has taken it (translations.py)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy

from passionhire.forms import add_validation_error
from passionhire.permissions import RECRUITER, role_required

from ..models import Questionnaire
from . import translations
from .translation_models import (
    INTRO_MAX_LENGTH,
    OPTION_MAX_LENGTH,
    QUESTION_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    QuestionnaireTranslation,
    option_slot,
)


class TranslationForm(forms.Form):
    """The title, the introduction, and a field for each active question and option."""

    title = forms.CharField(
        label=gettext_lazy("Title"), max_length=TITLE_MAX_LENGTH, required=False
    )
    intro = forms.CharField(
        label=gettext_lazy("Introduction"),
        max_length=INTRO_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, translation: QuestionnaireTranslation, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].initial = translation.title
        self.fields["intro"].initial = translation.intro
        gaps = {(g.key, g.option) for g in translations.translation_gaps(translation, questions)}
        self.rows = []
        for number, question in enumerate(questions, start=1):
            name = f"q-{question.key}"
            entry = translation.texts.get(question.key)
            self.fields[name] = forms.CharField(
                label=gettext("Question %(number)s") % {"number": number},
                max_length=QUESTION_MAX_LENGTH,
                required=False,
                initial=entry[1] if entry else "",
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            options = []
            for option in question.options.all():
                slot = option_slot(question.key, option.position)
                option_entry = translation.options.get(slot)
                option_name = f"o-{slot}"
                self.fields[option_name] = forms.CharField(
                    label=gettext("Option %(option)s") % {"option": option.position},
                    max_length=OPTION_MAX_LENGTH,
                    required=False,
                    initial=option_entry[1] if option_entry else "",
                )
                options.append(
                    {
                        "option": option,
                        "name": option_name,
                        "slot": slot,
                        "gap": (question.key, option.position) in gaps,
                        "was": option_entry[0] if option_entry else "",
                    }
                )
            self.rows.append(
                {
                    "number": number,
                    "question": question,
                    "name": name,
                    "gap": (question.key, None) in gaps,
                    "was": entry[0] if entry else "",
                    "options": options,
                }
            )

    def bound_rows(self):
        """The rows with their bound fields, for the template."""
        for row in self.rows:
            yield {
                **row,
                "field": self[row["name"]],
                "options": [{**o, "field": self[o["name"]]} for o in row["options"]],
            }

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "intro": data["intro"],
            "texts": {row["question"].key: data[row["name"]] for row in self.rows},
            "options": {o["slot"]: data[o["name"]] for row in self.rows for o in row["options"]},
        }


def _translation_url(questionnaire: Questionnaire, language: str) -> str:
    return reverse("candidates:questionnaire_translation", args=[questionnaire.version, language])


@role_required(RECRUITER)
def questionnaire_translation(request, version: int, language: str):
    """GET: the version side by side with its translation. POST `go`: save (a draft),
    publish (saved first, so a refused publish loses nothing) or unpublish."""
    if not translations.is_translatable(language):
        raise Http404("We don't offer that language.")
    questionnaire = get_object_or_404(Questionnaire, version=version)
    translation = QuestionnaireTranslation.objects.filter(
        questionnaire=questionnaire, language=language
    ).first() or QuestionnaireTranslation(questionnaire=questionnaire, language=language)
    questions = translations.active_questions(questionnaire)
    go = request.POST.get("go")
    if request.method == "POST" and go == "unpublish":
        try:
            translations.translation_unpublish(translation=translation, unpublished_by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, gettext("Unpublished: it is a draft again."))
        return redirect(_translation_url(questionnaire, language))
    if request.method == "POST" and translation.is_published:
        messages.error(
            request, gettext("This translation is published; unpublish it before changing it.")
        )
        return redirect(_translation_url(questionnaire, language))
    form = TranslationForm(
        request.POST if request.method == "POST" else None,
        translation=translation,
        questions=questions,
    )
    status = 200
    if form.is_bound and go in ("save", "publish"):
        if form.is_valid():
            try:
                translation = translations.translation_save(
                    questionnaire=questionnaire,
                    language=language,
                    saved_by=request.user,
                    **form.service_kwargs(),
                )
                if go == "publish":
                    translations.translation_publish(
                        translation=translation, published_by=request.user
                    )
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(
                    request,
                    gettext("Published: candidates reading it now take this version in it.")
                    if go == "publish"
                    else gettext("Draft saved."),
                )
                return redirect(_translation_url(questionnaire, language))
        status = 422
    gaps = translations.translation_gaps(translation, questions) if translation.pk else None
    return render(
        request,
        "candidates/questionnaire_translation.html",
        {
            "questionnaire": questionnaire,
            "translation": translation,
            "language_name": dict(translations.translatable_languages())[language],
            "language": language,
            "form": form,
            "rows": list(form.bound_rows()),
            "gap_count": len(gaps) if gaps is not None else None,
            "text_count": sum(1 + len(q.options.all()) for q in questions),
            "taken": translation.responses.count() if translation.pk else 0,
        },
        status=status,
    )
