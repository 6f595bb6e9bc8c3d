"""The six traits of customer passion: the one vocabulary every score in the app is on."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy


class Trait(models.TextChoices):
    EMPATHY = "empathy", "Empathy"
    COMMITMENT = "commitment", "Commitment"
    CURIOSITY = "curiosity", "Curiosity"
    ATTENTION_TO_DETAIL = "attention_to_detail", "Attention to detail"
    CONNECTION = "connection", "Connection"
    COURAGE = "courage", "Courage"


# The names as a reader sees them, in their language. `Trait.label` stays English: it goes into
# exports, audit summaries and stored explanations, which are never translated (docs/i18n.md).
NAMES = {
    Trait.EMPATHY: gettext_lazy("Empathy"),
    Trait.COMMITMENT: gettext_lazy("Commitment"),
    Trait.CURIOSITY: gettext_lazy("Curiosity"),
    Trait.ATTENTION_TO_DETAIL: gettext_lazy("Attention to detail"),
    Trait.CONNECTION: gettext_lazy("Connection"),
    Trait.COURAGE: gettext_lazy("Courage"),
}


def trait_name(trait: Trait | str) -> str:
    """A trait's name in the reader's language (a lazy string; English for an unknown value)."""
    try:
        return NAMES[Trait(trait)]
    except ValueError:
        return str(trait)


@dataclass(frozen=True)
class TraitGuide:
    trait: Trait
    icon: str  # a Bootstrap Icons name
    definition: str
    looks_for: str  # the question an interviewer keeps in mind
    rubric: dict[int, str]  # 1..5 -> behaviour that earns that rating

    @property
    def label(self) -> str:
        """The name in the reader's language: guides are only ever shown, never stored."""
        return str(NAMES[self.trait])


GUIDES: dict[Trait, TraitGuide] = {
    guide.trait: guide
    for guide in (
        TraitGuide(
            trait=Trait.EMPATHY,
            icon="heart",
            definition=gettext_lazy(
                "Notices what a customer feels as well as what they say, and lets that change "
                "what they do next."
            ),
            looks_for=gettext_lazy(
                "Did they act on the customer's feelings, or only on the ticket?"
            ),
            rubric={
                1: gettext_lazy(
                    "Describes customers as problems or ticket numbers; the customer's feelings "
                    "never appear in the story."
                ),
                2: gettext_lazy(
                    "Mentions that the customer was upset, but what they did would have been the "
                    "same for anyone."
                ),
                3: gettext_lazy(
                    "Acknowledges the customer's frustration and adjusts tone; the fix itself is "
                    "standard."
                ),
                4: gettext_lazy(
                    "Reads an unspoken need (worry, embarrassment, time pressure) and changes the "
                    "solution to meet it."
                ),
                5: gettext_lazy(
                    "Anticipates how the customer will feel before they say it, shapes the whole "
                    "experience around it, and can explain why that mattered to this person."
                ),
            },
        ),
        TraitGuide(
            trait=Trait.COMMITMENT,
            icon="check2-circle",
            definition=gettext_lazy(
                "Owns the customer's outcome to the end, including the unglamorous follow-up "
                "nobody would have checked."
            ),
            looks_for=gettext_lazy("Did they see it through after their part was officially done?"),
            rubric={
                1: gettext_lazy(
                    "Hands the problem on as soon as it leaves their job description; no follow-up."
                ),
                2: gettext_lazy(
                    "Completes their own step correctly but does not check whether the customer's "
                    "problem was solved."
                ),
                3: gettext_lazy(
                    "Follows the case to resolution when prompted by a process or a manager."
                ),
                4: gettext_lazy(
                    "Follows up unprompted, chases other teams, and closes the loop with the "
                    "customer."
                ),
                5: gettext_lazy(
                    "Treats the customer's outcome as personal; keeps a promise at real cost to "
                    "themselves and fixes the cause so it does not happen again."
                ),
            },
        ),
        TraitGuide(
            trait=Trait.CURIOSITY,
            icon="search",
            definition=gettext_lazy(
                "Wants to understand why a customer does what they do, and learns the product, "
                "the business and the person behind the request."
            ),
            looks_for=gettext_lazy("Did they ask 'why' until they found the real need?"),
            rubric={
                1: gettext_lazy(
                    "Takes every request at face value; shows no interest in the customer's "
                    "context."
                ),
                2: gettext_lazy("Asks questions only to fill in a form or a script."),
                3: gettext_lazy(
                    "Asks a follow-up question or two that uncover the real goal behind a request."
                ),
                4: gettext_lazy(
                    "Investigates patterns across customers and brings back what they learned."
                ),
                5: gettext_lazy(
                    "Hunts for the root cause and the customer's underlying goal by habit, and "
                    "changes how the team works because of what they found."
                ),
            },
        ),
        TraitGuide(
            trait=Trait.ATTENTION_TO_DETAIL,
            icon="bullseye",
            definition=gettext_lazy(
                "Gets the small things right for the customer - names, numbers, promises, "
                "the last step - because small errors cost trust."
            ),
            looks_for=gettext_lazy("Would the customer have had to check their work?"),
            rubric={
                1: gettext_lazy(
                    "Errors in names, amounts or commitments that the customer had to catch."
                ),
                2: gettext_lazy(
                    "Accurate on the main task but misses follow-on details (confirmation, "
                    "next step, the right contact)."
                ),
                3: gettext_lazy("Reliable on details when working from a checklist or a template."),
                4: gettext_lazy(
                    "Double-checks what matters to the customer without being asked, and notices "
                    "inconsistencies others missed."
                ),
                5: gettext_lazy(
                    "Builds small safeguards (notes, checks, confirmations) so nothing slips, and "
                    "can say which detail mattered most to this customer and why."
                ),
            },
        ),
        TraitGuide(
            trait=Trait.CONNECTION,
            icon="people",
            definition=gettext_lazy(
                "Builds genuine, lasting relationships with customers and colleagues; people "
                "come back to them by name."
            ),
            looks_for=gettext_lazy("Did the relationship outlast the transaction?"),
            rubric={
                1: gettext_lazy(
                    "Interactions are purely transactional; no rapport with customers or team."
                ),
                2: gettext_lazy(
                    "Polite and friendly, but the relationship ends when the case closes."
                ),
                3: gettext_lazy("Builds rapport in the moment and remembers regular customers."),
                4: gettext_lazy(
                    "Customers or colleagues seek them out; they connect people with others who "
                    "can help."
                ),
                5: gettext_lazy(
                    "Creates lasting trust: customers stay because of them, and they bring the "
                    "team together around the customer."
                ),
            },
        ),
        TraitGuide(
            trait=Trait.COURAGE,
            icon="shield-check",
            definition=gettext_lazy(
                "Does the right thing for the customer when it is uncomfortable: tells hard "
                "truths, pushes back, admits mistakes."
            ),
            looks_for=gettext_lazy("Did they take a personal risk for the customer?"),
            rubric={
                1: gettext_lazy(
                    "Avoids conflict; tells customers or managers what they want to hear."
                ),
                2: gettext_lazy(
                    "Raises concerns only when asked directly, and backs down at the first "
                    "resistance."
                ),
                3: gettext_lazy("Delivers bad news honestly and owns their own mistakes."),
                4: gettext_lazy(
                    "Challenges a colleague, a policy or a manager when it fails the customer, "
                    "with a proposal."
                ),
                5: gettext_lazy(
                    "Takes a visible personal risk to do right by the customer and changes the "
                    "outcome; can explain why staying quiet was not an option."
                ),
            },
        ),
    )
}


def guide_for(trait: Trait | str) -> TraitGuide:
    return GUIDES[Trait(trait)]


def all_guides() -> list[TraitGuide]:
    """The guides in the canonical trait order."""
    return [GUIDES[trait] for trait in Trait]
