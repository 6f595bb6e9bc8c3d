"""The adverse-impact report, as Compliance reads it: per self-identified group, selection at
every step of the pipeline and at the Passion Test, score differences per trait, and the
Passion Test statements that may work differently by group. Built from counts.py's aggregates
and stats.py's tests; every count of a small group is suppressed here, once, so the page, the
CSV and the PDF cannot differ on it."""

from collections import Counter
from dataclasses import dataclass, field

from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_lazy
from scipy.stats import false_discovery_control, norm

from candidates.models import FUNNEL, Stage
from candidates.stage_names import STAGE_NAMES
from passionhire.numbers import number
from passionhire.traits import Trait, trait_name

from . import counts as sql
from .dif import DIF, across_statements
from .models import DECLINED, SelfIdQuestion
from .stats import (
    MINIMUM_FOR_TEST,
    MINIMUM_GROUP,
    mantel_haenszel,
    selection_rates,
    standardized_mean_difference,
)

SOURCE_NAMES = {
    "passion_test": gettext_lazy("Passion Test"),
    "interview": gettext_lazy("Interviews"),
}
# Lazy: the page and the PDF say it in the reader's language, the CSV (under English) in English.
HIDDEN = format_lazy(gettext_lazy("fewer than {n}"), n=MINIMUM_GROUP)
# stats.py names a difference's size in English (it has no Django): the report says it so.
SIZE_WORDS = {
    "negligible": gettext_lazy("negligible"),
    "small": gettext_lazy("small"),
    "medium": gettext_lazy("medium"),
    "large": gettext_lazy("large"),
}
P_SHOWN_FROM = 0.001  # smaller p-values read "< 0.001"
SMALL_EFFECT, ALPHA = 0.2, 0.05  # Cohen's "small"; the report's significance level


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    note: str = ""


STEPS = [
    Step(
        f"{a}-{b}",
        format_lazy("{} → {}", STAGE_NAMES[a], STAGE_NAMES[b]),
        gettext_lazy("the candidate's choice to accept") if b == Stage.HIRED else "",
    )
    for a, b in zip(FUNNEL, FUNNEL[1:], strict=False)
]
OVERALL = Step("overall", gettext_lazy("Applied → hired, overall"))
TEST_TAKEN = Step("test-taken", gettext_lazy("Invited → completed the Passion Test"))


@dataclass
class Row:
    """One group at one step, as shown: counts of small groups are None (HIDDEN)."""

    group: str
    selected: int | None
    decided: int | None
    rate: float | None = None
    impact_ratio: float | None = None
    p_holm: float | None = None
    finding: str = ""
    flagged: bool = False
    reference: bool = False

    @property
    def p_text(self) -> str:
        if self.p_holm is None:
            return "–"
        if self.p_holm < P_SHOWN_FROM:
            return "< " + number(P_SHOWN_FROM, 3)
        return number(self.p_holm, 3)


@dataclass
class StepResult:
    step: Step
    rows: list[Row]

    @property
    def flagged(self) -> list[str]:
        return [row.group for row in self.rows if row.flagged]


@dataclass
class QuestionReport:
    key: str
    text: str
    answered: dict[str, int | None]  # group (or "Prefer not to say") -> people, suppressed
    steps: list[StepResult] = field(default_factory=list)
    scores: list[dict] = field(default_factory=list)
    statements: list[dict] = field(default_factory=list)

    @property
    def flagged_steps(self) -> list[StepResult]:
        return [result for result in self.steps if result.flagged]

    @property
    def flagged_statements(self) -> list[dict]:
        return [row for row in self.statements if row["dif"].flagged]

    @property
    def notable_scores(self) -> list[dict]:
        return [row for row in self.scores if row["notable"]]


def selected_decided(counter: Counter) -> dict[str, tuple[int, int]]:
    """Per step key: (moved on, moved on or rejected there). Withdrawals and applications
    still waiting at the step are no one's decision and count in neither."""
    out = {}
    for index, step in enumerate(STEPS):
        selected = sum(n for (reached, _), n in counter.items() if reached > index)
        rejected = sum(
            n for (reached, stage), n in counter.items() if reached == index and stage == "rejected"
        )
        out[step.key] = (selected, selected + rejected)
    hired = sum(n for (_, stage), n in counter.items() if stage == Stage.HIRED)
    rejected = sum(n for (_, stage), n in counter.items() if stage == Stage.REJECTED)
    out[OVERALL.key] = (hired, hired + rejected)
    return out


def hide_small(counts: dict[str, int]) -> dict[str, int | None]:
    """Groups of 1 to 4 become None. Only primary suppression: the report never shows a
    total of a partition (applications without an answer are in none), so no hidden cell can
    be worked out by subtraction, and a second, larger group is not hidden for nothing: a
    group of three must not hide the disparity of a group of forty."""
    return {g: None if 0 < n < MINIMUM_GROUP else n for g, n in counts.items()}


def _step_result(
    step: Step, by_group: dict[str, tuple[int, int]], small: set[str], name=str
) -> StepResult:
    """Small groups hidden, the rest compared with the highest-rate group. A group with
    fewer than 5 people in all (`small`) is hidden at every step, even where its count is 0:
    "none of them got this far" is news about those few people."""
    shown = hide_small({group: decided for group, (_, decided) in by_group.items()})
    shown |= dict.fromkeys(small & set(shown))
    visible = {g: by_group[g] for g, n in shown.items() if n is not None}
    report = selection_rates(visible) if visible else None
    rows = []
    for group in sorted(by_group):
        if shown[group] is None:
            rows.append(
                Row(
                    name(group),
                    None,
                    None,
                    finding=gettext(
                        "Not shown: %(hidden)s people, or a group hidden to protect one"
                    )
                    % {"hidden": HIDDEN},
                )
            )
            continue
        rate = report[group]
        finding = _finding(rate, reference=group == report.reference, name=name)
        rows.append(
            Row(
                name(group),
                rate.selected,
                rate.decided,
                rate.rate,
                rate.impact_ratio,
                rate.p_holm,
                finding,
                rate.flagged,
                group == report.reference,
            )
        )
    return StepResult(step, rows)


def _finding(rate, *, reference: bool, name=str) -> str:
    if rate.rate is None:
        return gettext("Nobody decided yet")
    if reference:
        return gettext("Highest rate: the others are compared with it")
    if not rate.enough_data:
        return gettext("Not enough data (fewer than %(n)s decided)") % {"n": MINIMUM_FOR_TEST}
    if rate.flagged:
        return gettext(
            "Adverse impact against %(group)s: below four fifths and unlikely to be chance"
        ) % {"group": name(rate.compared_with)}
    if rate.four_fifths:
        return gettext("Below four fifths, but could be chance")
    return gettext("No adverse impact found")


def _largest(sizes: dict[str, int]) -> str | None:
    """The reference for score and statement comparisons: the largest group (steadiest)."""
    return min(sizes, key=lambda g: (-sizes[g], g)) if sizes else None


def _scores(key: str, sums: dict, small: set[str]) -> list[dict]:
    rows = []
    for source, source_name in SOURCE_NAMES.items():
        for trait in Trait:
            by_group = sums.get((key, source, trait.value), {})
            # Groups are hidden by how many applications they hold, not how many ratings.
            shown = hide_small({g: people for g, (_, _, _, people) in by_group.items()})
            shown |= dict.fromkeys(small & set(shown))
            sizes = {g: by_group[g][3] for g, n in shown.items() if n is not None}
            reference = _largest(sizes)
            for group in sorted(sizes):
                if group == reference:
                    continue
                smd = standardized_mean_difference(*by_group[group][:3], *by_group[reference][:3])
                rows.append(
                    {
                        "source": source_name,
                        "trait": trait_name(trait),  # English in the CSV (made in English)
                        "group": group,
                        "reference": reference,
                        "n": sizes[group],
                        "n_reference": sizes[reference],
                        "smd": smd,
                        "size": SIZE_WORDS.get(smd.label, smd.label) if smd else "",
                    }
                )
    return _mark_notable(rows)


def _mark_notable(rows: list[dict]) -> list[dict]:
    """A difference is notable when it is at least small (|g| >= 0.2) and unlikely to be
    chance across all of the question's comparisons: 2 sources x 6 traits x the groups make
    dozens, and at 5 % each a few honest ones would always look notable, so the p-values
    (normal approximation, g over its standard error) are adjusted by Benjamini-Hochberg."""
    tested = [row for row in rows if row["smd"] is not None]
    p_values = [2 * norm.sf(abs(row["smd"].g) / row["smd"].se) for row in tested]
    adjusted = false_discovery_control(p_values, method="bh") if p_values else []
    for row in rows:
        row["notable"] = False
    for row, p in zip(tested, adjusted, strict=True):
        row["notable"] = abs(row["smd"].g) >= SMALL_EFFECT and p < ALPHA
    return rows


def _statements(key: str, counts: dict, texts: dict[str, str]) -> list[dict]:
    """Per statement and group against the largest group: Mantel-Haenszel across rest
    scores, p-values adjusted across the statements screened for the group. Only class B
    and C are listed; C marks a statement for review."""
    by_group: dict[str, dict[str, DIF | None]] = {}
    reference_of = {}
    for (question, item), groups in sorted(counts.items()):
        if question != key:
            continue
        sizes = {g: sum(c.values()) for g, c in groups.items()}
        reference = _largest({g: n for g, n in sizes.items() if n >= MINIMUM_FOR_TEST})
        for group in sorted(groups):
            if reference is None or group == reference or sizes[group] < MINIMUM_FOR_TEST:
                continue
            ref, focal = groups[reference], groups[group]
            strata = [
                (ref[(rest, True)], ref[(rest, False)], focal[(rest, True)], focal[(rest, False)])
                for rest in sorted({rest for rest, _ in ref} | {rest for rest, _ in focal})
            ]
            by_group.setdefault(group, {})[item] = mantel_haenszel(strata)
            reference_of[group] = reference
    rows = []
    for group, results in by_group.items():
        for item, dif in across_statements(results).items():
            if dif is not None and dif.ets_class != "A":
                rows.append(
                    {
                        "item": item,
                        "text": texts.get(item, item),
                        "group": group,
                        "reference": reference_of[group],
                        "dif": dif,
                    }
                )
    return sorted(rows, key=lambda row: (row["dif"].ets_class != "C", -abs(row["dif"].delta)))


def _reader_words(question: SelfIdQuestion):
    """group (an English option) -> its words in the reader's language."""
    words = dict(question.shown_options())
    return lambda group: words.get(group, group)


def adverse_impact_report(scope: sql.Scope) -> list[QuestionReport]:
    """The whole report, in a fixed number of queries."""
    questions = list(SelfIdQuestion.objects.order_by("position", "pk"))
    with sql.analytics():
        answered, stages = sql.answer_counts(scope), sql.stage_counts(scope)
        taking, sums = sql.test_taking_counts(scope), sql.score_sums(scope)
        statements, texts = sql.statement_counts(scope), sql.statement_texts()
    reports = []
    prefer_not = gettext("Prefer not to say")
    for question in questions:
        # Counted and compared on the stored (English) answers, so every language gets the
        # same numbers; shown in the reader's words (the CSV is made in English).
        name = _reader_words(question)
        given = answered.get(question.key, Counter())
        if not given:
            continue
        shown = hide_small(dict(given))
        small = {g for g, n in shown.items() if n is None}
        report = QuestionReport(
            question.key,
            question.shown("text"),
            {(prefer_not if g == DECLINED else name(g)): n for g, n in sorted(shown.items())},
        )
        per_group = {g: selected_decided(c) for g, c in stages.get(question.key, {}).items()}
        for step in [*STEPS, OVERALL]:
            by_group = {g: steps[step.key] for g, steps in per_group.items()}
            if any(decided for _, decided in by_group.values()):  # a step nobody reached yet
                report.steps.append(_step_result(step, by_group, small, name))
        if taking.get(question.key):
            report.steps.append(
                _step_result(
                    TEST_TAKEN,
                    {g: (sub, inv) for g, (inv, sub) in taking[question.key].items()},
                    small,
                    name,
                )
            )
        report.scores = _scores(question.key, sums, small)
        report.statements = _statements(question.key, statements, texts)
        for row in report.scores + report.statements:
            row["group"], row["reference"] = name(row["group"]), name(row["reference"])
        reports.append(report)
    return reports
