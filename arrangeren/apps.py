from django.apps import AppConfig


class ArrangerenConfig(AppConfig):
    name = "arrangeren"
    verbose_name = "Integraal arrangeren"

    def seed_demo(self):
        from django.contrib.auth.models import Permission

        from accounts.models import User
        from arrangeren import demo

        demo.seed()
        beheerder = User.objects.filter(email="beheer@demo.nl").first()
        if beheerder is not None:
            beheerder.user_permissions.add(
                *Permission.objects.filter(
                    content_type__app_label="arrangeren", content_type__model="tlvinstelling"
                )
            )

    def draag_dossier_over(self, oud, nieuw, *, door):
        """A pupil moved school and consent allows it: the open traject follows
        (docs/overstap.md)."""
        from arrangeren.services.overdracht import draag_traject_over

        draag_traject_over(oud, nieuw, door=door)
