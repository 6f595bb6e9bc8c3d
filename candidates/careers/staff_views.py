"""The recruiter's side of applying: a role's knock-out questions, the applications they
ruled out (confirm or keep), and an applicant's CV (downloaded, never shown inline)."""

import mimetypes
from pathlib import PurePath

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from passionhire.audit import audit_record
from passionhire.forms import add_validation_error, form_helper
from passionhire.nearby import near
from passionhire.permissions import (
    HIRING_MANAGER,
    RECRUITER,
    can_view_role,
    has_role,
    role_required,
)

from ..models import Application, KnockoutQuestion, Role
from . import knockouts
from .cv import DOCX, PDF


class KnockoutQuestionForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Question"),
        max_length=200,
        help_text=gettext_lazy("A yes/no question, e.g. “Can you work weekends?”"),
    )
    disqualifying_answer = forms.ChoiceField(
        label=gettext_lazy("The answer that rules an applicant out"),
        choices=KnockoutQuestion.Answer.choices,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(gettext("Add question"))


@role_required(RECRUITER)
@require_http_methods(["GET", "POST"])
def knockout_questions(request, pk: int):
    role = get_object_or_404(Role, pk=pk)
    form = KnockoutQuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            knockouts.knockout_question_add(role=role, added_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(
                request,
                gettext("Question added: applicants answer it from now on."),
                extra_tags=near("knockout-add"),
            )
            return redirect(
                reverse("applying:knockout_questions", args=[role.pk]) + "#knockout-add"
            )
    return render(
        request,
        "careers/knockout_questions.html",
        {"role": role, "form": form, "questions": role.knockout_questions.all()},
        status=422 if request.method == "POST" else 200,
    )


@role_required(RECRUITER)
@require_POST
def knockout_question_delete(request, pk: int):
    question = get_object_or_404(KnockoutQuestion, pk=pk)
    knockouts.knockout_question_delete(question=question, deleted_by=request.user)
    messages.success(
        request,
        gettext("Question removed. Applications already made keep their answers."),
        extra_tags=near("knockout-list"),
    )
    return redirect(
        reverse("applying:knockout_questions", args=[question.role_id]) + "#knockout-list"
    )


def _knockout_action(request, pk: int, action: str):
    application = get_object_or_404(Application.objects.select_related("candidate"), pk=pk)
    try:
        if action == "confirm":
            knockouts.knockout_confirm(application_id=pk, confirmed_by=request.user)
            messages.success(
                request,
                gettext("%(name)s was not taken forward; a courteous email is on its way.")
                % {"name": application.candidate.name},
            )
        else:
            knockouts.knockout_keep(application_id=pk, kept_by=request.user)
            messages.success(
                request,
                gettext("%(name)s stays in the pipeline; the test was sent.")
                % {"name": application.candidate.name},
            )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(
        reverse("hiring:role_detail", args=[application.role_id]) + "?stage=knocked_out"
    )


@role_required(RECRUITER)
@require_POST
def knockout_confirm(request, pk: int):
    return _knockout_action(request, pk, "confirm")


@role_required(RECRUITER)
@require_POST
def knockout_keep(request, pk: int):
    return _knockout_action(request, pk, "keep")


CONTENT_TYPES = {".pdf": PDF, ".docx": DOCX}


@role_required(RECRUITER, HIRING_MANAGER)
@require_GET
def application_cv(request, pk: int):
    """The CV as a download: an attachment, its type fixed by us, never sniffed or rendered
    in our origin. A hiring manager of the role may have it once a blind review reveals the
    candidate (a CV names them)."""
    application = get_object_or_404(Application.objects.select_related("role", "candidate"), pk=pk)
    if not can_view_role(request.user, application.role):
        raise PermissionDenied("Only recruiters and this role's hiring manager may open it.")
    blind = application.role.blind_review and not application.revealed
    if blind and not has_role(request.user, RECRUITER):
        raise PermissionDenied("This is a blind review: the CV names the candidate.")
    if not application.cv:
        raise Http404("This application has no CV.")
    suffix = PurePath(application.cv.name).suffix.lower()
    try:
        handle = application.cv.open("rb")
    except FileNotFoundError:
        raise Http404("The CV file is missing.") from None
    audit_record(
        actor=request.user,
        action="application.cv_download",
        target=f"application:{application.pk}",
        role_id=application.role_id,
        candidate_id=application.candidate_id,
        summary=f"CV of application #{application.pk} downloaded",
    )
    stem = PurePath(application.cv_name).stem or "cv"
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"{stem}{suffix}",
        content_type=CONTENT_TYPES.get(suffix) or mimetypes.types_map[".bin"],
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response
