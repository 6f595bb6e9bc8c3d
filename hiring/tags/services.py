"""Adding and removing a candidate's tags, and taking them away when the candidate is erased.

A tag is personal data and, like a note, a colleague's view of the candidate: only those who
may see the candidate's evidence on a role (recruiters and the role's hiring manager, unless
they sit on an interview of the candidate that they have not recorded) see or change it.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext

from candidates.models import Application, Candidate, CandidateTag, TaggedCandidate
from candidates.services import candidate_check_not_erased
from candidates.tags.services import MAX_TAGS_PER_CANDIDATE, tag_for_name, tag_name_clean
from passionhire.audit import audit_record

from ..notes.services import may_read_notes

may_see_tags = may_read_notes  # the same people, for the same reason


def _locked(application: Application, actor) -> Application:
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("candidate", "role")
        .get(pk=application.pk)
    )
    if not may_see_tags(actor, application):
        raise PermissionDenied(
            "Only recruiters and this role's hiring manager tag its candidates, once their own "
            "interview with them is recorded."
        )
    candidate_check_not_erased(application.candidate)
    return application


@transaction.atomic
def candidate_tag_add(*, application: Application, name: str, actor) -> tuple[CandidateTag, bool]:
    """Tag the application's candidate; (the tag, False) if they carried it already.
    Refused: someone who may not see the tags, an erased candidate, a bad name (empty, too
    long, a comma, quotes or markup), more than MAX_TAGS_PER_CANDIDATE tags."""
    application = _locked(application, actor)
    try:
        name = tag_name_clean(name)
    except ValidationError as error:
        raise ValidationError({"name": error.messages}) from error
    candidate = application.candidate
    tag = tag_for_name(name)
    if TaggedCandidate.objects.filter(content_object=candidate, tag=tag).exists():
        return tag, False
    if TaggedCandidate.objects.filter(content_object=candidate).count() >= MAX_TAGS_PER_CANDIDATE:
        raise ValidationError(
            {
                "name": gettext("A candidate carries at most %(n)s tags: remove one.")
                % {"n": MAX_TAGS_PER_CANDIDATE}
            }
        )
    TaggedCandidate.objects.create(content_object=candidate, tag=tag)
    audit_record(
        actor=actor,
        action="tag.add",
        target=f"candidate:{candidate.pk}",
        role_id=application.role_id,
        candidate_id=candidate.pk,
        after={"tag": tag.pk},  # the id: a tag's words are personal data
        summary=f"Tag #{tag.pk} added to candidate #{candidate.pk}",
    )
    return tag, True


@transaction.atomic
def candidate_tag_remove(*, application: Application, tag_id: int | None, actor) -> CandidateTag:
    """Take the tag off the candidate; a tag nobody carries any more is deleted with it (its
    words may be about this one person). Refused for a tag the candidate does not carry."""
    application = _locked(application, actor)
    candidate = application.candidate
    tagged = (
        TaggedCandidate.objects.select_related("tag")
        .filter(content_object=candidate, tag_id=tag_id or 0)
        .first()
    )
    if tagged is None:
        raise ValidationError(gettext("That tag is not on this candidate; nothing changed."))
    tag = tagged.tag
    tagged.delete()
    if not TaggedCandidate.objects.filter(tag=tag).exists():
        CandidateTag.objects.filter(pk=tag.pk).delete()
    audit_record(
        actor=actor,
        action="tag.remove",
        target=f"candidate:{candidate.pk}",
        role_id=application.role_id,
        candidate_id=candidate.pk,
        before={"tag": tag.pk},
        summary=f"Tag #{tag.pk} removed from candidate #{candidate.pk}",
    )
    return tag


def candidate_tags_erase(candidate: Candidate) -> list[str]:
    """Part of erasure (inside its transaction): the candidate carries no tag any more, and
    the tags nobody else carries are deleted. Returns the deleted tags' names, for the caller
    to forget wherever else they were written."""
    ids = list(TaggedCandidate.objects.filter(content_object=candidate).values_list("tag_id"))
    TaggedCandidate.objects.filter(content_object=candidate).delete()
    orphans = CandidateTag.objects.filter(pk__in=[i for (i,) in ids], tagged__isnull=True)
    names = list(orphans.values_list("name", flat=True))
    orphans.delete()
    return names
