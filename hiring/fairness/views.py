"""Compliance's pages: the adverse-impact report (page, CSV and PDF) and the voluntary questions
asked of applicants. Nobody else opens them, and nothing here names a person."""

import csv

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import get_language_info, gettext
from django.views.decorators.http import require_GET

from candidates.models import Role
from candidates.passion_test.translations import is_translatable, translatable_languages
from passionhire.audit import audit_record
from passionhire.exports import csv_safe
from passionhire.people import display_name
from passionhire.permissions import COMPLIANCE, role_required

from . import pdf, reports
from .counts import Scope
from .csv_rows import report_rows
from .forms import ReportFilterForm, SelfIdQuestionForm, SelfIdTranslationForm
from .models import SelfIdQuestion
from .services import self_id_question_save, self_id_translation_save


def _scope(request) -> tuple[ReportFilterForm, Scope | None]:
    form = ReportFilterForm(request.GET or None, roles=Role.objects.order_by("title", "pk"))
    if not request.GET:
        return form, Scope()
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    role = data.get("role")
    return form, Scope(data.get("date_from"), data.get("date_to"), role.pk if role else None)


def _bad_filters(form: ReportFilterForm) -> HttpResponse:
    errors = " ".join(e for errors in form.errors.values() for e in errors)
    return HttpResponse(errors, status=400, content_type="text/plain; charset=utf-8")


def _opened(request, scope: Scope, what: str) -> None:
    """Who read which slice, in the audit log: comparing two slices (two date ranges, say)
    can narrow a count down, so every opening is accountable."""
    audit_record(
        actor=request.user,
        action="fairness.report",
        target="fairness",
        after={
            "format": what,
            "from": scope.date_from and scope.date_from.isoformat(),
            "to": scope.date_to and scope.date_to.isoformat(),
            "role": scope.role_id,
        },
        summary=f"Adverse-impact report opened ({what})",
    )


@require_GET
@role_required(COMPLIANCE)
def fairness_report(request):
    form, scope = _scope(request)
    report = None
    if scope is not None:
        report = reports.adverse_impact_report(scope)
        _opened(request, scope, "page")
    context = {
        "form": form,
        "report": report,
        "query": request.GET.urlencode(),
        "minimum_for_test": reports.MINIMUM_FOR_TEST,
    }
    return render(request, "hiring/fairness/report.html", context, status=200 if scope else 400)


@require_GET
@role_required(COMPLIANCE)
def fairness_report_csv(request):
    form, scope = _scope(request)
    if scope is None:
        return _bad_filters(form)
    _opened(request, scope, "csv")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="adverse-impact.csv"'
    writer = csv.writer(response)
    with translation.override("en"):  # the spreadsheet is data: English whatever the page's
        for row in report_rows(reports.adverse_impact_report(scope)):
            writer.writerow([csv_safe(cell) for cell in row])
    return response


@require_GET
@role_required(COMPLIANCE)
def fairness_report_pdf(request):
    form, scope = _scope(request)
    if scope is None:
        return _bad_filters(form)
    role = form.cleaned_data.get("role") if form.is_bound else None
    dates, role_text = pdf.scope_heading(scope, role.title if role else None)
    heading = pdf.Heading(dates, role_text, timezone.localtime(), display_name(request.user))
    try:
        body = pdf.report_pdf(report=reports.adverse_impact_report(scope), heading=heading)
    except pdf.PdfUnavailable as error:
        return HttpResponse(str(error), status=503, content_type="text/plain; charset=utf-8")
    _opened(request, scope, "pdf")
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="adverse-impact.pdf"'
    return response


@require_GET
@role_required(COMPLIANCE)
def self_id_questions(request):
    questions = list(SelfIdQuestion.objects.order_by("position", "pk"))
    languages = [
        (code, name, sum(1 for q in questions if q.translations.get(code, {}).get("text")))
        for code, name in translatable_languages()
    ]
    context = {"questions": questions, "languages": languages}
    return render(request, "hiring/fairness/questions.html", context)


@role_required(COMPLIANCE)
def self_id_translation(request, language: str):
    """Every question's words in `language`, beside the English: what candidates reading
    the status page in it are asked."""
    if not is_translatable(language):
        raise Http404("We don't offer that language.")
    questions = list(SelfIdQuestion.objects.order_by("position", "pk"))
    form = SelfIdTranslationForm(request.POST or None, questions=questions, language=language)
    if request.method == "POST" and form.is_valid():
        try:
            self_id_translation_save(actor=request.user, language=language, texts=form.texts())
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request, gettext("Saved: applicants reading in it are asked these words.")
            )
            return redirect("hiring:self_id_translation", language=language)
    context = {
        "form": form,
        "language": language,
        "language_name": get_language_info(language)["name_translated"],
    }
    status = 422 if form.is_bound else 200
    return render(request, "hiring/fairness/translation.html", context, status=status)


@role_required(COMPLIANCE)
def self_id_question_edit(request, pk=None):
    question = get_object_or_404(SelfIdQuestion, pk=pk) if pk is not None else None
    form = SelfIdQuestionForm(request.POST or None, question=question)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = self_id_question_save(
            actor=request.user,
            question=question,
            key=data.get("key") or question.key,
            text=data["text"],
            help_text=data["help_text"],
            options=data["options"],
            active=data["active"],
            countries=data["countries"],
        )
        messages.success(request, gettext("Saved: “%(text)s”.") % {"text": saved.text})
        return redirect("hiring:self_id_questions")
    status = 422 if request.method == "POST" else 200
    context = {"form": form, "question": question}
    return render(request, "hiring/fairness/question_form.html", context, status=status)
