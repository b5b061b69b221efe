from django.apps import AppConfig


class OppConfig(AppConfig):
    name = "opp"
    verbose_name = "Ontwikkelingsperspectiefplan (OPP)"

    def seed_demo(self):
        from opp import demo

        demo.seed()

    def geplande_taken(self):
        """This app's scheduled jobs (accounts/planner.py runs them)."""
        from datetime import time

        from accounts.planner import Taak

        return [
            Taak(
                "stuur_opp_herinneringen",
                "opp.services.stuur_herinneringen",
                "Herinnert ondertekenaars die het handelingsdeel na 3 dagen nog niet "
                "hebben beantwoord (eenmaal per verzoek).",
                om=time(7, 0),
                verslag="{aantal:herinnering,herinneringen} verstuurd.",
            )
        ]

    def draag_dossier_over(self, oud, nieuw, *, door):
        """A pupil moved school and consent allows it: the OPP follows (docs/overstap.md)."""
        from opp.services.overdracht import draag_opp_over

        draag_opp_over(oud, nieuw, door=door)

    def werk_voor(self, request, rolcontext):
        """This app's part of "Mijn werk" (accounts/werk.py)."""
        from opp.werk import werk_voor

        return werk_voor(request, rolcontext)

    def informatie_voor_ouder(self, leerling):
        """Whether an OPP is vastgesteld, for a parent without custody
        (accounts/ouderinformatie.py); nothing of its content."""
        from accounts.ouderinformatie import Informatie, datum
        from opp.models import Opp

        opp = (
            Opp.objects.filter(leerling=leerling, status=Opp.Status.VASTGESTELD)
            .order_by("-versie")
            .first()
        )
        if opp is None:
            return [Informatie("OPP", "Er is geen vastgesteld OPP.")]
        op = f" op {datum(opp.vastgesteld_op)}" if opp.vastgesteld_op else ""
        return [Informatie("OPP", f"Versie {opp.versie} is vastgesteld{op}.")]
