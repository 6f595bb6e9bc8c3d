"""A role's careers page in another language: its title, description and knock-out questions,
written by a recruiter, read by candidates browsing in that language (the original where there
is no translation; passionhire/content_languages.py).

The service keeps what was written and drops what was cleared; the view is one form per role
and language.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language_info, gettext, gettext_lazy

from passionhire.audit import audit_record
from passionhire.forms import single_line
from passionhire.permissions import RECRUITER, role_required

from ..models import KnockoutQuestion, Role
from ..passion_test.translations import is_translatable

FIELDS = ("title", "description")


@transaction.atomic
def role_translation_save(
    *,
    role: Role,
    language: str,
    title: str,
    description: str,
    knockouts: dict[int, str],
    saved_by,
) -> Role:
    """A role's texts in `language`; `knockouts` is {knock-out question id: text}."""
    if not is_translatable(language):
        raise ValidationError(gettext("That language is not one we offer."), code="language")
    role = Role.objects.select_for_update().get(pk=role.pk)
    questions = {q.pk: q for q in role.knockout_questions.all()}
    stray = set(knockouts) - set(questions)
    if stray:
        raise ValidationError(gettext("That knock-out question is not this role's."))
    role.set_translations(language, {"title": title.strip(), "description": description.strip()})
    role.save(update_fields=["translations", "updated_at"])
    changed = [questions[pk] for pk in knockouts]
    for pk, text in knockouts.items():
        questions[pk].set_translations(language, {"text": " ".join(text.split())})
    KnockoutQuestion.objects.bulk_update(changed, ["translations"])
    audit_record(
        actor=saved_by,
        action="role.translation",
        target=f"role:{role.pk}",
        role_id=role.pk,
        after={"language": language, "fields": sorted(role.translations.get(language, {}))},
        summary=f"Saved the {language} texts of role “{role.title}”",
    )
    return role


class RoleTranslationForm(forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Title"), max_length=120, required=False, validators=[single_line]
    )
    description = forms.CharField(
        label=gettext_lazy("Description"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=gettext_lazy("Markdown, like the English description."),
    )

    def __init__(self, *args, role: Role, language: str, questions, **kwargs):
        super().__init__(*args, **kwargs)
        texts = role.translations.get(language, {})
        self.fields["title"].initial = texts.get("title", "")
        self.fields["description"].initial = texts.get("description", "")
        self.questions = questions
        for question in questions:
            self.fields[f"knockout_{question.pk}"] = forms.CharField(
                label=question.text,
                max_length=200,
                required=False,
                initial=question.translations.get(language, {}).get("text", ""),
                validators=[single_line],
            )

    def rows(self):
        return [(q, self[f"knockout_{q.pk}"]) for q in self.questions]

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "description": data["description"],
            "knockouts": {q.pk: data[f"knockout_{q.pk}"] for q in self.questions},
        }


@role_required(RECRUITER)
def role_translation(request, pk: int, language: str):
    if not is_translatable(language):
        raise Http404("We don't offer that language.")
    role = get_object_or_404(Role, pk=pk)
    questions = list(role.knockout_questions.order_by("position", "pk"))
    form = RoleTranslationForm(
        request.POST or None, role=role, language=language, questions=questions
    )
    if request.method == "POST" and form.is_valid():
        role_translation_save(
            role=role, language=language, saved_by=request.user, **form.service_kwargs()
        )
        messages.success(
            request,
            gettext("Saved: candidates reading the careers site in it see these texts."),
        )
        return redirect(reverse("applying:role_translation", args=[role.pk, language]))
    return render(
        request,
        "careers/role_translation.html",
        {
            "role": role,
            "form": form,
            "language": language,
            "language_name": get_language_info(language)["name_translated"],
        },
        status=422 if form.is_bound else 200,
    )
