from django.apps import AppConfig


class OppConfig(AppConfig):
    name = "opp"
    verbose_name = "Ontwikkelingsperspectiefplan (OPP)"

    def seed_demo(self):
        from opp import demo

        demo.seed()
