from django.apps import AppConfig


class FasenmodelConfig(AppConfig):
    name = "fasenmodel"
    verbose_name = "Fasenmodel onderwijs-zorgcontinuüm"

    def seed_demo(self):
        from fasenmodel import demo

        demo.seed()
