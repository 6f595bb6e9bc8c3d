"""How long submitting and scoring a Passion Test takes, and how many queries each runs.

    .venv/bin/python bench/passion_test.py [--responses 1000]

Creates the responses on a throwaway database, submits each with a full set of answers to the
default 61-question test, then scores each (the Celery task's service, called directly so the
two are timed apart). Prints a table; the last line is JSON.
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
from candidates.models import PassionTestResponse  # noqa: E402
from passionhire.traits import Trait  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--responses", type=int, default=1000)
    args = parser.parse_args()
    rng = random.Random(7)
    questionnaire = services.current_questionnaire()
    questions = services.active_questions(questionnaire)
    items = services.scoring_items(questionnaire)
    responses = _django.make_responses(args.responses)
    PassionTestResponse.objects.update(started_at=timezone.now() - timedelta(minutes=20))

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
    scored = PassionTestResponse.objects.filter(scored_at__isnull=False).count()

    print(
        f"Passion Test bench: {len(responses)} responses x {len(questions)} questions, "
        f"{connection.vendor}\n"
    )
    print(f"{'step':<8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'queries':>8}")
    for name, times, counts in (
        ("submit", submit_ms, submit_queries),
        ("score", score_ms, score_queries),
    ):
        print(
            f"{name:<8} {_django.percentile(times, 50):>8.1f} {_django.percentile(times, 95):>8.1f}"
            f" {max(times):>8.1f} {max(counts):>8}"
        )
    print(f"\nscored: {scored} of {len(responses)}")
    print(
        json.dumps(
            {
                "responses": len(responses),
                "questions": len(questions),
                "database": connection.vendor,
                "submit_queries": max(submit_queries),
                "score_queries": max(score_queries),
                "submit_ms_p50": round(_django.percentile(submit_ms, 50), 2),
                "submit_ms_p95": round(_django.percentile(submit_ms, 95), 2),
                "score_ms_p50": round(_django.percentile(score_ms, 50), 2),
                "score_ms_p95": round(_django.percentile(score_ms, 95), 2),
                "scored": scored,
            }
        )
    )


if __name__ == "__main__":
    try:
        main()
    finally:
        _django.teardown()
