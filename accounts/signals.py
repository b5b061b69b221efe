"""Keep consent-based access right when memberships or custody change."""

from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from accounts.models import Gezag, Leerling, Lidmaatschap


@receiver([post_save, post_delete], sender=Lidmaatschap)
def lidmaatschap_gewijzigd(sender, instance, **kwargs):
    from accounts.services import sync_toegang

    leerlingen = Leerling.objects.filter(
        Q(toestemmingen__ontvanger_organisatie_id=instance.organisatie_id)
        | Q(toestemmingen__ontvanger_id=instance.user_id)
    ).distinct()
    for leerling in leerlingen:
        sync_toegang(leerling)


@receiver([post_save, post_delete], sender=Gezag)
def gezag_gewijzigd(sender, instance, **kwargs):
    """A parent with custody added or removed changes whose consent counts."""
    from accounts.services import sync_toegang

    leerling = Leerling.objects.filter(pk=instance.leerling_id).first()
    if leerling is not None and leerling.toestemmingen.exists():
        sync_toegang(leerling)
