"""Words that stay English in the shared vocabulary (passionhire.vocabulary's evidence
sources, used in exports and stored explanations) and are shown translated on the hiring staff
pages. The entries below put them in the catalog; `source_name` reads one in the active
language."""

from django.utils.translation import gettext, gettext_noop, pgettext, pgettext_lazy

from passionhire.vocabulary import SOURCE_LABELS

# `EvidenceSource`'s labels, for the catalog.
SOURCE_NAMES = (
    gettext_noop("Passion Test"),
    gettext_noop("Interviews"),
    gettext_noop("Team meet"),
    gettext_noop("Referral"),
)


def source_name(source: str) -> str:
    """An evidence source's name in the active language; an unknown value comes back as it is."""
    return gettext(SOURCE_LABELS[source]) if source in SOURCE_LABELS else source


# `Decision.Kind`'s labels (the decision form's choices, the profile's decisions so far).
DECISION_KINDS = (
    gettext_noop("Advance"),
    gettext_noop("Hold"),
    gettext_noop("Reject"),
    gettext_noop("Make an offer"),
    gettext_noop("Offer accepted: hired"),
    gettext_noop("Offer declined by the candidate"),
    gettext_noop("Withdrawn by the candidate"),
    gettext_noop("Reopen the application"),
)
# `candidates.services.DECISION_VERBS`, said after a decision ("Rejected: Ada Lovelace. …"):
# a context of their own, since "Hired" alone is a column of the analytics page.
DECISION_VERBS = (
    pgettext_lazy("decision", "Advanced"),
    pgettext_lazy("decision", "Put on hold"),
    pgettext_lazy("decision", "Rejected"),
    pgettext_lazy("decision", "Offer made"),
    pgettext_lazy("decision", "Hired"),
    pgettext_lazy("decision", "Offer declined"),
)
# `Application.Source`'s labels (the analytics and validity pages).
APPLICATION_SOURCES = (
    gettext_noop("Added by a recruiter"),
    gettext_noop("Employee referral"),
    gettext_noop("Careers page"),
    gettext_noop("Referral link"),
)


def decision_verb(verb: str) -> str:
    return pgettext("decision", verb)


# `passionhire.models.Notification.Kind`'s labels (the notifications page).
NOTIFICATION_KINDS = (
    gettext_noop("Mentioned in a note"),
    gettext_noop("Interview booked"),
    gettext_noop("Interview moved"),
    gettext_noop("Scorecard submitted"),
    gettext_noop("Referral received"),
    gettext_noop("Decision needed"),
    gettext_noop("Interview to record"),
    gettext_noop("Check-in on a hire"),
)
