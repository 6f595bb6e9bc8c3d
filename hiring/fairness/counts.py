"""The counts behind the fairness reports: per self-identified group, how far applications
got, who took the Passion Test, score sums per trait and source (aggregated in SQL), and the
Passion Test statements' answers per matching stratum (counted in arrays from one short row
per test). A fixed number of queries, whatever the data's size; nothing here is shown or kept
per person."""

from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

import numpy as np
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Sum
from django.utils.translation import get_language

from candidates.models import (
    Application,
    Evidence,
    PassionTestInvitation,
    PassionTestResponse,
    Question,
)
from candidates.passion_test.translation_models import QuestionnaireTranslation
from passionhire.traits import Trait

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
def analytics(*, nested_loops: bool = False):
    """One read-only transaction for the report's aggregates. On PostgreSQL its joins are hash
    joins with room to sort in memory and no JIT (compiling took 1.5 s of a report): planned
    from statistics taken before a bulk load (a fresh import, a test), a nested loop over
    millions of answers runs for minutes, and these queries read whole tables anyway. Nor may
    a report hold a web worker for ever (60 s).

    `nested_loops` leaves the join method to the planner, for a report whose queries start
    from the applications in scope and reach their own rows through indexes (the funnel page:
    for one role of 10,000 among a million applications, hash joins read all 4.7 million page
    visits for the Passion Test figure, 4.7 s on bench/scale.py's loaded machine; through the
    index, 0.4 s). Over the whole organisation the planner still picks hash joins."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    ("" if nested_loops else "SET LOCAL enable_nestloop = off; ")
                    + "SET LOCAL jit = off; "
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


def _per_group(per_application: QuerySet, columns: str) -> list[tuple]:
    """Rows of `columns` aggregated per (question key, answer) over `per_application`, a
    query of one row per application with its `application_id`: joined to the candidates'
    given answers, a person counts once in each group they named. The inner query is the
    ORM's, so the scope's dates mean what they mean everywhere else."""
    inner, params = per_application.query.sql_with_params()
    sql = f"""
        SELECT sq.key, sa.answer, {columns}
        FROM ({inner}) t
        JOIN candidates_application app ON app.id = t.application_id
        JOIN hiring_selfidanswer sa ON sa.candidate_id = app.candidate_id AND sa.answer <> %s
        JOIN hiring_selfidquestion sq ON sq.id = sa.question_id
        GROUP BY sq.key, sa.answer
    """  # nosec B608: only the code's constants are spliced in
    with connection.cursor() as cursor:
        cursor.execute(sql, (*params, DECLINED))
        return cursor.fetchall()


def test_taking_counts(scope: Scope) -> dict[str, dict[str, tuple[int, int]]]:
    """{question key: {answer: (applications invited to the test, of which submitted)}}."""
    invited = (
        Application.objects.filter(
            scope.applications(),
            Exists(PassionTestInvitation.objects.filter(application=OuterRef("pk"))),
        )
        .annotate(
            took=Exists(
                PassionTestResponse.objects.filter(
                    application=OuterRef("pk"), submitted_at__isnull=False
                )
            )
        )
        .values("took", application_id=F("pk"))
        .order_by()
    )
    out: dict[str, dict[str, tuple[int, int]]] = defaultdict(dict)
    for question, answer, n, submitted in _per_group(
        invited, "COUNT(*), SUM(CASE WHEN t.took THEN 1 ELSE 0 END)"
    ):
        out[question][answer] = (n, submitted or 0)
    return out


SCORED = [(source, trait) for source in ("passion_test", "interview") for trait in Trait.values]


def score_sums(scope: Scope) -> dict[tuple[str, str, str], dict[str, tuple]]:
    """{(question key, source, trait): {answer: (n, sum, sum of squares, applications)}} of
    the Passion Test's trait scores (one per application) and of interview ratings (one per
    rating: an application has several).

    Each application's evidence is first folded into one row of counts and sums per source
    and trait (twelve columns of each), so the join to the groups reads 100,000 short rows,
    not a million: five times faster at that size on PostgreSQL."""
    columns = {}
    for i, (source, trait) in enumerate(SCORED):
        this = Q(source=source, trait=trait)
        columns |= {
            f"n{i}": Count("pk", filter=this),
            f"s{i}": Sum("value", filter=this),
            f"q{i}": Sum(F("value") * F("value"), filter=this),
        }
    tested = Q(source="passion_test", origin__startswith=TEST_ORIGIN)
    per_application = (
        Evidence.objects.filter(
            scope.applications("application__"), tested | Q(source="interview"), weight__gt=0
        )
        .values("application_id")
        .annotate(**columns)
        .order_by()
    )
    sums = ", ".join(
        f"SUM(t.n{i}), SUM(t.s{i}), SUM(t.q{i}), SUM(CASE WHEN t.n{i} > 0 THEN 1 ELSE 0 END)"
        for i in range(len(SCORED))
    )
    out: dict = defaultdict(dict)
    for question, answer, *values in _per_group(per_application, sums):
        for i, (source, trait) in enumerate(SCORED):
            n, total, squares, people = values[4 * i : 4 * i + 4]
            if n:
                out[(question, source, trait)][answer] = (n, total, squares, people)
    return out


def statement_counts(scope: Scope) -> dict[tuple[str, str], dict[str, Counter]]:
    """{(question key, statement key): {answer: Counter({(rest score, endorsed): n})}} over
    scored Passion Tests: each statement's keyed answer and its rest score, the sum of the
    other statements on its trait in the same test, which matches people of the same standing
    on the trait (Mantel-Haenszel strata).

    Each test's keyed answers are one short string written when it was scored
    (`keyed_statements`), so the database returns one row per test and group, not one per
    answer (60,000 rows instead of 2.9 million at 100,000 applications); they are counted
    here in arrays, no person's answers kept or shown. Two queries."""
    where, params = ["r.keyed_statements <> ''"], []
    if scope.date_from:
        where.append("app.created_at >= %s")
        params.append(scope.date_from)
    if scope.date_to:
        where.append("app.created_at < %s")
        params.append(date.fromordinal(scope.date_to.toordinal() + 1))
    if scope.role_id:
        where.append("app.role_id = %s")
        params.append(scope.role_id)
    # Only the constant conditions above are spliced in; every value is a parameter.
    sql = f"""
        SELECT sq.key, sa.answer, r.questionnaire_id, r.keyed_statements
        FROM candidates_passiontestresponse r
        JOIN candidates_application app ON app.id = r.application_id
        JOIN hiring_selfidanswer sa ON sa.candidate_id = app.candidate_id AND sa.answer <> ''
        JOIN hiring_selfidquestion sq ON sq.id = sa.question_id
        WHERE {" AND ".join(where)}
    """  # nosec B608: only the code's constants are spliced in
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    statements: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for questionnaire_id, key, traits in (
        Question.objects.filter(
            questionnaire_id__in={row[2] for row in rows},
            kind=Question.Kind.LIKERT,
            is_retired=False,
        )
        .order_by("pk")
        .values_list("questionnaire_id", "key", "traits")
    ):
        statements[questionnaire_id].append((key, traits[0]))
    out: dict = defaultdict(lambda: defaultdict(Counter))
    by_version: dict[int, list[tuple]] = defaultdict(list)
    for row in rows:
        by_version[row[2]].append(row)
    for questionnaire_id, version_rows in by_version.items():
        _count_version(out, version_rows, statements[questionnaire_id])
    return out


def _count_version(out: dict, rows: list[tuple], statements: list[tuple[str, str]]) -> None:
    """Add one questionnaire version's tests to `out`: a tests × statements matrix of keyed
    answers, each statement's rest score from its trait's row sums, then one count of every
    (group, statement, rest score, endorsed) at once."""
    width = len(statements)
    rows = [row for row in rows if len(row[3]) == width]  # a version's statements never change
    if not rows or not width:
        return
    keyed = np.frombuffer("".join(row[3] for row in rows).encode(), dtype=np.uint8)
    keyed = keyed.reshape(len(rows), width).astype(np.int32) - ord("0")
    traits = sorted({trait for _, trait in statements})
    column_trait = np.array([traits.index(trait) for _, trait in statements])
    by_trait = np.argsort(column_trait, kind="stable")
    starts = np.flatnonzero(np.r_[True, np.diff(column_trait[by_trait]) != 0])
    sums = np.add.reduceat(keyed[:, by_trait], starts, axis=1)  # one column per trait
    rest = sums[:, column_trait] - keyed
    groups = sorted({(row[0], row[1]) for row in rows})
    number = {labels: i for i, labels in enumerate(groups)}
    group = np.array([number[row[0], row[1]] for row in rows], dtype=np.int32)[:, None]
    statement = np.arange(width, dtype=np.int32)[None, :]
    rests = int(rest.max()) + 1
    code = ((group * width + statement) * rests + rest) * 2 + (keyed >= ENDORSED_FROM)
    tally = np.bincount(code[keyed > 0], minlength=len(groups) * width * rests * 2)
    for index in np.flatnonzero(tally):
        rest_endorsed, endorsed = divmod(int(index), 2)
        group_statement, rest_score = divmod(rest_endorsed, rests)
        group_index, column = divmod(group_statement, width)
        question, answer = groups[group_index]
        key = (question, statements[column][0])
        out[key][answer][(rest_score, bool(endorsed))] += int(tally[index])


def statement_texts() -> dict[str, str]:
    """{statement key: its wording in the newest questionnaire that has it}, in the reader's
    language where a published translation of that wording exists (one more query)."""
    rows = Question.objects.filter(kind=Question.Kind.LIKERT).order_by("questionnaire__version")
    texts = dict(rows.values_list("key", "text"))
    language = get_language() or settings.LANGUAGE_CODE
    if language == settings.LANGUAGE_CODE:
        return texts
    translations = QuestionnaireTranslation.objects.filter(
        language=language, published_at__isnull=False
    ).order_by("questionnaire__version")
    for translation in translations.only("texts"):
        for key, pair in translation.texts.items():
            # Only a translation of the wording shown: an older one may say something else.
            if isinstance(pair, list) and len(pair) == 2 and pair[1] and pair[0] == texts.get(key):
                texts[key] = pair[1]
    return texts
