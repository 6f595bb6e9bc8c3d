"""Webhook endpoints, for recruiters: the list, register (the secret is shown once), edit,
rotate the secret, the delivery log with replay, re-enable and delete."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST

from passionhire.forms import add_validation_error, form_helper
from passionhire.permissions import RECRUITER, role_required
from passionhire.webhooks import services
from passionhire.webhooks.models import WebhookDelivery, WebhookEndpoint
from passionhire.webhooks.selectors import webhook_deliveries_for, webhook_endpoints_for

from .forms import WebhookEndpointForm

PAGE_SIZE = 25
SECRET_ONCE = "webhook_secret_once"


def _show_secret_once(request, endpoint: WebhookEndpoint, *, new: bool):
    """Post/Redirect/Get: the next GET of the endpoint's page shows its secret, once. Reloading
    that page shows the log; it never registers or rotates again (a reload of a POST would
    have rotated away the secret just copied)."""
    request.session[SECRET_ONCE] = {"pk": endpoint.pk, "new": new}
    return redirect("hiring:webhook_deliveries", pk=endpoint.pk)


@require_GET
@role_required(RECRUITER)
def webhooks(request):
    return render(
        request, "hiring/webhooks/list.html", {"endpoints": webhook_endpoints_for(request.user)}
    )


def _edit(request, endpoint: WebhookEndpoint | None):
    initial = (
        {"url": endpoint.url, "description": endpoint.description, "events": endpoint.events}
        if endpoint
        else None
    )
    form = WebhookEndpointForm(request.POST or None, initial=initial)
    form.helper = form_helper(gettext("Save") if endpoint else gettext("Register"))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if endpoint is None:
                created = services.webhook_endpoint_create(actor=request.user, **data)
            else:
                services.webhook_endpoint_update(actor=request.user, endpoint=endpoint, **data)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            if endpoint is None:  # the one time its secret is shown
                return _show_secret_once(request, created, new=True)
            messages.success(request, gettext("Saved the webhook endpoint."))
            return redirect("hiring:webhooks")
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "hiring/webhooks/edit.html",
        {"form": form, "endpoint": endpoint},
        status=status,
    )


@role_required(RECRUITER)
def webhook_new(request):
    return _edit(request, None)


@role_required(RECRUITER)
def webhook_edit(request, pk: int):
    return _edit(request, get_object_or_404(WebhookEndpoint, pk=pk))


@require_GET
@role_required(RECRUITER)
def webhook_deliveries(request, pk: int):
    endpoint = get_object_or_404(WebhookEndpoint, pk=pk)
    once = request.session.pop(SECRET_ONCE, None)
    if once and once.get("pk") == endpoint.pk:
        return render(
            request, "hiring/webhooks/secret.html", {"endpoint": endpoint, "new": once["new"]}
        )
    page = Paginator(webhook_deliveries_for(request.user, endpoint), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "hiring/webhooks/deliveries.html", {"endpoint": endpoint, "page": page})


@require_POST
@role_required(RECRUITER)
def webhook_rotate(request, pk: int):
    endpoint = get_object_or_404(WebhookEndpoint, pk=pk)
    endpoint = services.webhook_endpoint_rotate_secret(actor=request.user, endpoint=endpoint)
    return _show_secret_once(request, endpoint, new=False)


@require_POST
@role_required(RECRUITER)
def webhook_enable(request, pk: int):
    endpoint = get_object_or_404(WebhookEndpoint, pk=pk)
    try:
        resent = services.webhook_endpoint_enable(actor=request.user, endpoint=endpoint)
    except ValidationError as error:
        messages.warning(request, error.messages[0])
        return redirect("hiring:webhook_deliveries", pk=endpoint.pk)
    messages.success(
        request,
        gettext("Re-enabled; %(n)d pending deliveries are being sent.") % {"n": resent}
        if resent
        else gettext("Re-enabled."),
    )
    return redirect("hiring:webhook_deliveries", pk=endpoint.pk)


@require_POST
@role_required(RECRUITER)
def webhook_delete(request, pk: int):
    endpoint = get_object_or_404(WebhookEndpoint, pk=pk)
    services.webhook_endpoint_delete(actor=request.user, endpoint=endpoint)
    messages.success(request, gettext("Deleted the webhook endpoint %(url)s.") % {"url": endpoint})
    return redirect("hiring:webhooks")


@require_POST
@role_required(RECRUITER)
def webhook_replay(request, pk: int):
    delivery = get_object_or_404(WebhookDelivery, pk=pk)
    try:
        services.webhook_delivery_replay(actor=request.user, delivery=delivery)
    except ValidationError as error:
        messages.warning(request, error.messages[0])
    else:
        said = gettext("Sending %(id)s again, with the same webhook-id.")
        messages.success(request, said % {"id": delivery.message_id})
    return redirect("hiring:webhook_deliveries", pk=delivery.endpoint_id)
