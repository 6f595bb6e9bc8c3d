"""Adding and removing a candidate's tags from their page: with htmx the tags panel is swapped
in place; a plain form post is redirected back (or shown the page with its errors, 422)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from candidates.models import Application
from passionhire.forms import add_validation_error
from passionhire.params import parse_id
from passionhire.permissions import HIRING_MANAGER, RECRUITER, role_required

from ..views.application import render_with_tag_form
from .forms import TagForm
from .selectors import tags_of
from .services import candidate_tag_add, candidate_tag_remove, may_see_tags


def _application(request, pk: int) -> Application:
    application = Application.objects.select_related("role", "candidate").filter(pk=pk).first()
    if application is None:
        raise Http404("No such application.")
    # Checked before the form is read: even a refused tag answers with the candidate's tags.
    if not may_see_tags(request.user, application):
        raise PermissionDenied(
            "Only recruiters and this role's hiring manager see its candidates' tags, once "
            "their own interview with them is recorded."
        )
    return application


def _panel(request, application, *, form=None, said="", status=200):
    context = {
        "application": application,
        "tags": tags_of(candidate_id=application.candidate_id, anchored=False),
        "tag_form": form or TagForm(),
        "tags_said": said,
    }
    return render(request, "hiring/partials/tags.html", context, status=status)


def _back(application) -> str:
    return reverse("hiring:application_detail", args=[application.pk]) + "#tags"


@require_POST
@role_required(RECRUITER, HIRING_MANAGER)
def application_tag_add(request, pk: int):
    application = _application(request, pk)
    form = TagForm(request.POST)
    if form.is_valid():
        try:
            tag, added = candidate_tag_add(
                application=application, name=form.cleaned_data["name"], actor=request.user
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            said = (
                gettext("Tagged “%(name)s”.") if added else gettext("Already tagged “%(name)s”.")
            ) % {"name": tag.name}
            if request.htmx:
                return _panel(request, application, said=said)
            messages.success(request, said)
            return redirect(_back(application))
    if request.htmx:
        return _panel(request, application, form=form, status=422)
    return render_with_tag_form(request, application.pk, form)


@require_POST
@role_required(RECRUITER, HIRING_MANAGER)
def application_tag_remove(request, pk: int):
    application = _application(request, pk)
    try:
        tag = candidate_tag_remove(
            application=application, tag_id=parse_id(request.POST.get("tag")), actor=request.user
        )
    except ValidationError as error:
        said, ok = " ".join(error.messages), False
    else:
        said, ok = gettext("Removed the tag “%(name)s”.") % {"name": tag.name}, True
    if request.htmx:
        return _panel(request, application, said=said, status=200 if ok else 422)
    (messages.success if ok else messages.error)(request, said)
    return redirect(_back(application))
