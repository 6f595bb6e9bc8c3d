from django.apps import AppConfig


class InterviewsConfig(AppConfig):
    name = "interviews"

    def ready(self) -> None:
        # Registered in every process, so the outbox can publish a task named by a service.
        from . import tasks  # noqa: F401
