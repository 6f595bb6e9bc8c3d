from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    """Signed webhooks, on the ground floor: candidates' and hiring's services emit events."""

    name = "passionhire.webhooks"
    label = "webhooks"
    verbose_name = "Webhooks"

    def ready(self):
        from . import tasks  # noqa: F401  (registered in every process)
