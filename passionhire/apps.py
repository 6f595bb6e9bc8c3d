from django.apps import AppConfig


class PassionHireConfig(AppConfig):
    name = "passionhire"
    verbose_name = "PassionHire"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from . import sso, tasks  # noqa: F401  (tasks and sso's system check, in every process)
        from .middleware import start_idle_clock_at_login

        user_logged_in.connect(start_idle_clock_at_login, dispatch_uid="ph-idle-clock")

        from celery.signals import task_success

        from .outbox import mark_done

        def outbox_task_done(sender=None, **kwargs):
            mark_done(sender.request.id)

        task_success.connect(outbox_task_done, weak=False, dispatch_uid="ph-outbox-done")

        from celery.signals import task_failure

        from .outbox import record_failure

        def outbox_task_failed(sender=None, task_id=None, exception=None, **kwargs):
            record_failure(task_id, exception)

        task_failure.connect(outbox_task_failed, weak=False, dispatch_uid="ph-outbox-failed")
