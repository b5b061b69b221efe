from django.apps import AppConfig


class OppConfig(AppConfig):
    name = "opp"
    verbose_name = "Ontwikkelingsperspectiefplan (OPP)"

    def seed_demo(self):
        from opp import demo

        demo.seed()

    def draag_dossier_over(self, oud, nieuw, *, door):
        """A pupil moved school and consent allows it: the OPP follows (docs/overstap.md)."""
        from opp.services.overdracht import draag_opp_over

        draag_opp_over(oud, nieuw, door=door)
