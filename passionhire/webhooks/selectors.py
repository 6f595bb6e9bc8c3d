"""Reads of webhooks for the recruiters' pages: endpoints with their counts, and one endpoint's
delivery log with its attempts, newest first."""

from django.db.models import Count, Prefetch, Q

from ..permissions import RECRUITER, has_role
from .models import WebhookAttempt, WebhookDelivery, WebhookEndpoint

Status = WebhookDelivery.Status


def webhook_endpoints_for(viewer):
    """Every endpoint (recruiters share them: a colleague can re-enable one while its owner is
    away), with how many deliveries are pending and failed. None for anyone else."""
    if not has_role(viewer, RECRUITER):
        return WebhookEndpoint.objects.none()
    return WebhookEndpoint.objects.select_related("owner").annotate(
        pending=Count("deliveries", filter=Q(deliveries__status=Status.PENDING)),
        failed=Count("deliveries", filter=Q(deliveries__status=Status.FAILED)),
        delivered=Count("deliveries", filter=Q(deliveries__status=Status.DELIVERED)),
    )


def webhook_deliveries_for(viewer, endpoint: WebhookEndpoint):
    """The endpoint's delivery log, each delivery with its attempts (two queries per page)."""
    if not has_role(viewer, RECRUITER):
        return WebhookDelivery.objects.none()
    return endpoint.deliveries.prefetch_related(
        Prefetch("attempt_log", queryset=WebhookAttempt.objects.order_by("at", "pk"))
    ).order_by("-created_at", "-pk")
