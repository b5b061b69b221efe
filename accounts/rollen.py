"""The roles (docs/rollen.md) as one data table: who they are, where they work, what they
reach and what they may do.

One row per role (`DEFINITIES`): the kinds of organisation it is held at, its reach
(`Bereik`: which pupils it sees without anyone granting them) and its capabilities
(`Recht`: what it may do). The permission modules (accounts/permissions.py and each
feature's permissions.py) ask this table; no role set is written down anywhere else.
Adding a role is one row here plus its tests (docs/rollen.md, "Rechten per rol").
"""

import unicodedata
from dataclasses import dataclass

from django.db import models


class Soort(models.TextChoices):
    SCHOOL = "school", "School"
    SWV = "swv", "Samenwerkingsverband passend onderwijs"
    GEMEENTE = "gemeente", "Gemeente"
    JEUGDTEAM = "jeugdteam", "Jeugdteam / wijkteam"
    JEUGDHULPAANBIEDER = "jeugdhulpaanbieder", "Jeugdhulpaanbieder"
    LEERPLICHT = "leerplicht", "Leerplicht / RBL"
    JGZ = "jgz", "Jeugdgezondheidszorg (JGZ)"
    REGIO = "regio", "Regio"


class Sector(models.TextChoices):
    PO = "PO", "Primair onderwijs"
    SBO = "SBO", "Speciaal basisonderwijs"
    SO = "SO", "Speciaal onderwijs"
    VO = "VO", "Voortgezet onderwijs"
    VSO = "VSO", "Voortgezet speciaal onderwijs"
    MBO = "MBO", "Middelbaar beroepsonderwijs"


class Rol(models.TextChoices):
    # Schools say "intern begeleider / IB'er" (PO) or "zorgcoördinator" (VO); see ROLNAMEN.
    ONDERSTEUNINGSCOORDINATOR = "ondersteuningscoordinator", "Ondersteuningscoördinator (IB'er)"
    DIRECTEUR = "directeur", "Directeur"
    LEERKRACHT = "leerkracht", "Leerkracht / mentor"
    MEDEWERKER_JEUGDTEAM = "medewerker_jeugdteam", "Medewerker jeugdteam"
    VASTE_CONTACTPERSOON = "vaste_contactpersoon", "Vaste contactpersoon S(B)O"
    MEDEWERKER_JEUGDHULP = "medewerker_jeugdhulp", "Medewerker gespecialiseerde jeugdhulp"
    MULTIDISCIPLINAIRE_BEGELEIDER = (
        "multidisciplinaire_begeleider",
        "Multidisciplinaire begeleider",
    )
    CONSULENT_SWV = "consulent_swv", "Onderwijsspecialist / consulent SWV"
    LEERPLICHTAMBTENAAR = "leerplichtambtenaar", "Leerplichtambtenaar"
    JGZ = "jgz", "Jeugdarts / jeugdverpleegkundige"
    ORGANISATIEBEHEERDER = "organisatiebeheerder", "Beheerder van de organisatie"
    BEHEERDER = "beheerder", "Beheerder van de regio"


# Parents are no Lidmaatschap: they reach their child through Gezag.
OUDER_LABEL = "Ouder / verzorger"


class Bereik(models.TextChoices):
    """Which pupils a role reaches without anyone granting it explicitly."""

    EIGEN_SCHOOL = "eigen_school", "alle leerlingen van de eigen school"
    EIGEN_LEERLINGEN = "eigen_leerlingen", "de eigen leerlingen (mentor)"
    MET_TOESTEMMING = "met_toestemming", "alleen leerlingen waarvoor toegang is verleend"
    GEEN = "geen", "geen leerlinggegevens"


class Recht(models.TextChoices):
    """What a role may do. For which pupils, requests or schools follows from the role's
    reach and the organisation it is held at; each feature's permissions.py applies that."""

    # Route (docs/route.md)
    TRAJECT_VOLGEN = "traject_volgen", "volgt als school elke stap van een traject"
    TRAJECT_OPENEN = "traject_openen", "opent een traject voor een leerling van de eigen school"
    TRAJECT_OPENEN_BUITEN_SCHOOL = (
        "traject_openen_buiten_school",
        "opent een traject als het signaal van buiten school kwam",
    )
    TRAJECT_BEWERKEN = "traject_bewerken", "bewerkt een traject van de eigen school of met regie"
    ACHTERSTANDEN_BEWAKEN = (
        "achterstanden_bewaken",
        "ziet de achterstanden van de school: trajecten, OPP-termijnen, handtekeningen",
    )
    # OPP (docs/opp.md)
    OPP_INZIEN = "opp_inzien", "leest het OPP als school"
    OPP_BEWERKEN = "opp_bewerken", "stelt het OPP op en legt het ter ondertekening voor"
    OPP_ONDERTEKENEN_SCHOOL = "opp_ondertekenen_school", "ondertekent het OPP namens de school"
    GEZINSPLAN_OPSTELLEN = (
        "gezinsplan_opstellen",
        "stelt het gezinsplan op en voert er met de ouders regie over (jeugdteam, jeugdhulp)",
    )
    # Jeugdhulp (docs/jeugdhulp.md)
    JEUGDHULP_REGISTREREN = (
        "jeugdhulp_registreren",
        "registreert jeugdhulp en uren en ziet alle inzet (met toestemming)",
    )
    JEUGDHULP_BEWAKEN = (
        "jeugdhulp_bewaken",
        "ziet het kader van 52 uur en te laat aangekondigde eindes",
    )
    KADERUITZONDERING_VASTLEGGEN = (
        "kaderuitzondering_vastleggen",
        "legt een uitzondering op het kader vast (eigen school of eigen SWV)",
    )
    CONTACTPERSOON_SBO = (
        "contactpersoon_sbo",
        "is de vaste contactpersoon S(B)O bij een multidisciplinaire begeleider",
    )
    CONTACTPERSOON_TOEGANG = (
        "contactpersoon_toegang",
        "kan contactpersoon van een school binnen de gemeentelijke toegang zijn",
    )
    # TLV (docs/tlv.md)
    TLV_INZIEN = "tlv_inzien", "ziet de TLV-aanvragen van de eigen school"
    TLV_AANVRAGEN = "tlv_aanvragen", "bereidt een TLV-aanvraag voor en dient die in"
    TLV_BESLUITEN = (
        "tlv_besluiten",
        "beoordeelt en besluit over TLV-aanvragen van de scholen van het eigen SWV",
    )
    # Fasenmodel and thuiszitters (docs/fasenmodel.md), moves (docs/overstap.md)
    THUISZITTERS_SCHOOL = (
        "thuiszitters_school",
        "ziet en registreert thuiszitters van de eigen school",
    )
    REGIO_OVERZIEN = (
        "regio_overzien",
        "ziet en registreert alle thuiszitters; ziet overzichten en overstappen van de regio",
    )
    SWV_OVERZIEN = (
        "swv_overzien",
        "ziet thuiszitters, overzichten en overstappen van de scholen van het eigen SWV",
    )
    PROCESREGIE_OVERNEMEN = "procesregie_overnemen", "neemt de procesregie over als het stokt"
    # Regiomonitor (docs/monitor.md): aggregates only, no pupil is named.
    REGIOMONITOR = (
        "regiomonitor",
        "ziet de regiomonitor (alleen aantallen) van de regio, of van het eigen SWV",
    )
    PLAATSING_VASTLEGGEN = "plaatsing_vastleggen", "legt een plaatsing in het fasenmodel vast"
    # Consent (docs/toestemming.md)
    TOESTEMMING_BEHEREN = (
        "toestemming_beheren",
        "ziet en vraagt de toestemmingen van leerlingen van de eigen school en legt het "
        "antwoord van de leerling vast",
    )
    OVERSTAP_AFHANDELEN = (
        "overstap_afhandelen",
        "hoort van een overstap en legt bij de nieuwe school de overdracht vast",
    )
    # Administration (docs/beheer.md)
    ORGANISATIE_BEHEREN = (
        "organisatie_beheren",
        "beheert medewerkers en rollen van de eigen organisatie (school: ook leerlingimport)",
    )
    REGIO_BEHEREN = "regio_beheren", "beheert de organisaties van de regio"
    TOEGANGSLOG_DOORZOEKEN = "toegangslog_doorzoeken", "doorzoekt het toegangslog"


class Rechten(frozenset):
    """A role's capabilities. Templates ask `rolcontext.rechten.tlv_inzien`; a name that is
    no `Recht` is an AttributeError (tests/accounts/test_rollen.py checks the templates)."""

    def __getattr__(self, naam: str) -> bool:
        try:
            return Recht(naam) in self
        except ValueError:
            raise AttributeError(naam) from None


GEEN_RECHTEN = Rechten()


@dataclass(frozen=True)
class Roldefinitie:
    rol: Rol
    soorten: tuple[Soort, ...]
    bereik: Bereik
    rechten: Rechten


def _rij(rol: Rol, soorten: tuple[Soort, ...], bereik: Bereik, rechten: set[Recht]):
    return Roldefinitie(rol, soorten, bereik, Rechten(rechten))


# One row per role: the role, the kinds of organisation it is held at, its reach, and
# what it may do.
DEFINITIES: tuple[Roldefinitie, ...] = (
    _rij(
        Rol.ONDERSTEUNINGSCOORDINATOR,
        (Soort.SCHOOL,),
        Bereik.EIGEN_SCHOOL,
        {
            Recht.TRAJECT_VOLGEN,
            Recht.TRAJECT_OPENEN,
            Recht.TRAJECT_BEWERKEN,
            Recht.ACHTERSTANDEN_BEWAKEN,
            Recht.OPP_INZIEN,
            Recht.OPP_BEWERKEN,
            Recht.OPP_ONDERTEKENEN_SCHOOL,
            Recht.JEUGDHULP_BEWAKEN,
            Recht.KADERUITZONDERING_VASTLEGGEN,
            Recht.TLV_INZIEN,
            Recht.TLV_AANVRAGEN,
            Recht.THUISZITTERS_SCHOOL,
            Recht.PLAATSING_VASTLEGGEN,
            Recht.TOESTEMMING_BEHEREN,
            Recht.OVERSTAP_AFHANDELEN,
        },
    ),
    _rij(
        Rol.DIRECTEUR,
        (Soort.SCHOOL,),
        Bereik.EIGEN_SCHOOL,
        {
            Recht.TRAJECT_VOLGEN,
            Recht.OPP_INZIEN,
            Recht.OPP_ONDERTEKENEN_SCHOOL,
            Recht.TLV_INZIEN,
            Recht.THUISZITTERS_SCHOOL,
        },
    ),
    # Only for the pupils they are mentor of (their reach).
    _rij(
        Rol.LEERKRACHT,
        (Soort.SCHOOL,),
        Bereik.EIGEN_LEERLINGEN,
        {Recht.TRAJECT_VOLGEN, Recht.OPP_INZIEN},
    ),
    _rij(
        Rol.MEDEWERKER_JEUGDTEAM,
        (Soort.JEUGDTEAM,),
        Bereik.MET_TOESTEMMING,
        {
            Recht.TRAJECT_OPENEN_BUITEN_SCHOOL,
            Recht.TRAJECT_BEWERKEN,  # when the jeugdteam holds regie
            Recht.JEUGDHULP_REGISTREREN,
            Recht.JEUGDHULP_BEWAKEN,
            Recht.PLAATSING_VASTLEGGEN,
            Recht.GEZINSPLAN_OPSTELLEN,
            Recht.CONTACTPERSOON_TOEGANG,
        },
    ),
    _rij(
        Rol.VASTE_CONTACTPERSOON,
        (Soort.JEUGDTEAM,),
        Bereik.MET_TOESTEMMING,
        {Recht.CONTACTPERSOON_SBO, Recht.CONTACTPERSOON_TOEGANG},
    ),
    _rij(
        Rol.MEDEWERKER_JEUGDHULP,
        (Soort.JEUGDHULPAANBIEDER,),
        Bereik.MET_TOESTEMMING,
        {Recht.GEZINSPLAN_OPSTELLEN},
    ),
    _rij(
        Rol.MULTIDISCIPLINAIRE_BEGELEIDER,
        (Soort.JEUGDHULPAANBIEDER, Soort.SCHOOL),
        Bereik.MET_TOESTEMMING,
        set(),
    ),
    _rij(
        Rol.CONSULENT_SWV,
        (Soort.SWV,),
        Bereik.MET_TOESTEMMING,
        {
            Recht.KADERUITZONDERING_VASTLEGGEN,
            Recht.TLV_BESLUITEN,
            Recht.SWV_OVERZIEN,
            Recht.REGIOMONITOR,
        },
    ),
    _rij(
        Rol.LEERPLICHTAMBTENAAR,
        (Soort.LEERPLICHT,),
        Bereik.MET_TOESTEMMING,
        {
            Recht.REGIO_OVERZIEN,
            Recht.PROCESREGIE_OVERNEMEN,
            Recht.PLAATSING_VASTLEGGEN,
            Recht.REGIOMONITOR,
        },
    ),
    _rij(Rol.JGZ, (Soort.JGZ,), Bereik.MET_TOESTEMMING, set()),
    # The school's (or office's) own administrator: imports pupils, invites staff and
    # parents, proposes and confirms roles of that organisation. No case content.
    _rij(
        Rol.ORGANISATIEBEHEERDER,
        tuple(soort for soort in Soort if soort != Soort.REGIO),
        Bereik.GEEN,
        {Recht.ORGANISATIE_BEHEREN},
    ),
    # The region's beheerder creates organisations and proposes their first beheerder;
    # reaches no pupil data (see docs/beheer.md).
    _rij(
        Rol.BEHEERDER,
        (Soort.REGIO,),
        Bereik.GEEN,
        {Recht.REGIO_BEHEREN, Recht.TOEGANGSLOG_DOORZOEKEN, Recht.REGIOMONITOR},
    ),
)

ROLLEN: dict[Rol, Roldefinitie] = {definitie.rol: definitie for definitie in DEFINITIES}


def rollen_met_bereik(bereik: Bereik) -> list[str]:
    return [rol.value for rol, definitie in ROLLEN.items() if definitie.bereik == bereik]


def rechten_van(rol: str | None) -> Rechten:
    """The capabilities of a role (a `Rol` or its stored value); none without a role."""
    return ROLLEN[Rol(rol)].rechten if rol else GEEN_RECHTEN


def heeft_recht(rol: str | None, recht: Recht) -> bool:
    return recht in rechten_van(rol)


def rollen_met(*rechten: Recht) -> frozenset[Rol]:
    """The roles holding any of these capabilities (for `rol__in=` filters)."""
    return frozenset(rol for rol, definitie in ROLLEN.items() if definitie.rechten & set(rechten))


# Role names -----------------------------------------------------------------------------
# What schools call a role, for files and searches that name a role in words. Regionale
# afspraken Duin- en Bollenstreek (Toelichting) heads the role "Ondersteuningscoördinator/
# coördinator passend onderwijs/ intern begeleider"; Nederlands Jeugdinstituut, Samen om het
# kind (deel 3) speaks of "intern begeleider" and "zorgcoördinatoren". Primary schools say
# IB'er, secondary schools zorgcoördinator (docs/rollen.md, "Wat scholen zeggen").
ROLNAMEN: dict[Rol, tuple[str, ...]] = {
    Rol.ONDERSTEUNINGSCOORDINATOR: (
        "ondersteuningscoördinator",
        "intern begeleider",
        "IB'er",
        "IB",
        "zorgcoördinator",
        "coördinator passend onderwijs",
    ),
    Rol.LEERKRACHT: ("leerkracht", "mentor", "leerkracht / mentor", "groepsleerkracht"),
}


def _rolnaam_sleutel(tekst: str) -> str:
    """Lower case without accents, apostrophes, spaces and punctuation: "IB'er" = "ib er"
    = "IBer", "zorgcoordinator" = "Zorgcoördinator"."""
    zonder_accent = unicodedata.normalize("NFKD", tekst).encode("ascii", "ignore").decode()
    return "".join(teken for teken in zonder_accent.lower() if teken.isalnum())


_ROL_VOOR_NAAM: dict[str, Rol] = {
    _rolnaam_sleutel(naam): rol
    for rol in Rol
    for naam in (rol.value, rol.label, *ROLNAMEN.get(rol, ()))
}


def rol_uit_naam(tekst: str) -> Rol | None:
    """The role a file or a person names in words ("IB'er", "intern begeleider",
    "zorgcoördinator", the label or the stored value); None when no role is meant."""
    return _ROL_VOOR_NAAM.get(_rolnaam_sleutel(tekst or ""))


# Parents -------------------------------------------------------------------------------
# Parents hold no role: what a parent may do follows custody (`Gezag.heeft_gezag`). A
# parent without custody has a right to information about important matters concerning
# the child (BW 1:377c), not to the file and not to decide (docs/rollen.md, "Ouders").


class Ouderrecht(models.TextChoices):
    INFORMATIE = (
        "informatie",
        "hoort over belangrijke zaken: de stap van het traject, geplande MDO's, een "
        "vastgesteld OPP, een besluit over een TLV",
    )
    DOSSIER = (
        "dossier",
        "leest het dossier: traject, MDO's en verslagen, stukken, OPP, jeugdhulp, TLV, fase",
    )
    BESLISSEN = (
        "beslissen",
        "beslist mee: neemt deel aan het MDO, geeft toestemming, ondertekent het "
        "handelingsdeel, schrijft de visie van de ouders",
    )


# Custody (True) or not (False) -> what the parent may.
OUDERRECHTEN: dict[bool, frozenset[Ouderrecht]] = {
    True: frozenset(Ouderrecht),
    False: frozenset({Ouderrecht.INFORMATIE}),
}


def ouder_mag(heeft_gezag: bool, recht: Ouderrecht) -> bool:
    return recht in OUDERRECHTEN[bool(heeft_gezag)]


def gezag_met(recht: Ouderrecht) -> list[bool]:
    """The custody values that hold this right, for a filter (`heeft_gezag__in=`)."""
    return [gezag for gezag, rechten in OUDERRECHTEN.items() if recht in rechten]
