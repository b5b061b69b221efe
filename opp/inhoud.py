"""The OPP's content as text: canonical form for signatures, sections for diffs.

`handelingsdeel(opp)` is the exact content a signature covers. It is serialised as JSON
with sorted keys and no insignificant whitespace, so the same content always gives the
same bytes and the same SHA-256; any change, even one byte, gives another hash.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

from accounts.schrijfwijze import getal, klein
from opp.models import Opp, OppDoel


def _tekst(waarde: object) -> str:
    if waarde is None:
        return ""
    return str(waarde)


def handelingsdeel(opp: Opp, doelen: Iterable[OppDoel] | None = None) -> dict:
    """`doelen`: the goals (with inzet prefetched) as shown to the user, if already loaded,
    so that the hash covers exactly what the page displayed."""
    uitkomst = []
    for doel in opp.doelen.prefetch_related("inzet") if doelen is None else doelen:
        uitkomst.append(
            {
                "domein": doel.domein,
                "soort": doel.soort,
                "doel": doel.omschrijving,
                "criterium": doel.criterium,
                "inzet": [
                    {
                        "wat": inzet.wat,
                        "wie": inzet.wie,
                        "organisatie": inzet.organisatie_id or "",
                        "vanaf": _tekst(inzet.vanaf),
                        "tot": _tekst(inzet.tot),
                        "uren_per_week": _tekst(inzet.uren_per_week),
                        "bekostiging": inzet.bekostiging,
                        # Only when chosen: handelingsdelen signed before it existed keep
                        # their hash.
                        **({"thema": inzet.thema} if inzet.thema else {}),
                    }
                    for inzet in doel.inzet.all()
                ],
            }
        )
    return {
        "leerling": str(opp.leerling.uuid),
        "opp_versie": opp.versie,
        "doelen": uitkomst,
        "afwijkingen": opp.afwijkingen,
        "regieafspraken": opp.regieafspraken,
        "overbrugging": opp.overbrugging,
        "evaluatiedatum": _tekst(opp.evaluatiedatum),
    }


def canoniek(opp: Opp, doelen: Iterable[OppDoel] | None = None) -> str:
    return json.dumps(
        handelingsdeel(opp, doelen), sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )


def sha256(tekst: str) -> str:
    return hashlib.sha256(tekst.encode("utf-8")).hexdigest()


@dataclass
class Verschil:
    onderdeel: str
    regels: list[str]


def secties(opp: Opp) -> list[tuple[str, str]]:
    """The whole OPP as (section, text) pairs, in reading order."""
    regels = [
        ("Uitstroomprofiel", opp.get_uitstroomprofiel_display()),
        ("Verwachte uitstroombestemming (VO)", opp.get_uitstroomniveau_display()),
        ("Uitstroombestemming", opp.uitstroombestemming),
        ("Onderbouwing", opp.onderbouwing),
        ("Belemmerende factoren", opp.belemmerende_factoren),
        ("Bevorderende factoren", opp.bevorderende_factoren),
        ("Ondersteuningsbehoeften", opp.ondersteuningsbehoeften),
        ("Integratief beeld", opp.integratief_beeld),
    ]
    for nummer, doel in enumerate(opp.doelen.all(), start=1):
        tekst = [
            f"{doel.get_domein_display()} ({klein(doel.get_soort_display())})",
            doel.omschrijving,
            f"Criterium: {doel.criterium}",
            f"Evaluatie: {doel.evaluatie}",
        ]
        for inzet in doel.inzet.all():
            tekst.append(
                f"Inzet: {inzet.wat} — {inzet.wie}, vanaf {inzet.vanaf:%d-%m-%Y}"
                + (f" t/m {inzet.tot:%d-%m-%Y}" if inzet.tot else "")
                + (f", {getal(inzet.uren_per_week)} uur per week" if inzet.uren_per_week else "")
                + (f", soort: {klein(inzet.get_thema_display())}" if inzet.thema else "")
                + f", betaald door: {inzet.get_bekostiging_display().lower()}"
            )
        regels.append((f"Doel {nummer}", "\n".join(tekst)))
    regels += [
        ("Afwijkingen van het programma", opp.afwijkingen),
        ("Regieafspraken", opp.regieafspraken),
        ("Overbruggingsafspraken", opp.overbrugging),
        ("Evaluatiedatum", opp.evaluatiedatum.strftime("%d-%m-%Y") if opp.evaluatiedatum else ""),
        ("Visie van de leerling", opp.visie_leerling),
        ("Visie van de ouders", opp.visie_ouders),
    ]
    return regels


def verschillen(oud: dict[str, str] | list, nieuw: dict[str, str] | list) -> list[Verschil]:
    """A readable diff per section (sections as from `secties`, or any mapping)."""
    oud, nieuw = dict(oud), dict(nieuw)
    uitkomst = []
    for onderdeel in list(dict.fromkeys([*oud, *nieuw])):
        a, b = oud.get(onderdeel, ""), nieuw.get(onderdeel, "")
        if a == b:
            continue
        regels = [
            regel
            for regel in difflib.unified_diff(a.splitlines(), b.splitlines(), lineterm="", n=0)
            if not regel.startswith(("---", "+++", "@@"))
        ]
        uitkomst.append(Verschil(onderdeel, regels))
    return uitkomst
