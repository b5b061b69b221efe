from django.apps import AppConfig


class ArrangerenConfig(AppConfig):
    name = "arrangeren"
    verbose_name = "Integraal arrangeren"

    def seed_demo(self):
        from arrangeren import demo

        demo.seed()
