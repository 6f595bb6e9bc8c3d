"""The voluntary questions an organisation starts with (Compliance edits them in the app).

Loaded by hiring/migrations/0003 with historical models (`get_model`), and again by tests and
the demo after a test flushed the tables."""

# The defaults an organisation starts with (edit them on the Fairness pages). The ethnic
# groups are the UK census's five high-level groups; age is asked only as a band, 40 or over,
# the line age-discrimination law draws in the United States.
DEFAULT_QUESTIONS = (
    (
        "gender",
        "What is your gender?",
        ["Woman", "Man", "Non-binary", "I describe myself another way"],
    ),
    (
        "ethnicity",
        "What is your ethnic group?",
        [
            "Asian or Asian British",
            "Black, Black British, Caribbean or African",
            "Mixed or multiple ethnic groups",
            "White",
            "Another ethnic group",
        ],
    ),
    ("age_band", "How old are you?", ["Under 40", "40 or over"]),
    (
        "disability",
        "Do you have a disability or a long-term health condition?",
        ["Yes", "No"],
    ),
    ("veteran", "Have you served in the armed forces?", ["Yes", "No"]),
)


# The defaults in the other shipped languages: {language: {key: (text, options line for
# line)}}. Candidates read them; answers store the English option, so groups stay one.
DEFAULT_TRANSLATIONS = {
    "es": {
        "gender": (
            "¿Cuál es tu género?",
            ["Mujer", "Hombre", "No binario", "Me describo de otra manera"],
        ),
        "ethnicity": (
            "¿Cuál es tu grupo étnico?",
            [
                "Asiático o asiático británico",
                "Negro, negro británico, caribeño o africano",
                "Grupos étnicos mixtos o múltiples",
                "Blanco",
                "Otro grupo étnico",
            ],
        ),
        "age_band": ("¿Qué edad tienes?", ["Menos de 40 años", "40 años o más"]),
        "disability": (
            "¿Tienes una discapacidad o un problema de salud de larga duración?",
            ["Sí", "No"],
        ),
        "veteran": ("¿Has servido en las fuerzas armadas?", ["Sí", "No"]),
    },
    "ar": {
        "gender": ("ما جنسك؟", ["امرأة", "رجل", "غير ثنائي الجنس", "أصف نفسي بطريقة أخرى"]),
        "ethnicity": (
            "ما مجموعتك العرقية؟",
            [
                "آسيوي أو آسيوي بريطاني",
                "أسود أو أسود بريطاني أو كاريبي أو أفريقي",
                "مجموعات عرقية مختلطة أو متعددة",
                "أبيض",
                "مجموعة عرقية أخرى",
            ],
        ),
        "age_band": ("كم عمرك؟", ["أقل من 40 سنة", "40 سنة أو أكثر"]),
        "disability": ("هل لديك إعاقة أو حالة صحية طويلة الأمد؟", ["نعم", "لا"]),
        "veteran": ("هل خدمت في القوات المسلحة؟", ["نعم", "لا"]),
    },
}


def default_translations(key: str, text: str, options: list[str]) -> dict:
    """The shipped translations of default question `key`, if it still has the default
    English words (an organisation's own edit is not given our translation of other words)."""
    default = next((d for d in DEFAULT_QUESTIONS if d[0] == key), None)
    if default is None or (text, list(options)) != (default[1], default[2]):
        return {}
    return {
        language: {"text": texts[key][0], "options": list(texts[key][1])}
        for language, texts in DEFAULT_TRANSLATIONS.items()
    }


def install_default_questions(get_model) -> None:
    Question = get_model("hiring", "SelfIdQuestion")
    for position, (key, text, options) in enumerate(DEFAULT_QUESTIONS):
        Question.objects.get_or_create(
            key=key, defaults={"text": text, "options": options, "position": position}
        )
    # A migration before 0007 sees the model without its translations.
    if any(f.name == "translations" for f in Question._meta.get_fields()):
        install_default_translations(get_model)


def install_default_translations(get_model) -> None:
    """Give the default questions, where untouched and untranslated, their shipped
    translations (hiring/migrations/0007)."""
    Question = get_model("hiring", "SelfIdQuestion")
    for question in Question.objects.filter(translations={}):
        translations = default_translations(question.key, question.text, question.options)
        if translations:
            question.translations = translations
            question.save(update_fields=["translations"])
