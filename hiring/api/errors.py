"""How the API's errors read: one JSON shape, never a 500 or an HTML page. (Apart from
framework.py: DRF imports its authentication classes while rest_framework.views loads.)"""

from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.http import Http404
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler

from passionhire.middleware import body_too_large


def handle_exception(error, context):
    """Our services' refusals and Django's own become DRF answers, so every error is JSON:
    a ValidationError 400 (field errors kept), PermissionDenied 403, a body over the upload
    limit 413."""
    if isinstance(error, RequestDataTooBig):
        return Response({"detail": body_too_large()}, status=413)
    if isinstance(error, ValidationError):
        detail = error.message_dict if hasattr(error, "error_dict") else {"detail": error.messages}
        error = exceptions.ValidationError(detail)
    elif isinstance(error, PermissionDenied):
        error = exceptions.PermissionDenied(str(error) or None)
    elif isinstance(error, Http404):
        error = exceptions.NotFound()
    return exception_handler(error, context)
