"""What a tag may say, and the one tag row a name stands for (whatever its case)."""

import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext, gettext_noop

from .models import TAG_MAX_LENGTH, CandidateTag

MAX_TAGS_PER_CANDIDATE = 30
# Letters and digits of any language, spaces, and a little punctuation that reads as words
# ("C++", "B2B / SaaS", "speaks Welsh (fluent)"). Never a comma (taggit splits on it),
# a quote or an angle bracket.
TAG_CHARACTERS = re.compile(r"^[\w .&/+#()!?:-]+$")
# English here (forms build help texts with it); translated where it is raised.
TAG_RULE = gettext_noop(
    "A tag is one short label: letters, digits, spaces and - . & / + # ( ) ! ? : only, "
    "no commas, quotes or < >."
)


def tag_name_clean(name) -> str:
    """The tag as it will be stored (spaces tidied), or ValidationError saying what is wrong."""
    name = " ".join(str(name or "").split())
    if not name:
        raise ValidationError(gettext("Type a tag first: an empty tag says nothing."), code="empty")
    if len(name) > TAG_MAX_LENGTH:
        raise ValidationError(
            gettext("Keep a tag to {limit} characters (this one has {length}).").format(
                limit=TAG_MAX_LENGTH, length=len(name)
            ),
            code="too_long",
        )
    if "," in name:
        raise ValidationError(gettext("One tag at a time: a tag can't hold a comma."), code="comma")
    if not TAG_CHARACTERS.match(name):
        raise ValidationError(gettext(TAG_RULE), code="characters")
    if not any(c.isalnum() for c in name):
        raise ValidationError(gettext("A tag needs at least one letter or digit."), code="no_word")
    return name


def tag_for_name(name: str) -> CandidateTag:
    """The tag called `name` (already cleaned), created on first use; "Speaks Welsh" finds
    "speaks welsh". Safe when two people create the same new tag at once."""
    tag = CandidateTag.objects.filter(name__iexact=name).first()
    if tag is not None:
        return tag
    try:
        with transaction.atomic():
            tag = CandidateTag(name=name)
            tag.save()
            return tag
    except IntegrityError:  # created meanwhile by someone else
        return CandidateTag.objects.get(name__iexact=name)
