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


def install_default_questions(get_model) -> None:
    Question = get_model("hiring", "SelfIdQuestion")
    for position, (key, text, options) in enumerate(DEFAULT_QUESTIONS):
        Question.objects.get_or_create(
            key=key, defaults={"text": text, "options": options, "position": position}
        )
