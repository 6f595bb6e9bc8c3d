from django.conf import settings
from django.core.management.base import BaseCommand

from hiring.demo import seed_demo
from hiring.demo_analytics import seed_analytics_demo
from hiring.demo_careers import seed_careers_demo
from hiring.demo_timeline import spread_demo_timeline


class Command(BaseCommand):
    help = "Create demo users, roles and candidates (idempotent) and print the demo logins."

    def handle(self, *args, **options):
        logins = seed_demo()
        spread_demo_timeline()
        seed_careers_demo()
        seed_analytics_demo()
        self.stdout.write(
            self.style.SUCCESS(f"Demo data ready. Log in at {settings.PASSIONHIRE['SITE_URL']} as:")
        )
        for login in logins:
            self.stdout.write(
                f"  {login.role:<15} username {login.username:<10} password {login.password}"
            )
