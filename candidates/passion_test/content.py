"""The default Passion Test, written for PassionHire: 48 statements, 9 scenarios, 4 why questions.

Each trait has four statements and four reverse-keyed twins that say the opposite, so a
candidate who agrees with both halves of a pair is noticed. Statements are shown in a fixed
shuffled order (no trait or keying runs together); then the scenarios, then the why questions.
The loader takes `get_model` so the data migration can run it with historical models.

Long because it is content, not code: 61 questions read best in one place, in test order.
"""

import random

# (trait, forward statement, reverse-keyed twin)
STATEMENTS = {
    "empathy": [
        (
            "When a customer is upset, I try to understand how it feels from their side before "
            "I explain anything.",
            "When a customer is upset, I go straight to the facts; how they feel is not really "
            "my business.",
        ),
        (
            "I can usually tell when someone is worried, even if they don't say so.",
            "I rarely notice how people feel unless they tell me directly.",
        ),
        (
            "I change how I explain things depending on the person I'm helping.",
            "I explain things the same way to everyone; adapting to each person wastes time.",
        ),
        (
            "A customer's frustration tells me something useful about what they need.",
            "Customers who get emotional mostly make my job harder.",
        ),
    ],
    "commitment": [
        (
            "When I promise a customer something, I make sure it happens, even if it takes "
            "extra effort.",
            "If keeping a promise to a customer becomes inconvenient, it's fine to let it slide.",
        ),
        (
            "I follow up with customers to check that a fix actually worked.",
            "Once a ticket is closed, I don't check whether the customer's problem really went "
            "away.",
        ),
        (
            "I keep going on a difficult problem long after others would have handed it on.",
            "When a problem gets complicated, I hand it on to someone else as soon as I can.",
        ),
        (
            "I feel personally responsible for how things turn out for the customers I work with.",
            "How things turn out for a customer is someone else's responsibility once my part is "
            "done.",
        ),
    ],
    "curiosity": [
        (
            "When a customer asks for something, I like to find out what they are really trying "
            "to achieve.",
            "I take customer requests at face value; asking why they want something slows things "
            "down.",
        ),
        (
            "I enjoy learning how our product works beyond what my job strictly requires.",
            "I learn only as much about the product as I need for my own tasks.",
        ),
        (
            "When the same problem comes up twice, I want to know why it keeps happening.",
            "If a problem keeps coming back, I fix it again without digging into the cause.",
        ),
        (
            "I ask customers questions because I'm genuinely interested in how they work.",
            "I find it tedious to hear how customers run their business.",
        ),
    ],
    "attention_to_detail": [
        (
            "I double-check names, numbers and dates before I send something to a customer.",
            "I send messages without re-reading them; small typos don't really matter.",
        ),
        (
            "I notice small inconsistencies that other people miss.",
            "Small inconsistencies usually slip past me, and I don't mind much.",
        ),
        (
            "I write down what I promised a customer so nothing gets forgotten.",
            "I rely on memory for what I promised customers, and sometimes one slips.",
        ),
        (
            "Getting the last small step right matters to me as much as the big fix.",
            "Once the main problem is solved, the finishing touches are not worth my time.",
        ),
    ],
    "connection": [
        (
            "I enjoy building relationships with customers that last beyond one conversation.",
            "I prefer to keep every customer conversation strictly transactional.",
        ),
        (
            "I remember personal things customers tell me, like a trip or a new job.",
            "I forget personal things customers tell me as soon as the conversation ends.",
        ),
        (
            "I introduce people to colleagues who can help them, even when it's not my job.",
            "I don't go out of my way to connect people with colleagues who could help them.",
        ),
        (
            "I make an effort to get to know my teammates as people.",
            "I'd rather not spend time getting to know my teammates.",
        ),
    ],
    "courage": [
        (
            "I tell a customer the honest truth, even when it's not what they want to hear.",
            "I'd rather tell a customer what they want to hear than deliver bad news.",
        ),
        (
            "I speak up when a policy is clearly failing a customer, even if it's uncomfortable.",
            "When a policy fails a customer, I keep quiet; it's not my place to challenge it.",
        ),
        (
            "When I make a mistake, I admit it to the customer straight away.",
            "If a customer doesn't notice my mistake, I see no reason to mention it.",
        ),
        (
            "I'm willing to disagree with my manager when I believe a customer is treated "
            "unfairly.",
            "I avoid disagreeing with my manager, even when I think a customer is treated "
            "unfairly.",
        ),
    ],
}

# (situation, [(option, {trait: 1..5})])
SCENARIOS = [
    (
        "A customer emails for the third time about the same billing error. They are angry, "
        "and mention they run a small business that is short of cash this month. What do you "
        "do first?",
        [
            (
                "Apologise, explain the standard refund timeline, and close the ticket.",
                {"empathy": 2, "commitment": 2},
            ),
            (
                "Call them, acknowledge the three emails and the cash worry, fix the error "
                "yourself and tell them the day the money will arrive.",
                {"empathy": 5, "commitment": 5},
            ),
            (
                "Forward the email to billing with a note to prioritise it.",
                {"empathy": 2, "commitment": 3},
            ),
            (
                "Reply with the refund policy so they know what to expect.",
                {"empathy": 1, "commitment": 1},
            ),
        ],
    ),
    (
        "You realise a discount you promised a customer last week is not allowed under the new "
        "pricing policy. The customer hasn't noticed.",
        [
            ("Say nothing and hope it goes unnoticed.", {"courage": 1, "commitment": 1}),
            (
                "Tell the customer what happened and ask your manager to honour the promise or "
                "offer a fair alternative.",
                {"courage": 5, "commitment": 5},
            ),
            (
                "Quietly ask your manager for an exception without telling the customer.",
                {"courage": 3, "commitment": 4},
            ),
            (
                "Email the customer that prices changed and the discount no longer applies.",
                {"courage": 3, "commitment": 2},
            ),
        ],
    ),
    (
        "A customer asks you to export all their data to a spreadsheet every Monday. It takes "
        "you twenty minutes each time.",
        [
            ("Do it every Monday, as asked.", {"curiosity": 1, "empathy": 3}),
            (
                "Ask what the spreadsheet is for; it turns out they need one number for a weekly "
                "meeting, so you set up a saved report that shows it.",
                {"curiosity": 5, "empathy": 4},
            ),
            (
                "Tell them exports are self-service and send the help article.",
                {"curiosity": 2, "empathy": 1},
            ),
            (
                "Automate the export with a script without asking them.",
                {"curiosity": 3, "empathy": 2},
            ),
        ],
    ),
    (
        "At the end of a busy day you are sending a renewal quote to a long-standing customer.",
        [
            (
                "Send it now; they'll say if something is wrong.",
                {"attention_to_detail": 1, "commitment": 2},
            ),
            (
                "Check it against their contract, notice their agreed discount is missing, fix it, "
                "and send it first thing tomorrow.",
                {"attention_to_detail": 5, "commitment": 5},
            ),
            (
                "Send it now and ask a colleague to look it over tomorrow.",
                {"attention_to_detail": 3, "commitment": 3},
            ),
            (
                "Re-use last year's quote with the dates changed.",
                {"attention_to_detail": 2, "commitment": 2},
            ),
        ],
    ),
    (
        "A customer you have helped for two years mentions that they are leaving their company "
        "next month.",
        [
            ("Wish them well and update the contact record.", {"connection": 3, "empathy": 3}),
            (
                "Thank them, ask who will take over, offer to meet their successor, and stay in "
                "touch.",
                {"connection": 5, "empathy": 4},
            ),
            ("Nothing changes for the account, so carry on.", {"connection": 1, "empathy": 1}),
            (
                "Ask them to recommend the product at their new company.",
                {"connection": 2, "empathy": 2},
            ),
        ],
    ),
    (
        "In a team meeting a colleague proposes closing tickets after 48 hours without a reply, "
        "to improve the team's response figures. You think it will hurt customers who are slow "
        "to reply.",
        [
            ("Stay quiet; the figures matter to management.", {"courage": 1, "empathy": 2}),
            (
                "Say you're concerned, explain who would be hurt, and suggest a reminder before "
                "closing.",
                {"courage": 5, "empathy": 5},
            ),
            (
                "Mention your concern to another colleague after the meeting.",
                {"courage": 2, "empathy": 3},
            ),
            ("Agree, but keep your own tickets open longer.", {"courage": 2, "empathy": 3}),
        ],
    ),
    (
        "Three customers in one week report the same confusing error message. Each ticket was "
        "closed with a workaround.",
        [
            (
                "Use the same workaround for the next customer.",
                {"curiosity": 1, "attention_to_detail": 2},
            ),
            (
                "Compare the three cases, find what they share, and write it up for the product "
                "team with the exact steps.",
                {"curiosity": 5, "attention_to_detail": 5},
            ),
            (
                "Post in the team chat that the error is back.",
                {"curiosity": 3, "attention_to_detail": 2},
            ),
            ("Add the workaround to the FAQ.", {"curiosity": 2, "attention_to_detail": 3}),
        ],
    ),
    (
        "A customer's problem needs engineering, who say it will take two weeks.",
        [
            (
                "Tell the customer it's with engineering and close your ticket.",
                {"commitment": 1, "connection": 1},
            ),
            (
                "Give the customer the timeline, set yourself reminders to update them twice a "
                "week, and check with engineering before each update.",
                {"commitment": 5, "connection": 4},
            ),
            (
                "Ask the customer to contact engineering directly from now on.",
                {"commitment": 1, "connection": 2},
            ),
            ("Tell the customer it will be fixed soon.", {"commitment": 2, "connection": 2}),
        ],
    ),
    (
        "A new teammate keeps giving customers wrong delivery dates and is clearly embarrassed "
        "about it.",
        [
            ("Quietly fix their mistakes yourself.", {"connection": 2, "courage": 2}),
            (
                "Invite them for a coffee, show how you keep track of dates, and offer to review "
                "their next few replies.",
                {"connection": 5, "courage": 4},
            ),
            ("Report it to your manager.", {"connection": 1, "courage": 3}),
            ("Leave it; they'll learn eventually.", {"connection": 1, "courage": 1}),
        ],
    ),
]

# (prompt, traits it is rated on)
WHY_PROMPTS = [
    (
        "Tell us about a time you went further than you had to for a customer or someone you "
        "were helping. What did you do, and why did you decide it was worth it?",
        ["empathy", "commitment"],
    ),
    (
        "Tell us about a time you disagreed with a decision because of how it would affect "
        "someone. Why did you speak up, or why not?",
        ["courage", "empathy"],
    ),
    (
        "Describe a problem you kept digging into after others had stopped. Why did it matter "
        "to you to find the real cause?",
        ["curiosity", "attention_to_detail"],
    ),
    (
        "Tell us about a relationship with a customer, colleague or community that you built "
        "over time. Why did you invest in it?",
        ["connection", "commitment"],
    ),
]

INTRO = (
    "There are no right answers here: we want to know how you work with people. Answer as "
    "you really are, not as you think we want. It takes about 15 minutes; your answers are "
    "saved as you go, so you can stop and come back with the same link."
)


def _statement_order() -> list[tuple[str, str, int, bool]]:
    """(key, trait, pair index, reverse) for all statements, in a fixed shuffled order in
    which no two statements on one trait sit together and no three in a row share a keying,
    so an honest candidate never gives a long run of identical answers."""
    items = [
        (f"{trait[:3]}-{'r' if reverse else 'f'}{i + 1}", trait, i, reverse)
        for trait, pairs in STATEMENTS.items()
        for i in range(len(pairs))
        for reverse in (False, True)
    ]
    rng = random.Random(2026)
    while True:  # a random greedy walk; a dead end just starts again (rare, and cheap)
        left, order = list(items), []
        while left:
            fits = [
                item
                for item in left
                if not (order and order[-1][1] == item[1])
                and not (len(order) >= 2 and order[-1][3] == order[-2][3] == item[3])
            ]
            if not fits:
                break
            order.append(rng.choice(fits))
            left.remove(order[-1])
        if not left:
            return order


def install_default_questionnaire(get_model, *, created_by=None):
    """Create version 1 of the Passion Test unless a questionnaire already exists."""
    Questionnaire = get_model("candidates", "Questionnaire")
    Question = get_model("candidates", "Question")
    ScenarioOption = get_model("candidates", "ScenarioOption")
    if Questionnaire.objects.exists():
        return None
    questionnaire = Questionnaire.objects.create(
        version=1, title="The Passion Test", intro=INTRO, created_by=created_by
    )
    position = 0
    by_key = {}
    for key, trait, index, reverse in _statement_order():
        position += 1
        by_key[key] = Question.objects.create(
            questionnaire=questionnaire,
            key=key,
            kind="likert",
            position=position,
            text=STATEMENTS[trait][index][1 if reverse else 0],
            traits=[trait],
            reverse_keyed=reverse,
        )
    for key, question in by_key.items():
        twin_key = key.replace("-r", "-f") if "-r" in key else key.replace("-f", "-r")
        question.twin = by_key[twin_key]
        question.save(update_fields=["twin"])
    for number, (situation, options) in enumerate(SCENARIOS, start=1):
        position += 1
        traits = list(dict.fromkeys(t for _, scores in options for t in scores))
        question = Question.objects.create(
            questionnaire=questionnaire,
            key=f"scenario-{number}",
            kind="scenario",
            position=position,
            text=situation,
            traits=traits,
        )
        ScenarioOption.objects.bulk_create(
            ScenarioOption(question=question, position=i, text=text, scores=scores)
            for i, (text, scores) in enumerate(options, start=1)
        )
    for number, (prompt, traits) in enumerate(WHY_PROMPTS, start=1):
        position += 1
        Question.objects.create(
            questionnaire=questionnaire,
            key=f"why-{number}",
            kind="why",
            position=position,
            text=prompt,
            traits=traits,
        )
    return questionnaire
