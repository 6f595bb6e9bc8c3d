"""The adverse-impact report as spreadsheet rows: the same numbers, the same suppression."""

from collections.abc import Iterator

from .reports import HIDDEN, QuestionReport

COLUMNS = (
    "Question",
    "Section",
    "Step, trait or statement",
    "Group",
    "Compared with",
    "People",
    "Selected",
    "Decided",
    "Rate",
    "Impact ratio",
    "p (Holm)",
    "Hedges g",
    "ETS delta",
    "ETS class",
    "Finding",
)


def _number(value, digits: int = 3):
    return "" if value is None else round(value, digits)


def _count(n):
    return HIDDEN if n is None else n


def _row(**cells) -> list:
    return [cells.get(column, "") for column in COLUMNS]


def report_rows(report: list[QuestionReport]) -> Iterator[list]:
    yield list(COLUMNS)
    for q in report:
        for group, n in q.answered.items():
            yield _row(Question=q.text, Section="Answered", Group=group, People=_count(n))
        for result in q.steps:
            reference = next((row.group for row in result.rows if row.reference), "")
            for row in result.rows:
                yield _row(
                    **{
                        "Question": q.text,
                        "Section": "Selection",
                        "Step, trait or statement": result.step.label,
                        "Group": row.group,
                        "Compared with": "" if row.reference else reference,
                        "Selected": _count(row.selected),
                        "Decided": _count(row.decided),
                        "Rate": _number(row.rate),
                        "Impact ratio": _number(row.impact_ratio),
                        "p (Holm)": _number(row.p_holm, 4),
                        "Finding": row.finding,
                    }
                )
        for score in q.scores:
            smd = score["smd"]
            yield _row(
                **{
                    "Question": q.text,
                    "Section": f"Scores: {score['source']}",
                    "Step, trait or statement": score["trait"],
                    "Group": score["group"],
                    "Compared with": score["reference"],
                    "People": score["n"],
                    "Hedges g": _number(smd.g if smd else None),
                    "Finding": "Notable difference" if score["notable"] else "",
                }
            )
        for statement in q.statements:
            dif = statement["dif"]
            yield _row(
                **{
                    "Question": q.text,
                    "Section": "Passion Test statement",
                    "Step, trait or statement": statement["text"],
                    "Group": statement["group"],
                    "Compared with": statement["reference"],
                    "People": dif.n_focal,
                    "p (Holm)": "",
                    "ETS delta": _number(dif.delta),
                    "ETS class": dif.ets_class,
                    "Finding": "Review this statement" if dif.flagged else "Watch",
                }
            )
