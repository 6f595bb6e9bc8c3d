"""Tags colleagues put on a candidate ("silver medallist", "speaks Welsh"), with django-taggit.

Our own tag and through tables rather than taggit's generic ones: the through row holds a real
foreign key to the candidate (the database keeps it whole, filters join it without a content
type), and both tables sit in this app, where the privacy test sees every field. A tag is
personal data: it is shown only where the candidate's evidence is (hiring.tags), and erasing
the candidate removes their tags, and any tag nobody else carries (hiring.services.privacy).
"""

from django.db import models
from django.db.models.functions import Lower
from taggit.models import TagBase, TaggedItemBase

TAG_MAX_LENGTH = 50


class CandidateTag(TagBase):
    class Meta:
        app_label = "candidates"
        ordering = ["name"]
        # "Speaks Welsh" and "speaks welsh" are one tag (taggit is told so too, in settings).
        constraints = [models.UniqueConstraint(Lower("name"), name="candidate_tag_name_ci")]

    def __str__(self) -> str:
        return self.name


class TaggedCandidate(TaggedItemBase):
    content_object = models.ForeignKey(
        "candidates.Candidate", on_delete=models.CASCADE, related_name="tagged"
    )
    tag = models.ForeignKey(CandidateTag, on_delete=models.CASCADE, related_name="tagged")

    class Meta:
        app_label = "candidates"
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="candidate_tag_once")
        ]

    def __str__(self) -> str:
        return f"Candidate #{self.content_object_id} tagged #{self.tag_id}"
