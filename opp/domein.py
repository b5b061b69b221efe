"""The OPP's vocabulary as data: development domains, kinds of goals, who pays, and
which exit field a school's sector fills in (`UITSTROOM`)."""

from dataclasses import dataclass

from django.db import models

from accounts.rollen import Sector


class Ontwikkelingsdomein(models.TextChoices):
    """The development domains a-e of an OPP goal (docs/opp.md, "Contents")."""

    EMOTIEREGULATIE = "emotieregulatie", "a. Emotieregulatie"
    ZELFREDZAAMHEID = "zelfredzaamheid", "b. Zelfredzaamheid"
    SOCIALE_VAARDIGHEDEN = "sociale_vaardigheden", "c. Sociale vaardigheden"
    SCHOOLSE_VAARDIGHEDEN = "schoolse_vaardigheden", "d. Schoolse / onderwijsvaardigheden"
    ONDERWIJS_EDUCATIE = "onderwijs_educatie", "e. Onderwijs (maatwerk) of educatie"


class Doelsoort(models.TextChoices):
    ONDERWIJS = "onderwijs", "Onderwijsdoel"
    JEUGDHULP = "jeugdhulp", "Jeugdhulpdoel"
    BEIDE = "beide", "Onderwijs en jeugdhulp"


class Bekostiging(models.TextChoices):
    ONDERWIJS = "onderwijs", "Onderwijs (school / SWV)"
    GEMEENTE = "gemeente", "Gemeente (jeugdhulp)"
    GEZAMENLIJK = "gezamenlijk", "Gezamenlijk"


class Uitstroomprofiel(models.TextChoices):
    """The exit profiles of voortgezet speciaal onderwijs (WEC art. 41a; Besluit
    kwaliteit (voortgezet) speciaal onderwijs): VSO pupils only."""

    VERVOLGONDERWIJS = "vervolgonderwijs", "Vervolgonderwijs"
    ARBEIDSMARKT = "arbeidsmarkt", "Arbeidsmarktgericht"
    DAGBESTEDING = "dagbesteding", "Dagbesteding"


class Uitstroomniveau(models.TextChoices):
    """The expected exit destination of a PO, SBO or SO pupil: a level of secondary
    education (WPO art. 40a, WEC art. 41a: "de te verwachten uitstroombestemming")."""

    PRAKTIJKONDERWIJS = "pro", "Praktijkonderwijs"
    VMBO_BASIS = "vmbo_b", "Vmbo basisberoepsgerichte leerweg"
    VMBO_KADER = "vmbo_k", "Vmbo kaderberoepsgerichte leerweg"
    VMBO_GT = "vmbo_gt", "Vmbo gemengde / theoretische leerweg"
    HAVO = "havo", "Havo"
    VWO = "vwo", "Vwo"
    VSO = "vso", "Voortgezet speciaal onderwijs"


@dataclass(frozen=True)
class Uitstroomveld:
    """Which exit field a school's sector fills in on the OPP, and under which label."""

    veld: str  # the Opp field that holds the choice
    label: str
    keuzes: type[models.TextChoices]
    bron: str
    tekstlabel: str = "Verwachte uitstroombestemming"  # the free text beside it


_BESTEMMING = Uitstroomveld(
    "uitstroomniveau",
    "Verwachte uitstroombestemming (voortgezet onderwijs)",
    Uitstroomniveau,
    "WPO art. 40a / WEC art. 41a: de te verwachten uitstroombestemming",
    "Toelichting op de uitstroombestemming",
)
_PROFIEL = Uitstroomveld(
    "uitstroomprofiel",
    "Uitstroomprofiel",
    Uitstroomprofiel,
    "WEC art. 41a: het uitstroomprofiel (vervolgonderwijs, arbeidsmarkt, dagbesteding)",
)
# Sector of the school -> its exit field. VO and MBO have neither list: they describe the
# expected destination in words (the free text `uitstroombestemming`).
UITSTROOM: dict[str, Uitstroomveld | None] = {
    Sector.PO: _BESTEMMING,
    Sector.SBO: _BESTEMMING,
    Sector.SO: _BESTEMMING,
    Sector.VSO: _PROFIEL,
    Sector.VO: None,
    Sector.MBO: None,
}
KEUZEVELDEN = ("uitstroomniveau", "uitstroomprofiel")


def uitstroomveld(sector: str | None) -> Uitstroomveld | None:
    return UITSTROOM.get(sector or "")


def uitstroomfouten(sector: str | None, velden: dict) -> dict[str, str]:
    """A choice the school's sector does not use is refused (the other list's field)."""
    veld = uitstroomveld(sector)
    fouten = {}
    for naam in KEUZEVELDEN:
        if velden.get(naam) and (veld is None or veld.veld != naam):
            fouten[naam] = (
                "Een uitstroomprofiel hoort bij het voortgezet speciaal onderwijs; kies voor "
                "deze leerling de verwachte uitstroombestemming."
                if naam == "uitstroomprofiel"
                else "Deze school vult geen uitstroombestemming in het voortgezet onderwijs in."
            )
    return fouten
