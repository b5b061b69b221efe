"""The end of care: what school, aanbieder and toegang agree when an inzet ends, and the
signal when an inzet ends without those agreements (docs/jeugdhulp.md, "Einde van de
zorg").

Source: *Regionale afspraken Duin- en Bollenstreek*, Leidende principes 3, Rol
jeugdhulpaanbieders: "Partijen zorgen samen voor een vloeiende overgang en maken afspraken
over het moment waarop de jeugdige weer start met onderwijs volgen in een OZA of op school
en het moment waarop de dagbesteding/dagbehandeling wordt gestopt. Aanbieders kondigen
minimaal 6 weken van tevoren aan als een behandeling stopt."; Rol gemeente, Toegang: "De
lokale toegangsmedewerker is verantwoordelijk voor het organiseren van de nazorg die
eventueel op de school geleverd moet worden als jeugdigen terugkeren vanuit
dagbehandeling of dagbesteding."
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import Lidmaatschap, Organisatie, User
from accounts.rollen import Recht, Soort, rollen_met
from accounts.schoolcontacten import toegangscontactpersonen
from arrangeren.jeugdhulp import kaders
from arrangeren.jeugdhulp.models import Eindafspraak, Jeugdhulpinzet, Jeugdhulpsoort, Terugkeer

# The kinds of inzet that can take a pupil (partly) out of school: dagbehandeling is a
# behandeling, dagbesteding a begeleiding; "Anders" may be either. Jeugdhulp op School and
# the multidisciplinaire begeleider are given at school, so there is no return to agree.
SOORTEN_MET_TERUGKEER = (
    Jeugdhulpsoort.BEGELEIDING,
    Jeugdhulpsoort.BEHANDELING,
    Jeugdhulpsoort.OVERIG,
)
# The local toegangsmedewerker: someone of a jeugdteam (accounts/schoolcontacten.py).
ROLLEN_TOEGANG = rollen_met(Recht.CONTACTPERSOON_TOEGANG)
# A weekend between care and school is no gap; more than a week is.
GAT_TOEGESTAAN = timedelta(days=7)

VELDEN = (
    "zorg_stopt_op",
    "terugkeer",
    "onderwijs_start_op",
    "nazorg",
    "nazorg_door",
    "toegangsmedewerker",
)


def heeft_terugkeer(inzet: Jeugdhulpinzet) -> bool:
    return inzet.soort in SOORTEN_MET_TERUGKEER


def einde_van(inzet: Jeugdhulpinzet) -> date:
    """The announced end, else the planned one."""
    return inzet.aangekondigd_einde or inzet.geplande_einde


# Reads -------------------------------------------------------------------------------------


def vraagt_eindafspraken(inzet: Jeugdhulpinzet, vandaag: date) -> bool:
    """The inzet can take the pupil out of school, ends within 6 weeks or has ended, and
    has no agreements for its end (load it with `eindafspraak`: no query)."""
    if not heeft_terugkeer(inzet) or einde_van(inzet) > vandaag + kaders.AANKONDIGING_EINDE:
        return False
    # A missing one-to-one row raises an AttributeError too.
    return not hasattr(inzet, "eindafspraak")


def toegangsmedewerkers(school: Organisatie | None) -> tuple[list[User], list[User]]:
    """Whom the form offers as the toegangsmedewerker who organises the nazorg: the
    school's contactpersoon in the gemeentelijke toegang first, then everyone else of a
    jeugdteam. One query."""
    eigen = (
        toegangscontactpersonen(school).values("pk")
        if school is not None
        else User.objects.none().values("pk")
    )
    kandidaten = list(
        User.objects.filter(is_active=True)
        .filter(
            Q(pk__in=eigen)
            | Q(
                lidmaatschappen__rol__in=ROLLEN_TOEGANG,
                lidmaatschappen__organisatie__soort=Soort.JEUGDTEAM,
            )
        )
        .annotate(eigen=ExpressionWrapper(Q(pk__in=eigen), output_field=BooleanField()))
        .distinct()
        .order_by("naam", "pk")
    )
    return [u for u in kandidaten if u.eigen], [u for u in kandidaten if not u.eigen]


def zonder_eindafspraken(trajecten: QuerySet) -> list[Jeugdhulpinzet]:
    """Inzet of these (open) trajecten that can take the pupil out of school, ends within 6
    weeks or has ended, and has no agreements for its end: the first 25, soonest end
    first, in one query; each with `einde` and `geeindigd`."""
    vandaag = timezone.localdate()
    inzet = list(
        Jeugdhulpinzet.objects.annotate(einde=Coalesce("aangekondigd_einde", "geplande_einde"))
        .filter(
            traject__in=trajecten,
            soort__in=SOORTEN_MET_TERUGKEER,
            einde__lte=vandaag + kaders.AANKONDIGING_EINDE,
            eindafspraak__isnull=True,
        )
        .select_related("traject__leerling", "aanbieder")
        .order_by("einde", "pk")[:25]
    )
    for regel in inzet:
        regel.geeindigd = regel.einde < vandaag
    return inzet


# Writes ------------------------------------------------------------------------------------


class Eindafsprakenconflict(ValidationError):
    """Someone saved the agreements after this user opened them: nothing was saved."""


@dataclass(frozen=True)
class Uitkomst:
    afspraak: Eindafspraak
    gat: int  # days without care or school between the two, beyond a week (0: none)


def _fouten(inzet: Jeugdhulpinzet, data: dict) -> dict[str, str]:
    fouten: dict[str, str] = {}
    stopt, start = data.get("zorg_stopt_op"), data.get("onderwijs_start_op")
    if stopt is None:
        fouten["zorg_stopt_op"] = "Vul in wanneer de dagbesteding of behandeling stopt."
    elif stopt < inzet.start:
        fouten["zorg_stopt_op"] = (
            f"Die datum ligt vóór de start van de inzet ({inzet.start:%d-%m-%Y})."
        )
    terugkeer = data.get("terugkeer")
    if terugkeer not in Terugkeer.values:
        fouten["terugkeer"] = "Kies waar de leerling weer onderwijs volgt."
    elif terugkeer != Terugkeer.DOORLOPEND and start is None:
        fouten["onderwijs_start_op"] = "Vul in wanneer de leerling weer start met onderwijs."
    if start is not None and start < inzet.start:
        fouten["onderwijs_start_op"] = (
            f"Die datum ligt vóór de start van de inzet ({inzet.start:%d-%m-%Y})."
        )
    medewerker = data.get("toegangsmedewerker")
    if (data.get("nazorg") or "").strip() and medewerker is None:
        fouten["toegangsmedewerker"] = (
            "Kies de toegangsmedewerker die de nazorg op school organiseert."
        )
    if (
        medewerker is not None
        and not Lidmaatschap.objects.filter(
            user=medewerker, rol__in=ROLLEN_TOEGANG, organisatie__soort=Soort.JEUGDTEAM
        ).exists()
    ):
        fouten["toegangsmedewerker"] = "Kies iemand van een jeugdteam (de gemeentelijke toegang)."
    return fouten


@transaction.atomic
def leg_eindafspraken_vast(
    inzet: Jeugdhulpinzet, data: dict, *, door: User, bewerkingen: int
) -> Uitkomst:
    """Record (or change) the agreements for the end of an inzet. `bewerkingen` is the edit
    count the user's form was made on: if someone saved in between, nothing is saved."""
    inzet = Jeugdhulpinzet.objects.select_for_update().get(pk=inzet.pk)
    bestaand = Eindafspraak.objects.filter(inzet=inzet).first()
    if (bestaand.bewerkingen if bestaand else 0) != bewerkingen:
        raise Eindafsprakenconflict(
            "Intussen heeft iemand anders de afspraken over het einde gewijzigd. Er is niets "
            "opgeslagen; bekijk de afspraken en pas ze zo nodig opnieuw aan."
        )
    fouten = _fouten(inzet, data)
    if fouten:
        raise ValidationError(fouten)
    velden = {naam: data.get(naam) for naam in VELDEN}
    velden["nazorg"] = (velden["nazorg"] or "").strip()
    velden["nazorg_door"] = (velden["nazorg_door"] or "").strip()
    if velden["terugkeer"] == Terugkeer.DOORLOPEND:
        velden["onderwijs_start_op"] = None
    afspraak = bestaand or Eindafspraak(inzet=inzet)
    for naam, waarde in velden.items():
        setattr(afspraak, naam, waarde)
    afspraak.vastgelegd_door = door
    afspraak.bewerkingen = bewerkingen + 1
    afspraak.save()
    start = afspraak.onderwijs_start_op
    gat = (start - afspraak.zorg_stopt_op).days - 1 if start else 0
    return Uitkomst(afspraak, gat if gat > GAT_TOEGESTAAN.days else 0)
