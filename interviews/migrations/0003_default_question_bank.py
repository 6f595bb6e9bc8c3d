"""Install the default core values and interview question bank.

A frozen copy, made when this migration was written, of `interviews/content.py` (its data and
loader), so that the live module can change with the product while this migration keeps
installing exactly what it installed then. It imports nothing of the project's.
"""

from django.db import migrations

E, CM, CU, D, CN, CO = (
    "empathy",
    "commitment",
    "curiosity",
    "attention_to_detail",
    "connection",
    "courage",
)

CORE_VALUES = [
    (
        "customer",
        "Do the right thing for the customer, always",
        "We start from what the customer needs, even when it is not what the process says.",
        [E, CO],
    ),
    (
        "own",
        "Own it to the end",
        "A problem we touch is ours until the customer is truly done with it.",
        [CM, D],
    ),
    (
        "learn",
        "Stay curious, keep learning",
        "We ask why until we understand, and we learn whatever the customer needs us to know.",
        [CU],
    ),
    (
        "details",
        "Sweat the small stuff",
        "Customers feel the details: the right name, the right number, the follow-up on time.",
        [D, E],
    ),
    (
        "together",
        "Win together",
        "We build trust with customers and with each other; nobody succeeds alone.",
        [CN, CM],
    ),
    (
        "candour",
        "Say the hard thing, kindly",
        "We tell customers and colleagues the truth, with care, when it matters.",
        [CO, CN],
    ),
]

# (value key, traits, question, why probes)
QUESTIONS = [
    (
        "customer",
        [E],
        "Tell me about a customer who was upset about something that wasn't your fault. "
        "What did you do?",
        [
            "Why did you choose that approach over simply explaining the policy?",
            "What did you notice about how they felt, and how did you notice it?",
            "Looking back, why do you think it worked, or didn't?",
        ],
    ),
    (
        "customer",
        [E, CO],
        "Describe a time you questioned a rule because following it would have hurt a customer.",
        [
            "Why was this case worth the risk?",
            "What made you sure you had read the customer's situation right?",
        ],
    ),
    (
        "details",
        [E, D],
        "Tell me about a small thing you changed in how you write to customers because of how "
        "it made them feel.",
        [
            "Why did that small thing matter to you?",
            "How did you find out it was a problem?",
        ],
    ),
    (
        "together",
        [E, CN],
        "Tell me about a colleague who was struggling. How did you notice, and what did you do?",
        [
            "Why did you step in rather than leave it to their manager?",
            "What did you want them to feel afterwards, and why?",
        ],
    ),
    (
        "own",
        [CM],
        "Tell me about a customer problem you kept working on after it was officially closed.",
        [
            "Why didn't you let it go when you could have?",
            "What did following through cost you, and why was it worth it?",
        ],
    ),
    (
        "own",
        [CM, D],
        "Describe a promise to a customer that you nearly couldn't keep. What happened?",
        [
            "Why did you make that promise in the first place?",
            "What did you do when you saw it slipping, and why then?",
        ],
    ),
    (
        "together",
        [CM, CN],
        "Tell me about a time you did unglamorous work so your team could deliver for a customer.",
        [
            "Why did you pick it up yourself?",
            "Who noticed, and did that matter to you? Why?",
        ],
    ),
    (
        "customer",
        [CM, E],
        "Tell me about the longest you have stuck with one customer's issue. Walk me through it.",
        [
            "Why did you keep going when others moved on?",
            "What kept you from handing it off?",
        ],
    ),
    (
        "learn",
        [CU],
        "Tell me about a time you found the real cause behind a problem everyone thought they "
        "already understood.",
        [
            "Why weren't you satisfied with the first explanation?",
            "What question did you ask that others didn't, and why that one?",
        ],
    ),
    (
        "learn",
        [CU, CM],
        "What is something you taught yourself recently because a customer needed it?",
        [
            "Why did you decide to learn it rather than pass the question on?",
            "How did you know you had learned enough?",
        ],
    ),
    (
        "customer",
        [CU, E],
        "Tell me about a customer whose request surprised you. What did you do to understand it?",
        [
            "Why did you dig instead of answering the request as it was asked?",
            "What did you learn about them that changed your answer?",
        ],
    ),
    (
        "learn",
        [CU, CO],
        "Describe a time you changed how your team worked because of something you noticed in "
        "customer feedback.",
        [
            "Why did that pattern catch your attention?",
            "Why did you think it was worth changing how things were done?",
        ],
    ),
    (
        "details",
        [D],
        "Tell me about a mistake you caught before it reached a customer.",
        [
            "Why did you check that particular thing?",
            "What did you change so it would not happen again, and why that?",
        ],
    ),
    (
        "details",
        [D, CM],
        "Walk me through how you check your own work before it goes to a customer.",
        [
            "Why those checks and not others?",
            "Tell me about a time the checks failed. Why did they?",
        ],
    ),
    (
        "own",
        [D],
        "Describe a time a small detail made a big difference to a customer's experience.",
        [
            "Why did you notice it when others hadn't?",
            "Why did you think it was worth the extra time?",
        ],
    ),
    (
        "details",
        [D, CU],
        "Tell me about a time you found an error in something everyone trusted: a report, a "
        "process, a help article.",
        [
            "Why did you question it?",
            "What did you do next, and why?",
        ],
    ),
    (
        "together",
        [CN],
        "Tell me about a customer relationship you built over time. How did it start, and what "
        "made it last?",
        [
            "Why did you invest in that relationship?",
            "What did you do that no script would have told you to do?",
        ],
    ),
    (
        "together",
        [CN, E],
        "Describe a time you turned an angry customer into an ally.",
        [
            "Why do you think they changed their mind about you?",
            "What did it teach you about building trust?",
        ],
    ),
    (
        "candour",
        [CN, CO],
        "Tell me about a disagreement with a colleague over what was best for a customer. How "
        "did it end?",
        [
            "Why did it matter enough to you to disagree?",
            "How did you keep the working relationship, and why did that matter?",
        ],
    ),
    (
        "together",
        [CN, CU],
        "Tell me about a time you brought people from different teams together to solve a "
        "customer's problem.",
        [
            "Why did you think they needed to talk directly?",
            "What did you do so each of them cared about the outcome?",
        ],
    ),
    (
        "candour",
        [CO],
        "Tell me about a time you told a customer something they didn't want to hear.",
        [
            "Why did you decide to tell them rather than soften it or avoid it?",
            "How did you say it, and why that way?",
        ],
    ),
    (
        "candour",
        [CO, CM],
        "Describe a time you pushed back on a manager or a senior colleague for a customer's sake.",
        [
            "Why was it worth the risk to you?",
            "What would you do differently, and why?",
        ],
    ),
    (
        "customer",
        [CO, E],
        "Tell me about a time you admitted a mistake to a customer.",
        [
            "Why did you own it instead of explaining it away?",
            "What did the customer do, and what did you learn?",
        ],
    ),
    (
        "candour",
        [CO, D],
        "Tell me about a time you raised a problem nobody had asked you to look at.",
        [
            "Why did you speak up rather than stay in your lane?",
            "How did you make sure you were right before you did?",
        ],
    ),
]


def install_default_bank(get_model) -> None:
    """Create the default values and questions (for a migration: pass apps.get_model)."""
    core_value_model = get_model("interviews", "CoreValue")
    question_model = get_model("interviews", "BankQuestion")
    values = {}
    for position, (key, name, description, traits) in enumerate(CORE_VALUES):
        values[key], _ = core_value_model.objects.get_or_create(
            name=name,
            defaults={"description": description, "traits": traits, "position": position},
        )
    for key, traits, text, probes in QUESTIONS:
        question_model.objects.get_or_create(
            core_value=values[key], text=text, defaults={"traits": traits, "probes": probes}
        )


def install(apps, schema_editor):
    install_default_bank(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [("interviews", "0002_initial")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
