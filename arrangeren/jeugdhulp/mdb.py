"""The multidisciplinaire begeleider's conditions and financing (docs/jeugdhulp.md,
"Multidisciplinaire begeleider"): checked by `services.registreer_inzet` before an MDB is
registered.

Source: *Holland Rijnland Methode, stap 3: profiel multidisciplinaire begeleider* and
*stap 2: profiel vaste contactpersoon voor S(B)O scholen*.
"""

from __future__ import annotations

from accounts.models import Informatiesoort, Lidmaatschap
from accounts.rollen import Recht, rollen_met
from accounts.schoolcontacten import vaste_contactpersonen
from accounts.toestemming import Toestemmingen
from arrangeren.jeugdhulp import kaders
from arrangeren.route.models import Traject
from opp.domein import Bekostiging
from opp.models import Ondertekening, Opp, OppDoel


def _fouten_opp(traject: Traject, doelen: list[OppDoel]) -> dict[str, str]:
    """*Holland Rijnland Methode, stap 3*: "Het inzetten van de multidisciplinaire
    begeleider kan uitsluitend op basis van een OPP plaatsvinden" and "Ouders stemmen in
    met de aanpak middels een handtekening onder het handelingsdeel van het OPP": the
    goals come from an OPP whose handelingsdeel the parents signed (vastgesteld)."""
    if not Opp.objects.filter(leerling=traject.leerling).exists():
        return {"soort": "Een multidisciplinaire begeleider werkt alleen vanuit een OPP."}
    opps = {doel.opp_id for doel in doelen}
    getekend = Opp.objects.filter(
        pk__in=opps,
        status=Opp.Status.VASTGESTELD,
        ondertekeningen__partij=Ondertekening.Partij.OUDER,
        ondertekeningen__status=Ondertekening.Status.GETEKEND,
    ).distinct()
    if doelen and getekend.count() < len(opps):
        return {
            "doelen": "Een multidisciplinaire begeleider werkt alleen vanuit een OPP waarvan "
            "de ouders het handelingsdeel hebben ondertekend. Koppel doelen uit het "
            "vastgestelde OPP; een concept of een OPP dat nog ter ondertekening ligt telt niet."
        }
    return {}


def _fouten_contactpersoon(traject: Traject, data: dict) -> dict[str, str]:
    """The vaste contactpersoon is the one bound to the pupil's S(B)O school (*Holland
    Rijnland Methode, stap 2*: "Elke S(B)O school werkt met een vaste contactpersoon"),
    and the parents' consent covers sharing the OPP with that person and with the
    begeleider's organisation (docs/jeugdhulp.md)."""
    leerling = traject.leerling
    contact = data.get("vaste_contactpersoon")
    if contact is None:
        return {"vaste_contactpersoon": "Betrek de vaste contactpersoon S(B)O van de school."}
    if not vaste_contactpersonen(leerling.school).filter(pk=contact.pk).exists():
        return {
            "vaste_contactpersoon": f"{contact.naam} is niet de vaste contactpersoon S(B)O "
            f"van {leerling.school.naam if leerling.school else 'de school van de leerling'}. "
            "Kies de vaste contactpersoon die aan de school is verbonden."
        }
    toestemmingen = Toestemmingen(leerling)
    teams = Lidmaatschap.objects.filter(
        user=contact, rol__in=rollen_met(Recht.CONTACTPERSOON_SBO)
    ).values_list("organisatie_id", flat=True)
    if not any(toestemmingen.dekt(Informatiesoort.OPP_INZAGE, contact.pk, team) for team in teams):
        return {
            "vaste_contactpersoon": "De ouders hebben nog geen toestemming gegeven om het OPP "
            f"te delen met {contact.naam}, de vaste contactpersoon. Vraag eerst toestemming "
            "voor inzage in het OPP."
        }
    aanbieder = data.get("aanbieder")
    if (
        aanbieder is not None
        and aanbieder.pk != leerling.school_id
        and not toestemmingen.dekt(Informatiesoort.OPP_INZAGE, None, aanbieder.pk)
    ):
        return {
            "aanbieder": "De ouders hebben nog geen toestemming gegeven om het OPP te delen "
            f"met {aanbieder.naam}, de aanbieder van de multidisciplinaire begeleider. Vraag "
            "eerst toestemming voor inzage in het OPP."
        }
    return {}


def _fouten_financiering(data: dict) -> dict[str, str]:
    """The three scenarios of *Holland Rijnland Methode, stap 3* (kaders.SCENARIO_REGELS)."""
    regel = kaders.SCENARIO_REGELS.get(data.get("scenario") or "")
    if regel is None:
        return {"scenario": "Kies hoe de multidisciplinaire begeleider wordt gefinancierd."}
    if regel.opdrachtgever_nodig and data.get("opdrachtgever") not in kaders.PARTIJNAMEN:
        return {
            "opdrachtgever": f"Kies bij scenario {regel.code} welke partij opdracht geeft: "
            "onderwijs of de gemeente."
        }
    if regel.verdeling_nodig:
        onderwijs, gemeente = data.get("aandeel_onderwijs"), data.get("aandeel_gemeente")
        if onderwijs is None or gemeente is None:
            return {
                "aandeel_onderwijs": "Vul bij scenario c de afgesproken verdeling in: het "
                "aandeel van onderwijs en van de gemeente in procenten."
            }
        if onderwijs + gemeente != 100:
            return {
                "aandeel_gemeente": f"De aandelen tellen op tot {onderwijs + gemeente}%; "
                "samen moeten ze 100% zijn."
            }
    return {}


def financiering(data: dict) -> dict:
    """The financing fields the scenario uses; the others are cleared. An MDB is always
    financed jointly: "dat onderwijs en gemeenten gezamenlijk financieren. Daarbij zijn drie
    scenario's mogelijk" (*stap 3*); the scenario says how."""
    scenario = data.get("scenario")
    opdrachtgever = data.get("opdrachtgever") if scenario in ("a", "b") else ""
    return {
        "financiering": Bekostiging.GEZAMENLIJK,
        "opdrachtgever": opdrachtgever or "",
        # b: the other party makes the budget available.
        "betaler": kaders.andere_partij(opdrachtgever) if scenario == "b" else "",
        "aandeel_onderwijs": data.get("aandeel_onderwijs") if scenario == "c" else None,
        "aandeel_gemeente": data.get("aandeel_gemeente") if scenario == "c" else None,
    }


def fouten_mdb(traject: Traject, doelen: list[OppDoel], data: dict) -> dict[str, str]:
    """A multidisciplinaire begeleider works only from a signed OPP, with the school's
    vaste contactpersoon involved under the parents' consent, for an education and a
    youth-care goal together, financed in one of the three scenarios."""
    fouten = {
        **_fouten_financiering(data),
        **_fouten_contactpersoon(traject, data),
        **_fouten_opp(traject, doelen),
    }
    soorten = {doel.soort for doel in doelen}
    if doelen and not (soorten & {"onderwijs", "beide"} and soorten & {"jeugdhulp", "beide"}):
        fouten["doelen"] = (
            "Koppel zowel een onderwijsdoel als een jeugdhulpdoel: de multidisciplinaire "
            "begeleider werkt aan beide."
        )
    return fouten
