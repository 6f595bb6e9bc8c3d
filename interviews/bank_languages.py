"""The question bank in another language: a recruiter writes each core value's name and
description and each question with its why follow-ups in that language, on one page;
interviewers reading that language see them (passionhire/content_languages.py). A text left
empty shows the English; a question's follow-ups are translated line for line."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language_info, gettext, gettext_lazy

from candidates.passion_test.translations import is_translatable
from passionhire.audit import audit_record
from passionhire.permissions import RECRUITER, role_required

from .models import BankQuestion, CoreValue


@transaction.atomic
def bank_translation_save(
    *, language: str, values: dict[int, dict], questions: dict[int, dict], saved_by
) -> None:
    """`values` is {id: {"name", "description"}}, `questions` {id: {"text", "probes": [..]}};
    a question's follow-ups, when given, are as many as its English ones."""
    if not is_translatable(language):
        raise ValidationError(gettext("That language is not one we offer."))
    rows = {v.pk: v for v in CoreValue.objects.select_for_update().filter(pk__in=values)}
    asked = BankQuestion.objects.select_for_update().filter(pk__in=questions)
    bank = {q.pk: q for q in asked}
    if set(values) - set(rows) or set(questions) - set(bank):
        raise ValidationError(gettext("That value or question is not in the bank."))
    for pk, texts in values.items():
        rows[pk].set_translations(language, {k: texts[k].strip() for k in ("name", "description")})
    for pk, texts in questions.items():
        probes = [p.strip() for p in texts["probes"] if p.strip()]
        if probes and len(probes) != len(bank[pk].probes):
            raise ValidationError(
                gettext(
                    "“%(question)s” has %(n)s why follow-ups in English: give one line for each."
                )
                % {"question": bank[pk].text[:60], "n": len(bank[pk].probes)}
            )
        bank[pk].set_translations(language, {"text": texts["text"].strip(), "probes": probes})
    CoreValue.objects.bulk_update(rows.values(), ["translations"])
    BankQuestion.objects.bulk_update(bank.values(), ["translations"])
    audit_record(
        actor=saved_by,
        action="bank.translation",
        target="bank",
        after={"language": language, "values": len(values), "questions": len(questions)},
        summary=f"Saved the {language} texts of the question bank",
    )


class BankTranslationForm(forms.Form):
    def __init__(self, *args, language: str, values, **kwargs):
        super().__init__(*args, **kwargs)
        self.values = values
        for value in values:
            texts = value.translations.get(language, {})
            self.fields[f"v{value.pk}-name"] = forms.CharField(
                label=gettext_lazy("Name"), max_length=120, required=False,
                initial=texts.get("name", ""),
            )  # fmt: skip
            self.fields[f"v{value.pk}-description"] = forms.CharField(
                label=gettext_lazy("Description"), max_length=600, required=False,
                initial=texts.get("description", ""),
                widget=forms.Textarea(attrs={"rows": 2}),
            )  # fmt: skip
            for question in value.questions.all():
                texts = question.translations.get(language, {})
                self.fields[f"q{question.pk}-text"] = forms.CharField(
                    label=gettext_lazy("Question"), max_length=600, required=False,
                    initial=texts.get("text", ""), widget=forms.Textarea(attrs={"rows": 2}),
                )  # fmt: skip
                self.fields[f"q{question.pk}-probes"] = forms.CharField(
                    label=gettext_lazy("Why follow-ups, one a line"), required=False,
                    max_length=2000, initial="\n".join(texts.get("probes", [])),
                    widget=forms.Textarea(attrs={"rows": len(question.probes) or 2}),
                )  # fmt: skip

    def rows(self):
        return [
            (
                value,
                self[f"v{value.pk}-name"],
                self[f"v{value.pk}-description"],
                [
                    (q, self[f"q{q.pk}-text"], self[f"q{q.pk}-probes"])
                    for q in value.questions.all()
                ],
            )
            for value in self.values
        ]

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        values, questions = {}, {}
        for value in self.values:
            values[value.pk] = {
                "name": data[f"v{value.pk}-name"],
                "description": data[f"v{value.pk}-description"],
            }
            for q in value.questions.all():
                questions[q.pk] = {
                    "text": data[f"q{q.pk}-text"],
                    "probes": data[f"q{q.pk}-probes"].splitlines(),
                }
        return {"values": values, "questions": questions}


@role_required(RECRUITER)
def bank_translation(request, language: str):
    if not is_translatable(language):
        raise Http404("We don't offer that language.")
    values = list(
        CoreValue.objects.filter(is_active=True).prefetch_related(
            Prefetch(
                "questions", queryset=BankQuestion.objects.filter(is_active=True).order_by("pk")
            )
        )
    )
    form = BankTranslationForm(request.POST or None, language=language, values=values)
    if request.method == "POST" and form.is_valid():
        try:
            bank_translation_save(language=language, saved_by=request.user, **form.service_kwargs())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, gettext("Saved: interviewers reading it see these texts."))
            return redirect(reverse("interviews:bank_translation", args=[language]))
    return render(
        request,
        "interviews/bank_translation.html",
        {"form": form, "language_name": get_language_info(language)["name_translated"]},
        status=422 if form.is_bound else 200,
    )
