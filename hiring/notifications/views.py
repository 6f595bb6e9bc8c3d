"""The notifications page (the navbar's bell leads here), opening one, the daily digest
setting. Opening checks, at click time, that the user may still see what it points at."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_GET, require_POST

from candidates.models import Application
from interviews.models import Interview
from interviews.selectors import can_view_interview
from passionhire.models import Notification
from passionhire.notifications import notifications_mark_read, user_set_notification_digest
from passionhire.permissions import can_view_role, role_required

PER_PAGE = 25
GONE = "What this notification pointed at no longer exists."
NOT_YOURS = "You can no longer see what this notification is about."


@require_GET
@role_required()
def notifications(request):
    page = Paginator(
        Notification.objects.filter(recipient=request.user).only(
            "pk", "kind", "text", "created_at", "read_at"
        ),
        PER_PAGE,
    ).get_page(request.GET.get("page"))
    return render(request, "hiring/notifications.html", {"page": page})


def _check_still_visible(user, notification: Notification) -> None:
    if notification.interview_id:
        interview = (
            Interview.objects.select_related("application__role")
            .prefetch_related("participants")
            .filter(pk=notification.interview_id)
            .first()
        )
        if interview is None:
            raise Http404(GONE)
        if not can_view_interview(user, interview):
            raise PermissionDenied(NOT_YOURS)
    elif notification.application_id:
        application = (
            Application.objects.select_related("role")
            .filter(pk=notification.application_id)
            .first()
        )
        if application is None:
            raise Http404(GONE)
        if not can_view_role(user, application.role):
            raise PermissionDenied(NOT_YOURS)


@require_GET
@role_required()
def notification_open(request, pk: int):
    """Mark it read and go to what it is about, if the user may still see that."""
    notification = Notification.objects.filter(pk=pk, recipient=request.user).first()
    if notification is None:
        raise Http404("No such notification.")
    notifications_mark_read(user=request.user, ids=[notification.pk])
    _check_still_visible(request.user, notification)
    if not url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None):
        raise Http404(GONE)
    return redirect(notification.url)


@require_POST
@role_required()
def notifications_read_all(request):
    count = notifications_mark_read(user=request.user)
    messages.success(
        request,
        ngettext(
            "%(count)s notification marked read.", "%(count)s notifications marked read.", count
        )
        % {"count": count},
    )
    return redirect("hiring:notifications")


@require_POST
@role_required()
def notification_digest(request):
    on = request.POST.get("digest") == "on"
    user_set_notification_digest(user=request.user, on=on)
    messages.success(
        request,
        gettext("You will get a daily email of unread notifications.")
        if on
        else gettext("No daily email of notifications."),
    )
    return redirect("hiring:notifications")
