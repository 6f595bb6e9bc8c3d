"""A filter of the role pipeline or the ranked shortlist that one person saved under a name."""

from urllib.parse import urlencode

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower

SAVED_VIEW_NAME_MAX = 60


class SavedView(models.Model):
    """Only its owner ever sees, uses or deletes it. `params` holds the page's filter
    parameters as the page's own form validated them ({"stage": "interviews", "tag": …}); a
    search in it may name a candidate, so erasing a candidate deletes the views that do."""

    class Page(models.TextChoices):
        PIPELINE = "pipeline", "Role pipeline"
        SHORTLIST = "shortlist", "Ranked shortlist"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_views"
    )
    page = models.CharField(max_length=20, choices=Page)
    name = models.CharField(max_length=SAVED_VIEW_NAME_MAX)
    params = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                "owner", "page", Lower("name"), name="saved_view_name_once_per_page"
            ),
            models.CheckConstraint(
                condition=models.Q(page__in=["pipeline", "shortlist"]), name="saved_view_page"
            ),
        ]

    def __str__(self) -> str:
        return f"Saved view #{self.pk} of user #{self.owner_id}"

    @property
    def querystring(self) -> str:
        return urlencode(sorted(self.params.items()))
