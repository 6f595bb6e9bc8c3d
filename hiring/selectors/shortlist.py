"""Reads for the ranked shortlist: the ranked, filtered rows of a role (one indexed query per
page), a candidate's explained profile, and the compare page.

Every function takes the `Viewer` (hiring/viewer.py) and returns what that viewer may know:
candidates whose scores the viewer may not see yet (no anchoring) are never ranked, filtered
or sorted by those scores; they come back apart ("held back"), in application order, with their
numbers cleared on the instance before any page or export sees them."""

from dataclasses import dataclass, field

from django.db.models import F, Prefetch, Q, QuerySet
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from candidates import ranking
from candidates.models import (
    ACTIVE_STAGES,
    CLOSED_STAGES,
    Application,
    Referral,
    RerankJob,
    Role,
)
from candidates.passion_test.selectors import hide_scores
from candidates.stage_names import stage_name
from passionhire.numbers import number
from passionhire.params import parse_id
from passionhire.people import display_name
from passionhire.redaction import redactor
from passionhire.traits import Trait, trait_name

from ..tags.selectors import with_tag
from ..viewer import Viewer, is_blind

SORTS = {
    "rank": "rank_score",
    "composite": "composite_score",
    "confidence": "confidence",
    "recent": "stage_changed_at",
}
SORTS |= {t.value: f"score_{t.value}" for t in Trait}
FLAG_FILTERS = {
    "any": int(ranking.Flag(sum(ranking.Flag))),
    "warnings": int(ranking.WARNING_FLAGS),
    "missing": int(ranking.MISSING_FLAGS),
} | {flag.name.lower(): int(flag) for flag in ranking.Flag}


@dataclass(frozen=True)
class ShortlistQuery:
    """What the hiring manager asked for; every field already validated."""

    stage: str = "active"  # "active", "closed", "all" or one stage
    min_composite: int | None = None
    min_traits: dict[str, int] = field(default_factory=dict)
    flag: str = ""  # "", "none", or a key of FLAG_FILTERS
    sort: str = "rank"
    query: str = ""
    tag: str = ""  # a tag the candidate carries (a colleague's view, hidden as scores are)


@dataclass(frozen=True)
class Shortlist:
    """A role's applications as one viewer may see them: `ranked` (filtered and ordered in
    the database) and `held_back`, the ones whose scores the viewer may not see yet."""

    ranked: QuerySet[Application]
    held_back: QuerySet[Application]


def _in_scope(role: Role, ask: ShortlistQuery) -> QuerySet[Application]:
    """The filters that read no score: stage and search."""
    applications = Application.objects.filter(role=role)
    if ask.stage == "active":
        applications = applications.filter(stage__in=ACTIVE_STAGES)
    elif ask.stage == "closed":
        applications = applications.filter(stage__in=CLOSED_STAGES)
    elif ask.stage != "all":
        applications = applications.filter(stage=ask.stage)
    if ask.query:
        if role.blind_review:
            # Blind: search by candidate number only, never by name.
            number = ask.query.lstrip("#").removeprefix("Candidate #")
            applications = applications.filter(pk=parse_id(number) or 0)
        else:
            applications = applications.filter(
                Q(candidate__name__icontains=ask.query) | Q(candidate__email__icontains=ask.query)
            )
    return applications


def reads_scores(ask: ShortlistQuery) -> bool:
    """Does this query filter on a score or a flag (both derived from evidence)?"""
    return ask.min_composite is not None or bool(ask.min_traits) or bool(ask.flag)


def reads_hidden(ask: ShortlistQuery) -> bool:
    """Does it filter on something a held-back candidate's viewer may not see: a score, a
    flag, or a tag (colleagues' view of them)? Then the held-back are left out whole."""
    return reads_scores(ask) or bool(ask.tag)


def shortlist_for_role(*, viewer: Viewer, role: Role, ask: ShortlistQuery) -> Shortlist:
    """The role's applications ranked and filtered in the database: by the chosen score
    (by default the rank score, the composite believed as far as its confidence goes;
    highest first, applications without it last), then composite, confidence, and the
    earliest application first on a full tie.

    Applications whose scores the viewer may not see are taken out before any score is
    read and returned apart: a score filter skips them all (as if they had no score), and
    whatever their hidden values, the ranked list, its counts and its order stay the same.
    A tag filter is read the same way: a held-back candidate's tags decide nothing."""
    scope = _in_scope(role, ask)
    applications = scope.exclude(pk__in=viewer.anchored) if viewer.anchored else scope
    applications = with_tag(applications, ask.tag)
    if ask.min_composite is not None:
        applications = applications.filter(composite_score__gte=ask.min_composite)
    for trait, minimum in ask.min_traits.items():
        applications = applications.filter(**{f"score_{trait}__gte": minimum})
    if ask.flag == "none":
        applications = applications.filter(flags=0)
    elif ask.flag:
        applications = applications.annotate(
            flag_hit=F("flags").bitand(FLAG_FILTERS[ask.flag])
        ).filter(flag_hit__gt=0)
    order = [F(SORTS[ask.sort]).desc(nulls_last=True)]
    if ask.sort != "composite":
        order.append(F("composite_score").desc(nulls_last=True))
    order += [F("confidence").desc(nulls_last=True), "pk"]
    referrals = Referral.objects.filter(status=Referral.Status.ACCEPTED).select_related("referrer")
    ranked = (
        applications.select_related("candidate")
        .prefetch_related(
            Prefetch("referrals", queryset=referrals, to_attr="accepted_referrals"),
            "candidate__tags",
        )
        .order_by(*order)
    )
    if viewer.anchored and not reads_hidden(ask):
        held_back = scope.filter(pk__in=viewer.anchored).select_related("candidate").order_by("pk")
    else:
        held_back = Application.objects.none()
    return Shortlist(ranked=ranked, held_back=held_back)


@dataclass
class Row:
    """One application as the shortlist, the CSV and the compare page show it."""

    application: Application
    rank: int | None
    blind: bool
    hidden: bool = False  # the viewer is on an interview of this candidate, not recorded yet

    def __post_init__(self):
        if self.hidden:
            # Handed over already redacted: no number, flag or referrer of this candidate
            # reaches a page, an export or a chart, whatever the template does.
            hide_scores(self.application)
            self.application.accepted_referrals = []
            self.rank = None

    @property
    def name(self) -> str:
        return self.application.alias if self.blind else self.application.candidate.name

    @property
    def email(self) -> str:
        return "" if self.blind else self.application.candidate.email

    @property
    def referrers(self) -> list[str]:
        referrals = getattr(self.application, "accepted_referrals", [])
        if self.blind:
            return ["hidden"] * len(referrals)
        return [display_name(r.referrer) for r in referrals]

    @property
    def tags(self) -> list[str]:
        """The candidate's tags, none for a held-back row; on a blind review, with any word of
        their name or address in a tag "[hidden]" (as in notes)."""
        if self.hidden:
            return []
        names = [t.name for t in self.application.candidate.tags.all()]
        if self.blind:
            candidate = self.application.candidate
            names = list(map(redactor([candidate.name], [candidate.email]), names))
        return names

    @property
    def traits(self) -> list[tuple[Trait, float | None]]:
        return list(self.application.trait_scores.items())

    @property
    def flags(self) -> list[tuple[str, str, bool]]:
        return ranking.flag_labels(self.application.flags)

    @property
    def url(self) -> str:
        return reverse("hiring:application_profile", args=[self.application.pk])

    @property
    def composite_text(self) -> str:
        value = self.application.composite_score
        return "" if value is None else f"{value:.0f}"

    @property
    def rank_score_text(self) -> str:
        """Rounded as the profile and compare pages round it (half up: 72.5 reads 73)."""
        value = self.application.rank_score
        return "" if value is None else floatformat(value, 0)

    @property
    def confidence_text(self) -> str:
        value = self.application.confidence
        return "" if value is None else number(value, 2)

    @property
    def stage_badge(self) -> str:
        a = self.application
        return format_html(
            '<span class="badge ph-stage stage-{}">{}</span>', a.stage, stage_name(a.stage)
        )

    @property
    def bars(self) -> str:
        """Six small bars, one per trait, as inline SVG with an accessible label. Built here
        rather than in the template: at 25 rows a page the template loop was most of the
        page's time, and the SVG holds only numbers and the traits' own labels."""
        return trait_bars(self.application.trait_scores)


def trait_bars(scores: dict[Trait, float | None]) -> str:
    parts, label = [], []
    for i, (trait, value) in enumerate(scores.items()):
        name = escape(trait_name(trait))
        shown = escape(gettext("no evidence")) if value is None else f"{value:.0f}"
        label.append(f"{name} {shown}")
        x = i * 11
        bar = ""
        if value is not None:
            bar = (
                f'<rect class="trait-fill-{trait.value}" x="{x}" y="0" width="8" '
                f'height="{24 * value / 100:.1f}"></rect>'
            )
        parts.append(
            f"<g><title>{name}: {shown}</title>"
            f'<rect class="ph-pipeline-track" x="{x}" y="0" width="8" height="24"></rect>{bar}</g>'
        )
    # Reviewed: every value is a float formatted as a number (or our escaped "no evidence"),
    # every label a Trait's own name, escaped.
    return mark_safe(  # noqa: S308  # nosec B308 B703
        f'<svg class="ph-trait-bars" viewBox="0 0 64 24" role="img" aria-label="'
        f'{", ".join(label)}"><g transform="translate(0 24) scale(1 -1)">{"".join(parts)}</g></svg>'
    )


def rows(viewer: Viewer, role: Role, applications, start: int = 1) -> list[Row]:
    """Rows ranked from `start`; those the viewer may not score come back redacted."""
    return [
        Row(
            application=a,
            rank=start + i,
            blind=is_blind(role, a),
            hidden=not viewer.sees_scores_of(a.pk),
        )
        for i, a in enumerate(applications)
    ]


def held_back_rows(viewer: Viewer, role: Role, applications) -> list[Row]:
    return [
        Row(application=a, rank=None, blind=is_blind(role, a), hidden=True) for a in applications
    ]


def running_rerank(role: Role) -> RerankJob | None:
    return RerankJob.objects.filter(role=role, finished_at__isnull=True).first()


def applications_to_compare(*, viewer: Viewer, role: Role, ids: list[int]) -> list[Row]:
    """The role's applications with these ids, in the order asked, as rows the viewer may
    see (unranked: compare is not a ranking)."""
    found = {
        a.pk: a
        for a in Application.objects.filter(role=role, pk__in=ids).select_related("candidate")
    }
    chosen = [found[i] for i in ids if i in found]
    return [
        Row(
            application=a,
            rank=None,
            blind=is_blind(role, a),
            hidden=not viewer.sees_scores_of(a.pk),
        )
        for a in chosen
    ]
