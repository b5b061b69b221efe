from django.apps import AppConfig


class ArrangerenConfig(AppConfig):
    name = "arrangeren"
    verbose_name = "Integraal arrangeren"

    def seed_demo(self):
        from django.contrib.auth.models import Permission

        from accounts.models import User
        from arrangeren import demo

        demo.seed()
        beheerder = User.objects.filter(email="beheer@demo.nl").first()
        if beheerder is not None:
            beheerder.user_permissions.add(
                *Permission.objects.filter(
                    content_type__app_label="arrangeren", content_type__model="tlvinstelling"
                )
            )

    def geplande_taken(self):
        """This app's scheduled jobs (accounts/planner.py runs them). TLV's that end soon
        need none: the work list computes that signal when it is opened."""
        from datetime import time

        from accounts.planner import Taak

        return [
            Taak(
                "stuur_herinneringen",
                "arrangeren.services.stuur_herinneringen",
                "Herinnert genodigden aan een MDO dat binnen 2 dagen begint (eenmaal per "
                "genodigde).",
                om=time(7, 0),
                verslag="{aantal} herinnering(en) verstuurd.",
            )
        ]

    def draag_dossier_over(self, oud, nieuw, *, door):
        """A pupil moved school and consent allows it: the open traject follows
        (docs/overstap.md)."""
        from arrangeren.services.overdracht import draag_traject_over

        draag_traject_over(oud, nieuw, door=door)
