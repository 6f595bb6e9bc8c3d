"""A language's name as the reader writes it inside a sentence.

Django names languages for menus, capitalised in every language ("Español", "Inglés"). English
capitalises them in a sentence too ("Applied in Spanish"), but Spanish, French, Italian,
Portuguese, Catalan and Romanian do not: "Candidatura en inglés", not "en Inglés" (RAE,
Ortografía 4.2.4.7). Arabic has no capitals. Breadcrumbs and menus keep Django's name."""

from django.utils.translation import get_language, get_language_info

# Languages that write a language's name in lower case inside a sentence.
LOWER_CASE_NAMES = frozenset({"es", "fr", "it", "pt", "ca", "ro"})


def in_sentence(name: str) -> str:
    """`name` (a language's name in the reader's language) as written mid-sentence."""
    reader = (get_language() or "").split("-")[0]
    if reader in LOWER_CASE_NAMES and name:
        return name[:1].lower() + name[1:]
    return name


def language_in_sentence(code: str) -> str:
    """The language `code` named mid-sentence in the reader's language: "español", "Spanish"."""
    return in_sentence(get_language_info(code)["name_translated"])
