"""The "send the Passion Test" bulk action: one batch of a job. Each row goes through the
same service as a single send (consent, a test already in, a link to renew), in its own
savepoint, so one refusal skips that row only and says why."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation

from ..models import Application
from ..passion_test.services import passion_test_invite
from .models import BulkJob


def passion_test_batch(job: BulkJob, seen: dict[int, str]) -> tuple[int, list]:
    applications = {
        a.pk: a
        for a in Application.objects.filter(pk__in=list(seen), role_id=job.role_id).select_related(
            "candidate", "role"
        )
    }
    sent, skipped = 0, []
    for pk, stage in seen.items():
        application = applications.get(pk)
        if application is None:
            skipped.append([pk, "not on this role"])
        elif application.stage != stage:
            skipped.append([pk, f"moved to {application.get_stage_display()} meanwhile"])
        else:
            try:
                # The job's report is a record: its reasons stay English (docs/i18n.md).
                with transaction.atomic(), translation.override("en"):
                    passion_test_invite(application=application, invited_by=job.requested_by)
            except ValidationError as error:
                skipped.append([pk, " ".join(error.messages)])
            else:
                sent += 1
    return sent, skipped
