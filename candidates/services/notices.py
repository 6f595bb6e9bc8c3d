"""What the candidates app tells colleagues in the app: a referral waiting for recruiters, and
an application that reached the decision stage (its role's hiring manager decides).

Sentences name the candidate by alias and the role by title only (see passionhire.notifications).
"""

from django.contrib.auth import get_user_model
from django.urls import reverse

from passionhire.notifications import Kind, notify
from passionhire.permissions import RECRUITER

from ..models import Application, Referral


def notify_referral_received(referral: Referral) -> int:
    """A new referral waits in the recruiters' inbox (a duplicate needs nobody)."""
    if referral.status != Referral.Status.PENDING:
        return 0
    recruiters = get_user_model().objects.filter(is_active=True, groups__name=RECRUITER)
    return notify(
        recipients=recruiters.values_list("pk", flat=True),
        kind=Kind.REFERRAL,
        key=f"referral-{referral.pk}:received",
        text=f"A new referral for {referral.role.title} is waiting for a recruiter",
        url=reverse("candidates:referral_inbox"),
        actor=referral.referrer,
    )


def notify_decision_needed(application: Application, *, actor=None) -> int:
    """The application reached the decision stage: its role's hiring manager decides."""
    role = application.role
    return notify(
        recipients=[role.hiring_manager_id],
        kind=Kind.DECISION,
        key=f"application-{application.pk}:decision:{application.stage_changed_at:%Y%m%d%H%M%S}",
        text=f"{application.alias} for {role.title} is ready for your decision",
        url=reverse("hiring:application_profile", args=[application.pk]),
        actor=actor,
        application_id=application.pk,
    )
