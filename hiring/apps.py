from django.apps import AppConfig


class HiringConfig(AppConfig):
    """The composition app: the pages that join candidates and interviews."""

    name = "hiring"
    verbose_name = "Hiring"

    def ready(self) -> None:
        from . import tasks  # noqa: F401  (registered in every process, like the other apps')
