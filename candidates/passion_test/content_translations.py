"""The default Passion Test in the languages PassionHire ships it in (content_<language>.py holds
each table: the English of every text, as content.py has it, and its translation).

`install_content_translations` gives every version whose texts the tables know a translation,
published when it covers the whole version and left as a draft otherwise (a recruiter then
finishes it on the translation page). It takes `get_model`, so the data migration can run it
with historical models; a version that already has a translation in a language keeps it.
"""

from django.utils import timezone

from .content_es import ES
from .translation_models import option_slot

SHIPPED = {"es": ES}


def _translated(questionnaire, table: dict[str, str]) -> tuple[dict, dict, bool]:
    """({key: [english, text]}, {slot: [english, text]}, complete) for one version."""
    texts, options, complete = {}, {}, True
    for question in questionnaire.questions.prefetch_related("options"):
        if question.text in table:
            texts[question.key] = [question.text, table[question.text]]
        elif not question.is_retired:
            complete = False
        for option in question.options.all():
            if option.text in table:
                slot = option_slot(question.key, option.position)
                options[slot] = [option.text, table[option.text]]
            elif not question.is_retired:
                complete = False
    return texts, options, complete


def install_content_translations(get_model, *, languages=None) -> list[tuple[int, str, bool]]:
    """[(version, language, published)] for each translation made."""
    Questionnaire = get_model("candidates", "Questionnaire")
    QuestionnaireTranslation = get_model("candidates", "QuestionnaireTranslation")
    made = []
    for language, table in SHIPPED.items():
        if languages is not None and language not in languages:
            continue
        for questionnaire in Questionnaire.objects.order_by("version"):
            if QuestionnaireTranslation.objects.filter(
                questionnaire=questionnaire, language=language
            ).exists():
                continue
            texts, options, complete = _translated(questionnaire, table)
            if not texts:
                continue
            title = table.get(questionnaire.title, "")
            intro = table.get(questionnaire.intro, "") if questionnaire.intro else ""
            complete = complete and bool(title) and (bool(intro) or not questionnaire.intro)
            QuestionnaireTranslation.objects.create(
                questionnaire=questionnaire,
                language=language,
                title=title,
                intro=intro,
                texts=texts,
                options=options,
                published_at=timezone.now() if complete else None,
            )
            made.append((questionnaire.version, language, complete))
    return made
