from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Personen, organisaties en toegang"

    def ready(self):
        from accounts import inlogrem, signals  # noqa: F401 (signal receivers)

    def seed_demo(self):
        from accounts import demo_escalatie, demo_overstap

        demo_overstap.seed()
        demo_escalatie.seed()

    def werk_voor(self, request, rolcontext):
        """Escalations addressed to this person (accounts/opschalen.py)."""
        from accounts.opschalen import werk_voor

        return werk_voor(request, rolcontext)

    def geplande_taken(self):
        """This app's scheduled jobs (accounts/planner.py)."""
        from accounts.planner import TAKEN

        return TAKEN
