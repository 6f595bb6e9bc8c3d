"""The pipeline's stage names as staff read them, in their language.

`Stage`'s own labels stay English on purpose: they are written into the timeline, audit
summaries, bulk-job reports and exports, which stay English whoever acts. Pages translate at
display time instead: `{% translate label context "stage" %}` in a template (the shared
partials stage_badge, stage_legend and pipeline_bar do it), `stage_name(stage)` in Python.
The entries below put each name in the catalog under the "stage" context, apart from the
candidate's own wording of the same words (the status page says "Applied" differently).
"""

from django.utils.translation import pgettext, pgettext_lazy

from candidates.models import Stage

STAGE_NAMES = {
    Stage.APPLIED: pgettext_lazy("stage", "Applied"),
    Stage.PASSION_TEST: pgettext_lazy("stage", "Passion Test"),
    Stage.INTERVIEWS: pgettext_lazy("stage", "Interviews"),
    Stage.TEAM_MEET: pgettext_lazy("stage", "Team meet"),
    Stage.DECISION: pgettext_lazy("stage", "Decision"),
    Stage.OFFER: pgettext_lazy("stage", "Offer"),
    Stage.HIRED: pgettext_lazy("stage", "Hired"),
    Stage.REJECTED: pgettext_lazy("stage", "Rejected"),
    Stage.WITHDRAWN: pgettext_lazy("stage", "Withdrawn"),
}


def stage_name(stage: str) -> str:
    """A stage's name in the active language; an unknown value comes back as it is."""
    return pgettext("stage", Stage(stage).label) if stage in Stage.values else stage
