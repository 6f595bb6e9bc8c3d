"""Reading tags as one viewer may: a candidate's, and those a role's filter can offer."""

from django.db.models import Q, QuerySet

from candidates.models import Application, CandidateTag, Role

from ..viewer import Viewer


def tags_of(*, candidate_id: int, anchored: bool) -> list[CandidateTag] | None:
    """The candidate's tags by name (one query), or None when the viewer may not see them."""
    if anchored:
        return None
    return list(CandidateTag.objects.filter(tagged__content_object=candidate_id).order_by("name"))


def tag_names_on_role(*, viewer: Viewer, role: Role) -> list[str]:
    """The tags carried by the role's candidates that this viewer may see (one query): the
    choices of the role's tag filter, never a tag only a hidden candidate carries."""
    shown = Application.objects.filter(role=role).exclude(pk__in=viewer.anchored)
    return list(
        CandidateTag.objects.filter(tagged__content_object__applications__in=shown)
        .order_by("name")
        .values_list("name", flat=True)
        .distinct()
    )


def with_tag(applications: QuerySet[Application], tag: str) -> QuerySet[Application]:
    """The applications whose candidate carries `tag` (any case); all of them for no tag."""
    if not tag:
        return applications
    return applications.filter(Q(candidate__tagged__tag__name__iexact=tag))
