from django.apps import AppConfig


class FasenmodelConfig(AppConfig):
    name = "fasenmodel"
    verbose_name = "Fasenmodel onderwijs-zorgcontinuüm"

    def seed_demo(self):
        from fasenmodel import demo

        demo.seed()

    def werk_voor(self, request, rolcontext):
        """This app's part of "Mijn werk" (accounts/werk.py)."""
        from fasenmodel.werk import werk_voor

        return werk_voor(request, rolcontext)
