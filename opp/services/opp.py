"""Drafting the OPP: first version, takeover, edits with optimistic locking, versions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction

from accounts.models import Gezag, Leerling, User
from accounts.uploads import bewaar_bijlage
from opp.domein import uitstroomfouten
from opp.inhoud import Verschil, secties, verschillen
from opp.models import Inzet, Opp, OppBijlage, OppDoel

from .common import (  # noqa: F401
    HANDELINGSDEEL_VELDEN,
    MAX_TEKST,
    OPP_VELDEN,
    Oppconflict,
    _bewerkbaar,
    _check_tekst,
)
from .verzoeken import _herzie_handtekeningen


def _maak_doelen(opp: Opp, doelen: Sequence[dict[str, Any]]) -> None:
    start = opp.doelen.count()
    for volgorde, doel in enumerate(doelen, start=start + 1):
        inzet = doel.get("inzet", [])
        nieuw = OppDoel.objects.create(
            opp=opp,
            volgorde=volgorde,
            domein=doel["domein"],
            soort=doel["soort"],
            omschrijving=doel["omschrijving"],
            criterium=doel.get("criterium", ""),
        )
        Inzet.objects.bulk_create(Inzet(doel=nieuw, **regel) for regel in inzet)


@transaction.atomic
def maak_opp(
    leerling: Leerling,
    *,
    door: User,
    velden: dict[str, Any] | None = None,
    doelen: Sequence[dict[str, Any]] = (),
) -> Opp:
    """Draft version 1, or take structured content (e.g. from an MDO) into the plan.

    With a running version (concept or ter ondertekening) the content is added to it:
    empty fields are filled and goals appended, so nobody types anything twice.
    """
    velden = {k: v for k, v in (velden or {}).items() if k in OPP_VELDEN}
    _check_tekst(velden)
    if leerling.school_id is None:
        raise ValidationError("De leerling staat niet op een school ingeschreven.")
    lopend = Opp.objects.lopend().filter(leerling=leerling).first()
    if lopend is not None:
        current = _bewerkbaar(lopend)
        for naam, waarde in velden.items():
            if waarde and not getattr(current, naam):
                setattr(current, naam, waarde)
        current.bewerkingen += 1
        current.save()
        _maak_doelen(current, list(doelen))
        _herzie_handtekeningen(current)
        return current
    laatste = Opp.objects.filter(leerling=leerling).order_by("-versie").first()
    if laatste is not None:
        raise ValidationError(
            "Er is al een vastgesteld OPP. Maak een nieuwe versie om het aan te passen."
        )
    try:
        with transaction.atomic():
            opp = Opp.objects.create(
                leerling=leerling, school=leerling.school, gemaakt_door=door, **velden
            )
    except IntegrityError as exc:
        raise ValidationError("Voor deze leerling wordt al een OPP gemaakt.") from exc
    _maak_doelen(opp, list(doelen))
    return opp


@transaction.atomic
def nieuwe_versie(opp: Opp, *, door: User, reden: str) -> Opp:
    """Step 9: adjusting the plan makes a new version; the old one stays as it was."""
    if not reden.strip():
        raise ValidationError("Geef aan waarom het OPP wordt aangepast.")
    bron = Opp.objects.select_for_update().get(pk=opp.pk)
    if bron.status != Opp.Status.VASTGESTELD:
        raise ValidationError("Alleen een vastgesteld OPP krijgt een nieuwe versie.")
    try:
        with transaction.atomic():
            nieuw = Opp.objects.create(
                leerling=bron.leerling,
                school=bron.leerling.school or bron.school,
                versie=bron.versie + 1,
                gemaakt_door=door,
                reden_nieuwe_versie=reden.strip(),
                visie_ouders=bron.visie_ouders,
                **{veld: getattr(bron, veld) for veld in OPP_VELDEN},
            )
    except IntegrityError as exc:
        raise ValidationError("Er is al een nieuwe versie in bewerking.") from exc
    # Attachments (e.g. the gezinsplan) stay with the plan; the stored file is shared.
    OppBijlage.objects.bulk_create(
        OppBijlage(
            opp=nieuw,
            titel=b.titel,
            is_gezinsplan=b.is_gezinsplan,
            bestand=b.bestand.name,
            bestandsnaam=b.bestandsnaam,
            mimetype=b.mimetype,
            grootte=b.grootte,
            geupload_door=b.geupload_door,
        )
        for b in bron.bijlagen.all()
    )
    _maak_doelen(
        nieuw,
        [
            {
                "domein": d.domein,
                "soort": d.soort,
                "omschrijving": d.omschrijving,
                "criterium": d.criterium,
                "inzet": [
                    {
                        "wat": i.wat,
                        "wie": i.wie,
                        "organisatie": i.organisatie,
                        "vanaf": i.vanaf,
                        "tot": i.tot,
                        "uren_per_week": i.uren_per_week,
                        "bekostiging": i.bekostiging,
                        "thema": i.thema,
                    }
                    for i in d.inzet.all()
                ],
            }
            for d in bron.doelen.prefetch_related("inzet")
        ],
    )
    return nieuw


@transaction.atomic
def bewaar_opp(opp: Opp, velden: dict[str, Any], *, door: User, bewerkingen: int) -> Opp:
    velden = {k: v for k, v in velden.items() if k in OPP_VELDEN}
    _check_tekst(velden)
    current = _bewerkbaar(opp, bewerkingen)
    # PO, SBO and SO: the expected VO level; VSO: the uitstroomprofiel (opp/domein.py).
    if fouten := uitstroomfouten(current.school.sector, velden):
        raise ValidationError(fouten)
    handelingsdeel_gewijzigd = any(
        getattr(current, naam) != waarde
        for naam, waarde in velden.items()
        if naam in HANDELINGSDEEL_VELDEN
    )
    for naam, waarde in velden.items():
        setattr(current, naam, waarde)
    current.bewerkingen += 1
    current.save()
    if handelingsdeel_gewijzigd:
        _herzie_handtekeningen(current)
    return current


@transaction.atomic
def bewaar_visie_ouders(opp: Opp, tekst: str, *, door: User, bewerkingen: int) -> Opp:
    """Parents write their own view; it is not part of the handelingsdeel they sign."""
    if not Gezag.objects.filter(ouder=door, leerling=opp.leerling).exists():
        raise PermissionDenied("Alleen de ouders schrijven hun visie.")
    _check_tekst({"visie_ouders": tekst})
    current = _bewerkbaar(opp, bewerkingen)
    current.visie_ouders = tekst.strip()
    current.bewerkingen += 1
    current.save()
    return current


def voeg_doel_toe(opp: Opp, *, door: User, **data: Any) -> OppDoel:
    if not (data.get("omschrijving") or "").strip():
        raise ValidationError("Beschrijf het doel.")
    _check_tekst(data)
    with transaction.atomic():
        current = _bewerkbaar(opp)
        # Under the OPP's row lock: the same goal from a second tab or a double submit
        # without its form token is refused, not added twice (accounts/eenmalig.py).
        if current.doelen.filter(
            domein=data.get("domein"),
            soort=data.get("soort"),
            omschrijving=data["omschrijving"].strip(),
            criterium=(data.get("criterium") or "").strip(),
        ).exists():
            raise ValidationError("Dit doel staat al in het plan; het is niet nog eens toegevoegd.")
        _maak_doelen(current, [data])
        current.bewerkingen += 1
        current.save()
        _herzie_handtekeningen(current)
        return current.doelen.order_by("-volgorde").first()


@transaction.atomic
def bewaar_evaluatie(doel: OppDoel, tekst: str, *, door: User) -> OppDoel:
    """The evaluation of a goal (at the evaluation date); not part of what is signed."""
    _check_tekst({"evaluatie": tekst})
    current = Opp.objects.select_for_update().get(pk=doel.opp_id)
    if current.status == Opp.Status.VERVANGEN:
        raise ValidationError("Deze versie is vervangen; evalueer in de geldende versie.")
    doel.evaluatie = tekst.strip()
    doel.save(update_fields=["evaluatie"])
    current.bewerkingen += 1
    current.save()
    return doel


@transaction.atomic
def verwijder_doel(doel: OppDoel, *, door: User) -> None:
    current = _bewerkbaar(doel.opp)
    doel.delete()
    current.bewerkingen += 1
    current.save()
    _herzie_handtekeningen(current)


def voeg_inzet_toe(doel: OppDoel, *, door: User, **data: Any) -> Inzet:
    if not (data.get("wat") or "").strip() or not (data.get("wie") or "").strip():
        raise ValidationError("Vul in wat de inzet is en wie die uitvoert.")
    if data.get("tot") and data.get("vanaf") and data["tot"] < data["vanaf"]:
        raise ValidationError("De einddatum van de inzet ligt vóór de begindatum.")
    _check_tekst(data)
    with transaction.atomic():
        current = _bewerkbaar(doel.opp)
        inzet = Inzet.objects.create(doel=doel, **data)
        current.bewerkingen += 1
        current.save()
        _herzie_handtekeningen(current)
        return inzet


@transaction.atomic
def verwijder_inzet(inzet: Inzet, *, door: User) -> None:
    current = _bewerkbaar(inzet.doel.opp)
    inzet.delete()
    current.bewerkingen += 1
    current.save()
    _herzie_handtekeningen(current)


def voeg_bijlage_toe(
    opp: Opp, titel: str, bestand: UploadedFile, *, door: User, is_gezinsplan: bool = False
) -> OppBijlage:
    with transaction.atomic():
        return bewaar_bijlage(
            OppBijlage,
            titel,
            bestand,
            door=door,
            opp=_bewerkbaar(opp),
            is_gezinsplan=is_gezinsplan,
        )


def vergelijk(oud: Opp, nieuw: Opp) -> list[Verschil]:
    """A readable diff between two versions of the OPP."""
    return verschillen(secties(oud), secties(nieuw))
