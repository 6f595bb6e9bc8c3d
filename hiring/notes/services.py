"""Writing a note on an application, and telling the colleagues it @mentions.

A mention of someone who may not read the note is refused with why, and nothing is saved: a
note must never be the way a candidate reaches a person who may not see them.
"""

import re

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from candidates.models import Application
from candidates.services import candidate_check_not_erased
from interviews.selectors import anchoring_hidden
from passionhire.audit import audit_record
from passionhire.notifications import Kind, notify
from passionhire.permissions import can_view_role

from .models import NOTE_MAX_LENGTH, Note

# "@" not glued to a word before it (so an email address is no mention), then a username.
MENTION = re.compile(r"(?<![\w.@+-])@([\w.@+-]+)")
MENTIONS_MAX = 20


def mentioned_usernames(text: str) -> list[str]:
    """The @usernames in `text`, in order, once each (a full stop after one is punctuation)."""
    names = []
    for match in MENTION.finditer(text):
        name = match.group(1).rstrip(".-")
        if name and name.lower() not in {n.lower() for n in names}:
            names.append(name)
    return names


def may_read_notes(user, application: Application) -> bool:
    """Recruiters and the role's hiring manager, unless they sit on an interview of this
    candidate that they have not recorded yet (no anchoring)."""
    return (
        user.is_active
        and can_view_role(user, application.role)
        and not anchoring_hidden(user, application)
    )


def why_not(user, application: Application) -> str:
    name = user.get_display_name()
    if user.is_active and can_view_role(user, application.role):
        return gettext(
            "%(name)s can't see notes on this candidate until they record their interview with "
            "them."
        ) % {"name": name}
    return gettext(
        "%(name)s can't see this candidate: only recruiters and the role's hiring manager can."
    ) % {"name": name}


def resolve_mentions(text: str, application: Application) -> list:
    """The users `text` mentions, every one of whom may read the note; ValidationError (on the
    text, saying why) for an unknown username or someone who may not see the candidate."""
    names = mentioned_usernames(text)
    if len(names) > MENTIONS_MAX:
        raise ValidationError(
            {"text": gettext("Mention at most %(n)s colleagues in a note.") % {"n": MENTIONS_MAX}}
        )
    if not names:
        return []
    query = Q()
    for name in names:
        query |= Q(username__iexact=name)
    found = {u.username.lower(): u for u in get_user_model().objects.filter(query)}
    errors = []
    users = []
    for name in names:
        user = found.get(name.lower())
        if user is None or not user.is_active:
            errors.append(gettext("Nobody here has the username @%(name)s.") % {"name": name})
        elif not may_read_notes(user, application):
            errors.append(why_not(user, application))
        else:
            users.append(user)
    if errors:
        raise ValidationError({"text": [*errors, gettext("Nothing was saved.")]})
    return users


@transaction.atomic
def note_add(*, application: Application, author, text: str) -> Note:
    """Add a note and notify the colleagues it mentions, in one transaction. Refused: an
    author who may not read notes here, an empty or too long note, an erased candidate, a
    mention of someone unknown or who may not see the candidate."""
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("candidate", "role")
        .get(pk=application.pk)
    )
    if not may_read_notes(author, application):
        raise PermissionDenied("Only recruiters and this role's hiring manager write notes here.")
    candidate_check_not_erased(application.candidate)
    text = (text or "").strip()
    if not text:
        raise ValidationError(
            {"text": gettext("Write something first: an empty note says nothing.")}
        )
    if len(text) > NOTE_MAX_LENGTH:
        raise ValidationError(
            {"text": gettext("Keep a note under %(n)s characters.") % {"n": NOTE_MAX_LENGTH}}
        )
    mentioned = resolve_mentions(text, application)
    note = Note(application=application, author=author, text=text, created_at=timezone.now())
    note.full_clean(exclude=["application", "author"])
    note.save()
    note.mentioned.set(mentioned)
    audit_record(
        actor=author,
        action="note.add",
        target=f"note:{note.pk}",
        role_id=application.role_id,
        candidate_id=application.candidate_id,
        after={"mentioned": [u.pk for u in mentioned]},
        summary=f"Note #{note.pk} on application #{application.pk}",
    )
    notify(
        recipients=mentioned,
        kind=Kind.MENTION,
        key=f"note-{note.pk}:mention",
        text=f"{author.get_display_name()} mentioned you in a note on {application.alias} "
        f"({application.role.title})",
        url=reverse("hiring:application_detail", args=[application.pk]) + "#notes",
        actor=author,
        application_id=application.pk,
    )
    return note
