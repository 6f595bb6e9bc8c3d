"""Saving the filter of the role pipeline or the shortlist as a named quick link, and deleting
one. Another person's saved view is not found (404), whoever asks."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from candidates.models import Role
from passionhire.params import parse_id
from passionhire.permissions import HIRING_MANAGER, RECRUITER, can_view_role, role_required

from .models import SavedView
from .services import filters_of, saved_view_delete, saved_view_save

PAGE_URLS = {
    SavedView.Page.PIPELINE: "hiring:role_detail",
    SavedView.Page.SHORTLIST: "hiring:shortlist",
}


def page_url(page: str, role: Role, querystring: str = "") -> str:
    url = reverse(PAGE_URLS.get(page, "hiring:role_detail"), args=[role.pk])
    return f"{url}?{querystring}" if querystring else url


@require_POST
@role_required(RECRUITER, HIRING_MANAGER)
def saved_view_create(request, pk: int):
    role = get_object_or_404(Role, pk=pk)
    if not can_view_role(request.user, role):
        raise PermissionDenied("Only recruiters and this role's hiring manager can open it.")
    page = request.POST.get("page", "")
    if page not in SavedView.Page.values:
        messages.error(request, gettext("Views are saved from the role pipeline or the shortlist."))
        return redirect(page_url(SavedView.Page.PIPELINE, role))
    raw = request.POST.get("filters", "")[:2000]
    back = page_url(page, role, QueryDict(raw).urlencode())
    try:
        view = saved_view_save(
            owner=request.user,
            page=page,
            name=request.POST.get("name", ""),
            filters=filters_of(page, QueryDict(raw)),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(back)
    messages.success(
        request,
        gettext("Saved “%(name)s”: it is among your views on every role.") % {"name": view.name},
    )
    return redirect(page_url(page, role, view.querystring))


@require_POST
@role_required(RECRUITER, HIRING_MANAGER)
def saved_view_remove(request, pk: int):
    try:
        view = saved_view_delete(owner=request.user, view_id=pk)
    except SavedView.DoesNotExist:
        raise Http404("No such saved view.") from None
    messages.success(request, gettext("Deleted your view “%(name)s”.") % {"name": view.name})
    role = Role.objects.filter(pk=parse_id(request.POST.get("role")) or 0).first()
    if role is None or not can_view_role(request.user, role):
        return redirect("hiring:dashboard")
    return redirect(page_url(view.page, role))
