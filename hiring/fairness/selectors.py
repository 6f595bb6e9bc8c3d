"""Reads of voluntary self-identification for the candidate themselves: what is asked and
what they answered. Everything staff read goes through hiring/fairness/reports.py."""

from django.db.models import Count, Q

from .models import SelfIdAnswer, SelfIdQuestion


def self_id_questions() -> list[SelfIdQuestion]:
    return list(SelfIdQuestion.objects.filter(active=True))


def self_id_answers_of(candidate_id: int) -> dict[str, str]:
    """The candidate's own answers, {question key: answer or DECLINED}."""
    return dict(
        SelfIdAnswer.objects.filter(candidate_id=candidate_id).values_list(
            "question__key", "answer"
        )
    )


def self_id_card(candidate_id: int) -> dict | None:
    """For the status page, in one query: None when nothing is asked, else whether the
    candidate has answered."""
    counts = SelfIdQuestion.objects.filter(active=True).aggregate(
        asked=Count("pk", distinct=True),
        answered=Count("answers", filter=Q(answers__candidate_id=candidate_id)),
    )
    if not counts["asked"]:
        return None
    return {"answered": counts["answered"] > 0}
