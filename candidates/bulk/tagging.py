"""The "add a tag" bulk action: one batch of a job, a constant number of queries whatever its
size. Like the decisions, a row that moved since the recruiter saw it is skipped and reported;
so is an erased candidate (nothing is added about them) and one who carries the tag already."""

from passionhire.audit import audit_entry
from passionhire.models import AuditEntry

from ..models import Application, ApplicationEvent, TaggedCandidate
from ..tags.services import tag_for_name
from .models import BulkJob


def tag_batch(job: BulkJob, seen: dict[int, str]) -> tuple[int, list]:
    actor = job.requested_by
    # Found again by name: removing the tag from its last candidate meanwhile deleted it.
    tag = tag_for_name(job.tag)
    applications = {
        a.pk: a
        for a in Application.objects.select_for_update(of=("self",))
        .filter(pk__in=list(seen), role_id=job.role_id)
        .select_related("candidate")
    }
    carried = set(
        TaggedCandidate.objects.filter(
            tag=tag, content_object__in=[a.candidate_id for a in applications.values()]
        ).values_list("content_object_id", flat=True)
    )
    rows, skipped = [], []
    for pk, stage in seen.items():
        application = applications.get(pk)
        if application is None:
            skipped.append([pk, "not on this role"])
        elif application.stage != stage:
            skipped.append([pk, f"moved to {application.get_stage_display()} meanwhile"])
        elif application.candidate.is_erased:
            skipped.append([pk, "personal data erased"])
        elif application.candidate_id in carried:
            skipped.append([pk, "already tagged"])
        else:
            carried.add(application.candidate_id)  # one candidate twice in a selection: once
            rows.append(application)
    if not rows:
        return 0, skipped
    TaggedCandidate.objects.bulk_create(
        [TaggedCandidate(content_object_id=a.candidate_id, tag=tag) for a in rows],
        ignore_conflicts=True,  # tagged by hand meanwhile: the tag is there all the same
    )
    ApplicationEvent.objects.bulk_create(
        ApplicationEvent(
            application=a,
            kind=ApplicationEvent.Kind.NOTE,
            actor=actor,
            message=f"Tagged “{tag.name}” in bulk action #{job.pk}"[:500],
        )
        for a in rows
    )
    AuditEntry.objects.bulk_create(
        audit_entry(
            actor=actor,
            action="tag.add",
            target=f"candidate:{a.candidate_id}",
            role_id=job.role_id,
            candidate_id=a.candidate_id,
            after={"tag": tag.pk, "bulk": job.pk},
            summary=f"Tag #{tag.pk} added to candidate #{a.candidate_id} in bulk #{job.pk}",
        )
        for a in rows
    )
    return len(rows), skipped
