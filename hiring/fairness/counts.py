"""The counts behind the fairness reports, aggregated in SQL: per self-identified group, how
far applications got, who took the Passion Test, score sums per trait and source, and the
Passion Test statements' answers per matching stratum. A fixed number of queries, whatever the
data's size; a person's answers never leave the database one by one."""

from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from django.db import connection, transaction
from django.db.models import Count, F, Q, Sum

from candidates.models import Question

from .models import DECLINED, SelfIdAnswer

# Evidence rows that are the scored Passion Test itself (not a why answer's rating).
TEST_ORIGIN = "passion_test:response:"
ENDORSED_FROM = 4  # a keyed answer of 4 or 5 on the 1-5 scale agrees with the trait


@dataclass(frozen=True)
class Scope:
    """Which applications a report reads: made in a date range, for one role or all."""

    date_from: date | None = None
    date_to: date | None = None
    role_id: int | None = None

    def applications(self, prefix: str = "") -> Q:
        q = Q()
        if self.date_from:
            q &= Q(**{f"{prefix}created_at__date__gte": self.date_from})
        if self.date_to:
            q &= Q(**{f"{prefix}created_at__date__lte": self.date_to})
        if self.role_id:
            q &= Q(**{f"{prefix}role_id": self.role_id})
        return q


@contextmanager
def analytics():
    """One read-only transaction for the report's aggregates. On PostgreSQL its joins are hash
    joins with room to sort in memory and no JIT (compiling took 1.5 s of a report): planned
    from statistics taken before a bulk load (a fresh import, a test), a nested loop over
    millions of answers runs for minutes, and these queries read whole tables anyway. Nor may
    a report hold a web worker for ever (60 s)."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SET LOCAL enable_nestloop = off; SET LOCAL jit = off; "
                    "SET LOCAL work_mem = '64MB'; SET LOCAL statement_timeout = '60s'"
                )
        yield


def _given(scope: Scope):
    """Answers that name a group (not declined), joined to the applications in scope."""
    return SelfIdAnswer.objects.exclude(answer=DECLINED).filter(
        scope.applications("candidate__applications__") & Q(candidate__applications__isnull=False)
    )


def stage_counts(scope: Scope) -> dict[str, dict[str, Counter]]:
    """{question key: {answer: Counter({(reached, stage): applications})}}."""
    rows = (
        _given(scope)
        .values(
            "question__key",
            "answer",
            reached=F("candidate__applications__reached"),
            stage=F("candidate__applications__stage"),
        )
        .annotate(n=Count("candidate__applications"))
        .order_by()
    )
    out: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    for row in rows:
        out[row["question__key"]][row["answer"]][(row["reached"], row["stage"])] += row["n"]
    return out


def answer_counts(scope: Scope) -> dict[str, Counter]:
    """{question key: Counter({answer or DECLINED: applications})}, declines included."""
    rows = (
        SelfIdAnswer.objects.filter(
            scope.applications("candidate__applications__")
            & Q(candidate__applications__isnull=False)
        )
        .values("question__key", "answer")
        .annotate(n=Count("candidate__applications"))
        .order_by()
    )
    out: dict[str, Counter] = defaultdict(Counter)
    for row in rows:
        out[row["question__key"]][row["answer"]] += row["n"]
    return out


def test_taking_counts(scope: Scope) -> dict[str, dict[str, tuple[int, int]]]:
    """{question key: {answer: (applications invited to the test, of which submitted)}}."""
    path = "candidate__applications__"
    rows = (
        _given(scope)
        .filter(**{f"{path}passion_test_invitations__isnull": False})
        .values("question__key", "answer")
        .annotate(
            invited=Count(f"{path}pk", distinct=True),
            submitted=Count(
                f"{path}pk",
                filter=Q(**{f"{path}passion_test_responses__submitted_at__isnull": False}),
                distinct=True,
            ),
        )
        .order_by()
    )
    out: dict[str, dict[str, tuple[int, int]]] = defaultdict(dict)
    for row in rows:
        out[row["question__key"]][row["answer"]] = (row["invited"], row["submitted"])
    return out


def score_sums(scope: Scope) -> dict[tuple[str, str, str], dict[str, tuple]]:
    """{(question key, source, trait): {answer: (n, sum, sum of squares, applications)}} of
    the Passion Test's trait scores (one per application) and of interview ratings (one per
    rating: an application has several)."""
    path = "candidate__applications__evidence__"
    tested = Q(**{f"{path}source": "passion_test", f"{path}origin__startswith": TEST_ORIGIN})
    rows = (
        _given(scope)
        .filter(tested | Q(**{f"{path}source": "interview"}), **{f"{path}weight__gt": 0})
        .values("question__key", "answer", source=F(f"{path}source"), trait=F(f"{path}trait"))
        .annotate(
            n=Count(f"{path}pk"),
            people=Count("candidate__applications", distinct=True),
            total=Sum(f"{path}value"),
            squares=Sum(F(f"{path}value") * F(f"{path}value")),
        )
        .order_by()
    )
    out: dict = defaultdict(dict)
    for row in rows:
        key = (row["question__key"], row["source"], row["trait"])
        out[key][row["answer"]] = (row["n"], row["total"], row["squares"], row["people"])
    return out


def _trait_of_item() -> str:
    if connection.vendor == "postgresql":
        return "q.traits ->> 0"
    return "json_extract(q.traits, '$[0]')"


def statement_counts(scope: Scope) -> dict[tuple[str, str], dict[str, Counter]]:
    """{(question key, statement key): {answer: Counter({(rest score, endorsed): n})}} over
    submitted Passion Tests: each statement's keyed answer (reverse-keyed ones turned round)
    and the rest score, the sum of the other statements on its trait in the same test, which
    matches people of the same standing on the trait (Mantel-Haenszel strata)."""
    where, params = ["r.submitted_at IS NOT NULL"], []
    if scope.date_from:
        where.append("app.created_at >= %s")
        params.append(scope.date_from)
    if scope.date_to:
        where.append("app.created_at < %s")
        params.append(date.fromordinal(scope.date_to.toordinal() + 1))
    if scope.role_id:
        where.append("app.role_id = %s")
        params.append(scope.role_id)
    # Only constants are spliced in (the vendor's JSON accessor, the conditions above, the
    # endorsement line); every value travels as a parameter.
    sql = f"""
        WITH keyed AS (
            SELECT a.response_id, app.candidate_id, q.key AS item, {_trait_of_item()} AS trait,
                   CASE WHEN q.reverse_keyed THEN 6 - a.likert ELSE a.likert END AS k
            FROM candidates_answer a
            JOIN candidates_question q ON q.id = a.question_id
            JOIN candidates_passiontestresponse r ON r.id = a.response_id
            JOIN candidates_application app ON app.id = r.application_id
            WHERE q.kind = 'likert' AND a.likert IS NOT NULL AND {" AND ".join(where)}
              AND EXISTS (SELECT 1 FROM hiring_selfidanswer g
                          WHERE g.candidate_id = app.candidate_id AND g.answer <> '')
        ), rested AS (
            SELECT candidate_id, item, k,
                   SUM(k) OVER (PARTITION BY response_id, trait) - k AS rest
            FROM keyed
        )
        SELECT sq.key, rested.item, sa.answer, rested.rest,
               CASE WHEN rested.k >= {ENDORSED_FROM} THEN 1 ELSE 0 END AS endorsed, COUNT(*)
        FROM rested
        JOIN hiring_selfidanswer sa ON sa.candidate_id = rested.candidate_id AND sa.answer <> ''
        JOIN hiring_selfidquestion sq ON sq.id = sa.question_id
        GROUP BY sq.key, rested.item, sa.answer, rested.rest, endorsed
    """
    out: dict = defaultdict(lambda: defaultdict(Counter))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for question, item, answer, rest, endorsed, n in cursor.fetchall():
            out[(question, item)][answer][(rest, bool(endorsed))] += n
    return out


def statement_texts() -> dict[str, str]:
    """{statement key: its wording in the newest questionnaire that has it}."""
    rows = Question.objects.filter(kind=Question.Kind.LIKERT).order_by("questionnaire__version")
    return dict(rows.values_list("key", "text"))
