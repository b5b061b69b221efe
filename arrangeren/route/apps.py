from django.apps import AppConfig


class RouteConfig(AppConfig):
    """The traject through the nine steps, the MDO and its verslag (docs/route.md)."""

    name = "arrangeren.route"
    label = "route"
    verbose_name = "Route: traject, MDO en verslag"

    def ready(self):
        """Consent given later asks an outside invitee the MDO's open slot poll
        (docs/route.md, "Choosing the time")."""
        from django.db.models.signals import post_save

        from accounts.models import Toestemming
        from arrangeren.route.services.uitnodigingen import vraag_na_toestemming

        post_save.connect(vraag_na_toestemming, sender=Toestemming, dispatch_uid="route-peiling")

    def geplande_taken(self):
        """This app's scheduled jobs (accounts/planner.py runs them)."""
        from datetime import time

        from accounts.planner import Taak

        return [
            Taak(
                "stuur_herinneringen",
                "arrangeren.route.services.stuur_herinneringen",
                "Herinnert genodigden aan een MDO dat binnen 2 dagen begint (eenmaal per "
                "genodigde).",
                om=time(7, 0),
                verslag="{aantal:herinnering,herinneringen} verstuurd.",
            )
        ]

    def draag_dossier_over(self, oud, nieuw, *, door):
        """A pupil moved school and consent allows it: the open traject follows
        (docs/overstap.md)."""
        from arrangeren.route.services.overdracht import draag_traject_over

        draag_traject_over(oud, nieuw, door=door)

    def traject_context(self, request, traject, rechten):
        """Escalations of the traject: banner and history (docs/route.md, "Opschalen")."""
        from arrangeren.route.views.opschalen import opschalingen_context

        return opschalingen_context(traject, rechten)

    def werk_voor(self, request, rolcontext):
        """This app's part of "Mijn werk" (accounts/werk.py), with the phase-4 pupils
        without an OPP (arrangeren/route/faseregie.py)."""
        from arrangeren.route.contactpersoon import werk_voor_contactpersoon
        from arrangeren.route.faseregie import met_zonder_opp
        from arrangeren.route.werk import werk_voor

        # The vaste contactpersoon S(B)O's tasks (arrangeren/route/contactpersoon.py).
        onderdeel = met_zonder_opp(request, werk_voor(request, rolcontext))
        return werk_voor_contactpersoon(request, rolcontext, onderdeel)

    def traject_voor_fase(self, request, leerling):
        """The pupil's open traject, where the regie a phase implies is handed over
        (fasenmodel's phase page asks; it may not import the route)."""
        from arrangeren.route.faseregie import trajectlink

        return trajectlink(request.user, leerling)

    def betrokken_organisaties(self, leerling):
        """Organisations involved with the pupil's trajecten, for the OPP's inzet picker
        (opp/organisaties.py): the regievoerders and the MDOs' invited organisations."""
        from arrangeren.route.models import Genodigde, Traject

        return [
            Traject.objects.filter(leerling=leerling).values("regievoerder_id"),
            Genodigde.objects.filter(
                mdo__traject__leerling=leerling, organisatie__isnull=False
            ).values("organisatie_id"),
        ]

    def toestemmingsbundels(self, rijen):
        """The consent questions asked for one MDO, for "Alles toestaan voor dit MDO"
        (accounts/toestemming.py)."""
        from arrangeren.route.toestemmingsbundels import toestemmingsbundels

        return toestemmingsbundels(rijen)

    def informatie_voor_ouder(self, leerling):
        """Where the traject stands, for a parent without custody
        (accounts/ouderinformatie.py)."""
        from arrangeren.route.queries import informatie_voor_ouder

        return informatie_voor_ouder(leerling)
