"""Reads for a role's board: one column per stage of the fixed flow, each with its count and
its newest cards, redacted for the viewer (hiring/viewer.py).

The page costs the same number of queries whatever the role's size: the counts come with the
role (one aggregate), the cards in one query that keeps the CARDS_PER_COLUMN most recently
moved of each stage (on PostgreSQL a union of one short index scan per stage, elsewhere a
window function, so the database never hands over more; fewer for the closed stages, whose
cards are folded away), and the referral links they came by in one prefetch. Rendering grows
with the cards drawn, not with the role's size: at 10,000 applications the board drew 300
cards (554 kB of HTML) until the caps came down to 20 and 10 (110 cards, 221 kB). Cards are
ordered by when they last moved, never by a score, so hiding a viewer's anchored scores
changes no order and no count.
"""

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import F, Prefetch, Q, Window
from django.db.models.functions import RowNumber
from django.urls import reverse

from candidates import selectors as candidate_selectors
from candidates.models import CLOSED_STAGES, Application, Referral, Role, Stage
from candidates.passion_test.selectors import hide_scores
from candidates.selectors.identity import hide_identity, identity_hidden_from
from candidates.selectors.pipeline import WAITING_KNOCKED_OUT

from ..services.board import REASON_NEEDED, move_targets
from ..viewer import Viewer

# A column shows its newest cards and links to the rest: twenty fill about three screens of a
# laptop's column; a closed column (hired, rejected, withdrawn) is folded, so ten.
CARDS_PER_COLUMN = 20
CARDS_PER_CLOSED_COLUMN = 10


def _cap(stage: Stage) -> int:
    return CARDS_PER_CLOSED_COLUMN if stage in CLOSED_STAGES else CARDS_PER_COLUMN


@dataclass
class Column:
    stage: Stage
    count: int
    cards: list[Application] = field(default_factory=list)
    collapsed: bool = False
    more_url: str = ""  # the filtered list that shows the cards past the cap

    @property
    def more(self) -> int:
        return max(0, self.count - len(self.cards))


@dataclass
class Board:
    role: Role
    columns: list[Column]
    reason_needed: tuple[Stage, ...] = REASON_NEEDED

    @property
    def open_columns(self) -> list[Column]:
        return [c for c in self.columns if not c.collapsed]

    @property
    def closed_columns(self) -> list[Column]:
        return [c for c in self.columns if c.collapsed]


def _cards(role: Role):
    referrals = Referral.objects.filter(
        via_link=True, status=Referral.Status.ACCEPTED
    ).select_related("referrer")
    return (
        Application.objects.filter(role=role)
        .exclude(WAITING_KNOCKED_OUT)
        .select_related("candidate")
        .prefetch_related(Prefetch("referrals", queryset=referrals, to_attr="link_referrals"))
    )


def _redact(application: Application, *, viewer: Viewer, role: Role) -> Application:
    """What the card shows this viewer: the alias on a blind review, no scores (nor who
    referred) before the viewer's own interview is recorded."""
    application.role = role
    hidden = identity_hidden_from(viewer.user, application)
    if hidden:
        hide_identity(application)
    application.scores_hidden = not viewer.sees_scores_of(application.pk)
    if application.scores_hidden:
        hide_scores(application)
    application.referrer_name = (
        ""
        if hidden or application.scores_hidden
        else candidate_selectors.link_referrer_name(application)
    )
    application.move_targets = move_targets(application.stage)
    # Reversed once per card here rather than three times in the card's template.
    application.move_url = reverse("hiring:card_move", args=[application.pk])
    application.open_url = reverse(
        "hiring:application_detail" if viewer.is_recruiter else "hiring:application_profile",
        args=[application.pk],
    )
    return application


def _more_url(viewer: Viewer, role: Role, stage: Stage) -> str:
    # The role page names everyone, so a blind review's hiring manager reads the shortlist.
    name = (
        "hiring:shortlist"
        if role.blind_review and not viewer.is_recruiter
        else "hiring:role_detail"
    )
    return f"{reverse(name, args=[role.pk])}?stage={stage.value}"


def _newest(role: Role):
    """The cards of each column: its CARDS_PER_COLUMN (closed: CARDS_PER_CLOSED_COLUMN) most
    recently moved applications."""
    order = [F("stage_changed_at").desc(), F("pk").desc()]
    if connection.features.supports_slicing_ordering_in_compound:
        # PostgreSQL: one short index scan per stage (the application_board index), so the
        # page reads at most 9 x 20 rows whatever the role's size; numbering the whole role in a
        # window read all of it (1.3 s at 100,000 applications).
        shown = Application.objects.filter(role=role).exclude(WAITING_KNOCKED_OUT)
        first, *rest = (
            shown.filter(stage=stage).order_by(*order).values("pk")[: _cap(stage)]
            for stage in Stage
        )
        return _cards(role).filter(pk__in=first.union(*rest, all=True)).order_by(*order)
    # SQLite cannot limit the parts of a UNION: a window numbers each stage's cards.
    ranked = _cards(role).annotate(
        place=Window(RowNumber(), partition_by=[F("stage")], order_by=order)
    )
    shown = Q(place__lte=CARDS_PER_COLUMN) & ~Q(stage__in=CLOSED_STAGES) | Q(
        place__lte=CARDS_PER_CLOSED_COLUMN, stage__in=CLOSED_STAGES
    )
    return ranked.filter(shown).order_by(*order)


def board_for_role(*, viewer: Viewer, role: Role) -> Board:
    """`role` comes from `candidates.selectors.role_with_pipeline` (its stage counts, which
    leave knocked-out applications apart as every other view does)."""
    by_stage: dict[str, list[Application]] = {}
    for application in _newest(role):
        by_stage.setdefault(application.stage, []).append(
            _redact(application, viewer=viewer, role=role)
        )
    columns = []
    for item in role.pipeline:
        column = Column(
            stage=item.stage,
            count=item.count,
            cards=by_stage.get(item.stage.value, []),
            collapsed=item.stage in CLOSED_STAGES,
        )
        if column.more:
            column.more_url = _more_url(viewer, role, item.stage)
        columns.append(column)
    return Board(role=role, columns=columns)


def board_card(*, viewer: Viewer, role: Role, application_id: int) -> Application | None:
    """One card as `board_for_role` would show it (after a move)."""
    application = _cards(role).filter(pk=application_id).first()
    return None if application is None else _redact(application, viewer=viewer, role=role)
