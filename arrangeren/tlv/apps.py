from django.apps import AppConfig


class TlvConfig(AppConfig):
    """TLV requests: prepared by the school, reviewed and decided by the SWV
    (docs/tlv.md)."""

    name = "arrangeren.tlv"
    label = "tlv"
    verbose_name = "Toelaatbaarheidsverklaringen"

    def seed_demo(self):
        from django.contrib.auth.models import Permission

        from accounts.models import User
        from arrangeren.tlv import demo

        demo.seed()
        # Parents' answers after the MDOs these dossiers hold, for the Regiomonitor.
        from arrangeren.route import demo_tevredenheid

        demo_tevredenheid.seed()
        # A traject the jeugdteam started, with the MDO planner's required parties.
        from arrangeren.route import demo_start

        demo_start.seed()
        beheerder = User.objects.filter(email="beheer@demo.nl").first()
        if beheerder is not None:
            beheerder.user_permissions.add(
                *Permission.objects.filter(
                    content_type__app_label=self.label, content_type__model="tlvinstelling"
                )
            )

    def werk_voor(self, request, rolcontext):
        """This app's part of "Mijn werk" (accounts/werk.py)."""
        from arrangeren.tlv.werk import werk_voor

        return werk_voor(request, rolcontext)

    def informatie_voor_ouder(self, leerling):
        """The decisions on TLV requests, for a parent without custody
        (accounts/ouderinformatie.py)."""
        from arrangeren.tlv.queries import informatie_voor_ouder

        return informatie_voor_ouder(leerling)
