"""Reads for the ranked shortlist: the ranked, filtered rows of a role (one indexed query per
page), a candidate's explained profile, and the compare page."""

import re
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import F, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from candidates import ranking
from candidates.models import (
    ACTIVE_STAGES,
    CLOSED_STAGES,
    Application,
    Decision,
    Referral,
    RerankJob,
    Role,
)
from candidates.selectors import application_results
from candidates.selectors.passion_test import PassionTestResults
from interviews.models import Observation, Scorecard
from passionhire.params import parse_id
from passionhire.people import display_name
from passionhire.traits import Trait

SORTS = {"composite": "composite_score", "confidence": "confidence", "recent": "stage_changed_at"}
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
    sort: str = "composite"
    query: str = ""


def shortlist_for_role(*, role: Role, ask: ShortlistQuery) -> QuerySet[Application]:
    """The role's applications ranked and filtered in the database: by the chosen score
    (highest first, applications without it last), then composite, confidence, and the
    earliest application first on a full tie."""
    applications = Application.objects.filter(role=role)
    if ask.stage == "active":
        applications = applications.filter(stage__in=ACTIVE_STAGES)
    elif ask.stage == "closed":
        applications = applications.filter(stage__in=CLOSED_STAGES)
    elif ask.stage != "all":
        applications = applications.filter(stage=ask.stage)
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
    if ask.query:
        if role.blind_review:
            # Blind: search by candidate number only, never by name.
            number = ask.query.lstrip("#").removeprefix("Candidate #")
            applications = applications.filter(pk=parse_id(number) or 0)
        else:
            applications = applications.filter(
                Q(candidate__name__icontains=ask.query) | Q(candidate__email__icontains=ask.query)
            )
    order = [F(SORTS[ask.sort]).desc(nulls_last=True)]
    if ask.sort != "composite":
        order.append(F("composite_score").desc(nulls_last=True))
    order += [F("confidence").desc(nulls_last=True), "pk"]
    referrals = Referral.objects.filter(status=Referral.Status.ACCEPTED).select_related("referrer")
    return (
        applications.select_related("candidate")
        .prefetch_related(Prefetch("referrals", queryset=referrals, to_attr="accepted_referrals"))
        .order_by(*order)
    )


@dataclass
class Row:
    """One application as the shortlist, the CSV and the compare page show it."""

    application: Application
    rank: int | None
    blind: bool
    hidden: bool = False  # the viewer is on an interview of this candidate, not recorded yet

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
    def confidence_text(self) -> str:
        value = self.application.confidence
        return "" if value is None else f"{value:.2f}"

    @property
    def stage_badge(self) -> str:
        a = self.application
        return format_html(
            '<span class="badge ph-stage stage-{}">{}</span>', a.stage, a.get_stage_display()
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
        shown = "no evidence" if value is None else f"{value:.0f}"
        label.append(f"{trait.label} {shown}")
        x = i * 11
        bar = ""
        if value is not None:
            bar = (
                f'<rect class="trait-fill-{trait.value}" x="{x}" y="0" width="8" '
                f'height="{24 * value / 100:.1f}"></rect>'
            )
        parts.append(
            f"<g><title>{trait.label}: {shown}</title>"
            f'<rect class="ph-pipeline-track" x="{x}" y="0" width="8" height="24"></rect>{bar}</g>'
        )
    # Reviewed: every value is a float formatted as a number, every label a Trait's own.
    return mark_safe(  # noqa: S308  # nosec B308 B703
        f'<svg class="ph-trait-bars" viewBox="0 0 64 24" role="img" aria-label="'
        f'{", ".join(label)}"><g transform="translate(0 24) scale(1 -1)">{"".join(parts)}</g></svg>'
    )


def is_blind(role: Role, application: Application) -> bool:
    return role.blind_review and not application.revealed


def rows(role: Role, applications, start: int = 1, hidden: set[int] = frozenset()) -> list[Row]:
    return [
        Row(application=a, rank=start + i, blind=is_blind(role, a), hidden=a.pk in hidden)
        for i, a in enumerate(applications)
    ]


def running_rerank(role: Role) -> RerankJob | None:
    return RerankJob.objects.filter(role=role, finished_at__isnull=True).first()


# --- Blind review: hiding who someone is in free text -------------------------------------


def redactor(names: list[str], emails: list[str]):
    """A function that replaces these names (whole, and each part of two letters or more)
    and email addresses in a text with "[hidden]"."""
    words = set(emails)
    for name in names:
        words.add(name)
        words.update(part for part in re.split(r"[\s\-']+", name) if len(part) >= 2)
    words.discard("")
    if not words:
        return lambda text: text
    pattern = re.compile(
        r"\b(" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b",
        re.IGNORECASE,
    )
    return lambda text: pattern.sub("[hidden]", text or "")


# --- The profile ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineItem:
    at: datetime
    icon: str
    text: str
    actor: str = ""


@dataclass
class Profile:
    application: Application
    results: PassionTestResults
    explanation: ranking.Explanation
    blind: bool
    name: str
    referrers: list[str]
    decisions: list[Decision]
    scorecards: list
    observations: list
    timeline: list[TimelineItem]
    redact: object  # text -> text

    @property
    def flags(self) -> list[tuple[str, str, bool]]:
        return ranking.flag_labels(self.application.flags)

    @property
    def chart(self) -> dict:
        """For the radar: the traits, this candidate's scores and the role's weights (x10,
        so 10 of 10 meets the outer ring)."""
        role = self.application.role
        return {
            "labels": [t.label for t in Trait],
            "datasets": [
                {"label": self.name, "data": [e.score for e in self.explanation.traits]},
                {
                    "label": "Role weight (x10)",
                    "data": [role.weights[t] * 10 for t in Trait],
                    "dashed": True,
                },
            ],
        }


def candidate_profile(*, application_id: int) -> Profile | None:
    results = application_results(application_id=application_id)
    if results is None:
        return None
    application = results.application
    role = application.role
    evidence = [e for row in results.traits for e in row.evidence]
    explanation = ranking.explain(
        evidence, {t.value: w for t, w in role.weights.items()}, role.source_weights
    )
    referrals = list(
        Referral.objects.filter(
            application=application, status=Referral.Status.ACCEPTED
        ).select_related("referrer")
    )
    referrer_names = [display_name(r.referrer) for r in referrals]
    blind = is_blind(role, application)
    candidate = application.candidate
    if blind:
        redact = redactor([candidate.name, *referrer_names], [candidate.email])
    else:
        redact = redactor([], [])
    scorecards = list(
        Scorecard.objects.filter(interview__application=application)
        .select_related("interviewer", "interview")
        .prefetch_related("ratings")
        .order_by("submitted_at")
    )
    observations = list(
        Observation.objects.filter(interview__application=application)
        .select_related("observer", "interview")
        .order_by("submitted_at")
    )
    decisions = list(application.decisions.select_related("decided_by"))
    return Profile(
        application=application,
        results=results,
        explanation=explanation,
        blind=blind,
        name=application.alias if blind else candidate.name,
        referrers=["hidden"] * len(referrals) if blind else referrer_names,
        decisions=decisions,
        scorecards=scorecards,
        observations=observations,
        timeline=_timeline(application, evidence, redact, hide_referrer=blind),
        redact=redact,
    )


def _timeline(application, evidence, redact, *, hide_referrer: bool) -> list[TimelineItem]:
    """Everything that happened to the application, newest first: its events (stage changes,
    decisions, emails, notes) and when each piece of evidence arrived (one line per origin)."""
    items = [
        TimelineItem(
            at=application.created_at, icon="plus-circle", text="Application created", actor=""
        )
    ]
    icons = {"stage": "arrow-right-circle", "decision": "check2-square", "email": "envelope"}
    for event in application.events.select_related("actor"):
        if event.kind == "created":
            continue
        items.append(
            TimelineItem(
                at=event.created_at,
                icon=icons.get(event.kind, "chat-left-text"),
                text=redact(event.message),
                actor=display_name(event.actor),
            )
        )
    by_origin: dict[str, list] = {}
    for row in evidence:
        by_origin.setdefault(row.origin, []).append(row)
    for rows_ in by_origin.values():
        first = min(rows_, key=lambda e: e.created_at)
        label = ranking.SOURCE_LABELS.get(first.source, first.source)
        author = "" if first.source == "referral" and hide_referrer else display_name(first.author)
        items.append(
            TimelineItem(
                at=first.created_at,
                icon="graph-up",
                text=f"{label} evidence on {len(rows_)} trait{'s' if len(rows_) != 1 else ''}",
                actor=author,
            )
        )
    items.sort(key=lambda item: item.at, reverse=True)
    return items


def applications_to_compare(*, role: Role, ids: list[int]) -> list[Application]:
    """The role's applications with these ids, in the order asked."""
    found = {
        a.pk: a
        for a in Application.objects.filter(role=role, pk__in=ids).select_related("candidate")
    }
    return [found[i] for i in ids if i in found]
