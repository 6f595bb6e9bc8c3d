"""How long submitting and scoring a Passion Test takes, how many queries each runs, and
whether the same answers score the same in every language.

    .venv/bin/python bench/passion_test.py [--responses 1000] [--languages en,es]

For each language, creates the responses on a throwaway database (applications made in that
language, so each response is taken in the version's published translation), submits each with
a full set of answers to the current default test (the same simulated answers, in the same
order, in every language), then scores each (the Celery task's service, called directly so the
two are timed apart). Prints a table per language; the last line is JSON, with
`scores_identical`: whether every response's evidence rows are equal across the languages.
"""

import argparse
import json
import random
import time
from datetime import timedelta

import _django

_django.setup()

import simulate  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from candidates import services  # noqa: E402
from candidates.models import Evidence, PassionTestResponse  # noqa: E402
from passionhire.traits import Trait  # noqa: E402


def run(language: str, n: int, questionnaire) -> dict:
    """Submit and score `n` responses taken in `language`; timings, queries and scores."""
    rng = random.Random(7)  # the same answers in every language
    questions = services.active_questions(questionnaire)
    items = services.scoring_items(questionnaire)
    responses = _django.make_responses(n, recruiter_name=f"bench-{language}", language=language)
    PassionTestResponse.objects.filter(pk__in=[r.pk for r in responses]).update(
        started_at=timezone.now() - timedelta(minutes=20)
    )
    submit_ms, submit_queries, score_ms, score_queries = [], [], [], []
    for response in responses:
        answers = simulate.honest(rng, items, list(Trait.values)).answers
        reset_queries()  # the debug query log is capped; count from empty each time
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            result = services.passion_test_submit(
                response=response, questions=questions, answers=answers
            )
            submit_ms.append((time.perf_counter() - start) * 1000)
        assert result.submitted, result
        submit_queries.append(len(queries))
    for response in responses:
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            services.passion_test_score(response_id=response.pk)
            score_ms.append((time.perf_counter() - start) * 1000)
        score_queries.append(len(queries))
    ids = [r.pk for r in responses]
    taken = PassionTestResponse.objects.filter(pk__in=ids)
    scores = [
        sorted(
            Evidence.objects.filter(application_id=r.application_id).values_list(
                "trait", "source", "value", "weight", "raw_value"
            )
        )
        for r in responses
    ]
    return {
        "language": language,
        "taken_in": sorted(set(taken.values_list("language", flat=True))),
        "translated": taken.filter(translation__isnull=False).count(),
        "scored": taken.filter(scored_at__isnull=False).count(),
        "submit_queries": max(submit_queries),
        "score_queries": max(score_queries),
        "submit_ms_p50": round(_django.percentile(submit_ms, 50), 2),
        "submit_ms_p95": round(_django.percentile(submit_ms, 95), 2),
        "score_ms_p50": round(_django.percentile(score_ms, 50), 2),
        "score_ms_p95": round(_django.percentile(score_ms, 95), 2),
        "_scores": scores,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--responses", type=int, default=1000)
    parser.add_argument("--languages", default="en,es", help="comma-separated codes")
    args = parser.parse_args()
    questionnaire = services.current_questionnaire()
    questions = services.active_questions(questionnaire)
    runs = [run(code, args.responses, questionnaire) for code in args.languages.split(",")]
    print(
        f"Passion Test bench: {args.responses} responses x {len(questions)} questions per "
        f"language, version {questionnaire.version}, {connection.vendor}\n"
    )
    print(f"{'language':<9} {'taken in':<9} {'step':<7} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
    for r in runs:
        for step in ("submit", "score"):
            print(
                f"{r['language']:<9} {','.join(r['taken_in']):<9} {step:<7} "
                f"{r[step + '_ms_p50']:>8.1f} {r[step + '_ms_p95']:>8.1f} "
                f"{r[step + '_queries']:>8}"
            )
    identical = all(r["_scores"] == runs[0]["_scores"] for r in runs)
    evidence_rows = sum(len(s) for s in runs[0]["_scores"])
    print(
        f"\nscores identical across {', '.join(r['language'] for r in runs)}: {identical} "
        f"({evidence_rows} evidence rows per language)"
    )
    print(
        json.dumps(
            {
                "responses": args.responses,
                "questions": len(questions),
                "version": questionnaire.version,
                "database": connection.vendor,
                "languages": [{k: v for k, v in r.items() if k != "_scores"} for r in runs],
                "evidence_rows_per_language": evidence_rows,
                "scores_identical": identical,
            }
        )
    )


if __name__ == "__main__":
    try:
        main()
    finally:
        _django.teardown()
