"""Scorecards and team-meet observations: submitting (and editing, with history), and turning
them into calibrated trait evidence."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Avg, Count, Q, StdDev
from django.utils import timezone
from django.utils.translation import gettext

from candidates.models import ApplicationEvent, Evidence
from candidates.models.pipeline import ACTIVE_STAGES
from candidates.services import candidate_check_not_erased, evidence_record
from passionhire import outbox
from passionhire.traits import Trait

from ..models import (
    Interview,
    Observation,
    Recommendation,
    Scorecard,
    ScorecardRevision,
    TraitRating,
)
from ..models.scorecards import EVIDENCE_MAX_LENGTH, RATING_MAX, RATING_MIN
from .audit import interview_audit
from .notices import notify_scorecard

INTERVIEW_WEIGHT = 1.0
TEAM_MEET_WEIGHT = 0.5


def rating_to_value(rating: float) -> float:
    """1-5 on the rubric onto the common 0-100 scale (1 -> 0, 3 -> 50, 5 -> 100)."""
    return (rating - RATING_MIN) * 100 / (RATING_MAX - RATING_MIN)


def _name(user) -> str:
    return user.get_display_name()


def _check_can_record(interview: Interview, user, kind: str) -> None:
    if not interview.participants.filter(interviewer=user).exists():
        raise PermissionDenied("You are not on this interview.")
    if interview.kind != kind:
        raise ValidationError(
            gettext("This is a {kind}.").format(kind=str(interview.get_kind_display()).lower())
        )
    if interview.status != Interview.Status.SCHEDULED:
        raise ValidationError(
            gettext(
                "This interview is not scheduled (it was cancelled or no time has been picked yet)."
            )
        )
    if not interview.has_taken_place:
        raise ValidationError(
            gettext(
                "You can record this once the interview has started, so it describes what happened."
            )
        )


def _clean_ratings(interview: Interview, ratings: dict) -> dict[str, tuple[int | None, str]]:
    """{trait: (rating or None for "no evidence", evidence)} for exactly the interview's traits."""
    errors = {}
    cleaned = {}
    for trait in interview.traits:
        rating, evidence = ratings.get(trait, (None, ""))
        evidence = (evidence or "").strip()
        label = str(Trait(trait).label).lower()
        if rating is None:
            cleaned[trait] = (None, evidence)
            continue
        if not isinstance(rating, int) or not RATING_MIN <= rating <= RATING_MAX:
            errors[trait] = gettext("Rate {trait} from {low} to {high}.").format(
                trait=label, low=RATING_MIN, high=RATING_MAX
            )
        elif not evidence:
            errors[trait] = gettext(
                "Write what the candidate said or did that earns this {trait} rating."
            ).format(trait=label)
        elif len(evidence) > EVIDENCE_MAX_LENGTH:
            errors[trait] = gettext("Keep the evidence under {n} characters.").format(
                n=EVIDENCE_MAX_LENGTH
            )
        cleaned[trait] = (rating, evidence)
    unknown = set(ratings) - set(interview.traits)
    if unknown:
        errors["__all__"] = gettext("A rating is for a trait this interview does not cover.")
    if errors:
        raise ValidationError(errors)
    if all(rating is None for rating, _ in cleaned.values()):
        raise ValidationError(
            gettext(
                "Rate at least one trait. If the interview reached none, tell the recruiter "
                "instead."
            )
        )
    return cleaned


def _audited(scorecard: Scorecard) -> tuple[str, dict]:
    """Recommendation and ratings: what the audit trail keeps (never the written evidence)."""
    return scorecard.recommendation, {r.trait: r.rating for r in scorecard.ratings.all()}


def _snapshot(scorecard: Scorecard) -> dict:
    return {
        "recommendation": scorecard.recommendation,
        "summary": scorecard.summary,
        "submitted_at": scorecard.submitted_at.isoformat(),
        "ratings": {r.trait: [r.rating, r.evidence] for r in scorecard.ratings.all()},
    }


@transaction.atomic
def scorecard_submit(
    *, interview: Interview, interviewer, ratings: dict, recommendation: str, summary: str = ""
) -> Scorecard:
    """Submit (or edit) the interviewer's scorecard. An edit keeps the previous version in the
    history. Scoring runs after commit."""
    interview = (
        Interview.objects.select_for_update(of=("self",))
        .select_related("application__candidate")
        .get(pk=interview.pk)
    )
    _check_can_record(interview, interviewer, Interview.Kind.VALUES)
    candidate_check_not_erased(interview.application.candidate)
    cleaned = _clean_ratings(interview, ratings)
    if recommendation not in Recommendation.values:
        raise ValidationError({"recommendation": gettext("Choose a recommendation.")})
    if len(summary) > EVIDENCE_MAX_LENGTH:
        raise ValidationError(
            {"summary": gettext("Keep it under {n} characters.").format(n=EVIDENCE_MAX_LENGTH)}
        )
    scorecard = Scorecard.objects.filter(interview=interview, interviewer=interviewer).first()
    before = _audited(scorecard) if scorecard else (None, None)
    now = timezone.now()
    if scorecard is None:
        scorecard = Scorecard(interview=interview, interviewer=interviewer, submitted_at=now)
        verb = "submitted"
    else:
        ScorecardRevision.objects.create(
            scorecard=scorecard, snapshot=_snapshot(scorecard), edited_by=interviewer, edited_at=now
        )
        scorecard.ratings.all().delete()
        verb = "edited"
    scorecard.recommendation = recommendation
    scorecard.summary = summary.strip()
    scorecard.scored_at = None
    scorecard.full_clean(exclude=["interview", "interviewer"])
    scorecard.save()
    TraitRating.objects.bulk_create(
        TraitRating(scorecard=scorecard, trait=trait, rating=rating, evidence=evidence)
        for trait, (rating, evidence) in cleaned.items()
    )
    ApplicationEvent.objects.create(
        application=interview.application,
        kind=ApplicationEvent.Kind.NOTE,
        actor=interviewer,
        message=f"{_name(interviewer)} {verb} a scorecard: "
        f"{scorecard.get_recommendation_display()}",
    )
    after = (recommendation, {t: r for t, (r, _) in cleaned.items()})
    interview_audit(
        interview,
        actor=interviewer,
        action=f"scorecard.{'submit' if verb == 'submitted' else 'edit'}",
        summary=f"Scorecard #{scorecard.pk} {verb}",
        recommendation=(before[0], after[0]),
        ratings=(before[1], after[1]),
    )
    if verb == "submitted":
        notify_scorecard(interview, interviewer=interviewer)
    outbox.enqueue("interviews.tasks.score_scorecard_task", scorecard.pk)
    return scorecard


@transaction.atomic
def observation_submit(*, interview: Interview, observer, seen: dict, notes: str) -> Observation:
    """Record (or update) what a team member saw at a team meet."""
    interview = (
        Interview.objects.select_for_update(of=("self",))
        .select_related("application__candidate")
        .get(pk=interview.pk)
    )
    _check_can_record(interview, observer, Interview.Kind.TEAM_MEET)
    candidate_check_not_erased(interview.application.candidate)
    notes = notes.strip()
    errors = {}
    if not notes:
        errors["notes"] = gettext("Write a few words on how the candidate got on with the team.")
    elif len(notes) > EVIDENCE_MAX_LENGTH:
        errors["notes"] = gettext("Keep it under {n} characters.").format(n=EVIDENCE_MAX_LENGTH)
    if any(t not in Trait.values or v not in Observation.Seen.values for t, v in seen.items()):
        errors["__all__"] = gettext("Choose how each trait showed from the list.")
    if errors:
        raise ValidationError(errors)
    observation, created = Observation.objects.update_or_create(
        interview=interview,
        observer=observer,
        defaults={"seen": dict(seen), "notes": notes},
        create_defaults={"seen": dict(seen), "notes": notes, "submitted_at": timezone.now()},
    )
    ApplicationEvent.objects.create(
        application=interview.application,
        kind=ApplicationEvent.Kind.NOTE,
        actor=observer,
        message=f"{_name(observer)} {'recorded' if created else 'updated'} team-meet observations",
    )
    interview_audit(
        interview,
        actor=observer,
        action="observation.submit",
        summary=f"Team-meet observation #{observation.pk} {'recorded' if created else 'updated'}",
        seen=(None, dict(seen)),
    )
    outbox.enqueue("interviews.tasks.score_observation_task", observation.pk)
    return observation


# -- Calibration and scoring ---------------------------------------------------------------


@dataclass(frozen=True)
class Calibration:
    """An interviewer's rating habits against everyone's. `active` once they have enough
    scorecards for their mean and spread to mean something."""

    scorecards: int
    mean: float | None
    spread: float | None
    pool_mean: float | None
    pool_spread: float | None
    active: bool

    def calibrate(self, rating: int) -> float:
        """The rating as if this rater used the scale like everyone else does (z-score on their
        own history mapped onto the pool's), kept within 1-5. A rater who gives everyone the
        same rating only has their mean shifted."""
        if not self.active:
            return float(rating)
        if self.spread and self.pool_spread:
            value = self.pool_mean + (rating - self.mean) * self.pool_spread / self.spread
        else:
            value = rating - self.mean + self.pool_mean
        return min(float(RATING_MAX), max(float(RATING_MIN), value))


def rater_calibration(*, interviewer_id: int) -> Calibration:
    """One aggregate query over every submitted rating."""
    mine = Q(scorecard__interviewer_id=interviewer_id)
    stats = TraitRating.objects.filter(rating__isnull=False).aggregate(
        scorecards=Count("scorecard", distinct=True, filter=mine),
        mean=Avg("rating", filter=mine),
        spread=StdDev("rating", filter=mine),
        pool_mean=Avg("rating"),
        pool_spread=StdDev("rating"),
    )
    threshold = settings.PASSIONHIRE["CALIBRATION_MIN_SCORECARDS"]
    return Calibration(**stats, active=stats["scorecards"] >= threshold)


def _scorecard_evidence(scorecard: Scorecard, ratings, calibration: Calibration):
    values, raw = {}, {}
    who = _name(scorecard.interviewer)
    for trait, rating in ratings:
        calibrated = calibration.calibrate(rating)
        summary = f"{who}, values interview: {rating}/5"
        if calibration.active and abs(calibrated - rating) >= 0.05:
            summary += f" (calibrated {calibrated:.1f})"
        values[trait] = (rating_to_value(calibrated), INTERVIEW_WEIGHT, summary)
        if calibration.active:
            raw[trait] = rating_to_value(rating)
    return values, raw


@transaction.atomic
def scorecard_score(*, scorecard_id: int) -> Scorecard | None:
    """Turn a scorecard into interview evidence (calibrated against the interviewer's history
    once they have enough scorecards). Safe to run twice. When this scorecard takes the
    interviewer over the calibration threshold, all their earlier scorecards are recalibrated."""
    scorecard = (
        Scorecard.objects.select_related("interview__application", "interviewer")
        .filter(pk=scorecard_id)
        .first()
    )
    if scorecard is None:
        return None
    calibration = rater_calibration(interviewer_id=scorecard.interviewer_id)
    ratings = scorecard.ratings.filter(rating__isnull=False).values_list("trait", "rating")
    values, raw = _scorecard_evidence(scorecard, ratings, calibration)
    evidence_record(
        application_id=scorecard.interview.application_id,
        source=Evidence.Source.INTERVIEW,
        origin=f"interview:scorecard:{scorecard.pk}",
        values=values,
        raw_values=raw,
        author=scorecard.interviewer,
        replace=True,
    )
    scorecard.scored_at = timezone.now()
    scorecard.save(update_fields=["scored_at"])
    if calibration.scorecards == settings.PASSIONHIRE["CALIBRATION_MIN_SCORECARDS"]:
        outbox.enqueue("interviews.tasks.recalibrate_interviewer_task", scorecard.interviewer_id)
    return scorecard


@transaction.atomic
def interviewer_recalibrate(*, interviewer_id: int) -> int:
    """Rescore every scorecard of the interviewer on applications still in the pipeline with
    their current calibration. Returns how many scorecards it rescored."""
    calibration = rater_calibration(interviewer_id=interviewer_id)
    scorecards = (
        Scorecard.objects.filter(
            interviewer_id=interviewer_id, interview__application__stage__in=ACTIVE_STAGES
        )
        .select_related("interviewer", "interview")
        .prefetch_related("ratings")
    )
    count = 0
    for scorecard in scorecards:
        ratings = [(r.trait, r.rating) for r in scorecard.ratings.all() if r.rating is not None]
        values, raw = _scorecard_evidence(scorecard, ratings, calibration)
        evidence_record(
            application_id=scorecard.interview.application_id,
            source=Evidence.Source.INTERVIEW,
            origin=f"interview:scorecard:{scorecard.pk}",
            values=values,
            raw_values=raw,
            author=scorecard.interviewer,
            replace=True,
        )
        count += 1
    return count


@transaction.atomic
def observation_score(*, observation_id: int) -> Observation | None:
    """Team-meet observations as evidence: each trait seen counts at half an interview's weight;
    a trait not seen gives no evidence (it is not a low score)."""
    observation = (
        Observation.objects.select_related("interview", "observer")
        .filter(pk=observation_id)
        .first()
    )
    if observation is None:
        return None
    who = _name(observation.observer)
    values = {
        trait: (
            Observation.SEEN_VALUES[level],
            TEAM_MEET_WEIGHT,
            f"{who}, team meet: {Observation.Seen(level).label.lower()}",
        )
        for trait, level in observation.seen.items()
    }
    evidence_record(
        application_id=observation.interview.application_id,
        source=Evidence.Source.TEAM_MEET,
        origin=f"team_meet:observation:{observation.pk}",
        values=values,
        author=observation.observer,
        replace=True,
    )
    return observation
