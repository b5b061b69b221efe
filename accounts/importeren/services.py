"""The pupil import in two steps: read the file and plan (a preview nothing is written
for but the preview itself), then confirm, which plans again against the database under
a lock on the school and applies. See docs/import.md.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.aantallen import aantal
from accounts.models import (
    Beheergebeurtenis,
    Leerlingimport,
    Lidmaatschap,
    Organisatie,
    Toegangslog,
    User,
)
from accounts.rollen import Recht, Soort, rollen_met

from .bestand import lees_tabel
from .kolommen import herken_kolommen
from .plan import Plan, maak_plan
from .rijen import FOUT, Gelezen, lees_rijen
from .toepassen import log_import, log_oude_dossiers, pas_toe

ONDERDEEL = "Leerlingimport"
AL_VERWERKT = "Deze import is al verwerkt."
# A preview holds pupils' and parents' data: not confirmed within a day, it goes.
BEWAAR_VOORBEELD = timedelta(hours=24)


def controleer_beheerder(door: User, school: Organisatie) -> None:
    """Only the school's own beheerder imports its pupils (see docs/import.md)."""
    if school.soort != Soort.SCHOOL:
        raise PermissionDenied("Alleen een school importeert leerlingen.")
    if not Lidmaatschap.objects.filter(
        user=door, organisatie=school, rol__in=rollen_met(Recht.ORGANISATIE_BEHEREN)
    ).exists():
        raise PermissionDenied("Alleen de beheerder van de school importeert leerlingen.")


def lees(school: Organisatie, bestand: File, door: User) -> Gelezen:
    tabel = lees_tabel(bestand)
    kolommen = herken_kolommen(tabel.kopregel)
    if ontbrekend := kolommen.ontbrekend():
        raise ValidationError(
            f"Deze verplichte kolom{'men ontbreken' if len(ontbrekend) > 1 else ' ontbreekt'} "
            f"in het bestand: {', '.join(ontbrekend)}. Er is niets ingelezen. Controleer of "
            "de eerste regel de kolomnamen bevat."
        )
    return lees_rijen(tabel, kolommen, school_code=school.code)


def plan_bestand(
    school: Organisatie, bestand: File, door: User, *, volledig: bool = True
) -> tuple[Gelezen, Plan]:
    """Read and plan without writing anything: the dry run."""
    controleer_beheerder(door, school)
    gelezen = lees(school, bestand, door)
    return gelezen, maak_plan(school, gelezen.rijen, volledig=volledig, door=[door])


def alle_meldingen(eerder: list[dict], plan: Plan) -> list[dict]:
    meldingen = [m for m in eerder if m.get("bron") != "plan"] + plan.meldingen
    return sorted(meldingen, key=lambda m: (m["rij"] or 0, m["soort"] != FOUT))


def _resultaat(plan: Plan, meldingen: list[dict]) -> dict:
    return {**plan.aantallen(meldingen), "extra_bevestiging": plan.vraagt_extra_bevestiging}


def lees_en_plan(
    school: Organisatie, bestand: File, door: User, volledig: bool = True
) -> Leerlingimport:
    """Step 1: the preview. Raises a Dutch ValidationError for a file that cannot be read."""
    ruim_voorbeelden_op()
    gelezen, plan = plan_bestand(school, bestand, door, volledig=volledig)
    meldingen = alle_meldingen(gelezen.meldingen, plan)
    naam = (getattr(bestand, "name", "") or "bestand").replace("\\", "/").rsplit("/", 1)[-1]
    return Leerlingimport.objects.create(
        school=school,
        door=door,
        bestandsnaam=naam[:255],
        volledig=volledig,
        rijen=gelezen.rijen,
        meldingen=meldingen,
        resultaat=_resultaat(plan, meldingen),
    )


def voorbeeld(leerlingimport: Leerlingimport, door: User | None = None) -> Plan | None:
    """The plan as it stands now, for the preview page; None once confirmed or cancelled."""
    if leerlingimport.status != Leerlingimport.Status.VOORBEELD:
        return None
    return maak_plan(
        leerlingimport.school,
        leerlingimport.rijen,
        volledig=leerlingimport.volledig,
        door=[leerlingimport.door, door],
    )


def ruim_voorbeelden_op(ouder_dan: timedelta = BEWAAR_VOORBEELD) -> int:
    """Cancel previews nobody confirmed in time and drop their rows; the counts stay.

    Run daily (`manage.py ruim_importvoorbeelden_op`) and before each new preview. A
    confirmation holds the row's lock and checks its status, so the two never cross.
    """
    return Leerlingimport.objects.filter(
        status=Leerlingimport.Status.VOORBEELD, aangemaakt_op__lt=timezone.now() - ouder_dan
    ).update(status=Leerlingimport.Status.GEANNULEERD, rijen=[])


def bevestig(
    leerlingimport: Leerlingimport,
    door: User,
    *,
    uitschrijven_bevestigd: bool = False,
    ip_adres: str | None = None,
) -> Leerlingimport:
    """Step 2: apply. Two confirmations at once: the second waits for the school's lock,
    then finds the import done. Two previews confirmed one after the other: the second
    plans against what the first wrote, so nothing is made twice."""
    with transaction.atomic():
        school = Organisatie.objects.select_for_update().get(pk=leerlingimport.school_id)
        controleer_beheerder(door, school)
        rij = Leerlingimport.objects.select_for_update().get(pk=leerlingimport.pk)
        if rij.status == Leerlingimport.Status.VERWERKT:
            raise ValidationError(AL_VERWERKT)
        if rij.status != Leerlingimport.Status.VOORBEELD:
            raise ValidationError("Deze import is geannuleerd. Lees het bestand opnieuw in.")
        plan = maak_plan(school, rij.rijen, volledig=rij.volledig, door=[rij.door, door])
        if plan.vraagt_extra_bevestiging and not uitschrijven_bevestigd:
            raise ValidationError(
                f"Deze import schrijft {len(plan.uitschrijven)} van de "
                f"{aantal(plan.aantal_ingeschreven, 'leerling,leerlingen')} uit. Controleer "
                "of dit de volledige export is en vink aan dat u dat heeft gecontroleerd."
            )
        try:
            with transaction.atomic():
                toegepast = pas_toe(plan, door)
        except IntegrityError as exc:
            raise ValidationError(
                "Er werd tegelijk een andere import van deze school verwerkt. Lees het "
                "bestand opnieuw in; wat al is verwerkt, wordt niet dubbel gemaakt."
            ) from exc
        onderdeel = f"{ONDERDEEL}: {rij.bestandsnaam}"[:200]
        log_import(
            door,
            toegepast.nieuw + toegepast.gewijzigd + toegepast.uitgeschreven,
            school,
            Toegangslog.Actie.IMPORTEREN,
            onderdeel,
            ip_adres,
        )
        log_oude_dossiers(door, toegepast.oude_dossiers, school, onderdeel, ip_adres)
        meldingen = alle_meldingen(rij.meldingen, plan)
        rij.status = Leerlingimport.Status.VERWERKT
        rij.verwerkt_op = timezone.now()
        rij.rijen = []  # the pupils' data now lives in their records, not here
        rij.meldingen = meldingen
        rij.resultaat = {**_resultaat(plan, meldingen), "uitgenodigd": toegepast.uitgenodigd}
        rij.save()
        aantallen = rij.resultaat
        Beheergebeurtenis.objects.create(
            organisatie=school,
            soort=Beheergebeurtenis.Soort.GEIMPORTEERD,
            door=door,
            toelichting=(
                f"{rij.bestandsnaam[:200]}: {aantallen['nieuw']} nieuw, "
                f"{aantallen['overstap']} overstap, {aantallen['gewijzigd']} gewijzigd, "
                f"{aantallen['uitgeschreven']} uitgeschreven, "
                f"{aantal(aantallen['fouten'], 'rij,rijen')} met fouten"
            ),
        )
    return rij


@transaction.atomic
def annuleer(leerlingimport: Leerlingimport, door: User) -> Leerlingimport:
    """Drop a preview: its rows (personal data) go; the record of the attempt stays."""
    rij = Leerlingimport.objects.select_for_update().get(pk=leerlingimport.pk)
    controleer_beheerder(door, rij.school)
    if rij.status == Leerlingimport.Status.VERWERKT:
        raise ValidationError(AL_VERWERKT)
    if rij.status == Leerlingimport.Status.VOORBEELD:
        rij.status = Leerlingimport.Status.GEANNULEERD
        rij.rijen = []
        rij.save(update_fields=["status", "rijen"])
    return rij
