"""Reading tags as one viewer may: a candidate's, and those a role's filter can offer."""

from django.db.models import Q, QuerySet

from candidates.models import Application, CandidateTag, Role, TaggedCandidate
from passionhire.redaction import redactor

from ..viewer import Viewer


def tags_of(*, candidate_id: int, anchored: bool) -> list[CandidateTag] | None:
    """The candidate's tags by name (one query), or None when the viewer may not see them."""
    if anchored:
        return None
    return list(CandidateTag.objects.filter(tagged__content_object=candidate_id).order_by("name"))


def tag_names_on_role(*, viewer: Viewer, role: Role) -> list[str]:
    """The tags carried by the role's candidates that this viewer may see (one query): the
    choices of the role's tag filter, never a tag only a hidden candidate carries."""
    # From the tag links to the shown candidates (a semi-join on the role's applications):
    # joining the other way round, through every application of the role, was a plan of
    # minutes at 10,000 applications on PostgreSQL.
    shown = (
        Application.objects.filter(role=role).exclude(pk__in=viewer.anchored).values("candidate_id")
    )
    links = TaggedCandidate.objects.filter(content_object_id__in=shown)
    if not role.blind_review:
        return sorted(links.values_list("tag__name", flat=True).distinct(), key=str.lower)
    # Blind review: a tag that holds its candidate's name or address ("Maya's friend") is not
    # offered, or filtering by it would tell who "Candidate #12" is.
    offered, naming = set(), set()
    for name, person, email in links.values_list(
        "tag__name", "content_object__name", "content_object__email"
    ):
        offered.add(name)
        if redactor([person], [email])(name) != name:
            naming.add(name)
    return sorted(offered - naming, key=str.lower)


def with_tag(applications: QuerySet[Application], tag: str) -> QuerySet[Application]:
    """The applications whose candidate carries `tag` (any case); all of them for no tag."""
    if not tag:
        return applications
    return applications.filter(Q(candidate__tagged__tag__name__iexact=tag))
