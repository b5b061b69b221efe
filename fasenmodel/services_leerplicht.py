"""Writes of the vrijstelling route and the Variawet deviation. Each checks the rules of
fasenmodel/leerplicht.py first and saves all or nothing; a broken rule raises
ValidationError with a Dutch message per field. Edits carry the version they started from:
a save over someone else's newer save is refused, not silently overwritten."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import Leerling, Lidmaatschap, User

from .leerplicht import Advies, Besluit, Grondslag, Perspectief
from .models_leerplicht import Onderwijstijdafwijking, Vrijstelling
from .services import _datum_fouten, _tekst

VRIJSTELLING_VELDEN = (
    "aangevraagd_op",
    "zorglocatie",
    "advies",
    "advies_op",
    "besluit",
    "besluit_op",
    "startdatum",
    "einddatum",
    "toelichting",
)
MAX_UREN = Decimal("40")
CONFLICT = (
    "Iemand anders heeft deze vrijstelling intussen gewijzigd. Open de pagina opnieuw en "
    "breng uw wijziging dan aan."
)


def _niet_toekomst(fouten: dict, veld: str, datum: date | None, vandaag: date) -> None:
    if datum is not None and datum > vandaag:
        fouten[veld] = "Deze datum ligt in de toekomst."


def _check_advies_en_besluit(fouten: dict, schoon: dict, vandaag: date) -> None:
    """The independent doctor's advice, then leerplicht's decision (docs/fasenmodel.md)."""
    advies, besluit = schoon["advies"] or "", schoon["besluit"] or ""
    schoon["advies"], schoon["besluit"] = advies, besluit
    if advies and advies not in Advies.values:
        fouten["advies"] = "Kies het advies van de arts."
    if besluit and besluit not in Besluit.values:
        fouten["besluit"] = "Kies het besluit."
    if advies and schoon["advies_op"] is None:
        fouten["advies_op"] = "Vul in wanneer de arts het advies gaf."
    if not advies:
        schoon["advies_op"] = None
    _niet_toekomst(fouten, "advies_op", schoon["advies_op"], vandaag)
    if besluit and not advies:
        fouten["besluit"] = "Leerplicht besluit pas na het advies van de onafhankelijk arts."
    elif besluit == Besluit.VERLEEND and advies == Advies.NEGATIEF:
        # Thuiszittersaanpak: "Bij een negatief advies geeft leerplicht geen vrijstelling af."
        fouten["besluit"] = (
            "Bij een negatief advies van de onafhankelijk arts geeft leerplicht geen "
            "vrijstelling af."
        )
    if besluit and schoon["besluit_op"] is None:
        fouten["besluit_op"] = "Vul in wanneer leerplicht besloot."
    if not besluit:
        schoon["besluit_op"] = None
    _niet_toekomst(fouten, "besluit_op", schoon["besluit_op"], vandaag)


def _check_periode(fouten: dict, schoon: dict) -> None:
    """Only a granted exemption runs, from its start date."""
    if schoon["besluit"] == Besluit.VERLEEND:
        if schoon["startdatum"] is None:
            fouten["startdatum"] = "Vul in vanaf wanneer de leerling is vrijgesteld."
        elif schoon["einddatum"] and schoon["einddatum"] < schoon["startdatum"]:
            fouten["einddatum"] = "De einddatum ligt vóór de startdatum."
    else:
        schoon["startdatum"] = schoon["einddatum"] = None  # only a granted exemption runs


def _check_vrijstelling(leerling: Leerling, velden: dict, vandaag: date) -> dict:
    fouten: dict[str, str] = {}
    schoon = {k: velden.get(k) for k in VRIJSTELLING_VELDEN}
    if fout := _datum_fouten(schoon["aangevraagd_op"], leerling, vandaag):
        fouten["aangevraagd_op"] = fout
    schoon["zorglocatie"] = _tekst(
        fouten, "zorglocatie", schoon["zorglocatie"] or "", verplicht=False, label=""
    )[:200]
    schoon["toelichting"] = _tekst(
        fouten, "toelichting", schoon["toelichting"] or "", verplicht=False, label=""
    )
    _check_advies_en_besluit(fouten, schoon, vandaag)
    _check_periode(fouten, schoon)
    if fouten:
        raise ValidationError(fouten)
    return schoon


@transaction.atomic
def registreer_vrijstelling(
    leerling: Leerling, velden: dict, *, door: User, vandaag: date | None = None
) -> Vrijstelling:
    """Leerplicht records a request for exemption (and, if known, advice and decision)."""
    vandaag = vandaag or timezone.localdate()
    leerling = Leerling.objects.select_for_update().get(pk=leerling.pk)
    schoon = _check_vrijstelling(leerling, velden, vandaag)
    open_verzoek = Vrijstelling.objects.filter(leerling=leerling, besluit="")
    if open_verzoek.exists():
        raise ValidationError(
            f"Voor {leerling.volledige_naam} loopt al een verzoek om vrijstelling. Werk dat bij."
        )
    # The same request sent twice (a second tab, a retry; the form's one-time token,
    # docs/adr/0008-eenmalige-formulieren.md, covers the same form sent again): under the
    # pupil's lock, a second request of the same date is refused, decided or not.
    if Vrijstelling.objects.filter(
        leerling=leerling, aangevraagd_op=schoon["aangevraagd_op"]
    ).exists():
        raise ValidationError(
            f"Het verzoek van {leerling.volledige_naam} van "
            f"{schoon['aangevraagd_op']:%d-%m-%Y} staat al vast; er is niets dubbel opgeslagen."
        )
    return Vrijstelling.objects.create(leerling=leerling, ingevoerd_door=door, **schoon)


@transaction.atomic
def wijzig_vrijstelling(
    vrijstelling: Vrijstelling,
    velden: dict,
    *,
    versie: int,
    door: User,
    vandaag: date | None = None,
) -> Vrijstelling:
    vandaag = vandaag or timezone.localdate()
    vrijstelling = (
        Vrijstelling.objects.select_for_update().select_related("leerling").get(pk=vrijstelling.pk)
    )
    if versie != vrijstelling.versie:
        raise ValidationError(CONFLICT)
    schoon = _check_vrijstelling(vrijstelling.leerling, velden, vandaag)
    for veld, waarde in schoon.items():
        setattr(vrijstelling, veld, waarde)
    vrijstelling.versie += 1
    vrijstelling._change_reason = f"Gewijzigd door {door.naam}"
    vrijstelling.save()
    return vrijstelling


@transaction.atomic
def geef_visie_swv(
    vrijstelling: Vrijstelling,
    *,
    perspectief: str,
    visie: str,
    versie: int,
    door: User,
    namens: Lidmaatschap,
    vandaag: date | None = None,
) -> Vrijstelling:
    """The SWV's view on the onderwijsperspectief, which the doctor takes into account."""
    vandaag = vandaag or timezone.localdate()
    vrijstelling = Vrijstelling.objects.select_for_update().get(pk=vrijstelling.pk)
    if versie != vrijstelling.versie:
        raise ValidationError(CONFLICT)
    fouten: dict[str, str] = {}
    if perspectief not in Perspectief.values:
        fouten["perspectief"] = (
            "Kies of er volgens het samenwerkingsverband onderwijsperspectief is."
        )
    visie = _tekst(fouten, "visie", visie, verplicht=True, label="de visie van het SWV")
    if fouten:
        raise ValidationError(fouten)
    vrijstelling.perspectief_swv = perspectief
    vrijstelling.visie_swv = visie
    vrijstelling.visie_swv_op = vandaag
    vrijstelling.versie += 1
    vrijstelling._change_reason = f"Visie SWV door {door.naam} ({namens.organisatie.naam})"
    vrijstelling.save()
    return vrijstelling


@transaction.atomic
def leg_onderwijstijd_vast(
    leerling: Leerling,
    *,
    uren_per_week: Decimal | None,
    grondslag: str,
    ingroeiplan: str,
    startdatum: date | None,
    einddatum: date | None,
    door: User,
    namens: Lidmaatschap,
) -> Onderwijstijdafwijking:
    """The school of enrolment deviates from the minimum teaching time, with an ingroeiplan
    (Fasenmodel: "Ingroeiplan vereist")."""
    leerling = Leerling.objects.select_for_update().get(pk=leerling.pk)
    fouten: dict[str, str] = {}
    if leerling.school_id != namens.organisatie_id:
        fouten["__all__"] = (
            "Alleen de school van inschrijving wijkt af van de onderwijstijd: "
            f"{leerling.voornaam} staat niet (meer) op uw school ingeschreven."
        )
    if uren_per_week is None or not (0 <= uren_per_week <= MAX_UREN):
        fouten["uren_per_week"] = f"Vul het aantal uren per week in (0 tot en met {MAX_UREN})."
    if grondslag not in Grondslag.values:
        fouten["grondslag"] = "Kies de grondslag: Variawet, WEC of experimentregeling."
    ingroeiplan = _tekst(
        fouten, "ingroeiplan", ingroeiplan, verplicht=True, label="het ingroeiplan"
    )
    if startdatum is None:
        fouten["startdatum"] = "Vul de startdatum in."
    if einddatum is None:
        fouten["einddatum"] = "Vul de einddatum in: een afwijking geldt voor een bepaalde tijd."
    elif startdatum and einddatum < startdatum:
        fouten["einddatum"] = "De einddatum ligt vóór de startdatum."
    if fouten:
        raise ValidationError(fouten)
    # The same deviation sent twice (a second tab, a retry; the form's one-time token,
    # docs/adr/0008-eenmalige-formulieren.md, covers the same form sent again): under the
    # pupil's lock, an identical one is refused. Two identical deviations are never meant.
    if Onderwijstijdafwijking.objects.filter(
        leerling=leerling,
        school=namens.organisatie,
        uren_per_week=uren_per_week,
        grondslag=grondslag,
        startdatum=startdatum,
        einddatum=einddatum,
    ).exists():
        raise ValidationError(
            "Deze afwijking van de onderwijstijd staat al vast; er is niets dubbel opgeslagen."
        )
    return Onderwijstijdafwijking.objects.create(
        leerling=leerling,
        school=namens.organisatie,
        uren_per_week=uren_per_week,
        grondslag=grondslag,
        ingroeiplan=ingroeiplan,
        startdatum=startdatum,
        einddatum=einddatum,
        ingevoerd_door=door,
    )
