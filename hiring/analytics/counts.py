"""The counts behind the funnel-and-speed page, aggregated in SQL: applicants per source, how
far applications got, how long they spent in each stage (median and 90th percentile), how long
a hire took, what became of offers, and how far people got through the Passion Test. A fixed
number of queries whatever the data's size; no application is loaded into Python one by one
(the percentiles read at most four rows per stage)."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from fractions import Fraction

from django.db import connection
from django.db.models import Count, Q
from django.utils import timezone

from candidates.models import ACTIVE_STAGES, Application, Stage

MEDIAN, P90 = Fraction(1, 2), Fraction(9, 10)
QUANTILES = (MEDIAN, P90)
DAY = 86400  # seconds


@dataclass(frozen=True)
class Scope:
    """Which applications the page reads: made in a date range (the organisation's time
    zone, whole days), for one role or all, and for a hiring manager only their roles."""

    date_from: date | None = None
    date_to: date | None = None
    role_id: int | None = None
    manager_id: int | None = None

    def _bounds(self) -> tuple[datetime | None, datetime | None]:
        def start_of(day: date) -> datetime:
            return timezone.make_aware(datetime.combine(day, time.min))

        start = start_of(self.date_from) if self.date_from else None
        end = start_of(self.date_to + timedelta(days=1)) if self.date_to else None
        return start, end

    def applications(self, prefix: str = "") -> Q:
        start, end = self._bounds()
        q = Q()
        if start:
            q &= Q(**{f"{prefix}created_at__gte": start})
        if end:
            q &= Q(**{f"{prefix}created_at__lt": end})
        if self.role_id:
            q &= Q(**{f"{prefix}role_id": self.role_id})
        if self.manager_id:
            q &= Q(**{f"{prefix}role__hiring_manager_id": self.manager_id})
        return q

    def sql(self) -> tuple[str, list]:
        """The same conditions for hand-written SQL on `app` (the application) joined to `r`
        (its role): the text holds only placeholders, every value is a parameter."""
        start, end = self._bounds()
        where, params = ["1 = 1"], []
        for condition, value in (
            ("app.created_at >= %s", start),
            ("app.created_at < %s", end),
            ("app.role_id = %s", self.role_id),
            ("r.hiring_manager_id = %s", self.manager_id),
        ):
            if value:
                where.append(condition)
                params.append(value)
        return " AND ".join(where), params


def in_scope(scope: Scope):
    return Application.objects.filter(scope.applications())


def source_counts(scope: Scope) -> list[dict]:
    """[{source, utm_campaign, applicants, hired}] per source and campaign."""
    rows = (
        in_scope(scope)
        .values("source", "utm_campaign")
        .annotate(applicants=Count("pk"), hired=Count("pk", filter=Q(stage=Stage.HIRED)))
        .order_by()
    )
    return list(rows)


def stage_counts(scope: Scope) -> Counter:
    """Counter({(reached, stage): applications}): the shape the fairness report reads per
    group, so pass-through is counted by one definition (fairness.reports.selected_decided)."""
    rows = in_scope(scope).values("reached", "stage").annotate(n=Count("pk")).order_by()
    return Counter({(row["reached"], row["stage"]): row["n"] for row in rows})


def _seconds(start: str, end: str) -> str:
    if connection.vendor == "postgresql":
        return f"EXTRACT(EPOCH FROM ({end} - {start}))"
    return f"(julianday({end}) - julianday({start})) * {DAY}.0"


KINDS = ("stage", "hire", "role_hire")


def durations(scope: Scope) -> dict[tuple[str, str], dict]:
    """{(kind, key): {"n": moves, MEDIAN: days, P90: days}} for kind "stage" (time spent in
    each active stage, from StageChange: entered → left, keyed by the stage left), "hire"
    (applied → hired, key "") and "role_hire" (the same per role, key the role's id).

    Percentiles are linear interpolations between the two closest ranks (PostgreSQL's
    percentile_cont), found with window functions that PostgreSQL and SQLite both run: the
    database numbers each partition's durations in order and returns only the rows at the
    quantiles' ranks, so this reads at most four rows per partition whatever the data.

    The partitions are numbered (kind, then the stage's place or the role's id), never named:
    sorting by text compares through the collation, which took twice as long as numbers for
    the 1.7 million moves of a million applications."""
    where, params = scope.sql()
    stages = ", ".join(f"'{s}'" for s in ACTIVE_STAGES)  # constants of the code, not input
    place = " ".join(f"WHEN '{s}' THEN {i}" for i, s in enumerate(ACTIVE_STAGES))
    source = f"""
        SELECT 0 AS kind, CASE sc.from_stage {place} END AS k,
               {_seconds("sc.entered_at", "sc.changed_at")} AS s
        FROM candidates_stagechange sc
        JOIN candidates_application app ON app.id = sc.application_id
        JOIN candidates_role r ON r.id = app.role_id
        WHERE sc.from_stage IN ({stages}) AND {where}
        UNION ALL
        SELECT 1 + grp.g, CASE WHEN grp.g = 0 THEN 0 ELSE app.role_id END,
               {_seconds("app.created_at", "sc.changed_at")}
        FROM candidates_stagechange sc
        JOIN candidates_application app ON app.id = sc.application_id
        JOIN candidates_role r ON r.id = app.role_id
        CROSS JOIN (SELECT 0 AS g UNION ALL SELECT 1) grp
        WHERE sc.to_stage = '{Stage.HIRED}' AND {where}
    """  # nosec B608: only the code's constants are spliced in
    ranks = " OR ".join(
        f"i = {q.numerator} * (n - 1) / {q.denominator} + {extra}"
        for q in QUANTILES
        for extra in (0, 1)
    )
    sql = f"""
        WITH d AS (
            SELECT kind, k, s,
                   ROW_NUMBER() OVER (PARTITION BY kind, k ORDER BY s) - 1 AS i,
                   COUNT(*) OVER (PARTITION BY kind, k) AS n
            FROM ({source}) src
        )
        SELECT kind, k, i, n, s FROM d WHERE {ranks}
    """  # nosec B608: only the code's constants are spliced in
    ranked: dict[tuple[str, str], dict] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params * 2)
        for kind, number, i, n, seconds in cursor.fetchall():
            key = ACTIVE_STAGES[number].value if kind == 0 else "" if kind == 1 else str(number)
            entry = ranked.setdefault((KINDS[kind], key), {"n": n, "at": {}})
            entry["at"][i] = float(seconds)
    return {key: _interpolate(entry["n"], entry["at"]) for key, entry in ranked.items()}


def _interpolate(n: int, at: dict[int, float]) -> dict:
    out: dict = {"n": n}
    for q in QUANTILES:
        position = q * (n - 1)
        lower = int(position)  # floor: position is never negative
        value = at[lower]
        if position > lower:
            value += float(position - lower) * (at[lower + 1] - value)
        out[q] = value / DAY
    return out


def test_progress(scope: Scope) -> Counter:
    """Counter({(started, completed, furthest page seen or None): applications}) over the
    applications in scope that were invited to the Passion Test (retakes together: an
    application counts once, by its furthest progress).

    One statement, plain joins and one GROUP BY per application: joining the page visits
    multiplies the responses, which only tells whether there is one. Correlated subqueries
    per application ran for over a minute on 100,000 applications under the report's
    settings (no nested loops: each one a hash join of the whole table); the page visits
    grouped apart first were read whole whatever the scope (all 4.7 million for a role of
    10,000 among a million applications), where joined they are reached through their index."""
    where, params = scope.sql()
    sql = f"""
        WITH per_application AS (
            SELECT app.id,
                   CASE WHEN COUNT(resp.id) > 0 THEN 1 ELSE 0 END AS started,
                   CASE WHEN COUNT(resp.submitted_at) > 0 THEN 1 ELSE 0 END AS completed,
                   MAX(seen.page) AS furthest
            FROM candidates_application app
            JOIN candidates_role r ON r.id = app.role_id
            LEFT JOIN candidates_passiontestresponse resp ON resp.application_id = app.id
            LEFT JOIN candidates_pagevisit seen ON seen.response_id = resp.id
            WHERE app.id IN (SELECT application_id FROM candidates_passiontestinvitation)
              AND {where}
            GROUP BY app.id
        )
        SELECT started, completed, furthest, COUNT(*)
        FROM per_application GROUP BY started, completed, furthest
    """  # nosec B608: only the code's constants are spliced in
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return Counter(
            {
                (bool(started), bool(completed), furthest): n
                for started, completed, furthest, n in cursor.fetchall()
            }
        )


def role_counts(scope: Scope) -> list[dict]:
    """[{role id, title, applicants, hired}] per role in scope, busiest first."""
    rows = (
        in_scope(scope)
        .values("role_id", "role__title")
        .annotate(applicants=Count("pk"), hired=Count("pk", filter=Q(stage=Stage.HIRED)))
        .order_by("-applicants", "role__title", "role_id")
    )
    return list(rows)
