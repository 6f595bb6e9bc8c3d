"""The validity loop's reads: a check-in from its link, and the report of how well the scores
at hire predicted the check-ins, for the hires the viewer may see (recruiters: every role; a
hiring manager: the roles they own). Every figure is an aggregate computed in SQL: the number
of queries does not grow with the number of hires."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Avg, Case, Count, F, FloatField, Q, Sum, When
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from candidates.models import Application, Role
from passionhire import signed_links
from passionhire.permissions import RECRUITER, has_role
from passionhire.signed_links import LinkError, LinkExpired, LinkRevoked
from passionhire.traits import Trait, trait_name
from passionhire.vocabulary import SOURCE_LABELS, SOURCES, WEIGHT_MAX

from ..fairness.stats import Correlation, correlation, suggested_source_weights
from .models import COMBINED, OVERALL, CheckIn, CheckInScore
from .services import TOKEN_SALT

# Below this many answered check-ins a correlation, or a source's mean, is not shown: with
# fewer the interval spans nearly everything, and a mean of 3 could be one person's rating.
MINIMUM_HIRES = 10
MINIMUM_FOR_MEAN = 5
SOURCE_ROWS = (*SOURCES, COMBINED)
ROW_LABELS = {
    **{source: gettext_lazy(label) for source, label in SOURCE_LABELS.items()},
    COMBINED: gettext_lazy("Combined profile (the score the shortlist ranks by)"),
}
COLUMNS = (OVERALL, *(t.value for t in Trait))
COLUMN_LABELS = {
    OVERALL: gettext_lazy("Overall performance"),
    **{t.value: trait_name(t) for t in Trait},
}


class CheckInDone(LinkError):
    status = 410
    title = gettext_lazy("This check-in is already recorded")
    message = gettext_lazy("Thank you: your answers are in. A check-in can be answered once.")


class CheckInExpired(LinkExpired):
    message = gettext_lazy(
        "This check-in's link ran out. Ask a recruiter if you still want to answer it."
    )


class CheckInWithdrawn(LinkRevoked):
    message = gettext_lazy(
        "This check-in was withdrawn: the person's data was erased at their request."
    )


def checkin_from_token(token: str) -> CheckIn:
    """The check-in a link stands for, with its application and role. LinkError (404) for a
    tampered or unknown link; 410 when answered, withdrawn or expired. Whether the viewer is the
    one asked is the view's question (403)."""
    pk, nonce = signed_links.unsign(salt=TOKEN_SALT, token=token)
    checkin = (
        CheckIn.objects.select_related("application__role", "application__candidate", "manager")
        .filter(pk=pk)
        .first()
    )
    if checkin is None:
        raise LinkError
    if checkin.revoked_at is not None:
        raise CheckInWithdrawn
    if checkin.nonce != nonce:
        raise LinkError
    if checkin.completed_at is not None:
        raise CheckInDone
    if checkin.expires_at <= timezone.now():
        raise CheckInExpired
    return checkin


def visible_roles(viewer):
    """The roles whose hires the viewer may read about."""
    roles = Role.objects.order_by("title", "pk")
    return roles if has_role(viewer, RECRUITER) else roles.filter(hiring_manager=viewer)


@dataclass(frozen=True)
class HireScope:
    hired_from: date | None = None
    hired_to: date | None = None
    role_id: int | None = None

    def checkins(self, viewer):
        q = Q()
        if not has_role(viewer, RECRUITER):
            q &= Q(application__role__hiring_manager=viewer)
        if self.hired_from:
            q &= Q(hired_at__date__gte=self.hired_from)
        if self.hired_to:
            q &= Q(hired_at__date__lte=self.hired_to)
        if self.role_id:
            q &= Q(application__role_id=self.role_id)
        return CheckIn.objects.filter(q)


@dataclass(frozen=True)
class Cell:
    n: int
    result: Correlation | None

    @property
    def shown(self) -> bool:
        return self.result is not None and self.n >= MINIMUM_HIRES


@dataclass(frozen=True)
class QualityRow:
    label: str
    n: int
    performance: float | None
    still_employed: float | None  # share, 0-1

    @property
    def shown(self) -> bool:
        return self.n >= MINIMUM_FOR_MEAN


@dataclass
class ValidityReport:
    opened: int = 0
    answered: int = 0
    waiting: int = 0
    lapsed: int = 0
    cells: dict[str, dict[str, Cell]] = field(default_factory=dict)
    quality: list[QualityRow] = field(default_factory=list)

    def rows(self):
        return [
            (ROW_LABELS[source], [self.cells[source][column] for column in COLUMNS])
            for source in SOURCE_ROWS
        ]

    def overall(self) -> dict[str, Correlation | None]:
        """Each source's overall score against overall performance, where it can be read."""
        return {
            source: cell.result if cell.shown else None
            for source, cell in ((s, self.cells[s][OVERALL]) for s in SOURCES)
        }

    def suggest(self, current: dict[str, int]) -> dict[str, int]:
        return suggested_source_weights(
            self.overall(), current, weight_max=WEIGHT_MAX, min_n=MINIMUM_HIRES
        )


def _rating_of_column():
    """The check-in's rating a score is compared with: the same trait's, or overall
    performance for a score over all traits."""
    return Cast(
        Case(
            *(When(trait=t.value, then=F(f"checkin__rating_{t.value}")) for t in Trait),
            default=F("checkin__performance"),
        ),
        FloatField(),
    )


def validity_report(viewer, scope: HireScope) -> ValidityReport:
    """Three queries: the check-ins' counts, the sums behind every correlation, and quality of
    hire by where the hire came from."""
    now = timezone.now()
    checkins = scope.checkins(viewer)
    counts = checkins.aggregate(
        opened=Count("pk"),
        answered=Count("pk", filter=Q(completed_at__isnull=False)),
        waiting=Count(
            "pk",
            filter=Q(completed_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now),
        ),
        lapsed=Count(
            "pk",
            filter=Q(completed_at__isnull=True, revoked_at__isnull=True, expires_at__lte=now),
        ),
    )
    report = ValidityReport(**counts)
    answered = checkins.filter(completed_at__isnull=False)
    y = _rating_of_column()
    sums = (
        CheckInScore.objects.filter(checkin__in=answered.values("pk"))
        .values_list("source", "trait")
        .annotate(
            n=Count("pk"),
            sx=Sum("value"),
            sy=Sum(y),
            sxx=Sum(F("value") * F("value")),
            syy=Sum(y * y),
            sxy=Sum(F("value") * y),
        )
        .order_by()
    )
    found = {(source, trait): row for source, trait, *row in sums}
    for source in SOURCE_ROWS:
        report.cells[source] = {}
        for column in COLUMNS:
            row = found.get((source, column))
            n = row[0] if row else 0
            report.cells[source][column] = Cell(n, correlation(*row) if row else None)
    report.quality = _quality(answered)
    return report


def _quality(answered) -> list[QualityRow]:
    by_source = (
        answered.values_list("application__source", "application__utm_campaign")
        .annotate(
            n=Count("pk"),
            performance=Avg(Cast("performance", FloatField())),
            stayed=Count("pk", filter=Q(still_employed=True)),
        )
        .order_by("application__source", "application__utm_campaign")
    )
    labels = dict(Application.Source.choices)
    rows = []
    for source, campaign, n, performance, stayed in by_source:
        label = gettext(labels[source]) if source in labels else source
        if campaign:
            label = gettext("%(source)s, campaign “%(campaign)s”") % {
                "source": label,
                "campaign": campaign,
            }
        shown = n >= MINIMUM_FOR_MEAN
        rows.append(
            QualityRow(label, n, performance if shown else None, stayed / n if shown else None)
        )
    return rows
