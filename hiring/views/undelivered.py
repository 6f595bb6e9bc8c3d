"""Emails not delivered: what the outbox gave up sending, with a button to send it again."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from passionhire.permissions import RECRUITER, role_required

from ..selectors.undelivered import undelivered_emails
from ..services.undelivered import undelivered_email_retry


@role_required(RECRUITER)
def undelivered(request):
    return render(
        request, "hiring/undelivered.html", {"undelivered": undelivered_emails(request.user)}
    )


@require_POST
@role_required(RECRUITER)
def undelivered_retry(request, pk: int):
    try:
        message = undelivered_email_retry(actor=request.user, message_id=pk)
    except ValidationError as error:
        messages.warning(request, error.messages[0])
        return render(
            request,
            "hiring/undelivered.html",
            {"undelivered": undelivered_emails(request.user)},
            status=409,
        )
    messages.success(
        request, gettext("Sending again (outbox #%(number)s).") % {"number": message.pk}
    )
    return redirect("hiring:undelivered")
