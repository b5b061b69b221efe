"""The gezinsplan: drawn up and kept by the jeugdteam or jeugdhulp, with the parents.

Gemeenschappelijke paragraaf samenwerkingsverbanden PO en VO en gemeenten Holland-Rijnland:
"het werken vanuit een gezinsplan dat uitgaat van de doelen die de jeugdige (het gezin)
zelf stelt". Holland Rijnland Methode, stap 2: "De medewerker wijkteam/medewerker toegang
uit de woonplaats voert regie met ouders over het perspectiefplan (zorg)". So the plan
names its organisation and, explicitly, the person who holds regie (docs/opp.md,
"Gezinsplan").
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import Leerling, Lidmaatschap, User
from accounts.rollen import Recht, heeft_recht, rollen_met
from accounts.uploads import bewaar_bijlage
from opp.models import Gezinsplan, GezinsplanBijlage

from .common import _check_tekst

VERRE_TOEKOMST = timedelta(days=366)


def regievoerders(organisatie_id: int) -> QuerySet[User]:
    """The people of an organisation who may hold regie over a gezinsplan."""
    return User.objects.filter(
        lidmaatschappen__organisatie_id=organisatie_id,
        lidmaatschappen__rol__in=rollen_met(Recht.GEZINSPLAN_OPSTELLEN),
        is_active=True,
    ).distinct()


def _fouten(
    organisatie_id: int, regievoerder: User | None, doelen: str, datum: date | None
) -> None:
    fouten: dict[str, str] = {}
    mogelijk = regievoerders(organisatie_id)
    if regievoerder is None or not mogelijk.filter(pk=regievoerder.pk).exists():
        fouten["regievoerder"] = (
            "Kies wie de regie voert: een medewerker van de organisatie van het gezinsplan."
        )
    if not (doelen or "").strip():
        fouten["doelen"] = "Schrijf de doelen op die het gezin zelf stelt."
    if datum is None:
        fouten["datum"] = "Vul de datum van het plan in."
    elif datum > timezone.localdate() + VERRE_TOEKOMST:
        fouten["datum"] = "Die datum ligt te ver in de toekomst. Controleer het jaartal."
    if fouten:
        raise ValidationError(fouten)
    _check_tekst({"doelen": doelen})


def _bewaar(plan: Gezinsplan) -> Gezinsplan:
    """Save; a second running plan of the pupil (the database's constraint) is a Dutch
    error, not a server error."""
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError as fout:
        raise ValidationError(
            "Er loopt al een ander gezinsplan voor deze leerling. Bekijk de nieuwe stand en "
            "probeer opnieuw."
        ) from fout
    return plan


@transaction.atomic
def maak_gezinsplan(
    leerling: Leerling,
    *,
    door: User,
    namens: Lidmaatschap,
    regievoerder: User | None,
    doelen: str,
    datum: date | None,
    bestand: UploadedFile | None = None,
) -> Gezinsplan:
    """A new running gezinsplan of `namens`'s organisation; at most one runs per pupil."""
    if namens.user_id != door.pk or not heeft_recht(namens.rol, Recht.GEZINSPLAN_OPSTELLEN):
        raise ValidationError("Alleen het jeugdteam of de jeugdhulp stelt een gezinsplan op.")
    Leerling.objects.select_for_update().filter(pk=leerling.pk).first()
    lopend = Gezinsplan.objects.lopend().filter(leerling=leerling).first()
    if lopend is not None:
        raise ValidationError(
            "Er is al een lopend gezinsplan voor deze leerling. Sluit dat eerst af of werk het bij."
        )
    _fouten(namens.organisatie_id, regievoerder, doelen, datum)
    plan = _bewaar(
        Gezinsplan(
            leerling=leerling,
            organisatie_id=namens.organisatie_id,
            regievoerder=regievoerder,
            doelen=doelen.strip(),
            datum=datum,
            gemaakt_door=door,
        )
    )
    if bestand:
        bewaar_bijlage(GezinsplanBijlage, "Gezinsplan", bestand, door=door, gezinsplan=plan)
    return plan


@transaction.atomic
def bewaar_gezinsplan(
    plan: Gezinsplan,
    *,
    door: User,
    bewerkingen: int | None,
    regievoerder: User | None,
    doelen: str,
    datum: date | None,
    status: str,
    bestand: UploadedFile | None = None,
) -> Gezinsplan:
    """Edit the plan; a save on top of someone else's is a conflict, not an overwrite.
    The pupil is locked first (as `maak_gezinsplan` does), so two concurrent reopens of
    two plans of one pupil take turns and the second sees the first running; the
    database's constraint (one running plan per pupil) backs that up."""
    Leerling.objects.select_for_update().filter(pk=plan.leerling_id).first()
    current = Gezinsplan.objects.select_for_update().get(pk=plan.pk)
    if bewerkingen is not None and bewerkingen != current.bewerkingen:
        raise ValidationError(
            "Iemand anders heeft dit gezinsplan intussen gewijzigd. Bekijk de nieuwe stand en "
            "probeer opnieuw."
        )
    if status not in Gezinsplan.Status.values:
        raise ValidationError({"status": "Kies een status."})
    heropend = status == Gezinsplan.Status.LOPEND != current.status
    if heropend and Gezinsplan.objects.lopend().filter(leerling_id=current.leerling_id).exists():
        raise ValidationError({"status": "Er loopt al een ander gezinsplan voor deze leerling."})
    _fouten(current.organisatie_id, regievoerder, doelen, datum)
    current.regievoerder = regievoerder
    current.doelen = doelen.strip()
    current.datum = datum
    current.status = status
    current.bewerkingen += 1
    _bewaar(current)
    if bestand:
        bewaar_bijlage(GezinsplanBijlage, "Gezinsplan", bestand, door=door, gezinsplan=current)
    return current
