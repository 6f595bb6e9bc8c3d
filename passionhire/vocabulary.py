"""Words every app shares, defined once: where evidence comes from, and the limits and
thresholds that pages show (templates receive these; they never re-type them)."""

from django.db import models


class EvidenceSource(models.TextChoices):
    """Where a piece of evidence on a trait came from. The label names the source as a
    whole, the same on the shortlist, the profile and the weights page."""

    PASSION_TEST = "passion_test", "Passion Test"
    INTERVIEW = "interview", "Interviews"
    TEAM_MEET = "team_meet", "Team meet"
    REFERRAL = "referral", "Referral"


SOURCES = tuple(EvidenceSource.values)
SOURCE_LABELS = dict(EvidenceSource.choices)

# A trait score and the composite run from 0 to 100.
SCORE_MIN, SCORE_MAX = 0, 100
# A role's weight on a trait or a source runs from 0 to this.
WEIGHT_MAX = 10
# A Passion Test whose reliability index is below this is flagged as unreliable; from
# RELIABLE_FROM up it is shown as sound (in between: worth a look).
UNRELIABLE_TEST_BELOW = 0.4
RELIABLE_FROM = 0.75
# Below this a test's evidence weighs next to nothing: the page says why its scores don't count.
NEGLIGIBLE_RELIABILITY = 0.1
# An interviewer whose ratings sit this far (1-5 scale) from their colleagues' on the same
# candidates stands out on the interviewers report.
RATER_GAP_NOTABLE = 0.75
# Two sources whose means on one trait are this many points apart (of 100) disagree: more
# than one step of the 1-5 rubric.
DISAGREEMENT_POINTS = 30.0
