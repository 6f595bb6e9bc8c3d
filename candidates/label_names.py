"""Labels of model choices that stay English in Python (messages, the audit, exports use them)
and are translated where staff see them: `{% translate label %}` in a template,
`gettext(label)` or `gettext_lazy(label)` in a form. These entries put them in the catalog;
tests/i18n/test_staff_candidates_spanish.py checks they match the models' labels."""

from django.utils.translation import gettext_noop

# The Passion Test's question kinds (`Question.Kind`), in the questionnaire editor.
KIND_NAMES = (
    gettext_noop("Statement"),
    gettext_noop("Most and least like me"),
    gettext_noop("Scenario"),
    gettext_noop("Unlikely virtue"),
    gettext_noop("Why question"),
)
# Where a candidate came from (`Candidate.Source`), in the add-candidate form.
SOURCE_NAMES = (
    gettext_noop("Applied directly"),
    gettext_noop("Employee referral"),
    gettext_noop("Sourced by a recruiter"),
    gettext_noop("Agency"),
    gettext_noop("Event or community"),
)
