"""Writing a version of the Passion Test in another language, publishing it once complete, and
choosing the instrument a candidate takes (translation_models.py says how it is kept).

A published translation is served as it is: a version is frozen once anyone has opened it, and
an edit to the English of a version nobody has opened unpublishes the translations it leaves
incomplete (`translations_recheck`), so a candidate never reads half a translation.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language_info, gettext, ngettext

from passionhire.audit import audit_record
from passionhire.language_names import language_in_sentence

from ..models import PassionTestResponse, Question, Questionnaire
from .translation_models import QuestionnaireTranslation, option_slot

SHOWN_GAPS = 5  # a publish refused names the first few gaps; the page marks all of them


def translatable_languages() -> list[tuple[str, str]]:
    """The shipped languages a version can be translated into (all but the source, English),
    each with its name in the reader's language."""
    return [
        (code, get_language_info(code)["name_translated"])
        for code, _name in settings.LANGUAGES
        if code != settings.LANGUAGE_CODE
    ]


def is_translatable(language: str) -> bool:
    return language in dict(translatable_languages())


# -- Reading ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Gap:
    """One text a translation lacks, or translated from English that has changed since."""

    number: int  # the question's place among the version's active questions
    key: str
    english: str
    outdated: bool
    option: int | None = None  # the option's place, for an option

    def describe(self, language_name: str) -> str:
        quoted = self.english if len(self.english) <= 60 else f"{self.english[:57]}…"
        if self.option is None:
            what = gettext("Question %(number)s (“%(text)s”)") % {
                "number": self.number,
                "text": quoted,
            }
        else:
            what = gettext("Option %(option)s of question %(number)s (“%(text)s”)") % {
                "option": self.option,
                "number": self.number,
                "text": quoted,
            }
        if self.outdated:
            return gettext(
                "%(what)s has changed in English since it was translated into %(language)s."
            ) % {"what": what, "language": language_name}
        return gettext("%(what)s has no %(language)s text.") % {
            "what": what,
            "language": language_name,
        }


def active_questions(questionnaire: Questionnaire) -> list[Question]:
    return list(
        questionnaire.questions.filter(is_retired=False)
        .prefetch_related("options")
        .order_by("position", "pk")
    )


def translation_gaps(
    translation: QuestionnaireTranslation, questions: list[Question] | None = None
) -> list[Gap]:
    """What keeps `translation` from being complete, in test order: each active question and
    option without a translation of its current English. Empty when it can be published."""
    if questions is None:
        questions = active_questions(translation.questionnaire)
    gaps = []
    for number, question in enumerate(questions, start=1):
        entry = translation.texts.get(question.key)
        if not entry or entry[0] != question.text:
            gaps.append(Gap(number, question.key, question.text, outdated=bool(entry)))
        for option in question.options.all():
            entry = translation.options.get(option_slot(question.key, option.position))
            if not entry or entry[0] != option.text:
                gaps.append(
                    Gap(
                        number,
                        question.key,
                        option.text,
                        outdated=bool(entry),
                        option=option.position,
                    )
                )
    return gaps


def published_translation(questionnaire_id: int, language: str) -> QuestionnaireTranslation | None:
    """The published translation of a version in `language`; None for English or none."""
    if not is_translatable(language):
        return None
    return QuestionnaireTranslation.objects.filter(
        questionnaire_id=questionnaire_id, language=language, published_at__isnull=False
    ).first()


def instrument_for(
    questionnaire_id: int, language: str
) -> tuple[QuestionnaireTranslation | None, str]:
    """(translation, language) a candidate reading `language` takes this version in: its
    published translation, or the English original when there is none yet."""
    translation = published_translation(questionnaire_id, language)
    return translation, (translation.language if translation else settings.LANGUAGE_CODE)


@dataclass(frozen=True)
class LanguageState:
    code: str
    name: str
    translation: QuestionnaireTranslation | None


def translation_states(questionnaire: Questionnaire) -> list[LanguageState]:
    """Each language a version can be translated into, with its translation if it has one."""
    made = {t.language: t for t in questionnaire.translations.all()}
    return [LanguageState(code, name, made.get(code)) for code, name in translatable_languages()]


# -- Writing ------------------------------------------------------------------------------------


def _refuse_if_published(translation: QuestionnaireTranslation) -> None:
    if translation.is_published:
        raise ValidationError(
            gettext("This translation is published; unpublish it before changing it."),
            code="published",
        )


@transaction.atomic
def translation_save(
    *,
    questionnaire: Questionnaire,
    language: str,
    saved_by,
    title: str,
    intro: str,
    texts: dict[str, str],
    options: dict[str, str],
) -> QuestionnaireTranslation:
    """Save a draft: each non-blank text kept with the English it translates, a blank one
    removed. `texts` is {question key: text}, `options` {option_slot: text}; names of questions
    or options the version does not have are refused."""
    if not is_translatable(language):
        raise ValidationError(gettext("That language is not one we offer."), code="language")
    translation, _created = QuestionnaireTranslation.objects.select_for_update().get_or_create(
        questionnaire=questionnaire, language=language
    )
    _refuse_if_published(translation)
    english = {}
    for question in questionnaire.questions.prefetch_related("options"):
        english[("q", question.key)] = question.text
        for option in question.options.all():
            english[("o", option_slot(question.key, option.position))] = option.text
    stray = [k for k in texts if ("q", k) not in english] + [
        k for k in options if ("o", k) not in english
    ]
    if stray:
        raise ValidationError(
            gettext("This version has no question or option named %(name)s.") % {"name": stray[0]},
            code="stray",
        )
    before = {"texts": len(translation.texts), "options": len(translation.options)}
    translation.title = title.strip()
    translation.intro = intro.strip()
    for kind, given, stored in (
        ("q", texts, translation.texts),
        ("o", options, translation.options),
    ):
        for name, text in given.items():
            text = text.strip()
            if text:
                stored[name] = [english[(kind, name)], text]
            else:
                stored.pop(name, None)
    translation.updated_by = saved_by
    translation.save()
    audit_record(
        actor=saved_by,
        action="questionnaire.translation",
        target=f"questionnaire:{questionnaire.pk}",
        before=before,
        after={
            "language": language,
            "texts": len(translation.texts),
            "options": len(translation.options),
        },
        summary=f"Saved the {language} translation of Passion Test version {questionnaire.version}",
    )
    return translation


@transaction.atomic
def translation_publish(*, translation: QuestionnaireTranslation, published_by) -> None:
    """Publish a complete translation: candidates reading its language take it from now on.
    ValidationError naming the first few gaps when it is not complete."""
    translation = QuestionnaireTranslation.objects.select_for_update().get(pk=translation.pk)
    if translation.is_published:
        return
    language_name = language_in_sentence(translation.language)
    problems = []
    if not translation.title:
        problems.append(
            gettext("The title has no %(language)s text.") % {"language": language_name}
        )
    if translation.questionnaire.intro and not translation.intro:
        problems.append(
            gettext("The introduction has no %(language)s text.") % {"language": language_name}
        )
    gaps = translation_gaps(translation)
    problems += [gap.describe(language_name) for gap in gaps[:SHOWN_GAPS]]
    if len(gaps) > SHOWN_GAPS:
        more = len(gaps) - SHOWN_GAPS
        problems.append(
            ngettext("And %(n)s more text.", "And %(n)s more texts.", more) % {"n": more}
        )
    if problems:
        raise ValidationError(problems, code="incomplete")
    translation.published_at = timezone.now()
    translation.updated_by = published_by
    translation.save(update_fields=["published_at", "updated_by", "updated_at"])
    audit_record(
        actor=published_by,
        action="questionnaire.translation.publish",
        target=f"questionnaire:{translation.questionnaire_id}",
        after={"language": translation.language},
        summary=f"Published the {translation.language} translation of Passion Test version "
        f"{translation.questionnaire.version}",
    )


@transaction.atomic
def translation_unpublish(*, translation: QuestionnaireTranslation, unpublished_by) -> None:
    """Take a translation back to draft, while nobody has taken it: once a candidate has, it
    is part of what their answers mean (a change then belongs in a new version)."""
    translation = QuestionnaireTranslation.objects.select_for_update().get(pk=translation.pk)
    if not translation.is_published:
        return
    taken = translation.responses.count()
    if taken:
        raise ValidationError(
            ngettext(
                "%(n)s candidate has taken this translation, so it stays as they read it. "
                "Edit the test to make a new version.",
                "%(n)s candidates have taken this translation, so it stays as they read it. "
                "Edit the test to make a new version.",
                taken,
            )
            % {"n": taken},
            code="taken",
        )
    _unpublish(translation, actor=unpublished_by, why="by hand")


def _unpublish(translation: QuestionnaireTranslation, *, actor, why: str) -> None:
    translation.published_at = None
    translation.save(update_fields=["published_at", "updated_at"])
    audit_record(
        actor=actor,
        action="questionnaire.translation.unpublish",
        target=f"questionnaire:{translation.questionnaire_id}",
        before={"language": translation.language},
        after={"why": why},
        summary=f"Unpublished the {translation.language} translation of Passion Test version "
        f"{translation.questionnaire.version} ({why})",
    )


def translations_recheck(questionnaire: Questionnaire, *, actor) -> None:
    """After an edit to a version's English: unpublish each translation it left incomplete."""
    translations = list(
        questionnaire.translations.select_for_update().filter(published_at__isnull=False)
    )
    if not translations:
        return
    questions = active_questions(questionnaire)
    for translation in translations:
        if translation_gaps(translation, questions):
            _unpublish(translation, actor=actor, why="the English changed")


def translations_copy(source: Questionnaire, copy: Questionnaire) -> None:
    """A new version starts with its source's translations (published ones stay published:
    the content is the same until the edit that made the copy lands and is rechecked)."""
    QuestionnaireTranslation.objects.bulk_create(
        QuestionnaireTranslation(
            questionnaire=copy,
            language=t.language,
            title=t.title,
            intro=t.intro,
            texts=t.texts,
            options=t.options,
            published_at=t.published_at,
            updated_by=t.updated_by,
        )
        for t in source.translations.all()
    )


def responses_take_language(*, application_id: int, language: str) -> None:
    """The candidate switched language: each test of theirs not yet submitted continues in
    that language's published translation (or the English), their answers kept (they are
    on the questions, which every language shares)."""
    unsubmitted = PassionTestResponse.objects.select_for_update().filter(
        application_id=application_id, submitted_at__isnull=True
    )
    for response in unsubmitted:
        translation, taken_in = instrument_for(response.questionnaire_id, language)
        if (response.translation_id, response.language) != (
            translation.pk if translation else None,
            taken_in,
        ):
            response.translation = translation
            response.language = taken_in
            response.save(update_fields=["translation", "language", "updated_at"])
