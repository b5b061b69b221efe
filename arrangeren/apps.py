from django.apps import AppConfig


class ArrangerenConfig(AppConfig):
    name = "arrangeren"
    verbose_name = "Integraal arrangeren"
