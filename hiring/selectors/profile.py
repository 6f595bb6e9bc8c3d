"""A candidate's explained profile: the radar and the six traits with every piece of
evidence and how far it moved the score, scorecards, decisions and a timeline, as one viewer
may see it (no anchoring, blind review)."""

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext

from candidates import ranking
from candidates.models import Application, Decision, Referral
from candidates.passion_test.selectors import PassionTestResults
from candidates.selectors import application_results
from interviews.models import Observation, Scorecard
from passionhire.people import display_name
from passionhire.redaction import redactor
from passionhire.traits import Trait, trait_name

from ..viewer import Viewer, is_blind


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
    scores_hidden: bool = False  # the viewer must record their interview first

    @property
    def flags(self) -> list[tuple[str, str, bool]]:
        return ranking.flag_labels(self.application.flags)

    @property
    def chart(self) -> dict:
        """For the radar: the traits, this candidate's scores and the role's weights (x10,
        so 10 of 10 meets the outer ring)."""
        role = self.application.role
        return {
            "labels": [trait_name(t) for t in Trait],
            "datasets": [
                {"label": self.name, "data": [e.score for e in self.explanation.traits]},
                {
                    "label": gettext("Role weight (x10)"),
                    "data": [role.weights[t] * 10 for t in Trait],
                    "dashed": True,
                },
            ],
        }


def candidate_profile(*, viewer: Viewer, application_id: int) -> Profile | None:
    """The explained profile as `viewer` may see it. A viewer who may not see this
    candidate's scores yet gets no score, evidence, flag, Passion Test result, referrer or
    anyone else's scorecard: those are not even read."""
    scores_visible = viewer.sees_scores_of(application_id)
    # The timeline below reads every event itself.
    results = application_results(
        application_id=application_id, with_scores=scores_visible, with_events=False
    )
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
        if scores_visible
        else []
    )
    referrer_names = [display_name(r.referrer) for r in referrals]
    blind = is_blind(role, application)
    candidate = application.candidate
    if blind:
        redact = redactor([candidate.name, *referrer_names], [candidate.email])
    else:
        redact = redactor([], [])
    # Until they record, the viewer reads only what they wrote themselves.
    own = {} if scores_visible else {"interviewer": viewer.user}
    scorecards = list(
        Scorecard.objects.filter(interview__application=application, **own)
        .select_related("interviewer", "interview")
        .prefetch_related("ratings")
        .order_by("submitted_at")
    )
    own = {} if scores_visible else {"observer": viewer.user}
    observations = list(
        Observation.objects.filter(interview__application=application, **own)
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
        scores_hidden=not scores_visible,
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
