"""The funnel-and-speed page as figures: each a chart's data and the table under it, built
from counts.py's aggregates. The page, the CSV and the docs (docs/analytics.md) read the same
definitions from here, so they cannot differ."""

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext, gettext_lazy

from candidates.models import ACTIVE_STAGES, FUNNEL, Application, Stage
from candidates.stage_names import stage_name
from hiring.fairness.reports import OVERALL, STEPS, selected_decided
from passionhire.numbers import number, percent

from . import counts as sql
from .counts import MEDIAN, P90

OFFER = FUNNEL.index(Stage.OFFER)


@dataclass
class Figure:
    """One chart with its table. `rows` hold the cells as shown (the first is the row's
    name); `values` the same figures as numbers for the CSV, by column; `chart` what the
    chart script draws (labels and datasets)."""

    key: str
    title: str
    definition: str
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)
    values: list[list] = field(default_factory=list)
    chart: dict = field(default_factory=dict)
    empty: str = gettext_lazy("Nothing to show in this range.")

    @property
    def table(self) -> list[dict]:
        """The rows for the template: the name, then (column, cell) pairs."""
        return [
            {"name": r[0], "cells": list(zip(self.columns[1:], r[1:], strict=True))}
            for r in self.rows
        ]

    @property
    def data_id(self) -> str:
        return f"chart-{self.key}-data"

    def add(self, name: str, *cells: tuple[object, str]) -> None:
        """A row: its name, then (number, as shown) per column."""
        self.rows.append([name, *(shown for _, shown in cells)])
        self.values.append([name, *(value for value, _ in cells)])


@dataclass
class FunnelReport:
    applicants: int
    figures: list[Figure]
    roles: list[dict]

    @property
    def is_empty(self) -> bool:
        return self.applicants == 0


def _percent(part: int, whole: int) -> tuple[float | None, str]:
    if not whole:
        return None, "–"
    share = part / whole
    shown = "<" + percent(0.01) if 0 < share < 0.005 else percent(share)  # a few are not "0%"
    return round(share, 4), shown


def _days(value: float | None) -> tuple[float | None, str]:
    if value is None:
        return None, "–"
    return round(value, 2), gettext("%(days)s d") % {"days": number(value, 1)}


def _count(n: int) -> tuple[int, str]:
    return n, str(n)


def _sources(rows: list[dict]) -> Figure:
    figure = Figure(
        "sources",
        gettext("Applicants by source"),
        gettext(
            "Each application counts once, by how it reached us. Careers-page applications are "
            "split by the campaign in the link they came by (utm_campaign), when there was one."
        ),
        [gettext("Source"), gettext("Applicants"), gettext("Share"), gettext("Hired")],
    )
    merged: Counter = Counter()
    hired: Counter = Counter()
    no_campaign = gettext("no campaign")
    for row in rows:
        name = gettext(Application.Source(row["source"]).label)
        if row["source"] == Application.Source.CAREERS:
            name = f"{name}: {row['utm_campaign'] or no_campaign}"
        merged[name] += row["applicants"]
        hired[name] += row["hired"]
    total = sum(merged.values())
    for name, n in sorted(merged.items(), key=lambda item: (-item[1], item[0])):
        figure.add(name, _count(n), _percent(n, total), _count(hired[name]))
    figure.chart = _bars(
        [r[0] for r in figure.values], [(gettext("Applicants"), [r[1] for r in figure.values])]
    )
    return figure


def _pass_through(stages: Counter) -> Figure:
    figure = Figure(
        "pass-through",
        gettext("Pass-through rate per stage"),
        gettext(
            "Of the applications decided at a stage, the share that moved on. Decided means moved "
            "on or rejected there; withdrawals and applications still waiting count in neither "
            "(the fairness report's definition)."
        ),
        [gettext("Step"), gettext("Moved on"), gettext("Decided"), gettext("Pass-through")],
    )
    counts = selected_decided(stages)
    for step in [*STEPS, OVERALL]:
        moved, decided = counts[step.key]
        figure.add(step.label, _count(moved), _count(decided), _percent(moved, decided))
    if not any(decided for _, decided in counts.values()):
        figure.rows, figure.values = [], []
    steps = figure.values[: len(STEPS)]
    figure.chart = _bars(
        [r[0] for r in steps],
        [(gettext("Pass-through (%)"), [_pct_or_none(r[3]) for r in steps])],
        max=100,
    )
    return figure


def _pct_or_none(share: float | None) -> float | None:
    return None if share is None else round(100 * share, 1)


def _time_in_stage(durations: dict) -> Figure:
    figure = Figure(
        "time-in-stage",
        gettext("Time in each stage"),
        gettext(
            "From entering a stage to leaving it, over every move out of it (an application that "
            "came back to a stage counts each stay). Median and 90th percentile, in days; "
            "applications still in a stage are not counted until they leave it."
        ),
        [gettext("Stage"), gettext("Moves out"), gettext("Median"), gettext("90th percentile")],
    )
    for stage in ACTIVE_STAGES:
        found = durations.get(("stage", stage))
        if found:
            figure.add(
                stage_name(stage), _count(found["n"]), _days(found[MEDIAN]), _days(found[P90])
            )
    figure.chart = _bars(
        [r[0] for r in figure.values],
        [
            (gettext("Median (days)"), [r[2] for r in figure.values]),
            (gettext("90th percentile (days)"), [r[3] for r in figure.values]),
        ],
    )
    return figure


def _time_to_hire(durations: dict, roles: dict[int, str]) -> Figure:
    figure = Figure(
        "time-to-hire",
        gettext("Time to hire"),
        gettext(
            "From the day the application was made to the move to Hired, in days: for everyone "
            "in scope, then per role."
        ),
        [gettext("Hires of"), gettext("Hires"), gettext("Median"), gettext("90th percentile")],
        empty=gettext("No hires in this range."),
    )
    overall = durations.get(("hire", ""))
    if overall:
        figure.add(
            gettext("All roles in scope"),
            _count(overall["n"]),
            _days(overall[MEDIAN]),
            _days(overall[P90]),
        )
    for role_id, title in roles.items():
        found = durations.get(("role_hire", str(role_id)))
        if found:
            figure.add(title, _count(found["n"]), _days(found[MEDIAN]), _days(found[P90]))
    figure.chart = _bars(
        [r[0] for r in figure.values],
        [
            (gettext("Median (days)"), [r[2] for r in figure.values]),
            (gettext("90th percentile (days)"), [r[3] for r in figure.values]),
        ],
    )
    return figure


def _offers(stages: Counter) -> Figure:
    figure = Figure(
        "offers",
        gettext("Offer acceptance"),
        gettext(
            "Of the applications that reached the offer stage: hired (the offer was accepted), "
            "declined (the candidate declined the offer or withdrew at it), or rejected by us at "
            "the offer stage. Acceptance is hired out of hired and declined; offers still open "
            "count in neither."
        ),
        [gettext("Outcome"), gettext("Applications"), gettext("Share of answered offers")],
        empty=gettext("No offers in this range."),
    )
    hired = sum(n for (_, stage), n in stages.items() if stage == Stage.HIRED)
    at_offer = {
        stage: sum(n for (reached, s), n in stages.items() if reached == OFFER and s == stage)
        for stage in (Stage.WITHDRAWN, Stage.REJECTED, Stage.OFFER)
    }
    declined = at_offer[Stage.WITHDRAWN]
    answered = hired + declined
    if not (answered or at_offer[Stage.REJECTED] or at_offer[Stage.OFFER]):
        return figure
    figure.add(gettext("Accepted: hired"), _count(hired), _percent(hired, answered))
    figure.add(gettext("Declined or withdrew"), _count(declined), _percent(declined, answered))
    figure.add(
        gettext("Rejected at the offer stage"), _count(at_offer[Stage.REJECTED]), (None, "–")
    )
    figure.add(gettext("Offer still open"), _count(at_offer[Stage.OFFER]), (None, "–"))
    figure.chart = _bars(
        [r[0] for r in figure.values], [(gettext("Applications"), [r[1] for r in figure.values])]
    )
    return figure


def _passion_test(progress: Counter) -> Figure:
    figure = Figure(
        "passion-test",
        gettext("Passion Test completion and drop-off per page"),
        gettext(
            "Applications invited to the Passion Test (retakes together, by their furthest "
            "progress): how many started it, saw each page, and submitted it (share: of those "
            "invited). A submitted test saw every page (it cannot be submitted otherwise, and "
            "tests taken before pages were recorded have none). Stopped here counts those who saw "
            "the page as their last and never submitted."
        ),
        [gettext("Step"), gettext("Applications"), gettext("Share"), gettext("Stopped here")],
        empty=gettext("Nobody in this range was invited to the Passion Test."),
    )
    invited = sum(progress.values())
    if not invited:
        return figure
    started = sum(n for (s, _, _), n in progress.items() if s)
    completed = sum(n for (_, c, _), n in progress.items() if c)
    pages = max((page or 0 for _, _, page in progress), default=0)
    figure.add(
        gettext("Invited"), _count(invited), _percent(invited, invited), _count(invited - started)
    )
    figure.add(gettext("Started"), _count(started), _percent(started, invited), (None, "–"))
    for page in range(1, pages + 1):
        saw = sum(n for (_, c, p), n in progress.items() if c or (p and p >= page))
        stopped = sum(n for (_, c, p), n in progress.items() if p == page and not c)
        figure.add(
            gettext("Page %(page)s") % {"page": page},
            _count(saw),
            _percent(saw, invited),
            _count(stopped),
        )
    figure.add(gettext("Submitted"), _count(completed), _percent(completed, invited), (None, "–"))
    figure.chart = _bars(
        [r[0] for r in figure.values], [(gettext("Applications"), [r[1] for r in figure.values])]
    )
    return figure


def _bars(labels: list[str], series: list[tuple[str, list]], max: int | None = None) -> dict:
    return {
        "labels": labels,
        "datasets": [{"label": name, "data": data} for name, data in series],
        "max": max,
    }


def funnel_report(scope: sql.Scope) -> FunnelReport:
    """Every figure of the page for `scope`, in six aggregate queries."""
    with_counts = sql.role_counts(scope)
    stages = sql.stage_counts(scope)
    durations = sql.durations(scope)
    figures = [
        _sources(sql.source_counts(scope)),
        _pass_through(stages),
        _time_in_stage(durations),
        _time_to_hire(durations, {r["role_id"]: r["role__title"] for r in with_counts}),
        _offers(stages),
        _passion_test(sql.test_progress(scope)),
    ]
    applicants = sum(r["applicants"] for r in with_counts)
    return FunnelReport(applicants, figures, with_counts)
