"""Can the Passion Test tell honest candidates from fakers?

    .venv/bin/python bench/faking.py [--honest 400] [--fakers 100]

Simulates honest responders (answers drawn around a true level per trait) and four kinds of
faker (straight-liners, speeders, "ideal candidates" answering at the desirable extreme, random
clickers), submits and scores each through the real services on a throwaway database, and
prints how many of each were flagged, plus Cronbach's alpha per trait over the honest ones.
Answering everything at the desirable extreme is no longer a quality flag (it is a trait level,
or faking, not carelessness): `bench/fairness.py` measures how the forced-choice blocks deal
with it, so "ideal candidates" are expected to pass here.
The last line is JSON: detected_fakers_rate, false_flag_rate, alpha_min.
"""

import argparse
import json
import random
from collections import Counter
from datetime import timedelta

import _django

_django.setup()

import simulate  # noqa: E402
from django.utils import timezone  # noqa: E402

from candidates import services  # noqa: E402
from candidates.models import Answer, PassionTestResponse  # noqa: E402
from candidates.passion_test import psychometrics  # noqa: E402
from passionhire.traits import Trait  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--honest", type=int, default=400)
    parser.add_argument("--fakers", type=int, default=100, help="per kind of faker")
    args = parser.parse_args()
    rng = random.Random(2026)
    questionnaire = services.current_questionnaire()
    questions = services.active_questions(questionnaire)
    items = services.scoring_items(questionnaire)
    traits = list(Trait.values)
    plan = [simulate.honest] * args.honest + [
        faker for faker in simulate.FAKERS for _ in range(args.fakers)
    ]
    responses = _django.make_responses(len(plan))
    kinds = {}
    for response, make in zip(responses, plan, strict=True):
        sim = make(rng, items, traits)
        PassionTestResponse.objects.filter(pk=response.pk).update(
            started_at=timezone.now() - timedelta(seconds=sim.elapsed_seconds)
        )
        response.refresh_from_db()
        result = services.passion_test_submit(
            response=response, questions=questions, answers=sim.answers
        )
        assert result.submitted, result
        services.passion_test_score(response_id=response.pk, items=items)
        kinds[response.pk] = sim.kind

    scored = {r.pk: r for r in PassionTestResponse.objects.all()}
    rows = {}
    for pk, kind in kinds.items():
        row = rows.setdefault(kind, {"n": 0, "flagged": 0, "flags": Counter(), "rel": []})
        response = scored[pk]
        row["n"] += 1
        row["flagged"] += bool(response.flags)
        row["flags"].update(f["code"] for f in response.flags)
        row["rel"].append(response.reliability)

    print(
        f"Faking bench: {args.honest} honest, {args.fakers} of each faker kind, "
        f"{len(questions)} questions\n"
    )
    print(f"{'responder':<16} {'n':>5} {'flagged':>8} {'rate':>6} {'mean rel.':>9}  flags raised")
    for kind, row in rows.items():
        flags = ", ".join(f"{code} {n}" for code, n in row["flags"].most_common())
        print(
            f"{kind:<16} {row['n']:>5} {row['flagged']:>8} {row['flagged'] / row['n']:>6.1%} "
            f"{sum(row['rel']) / row['n']:>9.2f}  {flags or '-'}"
        )

    honest_ids = [pk for pk, kind in kinds.items() if kind == "honest"]
    keyed: dict[int, dict[int, int]] = {}
    statements = {i.id: i for i in items if i.kind == "likert"}
    for response_id, question_id, value in Answer.objects.filter(
        response_id__in=honest_ids, question_id__in=statements
    ).values_list("response_id", "question_id", "likert"):
        keyed.setdefault(response_id, {})[question_id] = psychometrics.keyed(
            value, statements[question_id].reverse_keyed
        )
    print(f"\nCronbach's alpha on the {len(honest_ids)} honest responses")
    alphas = {}
    for trait in traits:
        ids = [i for i, item in statements.items() if item.traits[0] == trait]
        alphas[trait] = psychometrics.cronbach_alpha([[r[i] for i in ids] for r in keyed.values()])
        print(f"  {Trait(trait).label:<22} {alphas[trait]:.3f}  ({len(ids)} statements)")

    fakers = [row for kind, row in rows.items() if kind != "honest"]
    detected = sum(r["flagged"] for r in fakers) / sum(r["n"] for r in fakers)
    false_flags = rows["honest"]["flagged"] / rows["honest"]["n"]
    print(
        json.dumps(
            {
                "honest": rows["honest"]["n"],
                "fakers": sum(r["n"] for r in fakers),
                "detected_fakers_rate": round(detected, 4),
                "false_flag_rate": round(false_flags, 4),
                "alpha_min": round(min(alphas.values()), 3),
                "detected_by_kind": {
                    kind: round(row["flagged"] / row["n"], 3)
                    for kind, row in rows.items()
                    if kind != "honest"
                },
            }
        )
    )


if __name__ == "__main__":
    try:
        main()
    finally:
        _django.teardown()
