"""The consent questions asked for one MDO, which a parent gives at once ("Alles toestaan
voor dit MDO"): accounts asks through the AppConfig hook `toestemmingsbundels`
(accounts/toestemming.py, docs/toestemming.md)."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import date_format

from accounts.models import Toestemming
from accounts.toestemming import Bundel
from arrangeren.route.models import Genodigde, Mdo
from arrangeren.route.services.mdo import MDO_TOESTEMMINGEN


def _titel(mdo: Mdo) -> str:
    naam = mdo.traject.leerling.voornaam
    if mdo.start is None:
        return f"het MDO van {naam} (de tijd wordt nog gekozen)"
    return f"het MDO van {naam} op {date_format(timezone.localtime(mdo.start), 'j F Y')}"


def toestemmingsbundels(rijen: list[Toestemming]) -> list[Bundel]:
    """Per MDO still to come: the open questions for its outside invitees (two queries)."""
    gevraagd = [
        r for r in rijen if r.status == Toestemming.Status.GEVRAAGD and r.soort in MDO_TOESTEMMINGEN
    ]
    if not gevraagd:
        return []
    mdos = (
        Mdo.objects.filter(
            traject__leerling_id__in={r.leerling_id for r in gevraagd},
            status__in=[Mdo.Status.IN_VOORBEREIDING, Mdo.Status.UITGENODIGD],
        )
        .select_related("traject__leerling")
        .prefetch_related(
            Prefetch(
                "genodigden",
                Genodigde.objects.filter(rol=Genodigde.Rol.EXTERN),
                to_attr="externen",
            )
        )
        .order_by("start", "pk")
    )
    gevonden = []
    for mdo in mdos:
        ontvangers = {(g.organisatie_id, g.user_id) for g in mdo.externen}
        eigen = tuple(
            r
            for r in gevraagd
            if r.leerling_id == mdo.traject.leerling_id
            and (r.ontvanger_organisatie_id, r.ontvanger_id) in ontvangers
        )
        if eigen:
            gevonden.append(Bundel(f"mdo-{mdo.uuid}", _titel(mdo), eigen))
    return gevonden
