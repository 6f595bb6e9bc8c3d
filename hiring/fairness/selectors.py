"""Reads of voluntary self-identification for the candidate themselves: what is asked and
what they answered. Everything staff read goes through hiring/fairness/reports.py."""

from django.db.models import Count, Q

from candidates.models import Application

from .models import SelfIdAnswer, SelfIdQuestion


def role_countries(candidate_id: int) -> set[str]:
    """The countries of the roles the candidate applied to (ISO codes; roles without one add
    nothing)."""
    rows = Application.objects.filter(candidate_id=candidate_id).values_list(
        "role__country", flat=True
    )
    return {code for code in rows if code}


def self_id_questions(candidate_id: int) -> list[SelfIdQuestion]:
    """The questions asked of this candidate: active, and asked everywhere or in a country of
    a role they applied to."""
    countries = role_countries(candidate_id)
    return [q for q in SelfIdQuestion.objects.filter(active=True) if q.asked_in(countries)]


def self_id_answers_of(candidate_id: int) -> dict[str, str]:
    """The candidate's own answers, {question key: answer or DECLINED}."""
    return dict(
        SelfIdAnswer.objects.filter(candidate_id=candidate_id).values_list(
            "question__key", "answer"
        )
    )


def self_id_card(candidate_id: int) -> dict | None:
    """For the status page, in two queries: None when nothing is asked of this candidate,
    else whether they have answered."""
    countries = role_countries(candidate_id)
    questions = SelfIdQuestion.objects.filter(active=True).annotate(
        mine=Count("answers", filter=Q(answers__candidate_id=candidate_id))
    )
    asked = [q for q in questions if q.asked_in(countries)]
    if not asked:
        return None
    return {"answered": any(q.mine for q in asked)}
