"""The Passion Test's question kinds as staff read them in the questionnaire editor.

`Question.Kind`'s labels stay English (messages and the audit use them); the editor's templates
translate them as they show them (`{% translate kind.label %}`), from these catalog entries.
tests/i18n/test_staff_candidates_spanish.py checks they match the labels."""

from django.utils.translation import gettext_noop

KIND_NAMES = (
    gettext_noop("Statement"),
    gettext_noop("Most and least like me"),
    gettext_noop("Scenario"),
    gettext_noop("Unlikely virtue"),
    gettext_noop("Why question"),
)
