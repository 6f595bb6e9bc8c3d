"""Words that stay English in the shared vocabulary (passionhire.vocabulary's evidence
sources, used in exports and stored explanations) and are shown translated on the hiring staff
pages. The entries below put them in the catalog; `source_name` reads one in the active
language."""

from django.utils.translation import gettext, gettext_noop

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
