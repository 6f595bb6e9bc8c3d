"""“Share this role”: an employee's personal links to the open roles, with a QR code each."""

import io

import segno
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from passionhire.permissions import role_required

from ..careers.selectors import published_role
from . import selectors
from .share import share_url

QR_ERROR_LEVEL = "m"  # survives a crease or a smudge on a printed poster
QR_BORDER = 4  # the quiet zone the QR standard asks for, in modules


def qr_svg(text: str, *, title: str) -> bytes:
    """A scalable QR code of `text` (a viewBox in modules, no fixed size), dark on white so
    it scans in dark mode too."""
    buffer = io.BytesIO()
    segno.make(text, error=QR_ERROR_LEVEL, micro=False).save(
        buffer,
        kind="svg",
        xmldecl=False,
        svgns=True,
        omitsize=True,
        border=QR_BORDER,
        title=title,
        dark="#1f2433",
        light="#ffffff",
    )
    return buffer.getvalue()


@require_GET
@role_required()
def share_roles(request):
    return render(
        request,
        "candidates/referrals/share.html",
        {"shares": selectors.roles_to_share(user=request.user)},
    )


@require_GET
@role_required()
def share_role_qr(request, pk: int):
    """The QR code of the signed-in user's own link to a role on the careers site."""
    role = published_role(pk)
    if role is None:
        raise Http404("This role is not on the careers site.")
    svg = qr_svg(share_url(user=request.user, role=role), title=f"Apply: {role.title}")
    response = HttpResponse(svg, content_type="image/svg+xml")
    # Personal: never kept by a shared cache.
    response["Cache-Control"] = "private, max-age=3600"
    if "download" in request.GET:
        response["Content-Disposition"] = f'attachment; filename="share-role-{role.pk}-qr.svg"'
    return response
