"""The emails' wordings, for recruiters: the list of kinds, edit one with a preview on a real
candidate, add another wording of a rejection or a message, delete one."""

from csp.decorators import csp_update
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language_info, gettext
from django.views.decorators.http import require_POST

from passionhire.forms import add_validation_error
from passionhire.mail_kinds import KINDS
from passionhire.mailtemplates import branding, check
from passionhire.models import EmailTemplate
from passionhire.permissions import RECRUITER, role_required

from ..forms_emails import EmailWordingForm
from ..selectors.email_templates import (
    email_kinds_with_wordings,
    email_preview,
    preview_applications,
)
from ..selectors.undelivered import undelivered_email_count
from ..services.email_templates import email_template_delete, email_template_save


@role_required(RECRUITER)
def email_templates(request):
    return render(
        request,
        "hiring/emails_admin/list.html",
        {
            "kinds": email_kinds_with_wordings(),
            "sign_off_preview": branding()["sign_off"],
            "undelivered": undelivered_email_count(request.user),
        },
    )


def _kind(kind: str):
    if kind not in KINDS:
        raise Http404("No such email.")
    return KINDS[kind]


# The preview is the email itself, whose styles are inline (as every mail client needs): this
# page alone lets inline styles through, for the sandboxed frame that inherits its policy.
# Scripts stay refused, and the frame's sandbox runs none either.
@csp_update({"style-src": ["'unsafe-inline'"]})
@role_required(RECRUITER)
def email_template_edit(request, kind: str, pk: int | None = None, new: bool = False):
    """A wording, in English or (`?language=es`) its version in another language: a new
    wording starts in English, and its versions keep its name."""
    spec = _kind(kind)
    language = request.GET.get("language", settings.LANGUAGE_CODE)
    english = language == settings.LANGUAGE_CODE
    if language not in dict(settings.LANGUAGES) or (new and not english):
        raise Http404("No such language for this wording.")
    if new and not spec.many:
        raise Http404("This email has one wording.")
    original = (
        get_object_or_404(EmailTemplate, pk=pk, kind=kind, language=settings.LANGUAGE_CODE)
        if pk
        else None
    )
    versions = EmailTemplate.objects.filter(kind=kind, language=language)
    template = (
        None
        if new
        else versions.filter(name=original.name).first()
        if original
        else versions.filter(is_default=True).first()
    )
    if template:
        subject, body = template.subject, template.body
    elif original:  # its first version in this language starts from the English
        subject, body = original.subject, original.body
    else:
        subject, body = spec.default if english else spec.default_in(language)
    applications = preview_applications(request.user)
    named = new or bool(original and english)
    form = EmailWordingForm(
        request.POST or None,
        named=named,
        applications=applications,
        initial={"subject": subject, "body": body, "name": template.name if template else ""},
    )
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if request.POST.get("action") == "preview":
            chosen = next((a for a in applications if a.pk == data["preview_application"]), None)
            errors = check(spec, data["subject"], data["body"])
            if errors:
                add_validation_error(form, ValidationError(errors))
            else:
                preview = email_preview(kind, data["subject"], data["body"], chosen)
        else:
            try:
                email_template_save(
                    kind=kind,
                    subject=data["subject"],
                    body=data["body"],
                    name=data.get("name") or (original.name if original else ""),
                    template=template,
                    actor=request.user,
                    language=language,
                )
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(
                    request,
                    gettext("Saved: “%(email)s” now reads as you wrote it.")
                    % {"email": gettext(spec.label)},
                )
                return redirect("hiring:email_templates")
    if request.method == "GET":
        preview = email_preview(kind, subject, body, None)
    return render(
        request,
        "hiring/emails_admin/edit.html",
        {
            "spec": spec,
            "template": template,
            "original": original,
            "form": form,
            "preview": preview,
            "new": new,
            "language": language,
            "languages": [
                (code, get_language_info(code)["name_translated"]) for code, _ in settings.LANGUAGES
            ],
        },
    )


@role_required(RECRUITER)
@require_POST
def email_template_remove(request, pk: int):
    template = get_object_or_404(EmailTemplate, pk=pk)
    label = gettext(KINDS[template.kind].label)
    email_template_delete(template=template, actor=request.user)
    messages.success(
        request,
        gettext("“%(email)s” is back to the built-in words.") % {"email": label}
        if template.is_default
        else gettext("Deleted the wording “%(name)s” of “%(email)s”.")
        % {"name": template.name, "email": label},
    )
    return redirect("hiring:email_templates")
