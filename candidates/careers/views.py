"""The public careers pages: the open roles, one page per role, and a sitemap."""

from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from passionhire.permissions import can_refer, public_view

from ..models import Role
from ..referrals.share import share_url
from . import selectors


@public_view
@require_GET
def careers(request):
    location = request.GET.get("location", "")[:120]
    employment_type = request.GET.get("type", "")
    roles = list(selectors.published_roles(location=location, employment_type=employment_type))
    return render(
        request,
        "careers/list.html",
        {
            "roles": roles,
            "locations": selectors.role_locations(),
            "types": Role.EmploymentType.choices,
            "location": location,
            "employment_type": employment_type,
        },
    )


@public_view
@require_GET
def role(request, pk: int):
    found = selectors.published_role(pk)
    if found is None:
        raise Http404("This role is not open for applications.")
    url = request.build_absolute_uri()
    organisation = settings.PASSIONHIRE["ORGANISATION_NAME"]
    return render(
        request,
        "careers/role.html",
        {
            "role": found,
            "job_posting": selectors.job_posting_json(found, url=url, organisation=organisation),
            # A share link's referrer and the campaign carry on to the apply form.
            "apply_query": urlencode(
                {
                    k: request.GET[k][:300]
                    for k in ("ref", "utm_source", "utm_campaign")
                    if request.GET.get(k)
                }
            ),
            # An employee reading the page gets their own link to share it.
            "share_link": share_url(user=request.user, role=found)
            if can_refer(request.user)
            else "",
        },
    )


@public_view
@require_GET
def sitemap(request):
    return render(
        request,
        "careers/sitemap.xml",
        {"roles": selectors.published_roles()},
        content_type="application/xml",
    )
