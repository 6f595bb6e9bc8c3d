"""What staff read for stored choices, in their language. The choices' own labels (in
models/) stay English: the timeline, the audit trail, evidence summaries and the data export
keep them."""

from django.utils.translation import gettext_lazy

from .models import Observation, Recommendation

RECOMMENDATION_LABELS = {
    Recommendation.STRONG_NO: gettext_lazy("Strong no"),
    Recommendation.NO: gettext_lazy("No"),
    Recommendation.YES: gettext_lazy("Yes"),
    Recommendation.STRONG_YES: gettext_lazy("Strong yes"),
}

SEEN_LABELS = {
    Observation.Seen.CLEAR: gettext_lazy("Clearly showed it"),
    Observation.Seen.SOME: gettext_lazy("Some sign of it"),
    Observation.Seen.CONCERN: gettext_lazy("A concern"),
}
