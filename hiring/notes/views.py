"""Adding a note from the candidate's page (or, on a blind review, the profile)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from candidates.models import Application
from passionhire.forms import add_validation_error
from passionhire.nearby import near
from passionhire.permissions import HIRING_MANAGER, RECRUITER, can_view_role, role_required

from ..views.application import render_with_note_form
from .forms import NoteForm
from .services import note_add


@require_POST
@role_required(RECRUITER, HIRING_MANAGER)
def application_note_add(request, pk: int):
    application = Application.objects.select_related("role").filter(pk=pk).first()
    if application is None:
        raise Http404("No such application.")
    if not can_view_role(request.user, application.role):
        raise PermissionDenied("Only recruiters and this role's hiring manager can see this.")
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            note_add(application=application, author=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, gettext("Your note is saved."), extra_tags=near("notes"))
            # A blind review's hiring manager is sent on to the profile, #notes kept.
            return redirect(reverse("hiring:application_detail", args=[pk]) + "#notes")
    # Back to the page the note was written on, the text kept and the reason beside it.
    return render_with_note_form(request, application.pk, form)
