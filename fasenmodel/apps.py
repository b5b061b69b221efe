from django.apps import AppConfig


class FasenmodelConfig(AppConfig):
    name = "fasenmodel"
    verbose_name = "Fasenmodel onderwijs-zorgcontinuüm"
