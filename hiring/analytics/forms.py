"""The page's filter: the fairness report's date range and role, over the roles the viewer
may read."""

from hiring.fairness.forms import ReportFilterForm

# One sentence for a role that does not exist and for one the viewer may not read, so the
# answer never tells a hiring manager that someone else's role exists.
CHOOSE_A_ROLE = "Choose a role from the list."


class FunnelFilterForm(ReportFilterForm):
    def __init__(self, *args, roles, all_label: str = "All roles", **kwargs):
        super().__init__(*args, roles=roles, **kwargs)
        self.fields["role"].empty_label = all_label
        self.fields["role"].error_messages["invalid_choice"] = CHOOSE_A_ROLE
