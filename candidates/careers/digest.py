"""The recruiters' daily digest of new applicants, per role, with where they came from."""

from collections import Counter, defaultdict
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from passionhire.emails import send_email_once, templated_email
from passionhire.permissions import RECRUITER

from ..models import Application


def _digest_rows(since, until) -> list[dict]:
    """One row per role with new applications in [since, until): counts by source, and how
    many wait apart after a knock-out answer. Counts only: the email names nobody."""
    per_role: dict[int, dict] = defaultdict(lambda: {"sources": Counter(), "knocked_out": 0})
    applications = (
        Application.objects.filter(created_at__gte=since, created_at__lt=until)
        .select_related("role")
        .only("role__title", "role__team", "source", "knocked_out_at")
    )
    for application in applications:
        row = per_role[application.role_id]
        row["role"] = application.role
        row["sources"][application.get_source_display()] += 1
        row["knocked_out"] += application.knocked_out_at is not None
    site = settings.PASSIONHIRE["SITE_URL"]
    return sorted(
        (
            {
                **row,
                "total": sum(row["sources"].values()),
                "sources": sorted(row["sources"].items()),
                "url": site + reverse("hiring:role_detail", args=[role_id]),
            }
            for role_id, row in per_role.items()
        ),
        key=lambda row: (-row["total"], row["role"].title),
    )


def new_applicants_digest(*, day: date | None = None) -> int:
    """Email each active recruiter the applications of the 24 hours before `day` (default:
    today, at midnight in the site's time zone), once per recruiter and day. Nothing when
    there were none. Returns how many emails this call sent."""
    day = day or timezone.localdate()
    until = timezone.make_aware(datetime.combine(day, time.min))
    rows = _digest_rows(until - timedelta(days=1), until)
    if not rows:
        return 0
    recruiters = (
        get_user_model()
        .objects.filter(is_active=True, groups__name=RECRUITER)
        .exclude(email="")
        .distinct()
    )
    sent = 0
    for recruiter in recruiters:
        message = templated_email(
            template="candidates/emails/digest",
            context={
                "recruiter": recruiter,
                "rows": rows,
                "day": until - timedelta(days=1),
                "total": sum(row["total"] for row in rows),
                "organisation": settings.PASSIONHIRE["ORGANISATION_NAME"],
            },
            to=[recruiter.email],
            language=recruiter.language,  # "as my browser asks": English, an email has none
        )
        sent += send_email_once(key=f"digest:{day.isoformat()}:{recruiter.pk}", message=message)
    return sent
