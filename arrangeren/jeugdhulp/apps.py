from django.apps import AppConfig


class JeugdhulpConfig(AppConfig):
    """Jeugdhulp inzet under a traject, its hours and the region's kaders
    (docs/jeugdhulp.md)."""

    name = "arrangeren.jeugdhulp"
    label = "jeugdhulp"
    verbose_name = "Jeugdhulp"

    def ready(self):
        from arrangeren.jeugdhulp.services import neem_kaderuitzonderingen_mee
        from arrangeren.route.signalen import traject_verhuisd

        traject_verhuisd.connect(neem_kaderuitzonderingen_mee, dispatch_uid="jeugdhulp-kader")

    def seed_demo(self):
        """A kader exception waiting for the SWV (arrangeren/jeugdhulp/demo.py)."""
        from arrangeren.jeugdhulp import demo

        demo.seed()

    def geplande_taken(self):
        """This app's scheduled jobs (accounts/planner.py runs them)."""
        from datetime import time

        from accounts.planner import Taak

        return [
            Taak(
                "meld_aflopende_jeugdhulp",
                "arrangeren.jeugdhulp.meldingen.meld_aflopende_jeugdhulp",
                "Meldt de school jeugdhulp die binnen 6 weken eindigt (eenmaal per inzet).",
                om=time(6, 45),
                verslag="{aantal:inzet,inzetten} gemeld.",
            )
        ]

    def traject_context(self, request, traject, rechten) -> dict:
        """The jeugdhulp section of the traject page (arrangeren/route/onderdelen.py)."""
        from django.utils import timezone

        from arrangeren.jeugdhulp.afsluiting import vraagt_eindafspraken
        from arrangeren.jeugdhulp.permissions import registreert_jeugdhulp, ziet_jeugdhulp

        jeugdhulp = [
            inzet
            for inzet in traject.jeugdhulp.select_related("aanbieder", "eindafspraak")
            if ziet_jeugdhulp(rechten, inzet)
        ]
        vandaag = timezone.localdate()
        for inzet in jeugdhulp:  # ends soon without agreements on the return (afsluiting.py)
            inzet.eindafspraken_nodig = vraagt_eindafspraken(inzet, vandaag)
        return {
            "jeugdhulp": jeugdhulp,
            "registreert_jeugdhulp": registreert_jeugdhulp(rechten) and traject.is_open,
        }

    def werk_voor(self, request, rolcontext):
        """This app's part of "Mijn werk" (accounts/werk.py)."""
        from arrangeren.jeugdhulp.werk import werk_voor

        return werk_voor(request, rolcontext)

    def betrokken_organisaties(self, leerling):
        """The aanbieders of the pupil's jeugdhulp, for the OPP's inzet picker
        (opp/organisaties.py)."""
        from arrangeren.jeugdhulp.models import Jeugdhulpinzet

        return [Jeugdhulpinzet.objects.filter(traject__leerling=leerling).values("aanbieder_id")]
