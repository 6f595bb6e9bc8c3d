"""Core values and the question bank (recruiters)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from passionhire.forms import add_validation_error
from passionhire.permissions import RECRUITER, role_required
from passionhire.traits import Trait

from .. import selectors, services
from ..forms import BankQuestionForm, CoreValueForm
from ..models import BankQuestion, CoreValue


@role_required(RECRUITER)
def bank(request):
    values = list(selectors.bank(include_retired=True))
    counts = {}
    for value in values:
        for question in value.questions.all():
            if question.is_active and value.is_active:
                for trait in question.traits:
                    counts[trait] = counts.get(trait, 0) + 1
    trait_counts = [(trait.label, counts.get(trait.value, 0)) for trait in Trait]
    return render(request, "interviews/bank.html", {"values": values, "trait_counts": trait_counts})


@role_required(RECRUITER)
def core_value_edit(request, pk: int | None = None):
    core_value = get_object_or_404(CoreValue, pk=pk) if pk else None
    initial = (
        {
            "name": core_value.name,
            "description": core_value.description,
            "traits": core_value.traits,
        }
        if core_value
        else None
    )
    form = CoreValueForm(
        request.POST or None,
        initial=initial,
        submit_label=gettext("Save the value") if core_value else gettext("Add the value"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.core_value_save(
                actor=request.user, core_value=core_value, **form.cleaned_data
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, gettext("Core value “{name}” saved.").format(name=saved.name))
            return redirect("interviews:bank")
    return render(request, "interviews/value_form.html", {"form": form, "core_value": core_value})


@require_POST
@role_required(RECRUITER)
def core_value_active(request, pk: int):
    core_value = get_object_or_404(CoreValue, pk=pk)
    active = request.POST.get("active") == "1"
    services.core_value_set_active(core_value=core_value, active=active, actor=request.user)
    said = gettext("“{name}” restored.") if active else gettext("“{name}” retired.")
    messages.success(request, said.format(name=core_value.name))
    return redirect("interviews:bank")


@role_required(RECRUITER)
def bank_question_edit(request, pk: int | None = None):
    question = get_object_or_404(BankQuestion, pk=pk) if pk else None
    initial = (
        {
            "core_value": question.core_value_id,
            "text": question.text,
            "traits": question.traits,
            "probes": "\n".join(question.probes),
        }
        if question
        else {"core_value": request.GET.get("value")}
    )
    form = BankQuestionForm(
        request.POST or None,
        initial=initial,
        submit_label=gettext("Save the question") if question else gettext("Add the question"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.bank_question_save(
                question=question, author=request.user, **form.service_kwargs()
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, gettext("Question saved to the bank."))
            return redirect("interviews:bank")
    return render(request, "interviews/question_form.html", {"form": form, "question": question})


@require_POST
@role_required(RECRUITER)
def bank_question_active(request, pk: int):
    question = get_object_or_404(BankQuestion, pk=pk)
    active = request.POST.get("active") == "1"
    services.bank_question_set_active(question=question, active=active, actor=request.user)
    messages.success(
        request, gettext("Question restored.") if active else gettext("Question retired.")
    )
    return redirect("interviews:bank")
