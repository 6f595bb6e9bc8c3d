"""What one person may know, decided once per request before anything is read.

The selectors of the composition app take a `Viewer` and return results that are already
redacted for it; templates render what they are given. The rules:

- **no anchoring**: someone on an interview of a candidate who has not recorded it yet sees no
  scores, flags, Passion Test, referrer or other people's scorecards of that candidate. Such
  candidates are listed apart and unranked, and no filter, sort, count or export depends on
  their hidden values (`Viewer.anchored`);
- **blind review**: on a blind role, names, emails and referrers stay hidden until the
  decision stage (`is_blind`); recruiters keep their operational pages (scheduling, emails);
- **employee privacy** and **erased candidates** are kept by the candidates app's selectors
  (employees only ever read their own referrals; erased rows hold no personal data).
"""

from dataclasses import dataclass

from interviews import selectors as interview_selectors
from passionhire.permissions import RECRUITER, has_role


@dataclass(frozen=True)
class Viewer:
    user: object
    is_recruiter: bool
    # Applications whose scores this viewer may not see yet (no anchoring).
    anchored: frozenset[int] = frozenset()

    def sees_scores_of(self, application_id: int) -> bool:
        return application_id not in self.anchored


def viewer_for_role(user, role) -> Viewer:
    """The viewer of a role's shortlist, CSV or compare page."""
    return Viewer(
        user=user,
        is_recruiter=has_role(user, RECRUITER),
        anchored=frozenset(interview_selectors.anchoring_hidden_ids(user, role)),
    )


def viewer_for_application(user, application_id: int) -> Viewer:
    """The viewer of one application's profile or candidate page."""
    hidden = interview_selectors.anchoring_hidden(user, application_id)
    return Viewer(
        user=user,
        is_recruiter=has_role(user, RECRUITER),
        anchored=frozenset({application_id}) if hidden else frozenset(),
    )


def is_blind(role, application) -> bool:
    """Identities hidden: the role is under blind review and this candidate has not reached
    the decision stage yet."""
    return role.blind_review and not application.revealed
