"""Scoring the Passion Test: six trait scores with response-quality flags and a reliability
index (the psychometrics are pure functions in `psychometrics`), and recruiters'
ratings of the why answers. Both become evidence."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from passionhire.audit import audit_record
from passionhire.traits import trait_name

from ..models import (
    Answer,
    Application,
    Evidence,
    PassionTestResponse,
    Question,
    Questionnaire,
    WhyRating,
)
from ..services.contact import candidate_check_not_erased
from ..services.evidence import evidence_record
from . import psychometrics
from .paging import response_page_times
from .review import passion_test_after_scoring
from .services import active_questions


def scoring_items(questionnaire: Questionnaire) -> list[psychometrics.Item]:
    """The version's active questions as the scorer sees them, in the candidate's order."""
    return [
        psychometrics.Item(
            id=q.pk,
            kind=q.kind,
            traits=tuple(q.traits),
            reverse_keyed=q.reverse_keyed,
            twin_id=q.twin_id,
            words=len(q.text.split()) + sum(len(o.text.split()) for o in q.options.all()),
            option_scores={o.pk: o.scores for o in q.options.all()},
        )
        for q in active_questions(questionnaire)
    ]


def _page_times(
    response: PassionTestResponse, items: list[psychometrics.Item]
) -> list[psychometrics.PageTime]:
    """The time each page was on screen, as the server recorded it (`response_page_times`).
    A response without page records (taken before the test had pages, or submitted through
    the service directly) is one page from first opening to submitting."""
    pages = response_page_times(response, items)
    if pages:
        return pages
    elapsed = (response.submitted_at - response.started_at).total_seconds()
    return [psychometrics.PageTime(tuple(item.id for item in items), elapsed)]


@transaction.atomic
def passion_test_score(
    *, response_id: int, items: list[psychometrics.Item] | None = None
) -> PassionTestResponse | None:
    """Score a submitted response: trait scores as evidence (weighted by the reliability
    index), quality flags, and the move to interviews. Idempotent: scoring again rewrites the
    same rows. `items` may be passed in when scoring many responses of one version."""
    response = (
        PassionTestResponse.objects.select_for_update(of=("self",))
        .select_related("application", "questionnaire")
        .filter(pk=response_id, submitted_at__isnull=False)
        .first()
    )
    if response is None:
        return None
    items = items if items is not None else scoring_items(response.questionnaire)
    likert, options, least = {}, {}, {}
    for question_id, value, option_id, least_id in response.answers.values_list(
        "question_id", "likert", "option_id", "option_least_id"
    ):
        if value is not None:
            likert[question_id] = value
        if option_id is not None:
            options[question_id] = option_id
        if least_id is not None:
            least[question_id] = least_id
    result = psychometrics.score(items, likert, options, _page_times(response, items), least=least)
    first_time = response.scored_at is None
    response.reliability = result.reliability
    response.flags = [flag.as_dict() for flag in result.flags]
    response.quality = result.quality
    response.keyed_statements = psychometrics.keyed_statements(items, likert)
    response.scored_at = timezone.now()
    response.save(
        update_fields=[
            "reliability",
            "flags",
            "quality",
            "keyed_statements",
            "scored_at",
            "updated_at",
        ]
    )
    evidence_record(
        application_id=response.application_id,
        source=Evidence.Source.PASSION_TEST,
        origin=response.evidence_origin,
        values={
            trait: (
                value,
                result.reliability,
                f"Passion Test: {result.item_counts[trait]} answers, "
                f"reliability {result.reliability:.0%}",
            )
            for trait, value in result.trait_scores.items()
        },
    )
    passion_test_after_scoring(response=response, first_time=first_time)
    return response


@transaction.atomic
def why_answer_rate(*, answer: Answer, rated_by, ratings: dict[str, int]) -> list[WhyRating]:
    """A recruiter's 1-5 ratings of a why answer on its traits. Each becomes evidence."""
    answer = Answer.objects.select_related("question", "response__application__candidate").get(
        pk=answer.pk
    )
    candidate_check_not_erased(answer.response.application.candidate)
    if answer.question.kind != Question.Kind.WHY or not answer.response.is_submitted:
        raise ValidationError(gettext("Only submitted why answers can be rated."))
    if not ratings:
        raise ValidationError(gettext("Choose a rating for at least one trait."))
    unknown = set(ratings) - set(answer.question.traits)
    if unknown:
        raise ValidationError(
            gettext("That answer is not rated on %(traits)s.")
            % {"traits": ", ".join(str(trait_name(t)).lower() for t in sorted(unknown))}
        )
    before = dict(WhyRating.objects.filter(answer=answer).values_list("trait", "rating"))
    saved = []
    for trait, rating in ratings.items():
        if not isinstance(rating, int) or not 1 <= rating <= 5:
            raise ValidationError(
                gettext("Ratings are 1 to 5 on the %(trait)s rubric.")
                % {"trait": trait_name(trait)}
            )
        rating_row, _ = WhyRating.objects.update_or_create(
            answer=answer, trait=trait, defaults={"rating": rating, "rated_by": rated_by}
        )
        saved.append(rating_row)
    evidence_record(
        application_id=answer.response.application_id,
        source=Evidence.Source.PASSION_TEST,
        origin=f"passion_test:why:{answer.pk}",
        author=rated_by,
        values={
            row.trait: (
                psychometrics.to_percent(row.rating),
                1.0,
                f"Why answer rated {row.rating}/5",
            )
            for row in saved
        },
    )
    application = Application.objects.only("role_id", "candidate_id").get(
        pk=answer.response.application_id
    )
    audit_record(
        actor=rated_by,
        action="passion_test.why_rating",
        target=f"answer:{answer.pk}",
        role_id=application.role_id,
        candidate_id=application.candidate_id,
        before=before,
        after={**before, **{row.trait: row.rating for row in saved}},
        summary=f"Why answer #{answer.pk} of application #{application.pk} rated",
    )
    return saved
