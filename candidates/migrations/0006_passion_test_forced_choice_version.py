"""Install version 2 of the default Passion Test: forced-choice blocks, unlikely virtues and
rewritten scenarios next to the version 1 statements and why questions.

A frozen copy, made when this migration was written, of `candidates/passion_test/content.py`
(its data and the version 2 loader), so that the live module can change with the product while
this migration keeps installing exactly what it installed then. It imports nothing of the
project's. Responses to version 1 stay with version 1 and keep their scores.

Long because it is content, not code.
"""

import random

from django.db import migrations

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

# Forced-choice blocks: "Which is most like you, and which least?"
# ((trait A, statement), (trait B, statement), filler statement)
#
# Rules for editing (tests/candidates/test_content_rules.py checks the countable ones):
# - Nine blocks; each trait sits in exactly three, and no two traits meet twice. The pairs
#   left out form a ring - empathy/connection, connection/curiosity, curiosity/attention to
#   detail, attention to detail/commitment, commitment/courage, courage/empathy - so each
#   trait meets the other three, and the two closest neighbours (empathy/connection,
#   commitment/attention to detail) are never asked to outrank each other.
# - Trait statements are positively keyed (picking one says more of that trait), concrete
#   things done at work, and never re-word one of the Likert STATEMENTS above.
# - The filler scores nothing. It is a work habit every employer wants that is none of the
#   six traits: speed, staying calm, following the procedure, planning one's own day,
#   targets, system skill, stamina, adapting to change, working unsupervised. Not checking,
#   finishing or following up (those are attention to detail and commitment).
# - All three must sound equally good to someone trying to impress: the same register, no
#   "always"/"every" in one only, and "customer" in most fillers too, so the word is no
#   clue. A faker should not be able to tell which one the company wants.
# - Each statement 50-110 characters and within 20 % of its block's mean length.
BLOCKS = [
    (
        (
            "empathy",
            "I slow down and reassure a customer who sounds anxious, even when the queue is long.",
        ),
        (
            "commitment",
            "If I pass a case to another team, I keep checking until the customer has an answer.",
        ),
        "I stay calm and think clearly when an upset customer and an urgent job arrive at once.",
    ),
    (
        (
            "empathy",
            "When a customer seems embarrassed by a mistake, I make it easy for them to ask for "
            "help.",
        ),
        (
            "curiosity",
            "When a customer uses our product in a way I didn't expect, I ask them to show me how.",
        ),
        "I resolve customer queries quickly and keep my queue moving even on the busiest days.",
    ),
    (
        (
            "empathy",
            "When a customer is short of time, I give them the answer first and the reasons after.",
        ),
        (
            "attention_to_detail",
            "I compare an invoice line by line with the order before it goes out to a customer.",
        ),
        "I follow our agreed procedure for customer cases, even when a shortcut looks quicker.",
    ),
    (
        (
            "connection",
            "I stay in touch with my regular customers between orders, not only when there's a "
            "problem.",
        ),
        (
            "commitment",
            "I will stay late to finish something I told a customer would be done that day.",
        ),
        "I plan my day each morning and split my time sensibly between calls, email and admin.",
    ),
    (
        (
            "connection",
            "I make sure a new colleague meets my regular customers so the relationships carry on.",
        ),
        (
            "attention_to_detail",
            "Before I end a call, I read the date, time and address back to the customer.",
        ),
        "I regularly meet or beat my targets for customer cases handled and time to first reply.",
    ),
    (
        (
            "connection",
            "I put customers in touch with each other when I think they could help one another.",
        ),
        (
            "courage",
            "I point out a colleague's mistake to them directly, before it can reach the customer.",
        ),
        "I keep my energy and focus up through long shifts of customer calls, even dull ones.",
    ),
    (
        (
            "curiosity",
            "I read back through old tickets to spot patterns in what customers keep asking for.",
        ),
        (
            "commitment",
            "When a problem I solved comes back, I pick the case up again myself, even weeks "
            "later.",
        ),
        "I know our systems inside out and can find a customer's records in a few seconds.",
    ),
    (
        (
            "curiosity",
            "I ask colleagues in other teams how their part works so I can explain it to "
            "customers.",
        ),
        (
            "courage",
            "I push back on a sales promise I know we can't keep, even when a deal depends on it.",
        ),
        "I adapt quickly when priorities, rotas or systems change at short notice.",
    ),
    (
        (
            "attention_to_detail",
            "I test links and attachments myself so that a customer doesn't receive a broken one.",
        ),
        (
            "courage",
            "I tell a customer plainly when the option they've chosen won't solve their problem.",
        ),
        "I can run a busy customer desk on my own with very little supervision.",
    ),
]

# Unlikely virtues (Likert 1-5, agreeing claims the virtue), in the spirit of the MPQ's
# Unlikely Virtues scale and over-claiming research: small lapses nearly everyone who has
# served customers has had, so agreeing with many says more about impression management
# than about the person. Rules for editing:
# - Scored on their own scale against their own norms, never on a trait (no trait here).
# - A claim almost nobody can truthfully make - "never", "every" - about ordinary work, not a
#   standard a very conscientious person could honestly meet ("I re-read my emails").
# - Nothing religious or tied to one culture or country's workplace; plain English;
#   at most 90 characters; eight of them.
VIRTUES = [
    "I have never once felt impatient with a customer, however rude they were.",
    "I have read every page of every policy document I have ever been given at work.",
    "I have never sent a customer a message with a mistake in it, not even a typo.",
    "I have never felt relieved when a difficult customer was passed to someone else.",
    "I have never pretended to be busy to avoid taking a call or serving a customer.",
    "I have never felt irritated when a colleague interrupted me to ask for help.",
    "I have never complained about a customer to anyone, not even in private.",
    "I have never watched the clock and wished a shift would end sooner.",
]

# (situation, [(option, {trait: 1..5})])
#
# Rules for editing (the test checks the countable ones):
# - Four options, every one scored on the scenario's same two traits, 1..5. A key says what
#   the behaviour shows on the trait's rubric (passionhire/traits.py), never how much the
#   option says; the comment above each option gives the reason.
# - Options within 20 % of the scenario's mean length, and the same shape: one or two
#   actions each. The best option must not be findable by being the longest, the most
#   elaborate or the one with most steps; the top-scored option is the longest in at most
#   three of the nine scenarios, and (so brevity is no clue either) the shortest in at most
#   three.
# - At least three options a sensible professional might choose: the weaker ones are
#   reasonable habits (escalate, follow the policy, use the process), not strawmen.
# - The app shuffles options per candidate; still, the best option's place in this list
#   varies, so nobody reading the source or a printout learns "it's always the second".
SCENARIOS = [
    (
        "A customer emails for the third time about the same billing error. They are angry, "
        "and mention they run a small business that is short of cash this month. What do you "
        "do first?",
        [
            # empathy 3: a sincere apology adjusts tone; commitment 2: leaves the fix to billing
            (
                "Reply at once with a sincere apology and the refund timeline billing has given "
                "you.",
                {"empathy": 3, "commitment": 2},
            ),
            # empathy 2: urgent for anyone, not for this cash worry; commitment 3: by process
            (
                "Escalate it to the billing team lead as urgent, quoting all three emails so "
                "nothing is lost.",
                {"empathy": 2, "commitment": 3},
            ),
            # empathy 5: acts on the unspoken cash worry; commitment 5: owns it until paid
            (
                "Phone them about the cash worry, and keep the case yourself until the money "
                "has arrived.",
                {"empathy": 5, "commitment": 5},
            ),
            # empathy 2: a credit next month does nothing for this month's cash; commitment 2
            (
                "Reply with a warm apology and ask billing to add a goodwill credit to their "
                "next invoice.",
                {"empathy": 2, "commitment": 2},
            ),
        ],
    ),
    (
        "You realise a discount you promised a customer last week is not allowed under the new "
        "pricing policy. The customer hasn't noticed.",
        [
            # courage 5: owns the mistake to the customer; commitment 5: fights to keep the promise
            (
                "Tell the customer about the mix-up yourself and ask your manager to honour what "
                "you promised.",
                {"courage": 5, "commitment": 5},
            ),
            # courage 3: raises it upward but hides it from the customer; commitment 4: tries
            (
                "Ask your manager quietly for an exception, and tell the customer only if it is "
                "refused.",
                {"courage": 3, "commitment": 4},
            ),
            # courage 1: lets the customer find out from the bill; commitment 1: drops the promise
            (
                "Apply the new pricing, as the policy requires, and note the change on the "
                "customer's file.",
                {"courage": 1, "commitment": 1},
            ),
            # courage 3: delivers the bad news honestly; commitment 2: gives the promise up
            (
                "Email the customer that under the new pricing the discount can't apply, and "
                "apologise.",
                {"courage": 3, "commitment": 2},
            ),
        ],
    ),
    (
        "A customer asks you to export all their data to a spreadsheet every Monday. It takes "
        "you twenty minutes each time.",
        [
            # curiosity 1: takes the request at face value; empathy 2: what anyone would get
            (
                "Do the export every Monday as asked; it is reliable and the customer is happy "
                "with it.",
                {"curiosity": 1, "empathy": 2},
            ),
            # curiosity 1: never asks what it is for; empathy 2: hands the weekly chore back
            (
                "Send them a short guide to the self-service export so they can run it whenever "
                "they like.",
                {"curiosity": 1, "empathy": 2},
            ),
            # curiosity 3: inventive about the task, not about the need; empathy 2: unasked
            (
                "Write a small script that exports the data and emails it to them every Monday.",
                {"curiosity": 3, "empathy": 2},
            ),
            # curiosity 5: finds the real goal; empathy 4: shapes the help around their week
            (
                "Ask what the spreadsheet is for, then set up whatever gets them that answer "
                "fastest.",
                {"curiosity": 5, "empathy": 4},
            ),
        ],
    ),
    (
        "At the end of a busy day you are about to send a renewal quote you promised a "
        "long-standing customer by tonight.",
        [
            # detail 1: the customer is asked to catch the errors; commitment 2: keeps only the hour
            (
                "Send it tonight as agreed, inviting them to query anything that looks off.",
                {"attention_to_detail": 1, "commitment": 2},
            ),
            # detail 5: checks what matters to this customer; commitment 4: at a cost to oneself
            (
                "Stay on to check it line by line against their contract, then send it tonight.",
                {"attention_to_detail": 5, "commitment": 4},
            ),
            # detail 2: the check comes after it is sent; commitment 3: arranges a follow-up
            (
                "Send it now, and ask a colleague to look it over first thing tomorrow morning.",
                {"attention_to_detail": 2, "commitment": 3},
            ),
            # detail 3: reliable with a checklist, not this contract; commitment 3: on time
            (
                "Run it through the quote template's built-in checks, then send it before you "
                "log off.",
                {"attention_to_detail": 3, "commitment": 3},
            ),
        ],
    ),
    (
        "A customer you have helped for two years mentions that they are leaving their company "
        "next month.",
        [
            # connection 2: friendly, but the relationship ends here; empathy 3: marks the moment
            (
                "Thank them for two years of working together, wish them well and update the "
                "contact record.",
                {"connection": 2, "empathy": 3},
            ),
            # connection 2: keeps the account running, not the relationship; empathy 2
            (
                "Ask for a short handover note on the account so the next contact can pick it "
                "up smoothly.",
                {"connection": 2, "empathy": 2},
            ),
            # connection 3: keeps in touch, but as a sales lead; empathy 2: about us, not them
            (
                "Congratulate them, and ask whether they'd like a demo set up at their new "
                "company.",
                {"connection": 3, "empathy": 2},
            ),
            # connection 5: the relationship outlasts the job; empathy 4: leaves their work safe
            (
                "Offer to meet their successor together with them, and say you'd like to stay in "
                "touch.",
                {"connection": 5, "empathy": 4},
            ),
        ],
    ),
    (
        "In a team meeting a colleague proposes closing tickets after 48 hours without a reply, "
        "to improve the team's response figures. You think it will hurt customers who are slow "
        "to reply.",
        [
            # courage 5: challenges it openly with a proposal; empathy 5: names who gets hurt
            (
                "Say in the meeting that slow repliers would lose out, and propose a reminder "
                "before closing.",
                {"courage": 5, "empathy": 5},
            ),
            # courage 3: speaks up but softens it to a trial; empathy 3: impact in general terms
            (
                "Ask in the meeting for a one-month trial, so the team can see how customers are "
                "affected.",
                {"courage": 3, "empathy": 3},
            ),
            # courage 3: raises it, but out of sight; empathy 4: brings a real customer's case
            (
                "After the meeting, take your concern to the team lead privately, with a "
                "customer example.",
                {"courage": 3, "empathy": 4},
            ),
            # courage 2: avoids the disagreement; empathy 3: still protects its own customers
            (
                "Go along with the team's decision, but keep your own tickets open a little "
                "longer.",
                {"courage": 2, "empathy": 3},
            ),
        ],
    ),
    (
        "Three customers in one week report the same confusing error message. Each ticket was "
        "closed with a workaround.",
        [
            # curiosity 2: spreads the fix, never asks why; detail 3: makes the answer consistent
            (
                "Add the workaround to the team FAQ so every agent can give customers the same "
                "fix.",
                {"curiosity": 2, "attention_to_detail": 3},
            ),
            # curiosity 3: asks if it is a pattern; detail 2: a vague report, no specifics
            (
                "Post in the team chat that the error is back and ask whether anyone else has "
                "seen it.",
                {"curiosity": 3, "attention_to_detail": 2},
            ),
            # curiosity 5: hunts the shared cause; detail 5: exact steps engineering can repeat
            (
                "Compare the three tickets for what they share and send engineering the exact "
                "steps.",
                {"curiosity": 5, "attention_to_detail": 5},
            ),
            # curiosity 3: sees the pattern, leaves the why to others; detail 3: linked, recorded
            (
                "Log a bug report that links the three tickets and flag it to engineering as a "
                "repeat issue.",
                {"curiosity": 3, "attention_to_detail": 3},
            ),
        ],
    ),
    (
        "A customer's problem needs engineering, who say it will take two weeks.",
        [
            # commitment 2: leaves the chasing to the customer; connection 2: polite, transactional
            (
                "Give the customer the two-week estimate and ask them to get in touch if it slips.",
                {"commitment": 2, "connection": 2},
            ),
            # commitment 5: chases engineering and closes the loop; connection 4: stays in contact
            (
                "Agree a day each week to call them with news from engineering until it is fixed.",
                {"commitment": 5, "connection": 4},
            ),
            # commitment 2: hands the customer on; connection 3: a useful introduction
            (
                "Introduce the customer to the engineer on the case so they can talk to them "
                "directly.",
                {"commitment": 2, "connection": 3},
            ),
            # commitment 3: the process makes sure they hear; connection 1: an automated notice
            (
                "Keep the ticket open and linked to the engineering task, so they are told on "
                "release.",
                {"commitment": 3, "connection": 1},
            ),
        ],
    ),
    (
        "A new teammate keeps giving customers wrong delivery dates and is clearly embarrassed "
        "about it.",
        [
            # connection 2: shields them, but they never learn; courage 1: avoids the talk
            (
                "Quietly correct their replies yourself, so customers get the right dates and "
                "they are spared.",
                {"connection": 2, "courage": 1},
            ),
            # connection 1: goes over their head; courage 3: raises it, though not face to face
            (
                "Tell your manager, so the teammate gets proper training on the delivery system.",
                {"connection": 1, "courage": 3},
            ),
            # connection 5: helps them as a colleague; courage 4: raises it with them directly
            (
                "Have a quiet word with them about the dates and show them how you check yours.",
                {"connection": 5, "courage": 4},
            ),
            # connection 2: spares their face; courage 2: raises it without naming it
            (
                "Suggest in the team meeting that everyone double-check delivery dates for a "
                "while.",
                {"connection": 2, "courage": 2},
            ),
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


BLOCK_PROMPT = "Which of these is most like you at work, and which is least like you?"
INTRO_V2 = (
    "There are no right answers here: we want to know how you work with people. Answer as "
    "you really are, not as you think we want. Some questions show three statements that all "
    "sound good; pick the one most like you and the one least like you. It takes about 20 "
    "minutes over a few short pages; your answers are saved as you go, so you can take a break "
    "and come back with the same link."
)


def _interleave(*streams: list) -> list:
    """The streams' items merged so that each stream is spread evenly through the whole."""
    tagged = [
        ((i + 0.5) / len(stream), order, item)
        for order, stream in enumerate(streams)
        for i, item in enumerate(stream)
    ]
    return [item for _, _, item in sorted(tagged, key=lambda t: (t[0], t[1]))]


def install_forced_choice_version(get_model, *, created_by=None):
    """Create the forced-choice version of the Passion Test (the statements and their twins as
    before, forced-choice blocks, unlikely-virtue statements, the rewritten scenarios and the
    why questions) as the next version, unless one already exists."""
    Questionnaire = get_model("candidates", "Questionnaire")
    Question = get_model("candidates", "Question")
    ScenarioOption = get_model("candidates", "ScenarioOption")
    if Question.objects.filter(kind="block").exists():
        return None
    previous = Questionnaire.objects.order_by("-version").first()
    questionnaire = Questionnaire.objects.create(
        version=(previous.version + 1) if previous else 1,
        title="The Passion Test",
        intro=INTRO_V2,
        based_on=previous,
        created_by=created_by,
    )
    statements = [("likert", entry) for entry in _statement_order()]
    blocks = [("block", (n, block)) for n, block in enumerate(BLOCKS, start=1)]
    virtues = [("virtue", (n, text)) for n, text in enumerate(VIRTUES, start=1)]
    scenarios = [("scenario", (n, s)) for n, s in enumerate(SCENARIOS, start=1)]
    by_key = {}
    position = 0
    for kind, entry in _interleave(statements, virtues, blocks, scenarios):
        position += 1
        if kind == "likert":
            key, trait, index, reverse = entry
            by_key[key] = Question.objects.create(
                questionnaire=questionnaire,
                key=key,
                kind="likert",
                position=position,
                text=STATEMENTS[trait][index][1 if reverse else 0],
                traits=[trait],
                reverse_keyed=reverse,
            )
        elif kind == "virtue":
            number, text = entry
            Question.objects.create(
                questionnaire=questionnaire,
                key=f"virtue-{number}",
                kind="virtue",
                position=position,
                text=text,
                traits=[],
            )
        else:
            if kind == "block":
                # A block statement's scores name its trait (the value is not used); the
                # filler scores nothing.
                number, ((trait_a, text_a), (trait_b, text_b), filler) = entry
                text, traits = BLOCK_PROMPT, [trait_a, trait_b]
                options = [(text_a, {trait_a: 1}), (text_b, {trait_b: 1}), (filler, {})]
            else:
                number, (text, options) = entry
                traits = list(dict.fromkeys(t for _, scores in options for t in scores))
            question = Question.objects.create(
                questionnaire=questionnaire,
                key=f"{kind}-{number}",
                kind=kind,
                position=position,
                text=text,
                traits=traits,
            )
            ScenarioOption.objects.bulk_create(
                ScenarioOption(question=question, position=i, text=option, scores=scores)
                for i, (option, scores) in enumerate(options, start=1)
            )
    for key, question in by_key.items():
        twin_key = key.replace("-r", "-f") if "-r" in key else key.replace("-f", "-r")
        question.twin = by_key[twin_key]
        question.save(update_fields=["twin"])
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


def install(apps, schema_editor):
    install_forced_choice_version(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [("candidates", "0005_passion_test_page_visits")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
