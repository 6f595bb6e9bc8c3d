"""The funnel-and-speed page as spreadsheet rows: one row per figure, row and column, so every
number on the page is there once, as a number."""

from collections.abc import Iterator

from .reports import FunnelReport

COLUMNS = ("Figure", "Row", "Measure", "Value")


def report_rows(report: FunnelReport) -> Iterator[list]:
    yield list(COLUMNS)
    for figure in report.figures:
        for values in figure.values:
            name, *numbers = values
            for measure, value in zip(figure.columns[1:], numbers, strict=True):
                yield [figure.title, name, measure, "" if value is None else value]
