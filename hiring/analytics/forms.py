"""The page's filter: the fairness report's date range and role, over the roles the viewer
may read."""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_lazy

from hiring.fairness.forms import ReportFilterForm

# One sentence for a role that does not exist and for one the viewer may not read, so the
# answer never tells a hiring manager that someone else's role exists.
CHOOSE_A_ROLE = gettext_lazy("Choose a role from the list.")
# Whole days turn into times in the organisation's time zone: a date at the edge of what
# Python can hold (0001-01-01, 9999-12-31) would overflow on the way, so the range is bounded.
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2999, 12, 31)
OUT_OF_RANGE = format_lazy(
    gettext_lazy("Choose a date between {first} and {last}."),
    first=FIRST_DAY.year,
    last=LAST_DAY.year,
)


class FunnelFilterForm(ReportFilterForm):
    def __init__(self, *args, roles, all_label: str = "", **kwargs):
        super().__init__(*args, roles=roles, **kwargs)
        self.fields["role"].empty_label = all_label or gettext("All roles")
        self.fields["role"].error_messages["invalid_choice"] = CHOOSE_A_ROLE

    def clean_date_from(self):
        return self._within(self.cleaned_data["date_from"])

    def clean_date_to(self):
        return self._within(self.cleaned_data["date_to"])

    @staticmethod
    def _within(day: date | None) -> date | None:
        if day is not None and not FIRST_DAY <= day <= LAST_DAY:
            raise ValidationError(OUT_OF_RANGE)
        return day
